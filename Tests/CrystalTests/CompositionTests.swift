import Testing
@testable import Crystal

@Suite("Composition")
struct CompositionTests {
    struct ParseCase: CustomTestStringConvertible, Sendable {
        let formula: String
        let amounts: [String: Double]
        var testDescription: String { formula }
    }

    static let parseCases: [ParseCase] = [
        ParseCase(formula: "Fe2O3", amounts: ["Fe": 2, "O": 3]),
        ParseCase(formula: "Ca(OH)2", amounts: ["Ca": 1, "O": 2, "H": 2]),
        ParseCase(formula: "CuSO4·5H2O", amounts: ["Cu": 1, "S": 1, "O": 9, "H": 10]),
        ParseCase(formula: "CuSO4*5H2O", amounts: ["Cu": 1, "S": 1, "O": 9, "H": 10]),
        ParseCase(formula: "Fe0.7Ni0.3", amounts: ["Fe": 0.7, "Ni": 0.3]),
        ParseCase(formula: "Li7La3Zr2O12", amounts: ["Li": 7, "La": 3, "Zr": 2, "O": 12]),
        ParseCase(formula: "K4[Fe(CN)6]", amounts: ["K": 4, "Fe": 1, "C": 6, "N": 6]),
        ParseCase(formula: "Mg3(PO4)2", amounts: ["Mg": 3, "P": 2, "O": 8]),
        ParseCase(formula: "(NH4)2SO4", amounts: ["N": 2, "H": 8, "S": 1, "O": 4]),
        ParseCase(formula: "CO", amounts: ["C": 1, "O": 1]),
        ParseCase(formula: "Co", amounts: ["Co": 1]),
        ParseCase(formula: "FeFe", amounts: ["Fe": 2]),
        ParseCase(formula: " Na Cl ", amounts: ["Na": 1, "Cl": 1]),
        ParseCase(formula: "((H)2O)3", amounts: ["H": 6, "O": 3]),
    ]

    @Test("parses real-world formulas", arguments: parseCases)
    func parses(_ testCase: ParseCase) throws {
        let composition = try Composition(formula: testCase.formula)
        let observed = Dictionary(uniqueKeysWithValues: composition.amounts.map { ($0.key.symbol, $0.value) })
        #expect(observed.keys.sorted() == testCase.amounts.keys.sorted())
        for (symbol, amount) in testCase.amounts {
            #expect(abs((observed[symbol] ?? .nan) - amount) < 1e-12, "\(symbol): \(observed[symbol] ?? .nan) vs \(amount)")
        }
    }

    struct ErrorCase: CustomTestStringConvertible, Sendable {
        let formula: String
        let message: String
        var testDescription: String { "'\(formula)'" }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(formula: "FE2O3", message: "invalid formula 'FE2O3' at character 2: unknown element symbol 'E': symbols are case-sensitive; did you mean 'Fe' for 'FE'?"),
        ErrorCase(formula: "fe2o3", message: "invalid formula 'fe2o3' at character 1: unknown element symbol 'fe': symbols are case-sensitive; did you mean 'Fe' for 'fe'?"),
        ErrorCase(formula: "Xx2", message: "invalid formula 'Xx2' at character 1: unknown element symbol 'Xx'; expected a symbol of elements 1-103 (H ... Lr) such as Fe or O"),
        ErrorCase(formula: "Ca(OH2", message: "invalid formula 'Ca(OH2' at character 7: missing ')' to close the group"),
        ErrorCase(formula: "CaOH)2", message: "invalid formula 'CaOH)2' at character 5: ')' closes a group that was never opened"),
        ErrorCase(formula: "Fe0O", message: "invalid formula 'Fe0O' at character 3: count '0' must be > 0"),
        ErrorCase(formula: "Fe1.2.3", message: "invalid formula 'Fe1.2.3' at character 3: '1.2.3' is not a number"),
        ErrorCase(formula: "", message: "invalid formula '' at character 1: the formula is empty; give one such as Fe2O3"),
        ErrorCase(formula: "Fe2O3-", message: "invalid formula 'Fe2O3-' at character 6: unexpected character '-'"),
        ErrorCase(formula: "CuSO4·", message: "invalid formula 'CuSO4·' at character 6: nothing follows the '·'"),
        ErrorCase(formula: "()", message: "invalid formula '()' at character 2: empty group"),
    ]

    @Test("malformed formulas name the character and the fix", arguments: errorCases)
    func rejects(_ testCase: ErrorCase) {
        do {
            let composition = try Composition(formula: testCase.formula)
            Issue.record("expected an error, parsed \(composition.amounts)")
        } catch let error as CrystalError {
            #expect(error.description == testCase.message)
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }

    @Test("fractions, weight and reduced formula")
    func derivedQuantities() throws {
        let hematite = try Composition(formula: "Fe4O6")
        #expect(hematite.atomCount == 10)
        #expect(abs(hematite.fractions[try Element(symbol: "Fe")]! - 0.4) < 1e-15)
        #expect(abs(hematite.weight - (4 * 55.845 + 6 * 15.9994)) < 1e-9)
        #expect(hematite.reducedFormula == "Fe2O3")
        #expect(hematite.reducedFormulaAndFactor.factor == 2)
        #expect(try Composition(formula: "O4").reducedFormula == "O2")
        #expect(try Composition(formula: "Li2O2").reducedFormula == "Li2O2")
        #expect(try Composition(formula: "Mg3(PO4)2").reducedFormula == "Mg3(PO4)2")
        #expect(try Composition(formula: "Fe0.7Ni0.3").reducedFormula == "Fe0.7Ni0.3")
    }
}
