/// A space-group operation on fractional coordinates: `f' = rotation · f + translation`,
/// written in CIF as three expressions in x, y, z such as `-x+1/2, y, -z+3/4` or `x-y,x,z+1/2`.
///
/// The rows of `rotation` are the coefficients of x, y, z in each of the three expressions;
/// `translation` is in fractions of the lattice vectors.
struct SymmetryOperation: Equatable {
    /// `[3 x 3]`; row i gives component i of the image.
    let rotation: [SIMD3<Double>]
    /// Fractional translation, `[3]`.
    let translation: SIMD3<Double>

    static let identity = SymmetryOperation(
        rotation: [SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1)], translation: .zero)

    init(rotation: [SIMD3<Double>], translation: SIMD3<Double>) {
        self.rotation = rotation
        self.translation = translation
    }

    /// The image of a fractional coordinate.
    func apply(_ f: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(dot(rotation[0], f), dot(rotation[1], f), dot(rotation[2], f)) + translation
    }

    /// Parses `x, y, z`-style text. Each component is a sum of terms: an optional sign, an
    /// optional coefficient (integer, decimal or fraction such as `1/2`) and an optional
    /// variable x, y or z (case-insensitive); `2x`, `0.5-x`, `+y-x` and `1/2+z` are accepted.
    /// - Returns: the operation, or a failure saying what is wrong with the text.
    static func parse(_ text: String) -> Result<SymmetryOperation, ParseFailure> {
        let components = text.split(separator: ",", omittingEmptySubsequences: false)
        guard components.count == 3 else {
            return .failure(ParseFailure(reason: "has \(components.count) comma-separated components; expected 3 like 'x, -y, z+1/2'"))
        }
        var rotation: [SIMD3<Double>] = []
        var translation = SIMD3<Double>.zero
        for (axis, component) in components.enumerated() {
            switch parseExpression(component) {
            case let .success((coefficients, constant)):
                rotation.append(coefficients)
                translation[axis] = constant
            case let .failure(failure):
                return .failure(failure)
            }
        }
        return .success(SymmetryOperation(rotation: rotation, translation: translation))
    }

    struct ParseFailure: Error, Equatable {
        let reason: String
    }

    /// One component: returns the coefficients of x, y, z and the constant term.
    private static func parseExpression(_ component: Substring) -> Result<(SIMD3<Double>, Double), ParseFailure> {
        let characters = Array(component.filter { !$0.isWhitespace }.lowercased())
        guard !characters.isEmpty else {
            return .failure(ParseFailure(reason: "has an empty component; expected 3 like 'x, -y, z+1/2'"))
        }
        var coefficients = SIMD3<Double>.zero
        var constant = 0.0
        var index = 0
        while index < characters.count {
            var sign = 1.0
            if characters[index] == "+" || characters[index] == "-" {
                sign = characters[index] == "-" ? -1 : 1
                index += 1
            } else if index > 0 {
                return .failure(ParseFailure(reason: "needs + or - between the terms of '\(trimmingWhitespace(component))'"))
            }
            var number: Double?
            let numberStart = index
            while index < characters.count && (characters[index].isNumber || characters[index] == ".") { index += 1 }
            if index > numberStart {
                guard let numerator = NumberSyntax.decimal(String(characters[numberStart..<index])) else {
                    return .failure(ParseFailure(reason: "has a bad number in '\(trimmingWhitespace(component))'"))
                }
                number = numerator
                if index < characters.count && characters[index] == "/" {
                    index += 1
                    let denominatorStart = index
                    while index < characters.count && (characters[index].isNumber || characters[index] == ".") { index += 1 }
                    guard let denominator = NumberSyntax.decimal(String(characters[denominatorStart..<index])),
                        denominator != 0
                    else {
                        return .failure(ParseFailure(reason: "has a bad fraction in '\(trimmingWhitespace(component))'"))
                    }
                    number = numerator / denominator
                }
                if index < characters.count && characters[index] == "*" { index += 1 }
            }
            if index < characters.count, let axis = "xyz".firstIndex(of: characters[index]) {
                let variable = "xyz".distance(from: "xyz".startIndex, to: axis)
                coefficients[variable] += sign * (number ?? 1)
                index += 1
            } else if let number {
                constant += sign * number
            } else {
                let seen = index < characters.count ? "'\(characters[index])'" : "the end"
                return .failure(ParseFailure(reason: "has \(seen) where a number or x, y, z was expected in '\(trimmingWhitespace(component))'"))
            }
        }
        return .success((coefficients, constant))
    }
}
