import Foundation

/// Strict parsing and exact printing of the numbers in structure files.
///
/// Swift's `Double(String)` also accepts `inf`, `nan` and hexadecimal floats; a structure file
/// never means those, so the parsers here take only decimal notation
/// (`-1.25`, `.5`, `3`, `6.02e23`) and reject everything else.
enum NumberSyntax {
    /// A finite decimal number, or nil.
    static func decimal<S: StringProtocol>(_ token: S) -> Double? {
        var sawDigit = false
        for scalar in token.unicodeScalars {
            switch scalar {
            case "0"..."9": sawDigit = true
            case "+", "-", ".", "e", "E": continue
            default: return nil
            }
        }
        guard sawDigit, let value = Double(String(token)), value.isFinite else { return nil }
        return value
    }

    /// A CIF number: a decimal with an optional standard uncertainty in parentheses after it,
    /// which is dropped (`5.4307(2)` -> 5.4307, `0.25(3` -> 0.25 as pymatgen's `str2float`).
    static func cifNumber<S: StringProtocol>(_ token: S) -> Double? {
        guard let open = token.firstIndex(of: "(") else { return decimal(token) }
        var uncertainty = token[token.index(after: open)...]
        if uncertainty.last == ")" { uncertainty = uncertainty.dropLast() }
        guard uncertainty.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return decimal(token[..<open])
    }

    /// A non-negative decimal integer without sign or exponent, or nil (also on overflow).
    static func count<S: StringProtocol>(_ token: S) -> Int? {
        guard !token.isEmpty, token.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(String(token))
    }

    /// `value` with 16 digits after the point: exact to about 1e-16 for the magnitudes of
    /// fractional coordinates and cell vectors, so a write-read round trip keeps 1e-10.
    static func fixed(_ value: Double) -> String {
        String(format: "%.16f", value == 0 ? 0 : value)
    }
}
