import Crystal

/// Element colors for drawings: CPK-like (the Jmol convention's familiar hues) for common
/// elements, one color per family for the rest. Fixed, so a drawing never changes between
/// runs.
enum ElementPalette {
    private static let explicit: [Int: String] = [
        1: "#FFFFFF", 2: "#D9FFFF", 3: "#CC80FF", 4: "#C2FF00", 5: "#FFB5B5", 6: "#909090",
        7: "#3050F8", 8: "#FF0D0D", 9: "#90E050", 11: "#AB5CF2", 12: "#8AFF00", 13: "#BFA6A6",
        14: "#F0C8A0", 15: "#FF8000", 16: "#FFFF30", 17: "#1FF01F", 19: "#8F40D4", 20: "#3DFF00",
        22: "#BFC2C7", 23: "#A6A6AB", 25: "#9C7AC7", 26: "#E06633", 27: "#F090A0", 28: "#50D050",
        29: "#C88033", 30: "#7D80B0", 32: "#668F8F", 35: "#A62929", 38: "#00FF00", 47: "#C0C0C0",
        50: "#668080", 53: "#940094", 56: "#00C900", 79: "#FFD123", 82: "#575961", 83: "#9E4FB5",
    ]

    /// Fill color of `element`, `#RRGGBB`.
    static func color(of element: Element) -> String {
        if let color = explicit[element.atomicNumber] { return color }
        if element.isRareEarthOrActinide { return "#70D4FF" }
        switch element.group {
        case 1: return "#AB5CF2"
        case 2: return "#3DFF00"
        case 3...12: return "#D9A6C9"
        case 17: return "#1FF01F"
        case 18: return "#80D1E3"
        default: return "#A6A6AB"
        }
    }

    /// Black or white, whichever reads better on `fill` (`#RRGGBB`), by relative luminance.
    static func textColor(on fill: String) -> String {
        let digits = Array(fill.dropFirst())
        guard digits.count == 6 else { return "#000000" }
        func channel(_ offset: Int) -> Double {
            Double(Int(String(digits[offset..<(offset + 2)]), radix: 16) ?? 0) / 255
        }
        let luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
        return luminance < 0.4 ? "#FFFFFF" : "#000000"
    }
}
