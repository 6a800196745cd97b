import Foundation
import Markup

/// Text of an inline SVG plot: the `<svg>` element with its size, a `<title>` (what screen
/// readers and tooltips show), and helpers that write coordinates with one decimal and
/// escape every piece of text. Plots are drawn in pixels, y downwards.
struct SVGCanvas {
    let width: Double
    let height: Double
    private var body = ""

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    mutating func add(_ fragment: String) { body += fragment + "\n" }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, tooltip: String? = nil) {
        let n = Self.number
        let shape = "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, width)))\" height=\"\(n(max(0, height)))\" fill=\"\(fill)\""
        if let tooltip {
            add(shape + "><title>\(MarkupText.escaped(tooltip))</title></rect>")
        } else {
            add(shape + "/>")
        }
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1) {
        let n = Self.number
        add("<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"/>")
    }

    enum Anchor: String { case start, middle, end }

    /// Text at (x, y) (the baseline); `rotated` turns it 90 degrees counterclockwise about that point.
    mutating func text(
        _ content: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 12, weight: String = "normal",
        fill: String = "#222", rotated: Bool = false
    ) {
        let n = Self.number
        let rotation = rotated ? " transform=\"rotate(-90 \(n(x)) \(n(y)))\"" : ""
        add("<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor.rawValue)\" font-size=\"\(n(size))\" font-weight=\"\(weight)\" fill=\"\(fill)\"\(rotation)>\(MarkupText.escaped(content))</text>")
    }

    /// The finished `<svg>` element (inline in HTML, or a standalone file: it names its namespace).
    func rendered(title: String) -> String {
        let n = Self.number
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" "
            + "role=\"img\" aria-label=\"\(MarkupText.escaped(title))\" font-family=\"Helvetica, Arial, sans-serif\">\n"
            + "<title>\(MarkupText.escaped(title))</title>\n" + body + "</svg>\n"
    }
}
