import Foundation

/// How numbers appear in explanations: differences and tolerances short (`3.2e-2`, `1e-4`),
/// values with enough digits to tell them apart, integers without `.0`.
public enum NumberFormat {
    /// `x` rounded to `significantDigits`: integers as integers (`12`), `0.1 <= |x| < 1e5`
    /// in fixed notation without trailing zeros (`2.417`), anything else in scientific notation
    /// with a bare exponent (`3.2e-2`, `1e-4`, `6.02e23`). `NaN`, `inf`, `-inf`.
    public static func compact(_ x: Double, significantDigits: Int = 3) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        if x.rounded() == x && magnitude < 1e15 && (magnitude < 1e5 || significantDigits > 6) {
            return String(Int64(x))
        }
        if magnitude >= 0.1 && magnitude < 1e5 {
            let decimals = max(0, significantDigits - 1 - Int(log10(magnitude).rounded(.down)))
            return trimmingZeros(String(format: "%.\(decimals)f", x))
        }
        let scientific = String(format: "%.\(max(0, significantDigits - 1))e", x)
        guard let e = scientific.firstIndex(of: "e"), let exponent = Int(scientific[scientific.index(after: e)...]) else {
            return scientific
        }
        return trimmingZeros(String(scientific[..<e])) + "e\(exponent)"
    }

    /// A value as read or computed: up to 7 significant digits (`2.417223`, `1.5e-7`).
    public static func value(_ x: Double) -> String {
        compact(x, significantDigits: 7)
    }

    /// The shortest text that reads back as exactly `x` (`5`, `0.1`, `1e-5`, `NaN`): for
    /// values a student or instructor wrote.
    public static func exact(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x.rounded() == x && abs(x) < 1e15 { return String(Int64(x)) }
        let text = "\(x)"
        guard let e = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: e)...]) else { return text }
        return String(text[..<e]) + "e\(exponent)"
    }

    /// `[3, 4]`, or `scalar` for shape `[]`.
    public static func shape(_ shape: [Int]) -> String {
        shape.isEmpty ? "scalar" : "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }

    /// `[4,17]`: an element index as explanations write it.
    public static func index(_ index: [Int]) -> String {
        "[" + index.map(String.init).joined(separator: ",") + "]"
    }

    /// `[0, 5, 1, 2.417]`: a row of values.
    public static func row<C: Collection>(_ row: C) -> String where C.Element == Double {
        "[" + row.map(value).joined(separator: ", ") + "]"
    }

    private static func trimmingZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var trimmed = Substring(text)
        while trimmed.last == "0" { trimmed = trimmed.dropLast() }
        if trimmed.last == "." { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}
