import Foundation
import Markup

/// Text building for SVG documents: coordinates with two decimals, XML escaping.
struct SVGText {
    private(set) var text = ""

    mutating func line(_ fragment: String) { text += fragment + "\n" }

    func number(_ value: Double) -> String { String(format: "%.2f", value) }

    func point(_ p: SIMD2<Double>) -> String { "\(number(p.x)),\(number(p.y))" }

    mutating func segment(_ from: SIMD2<Double>, _ to: SIMD2<Double>) {
        line("<line x1=\"\(number(from.x))\" y1=\"\(number(from.y))\" x2=\"\(number(to.x))\" y2=\"\(number(to.y))\"/>")
    }

    /// `text` escaped for SVG content and attributes (``MarkupText/escaped(_:lineBreaks:)``,
    /// shared with the reports): the five XML special characters as entities, control
    /// characters that XML 1.0 forbids as U+FFFD.
    static func escaped(_ text: String) -> String { MarkupText.escaped(text) }
}
