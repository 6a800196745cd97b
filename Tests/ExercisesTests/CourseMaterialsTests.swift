import Foundation
import MaterialsDB
import Testing
import TestSupport
@testable import Exercises

@Suite("The course materials database's sources")
struct CourseMaterialsTests {
    /// Every data row becomes one entry with a unique id, and each source fills the
    /// properties it knows.
    @Test("one entry per data row, ids unique, properties by source")
    func entriesBySource() throws {
        let entries = try CourseMaterials.entries(dataFolder: courseData.dataFolder)
        #expect(Set(entries.map(\.id)).count == entries.count)
        let bySource = Dictionary(grouping: entries, by: \.source)
        #expect(bySource["matbench mp_e_form"]?.count == 132_752)
        #expect(bySource["matbench mp_gap"]?.count == 106_113)
        #expect(bySource["crabnet mp_e_hull"]?.count == 56_662)
        #expect(bySource["matbench expt_gap"]?.count == 4_604)
        #expect(bySource["pymatgen calc_compounds"]?.count == 423)
        #expect(bySource["pymatgen aflow_prototypes"]?.count == 288)
        #expect(bySource["matbench mp_e_form"]?.allSatisfy { $0.formationEnergyPerAtom != nil && $0.bandGap == nil } == true)
        #expect(bySource["pymatgen aflow_prototypes"]?.allSatisfy { ($0.spaceGroupNumber ?? 0) >= 1 } == true)
        // The cinnabar prototype: HgS in P3_121 (154).
        let cinnabar = try #require(entries.first { $0.id == "aflow-AB_hP6_154_a_b" })
        #expect(cinnabar.reducedFormula == "HgS" && cinnabar.spaceGroupNumber == 154 && cinnabar.siteCount == 6)
        let cell = try #require(entries.first { $0.source == "matbench mp_e_form" && $0.formula == "Li8O4" })
        #expect(cell.reducedFormula == "Li2O" && cell.siteCount == 12 && cell.elements == ["Li", "O"])
    }
}
