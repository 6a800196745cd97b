import Foundation

/// Text building for SVG documents: coordinates with two decimals, XML escaping.
struct SVGText {
    private(set) var text = ""

    mutating func line(_ fragment: String) { text += fragment + "\n" }

    func number(_ value: Double) -> String { String(format: "%.2f", value) }

    func point(_ p: SIMD2<Double>) -> String { "\(number(p.x)),\(number(p.y))" }

    mutating func segment(_ from: SIMD2<Double>, _ to: SIMD2<Double>) {
        line("<line x1=\"\(number(from.x))\" y1=\"\(number(from.y))\" x2=\"\(number(to.x))\" y2=\"\(number(to.y))\"/>")
    }

    /// `text` with the five XML special characters escaped, safe in content and attributes;
    /// control characters that XML 1.0 forbids become U+FFFD.
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value):
                result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
