import Foundation
import Testing
import TestSupport
@testable import Crystal

@Suite("Element table")
struct ElementTableTests {
    @Test("the embedded data equals exercises/data (rerun scripts/data/make_element_data.py if not)")
    func embeddedDataMatchesFiles() throws {
        let elements = try String(contentsOf: RepositoryPaths.exercisesData.appendingPathComponent("elements.json"), encoding: .utf8)
        #expect(EmbeddedElementData.elementsJSON == elements)
        let magpie = RepositoryPaths.exercisesData.appendingPathComponent("matminer-0.10.1/magpie_elementdata")
        let files = try FileManager.default.contentsOfDirectory(atPath: magpie.path).filter { $0.hasSuffix(".table") }
        #expect(files.count == EmbeddedElementData.magpieTables.count)
        for file in files {
            let text = try String(contentsOf: magpie.appendingPathComponent(file), encoding: .utf8)
                .replacingOccurrences(of: "\r\n", with: "\n")
            let name = String(file.dropLast(".table".count))
            #expect(EmbeddedElementData.magpieTables[name] == text, "Magpie table \(name) differs from its file")
        }
    }

    @Test("elements 1-103 decode in order with pymatgen's values")
    func decodesAllElements() throws {
        #expect(ElementTable.properties.count == 103)
        let iron = try Element(symbol: "Fe")
        #expect(iron.atomicNumber == 26)
        #expect(iron.name == "Iron")
        #expect(iron.atomicMass == 55.845)
        #expect(iron.electronegativity == 1.83)
        #expect(iron.properties.commonOxidationStates == [2, 3])
        #expect(iron.properties.ionicRadii[3] == 0.785)
        #expect(try Element(symbol: "He").electronegativity == nil)
        #expect(try Element(atomicNumber: 103).symbol == "Lr")
    }

    /// Row and group are computed from Z; Magpie's Row and Column tables are an independent
    /// record of the same facts (rare earths and actinides in column 3).
    @Test("row and group agree with Magpie's Row and Column tables for every element")
    func rowAndGroupMatchMagpie() throws {
        let rows = try MagpieElementData.scalarTable(named: "Row")
        let columns = try MagpieElementData.scalarTable(named: "Column")
        for element in Element.all {
            let z = element.atomicNumber
            if let row = rows[z - 1] { #expect(Double(element.row) == row, "row of \(element)") }
            if let column = columns[z - 1] { #expect(Double(element.group) == column, "group of \(element)") }
        }
    }

    @Test("Magpie tables: missing values, multi-valued lines, unknown names")
    func magpieTables() throws {
        let electronegativity = try MagpieElementData.scalarTable(named: "Electronegativity")
        #expect(electronegativity.count == 103)
        #expect(electronegativity[7] == 3.44)  // O
        let oxidation = try MagpieElementData.table(named: "OxidationStates")
        #expect(oxidation[25] == [2, 3])  // Fe
        #expect(oxidation[1] == [])  // He: an empty line, no states
        #expect(throws: CrystalError.self) { try MagpieElementData.table(named: "NoSuchTable") }
    }

    @Test("symbols are case-sensitive and wrong case gets a suggestion",
          arguments: [("FE", "Fe"), ("fe", "Fe"), ("cl", "Cl"), ("Xx", nil)] as [(String, String?)])
    func symbolErrors(symbol: String, suggestion: String?) {
        #expect(throws: CrystalError.unknownElement(symbol: symbol, suggestion: suggestion)) { try Element(symbol: symbol) }
    }
}
