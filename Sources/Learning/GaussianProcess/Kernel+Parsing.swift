/// matgrade's kernel grammar (what `matgrade compute gp --kernel` reads):
///
/// ```
/// sum     := product ('+' product)*
/// product := factor ('*' factor)*
/// factor  := '(' sum ')' | 'constant' '(' number ')' | 'rbf' '(' scales ')'
///          | 'matern' '(' scales ',' nu ')' | 'white' '(' number ')'
/// scales  := number | '[' number (',' number)* ']'
/// nu      := 0.5 | 1.5 | 2.5
/// ```
///
/// `*` binds tighter than `+`; both associate to the left, as Python's operators on
/// scikit-learn kernels do, so `constant(1.0)*rbf(1.5)+white(0.01)` is
/// `C(1.0) * RBF(1.5) + WhiteKernel(0.01)`. Blanks are ignored; names are lower case.
extension Kernel {
    /// Parses `text`; the hyperparameter values are checked later, against the data
    /// (``validate(featureCount:context:)``).
    /// - Throws: ``LearningError/kernelSyntax(text:position:expected:found:)`` naming the
    ///   1-based position, what was expected there and what was found.
    public init(parsing text: String) throws(LearningError) {
        var parser = KernelParser(text: text)
        let kernel = try parser.sum()
        try parser.expectEnd()
        self = kernel
    }
}

private struct KernelParser {
    let text: String
    let characters: [Character]
    var position = 0

    init(text: String) {
        self.text = text
        characters = Array(text)
    }

    mutating func skipBlanks() {
        while position < characters.count, characters[position].isWhitespace { position += 1 }
    }

    func failure(_ expected: String) -> LearningError {
        let found = position < characters.count ? "'\(characters[position])'" : "the end of the text"
        return .kernelSyntax(text: text, position: position + 1, expected: expected, found: found)
    }

    mutating func peek() -> Character? {
        skipBlanks()
        return position < characters.count ? characters[position] : nil
    }

    mutating func expect(_ symbol: Character) throws(LearningError) {
        guard peek() == symbol else { throw failure("'\(symbol)'") }
        position += 1
    }

    mutating func expectEnd() throws(LearningError) {
        guard peek() == nil else { throw failure("'+', '*' or the end of the kernel") }
    }

    mutating func sum() throws(LearningError) -> Kernel {
        var kernel = try product()
        while peek() == "+" {
            position += 1
            kernel = .sum(kernel, try product())
        }
        return kernel
    }

    mutating func product() throws(LearningError) -> Kernel {
        var kernel = try factor()
        while peek() == "*" {
            position += 1
            kernel = .product(kernel, try factor())
        }
        return kernel
    }

    mutating func factor() throws(LearningError) -> Kernel {
        let expected = "a kernel: constant(...), rbf(...), matern(...), white(...) or '('"
        if peek() == "(" {
            position += 1
            let inner = try sum()
            try expect(")")
            return inner
        }
        let start = position
        while position < characters.count, characters[position].isLetter { position += 1 }
        let name = String(characters[start..<position])
        switch name {
        case "constant":
            try expect("(")
            let value = try number()
            try expect(")")
            return .constant(value)
        case "rbf":
            try expect("(")
            let scales = try lengthScales()
            try expect(")")
            return .rbf(lengthScales: scales)
        case "matern":
            try expect("(")
            let scales = try lengthScales()
            try expect(",")
            skipBlanks()
            let nuStart = position
            let value = try number()
            guard let nu = MaternSmoothness(rawValue: value) else {
                position = nuStart
                throw failure("Matérn's nu: 0.5, 1.5 or 2.5")
            }
            try expect(")")
            return .matern(lengthScales: scales, smoothness: nu)
        case "white":
            try expect("(")
            let value = try number()
            try expect(")")
            return .white(noiseLevel: value)
        default:
            position = start
            throw failure(expected)
        }
    }

    mutating func lengthScales() throws(LearningError) -> [Double] {
        guard peek() == "[" else { return [try number()] }
        position += 1
        var values = [try number()]
        while peek() == "," {
            position += 1
            values.append(try number())
        }
        try expect("]")
        return values
    }

    mutating func number() throws(LearningError) -> Double {
        skipBlanks()
        let start = position
        while position < characters.count, characters[position].isNumber || "+-.eE".contains(characters[position]) {
            // A sign only at the start or after an exponent marker.
            if "+-".contains(characters[position]), position > start, !"eE".contains(characters[position - 1]) { break }
            position += 1
        }
        guard position > start, let value = Double(String(characters[start..<position])) else {
            position = start
            throw failure("a number")
        }
        return value
    }
}
