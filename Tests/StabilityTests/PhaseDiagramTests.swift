import Crystal
import Stability
import Testing

/// Hand-checkable diagrams and the errors.
@Suite("Phase diagrams: small cases and errors")
struct PhaseDiagramTests {
    static func entry(_ id: String, _ formula: String, _ energy: Double) throws -> PhaseEntry {
        PhaseEntry(id: id, composition: try Composition(formula: formula), energyPerAtom: energy)
    }

    /// A-B with A at -1, B at -2 eV/atom: AB at -2 (formation -0.5) is stable; A3B at -1.3
    /// (formation -0.05) lies above the hull between A and AB (-0.25 at x_B = 1/4), by 0.2,
    /// and decomposes into half A, half AB by atoms.
    @Test func aBinaryByHand() throws {
        let diagram = try PhaseDiagram(entries: [
            Self.entry("A", "Li", -1), Self.entry("B", "Na", -2), Self.entry("AB", "LiNa", -2), Self.entry("A3B", "Li3Na", -1.3),
        ])
        let byID = Dictionary(uniqueKeysWithValues: diagram.results.map { ($0.id, $0) })
        #expect(byID["AB"]!.isStable && abs(byID["AB"]!.formationEnergyPerAtom + 0.5) < 1e-12)
        #expect(!byID["A3B"]!.isStable && abs(byID["A3B"]!.energyAboveHull - 0.2) < 1e-12)
        #expect(byID["A3B"]!.decomposition.map(\.id) == ["A", "AB"])
        #expect(byID["A3B"]!.decomposition.allSatisfy { abs($0.fraction - 0.5) < 1e-12 })
        let (energy, _) = try diagram.hull(at: Composition(formula: "LiNa3"))
        #expect(abs(energy + 0.25) < 1e-12)
    }

    /// A point exactly on a tie line is on the hull (0 above) but not a vertex: not stable,
    /// as pymatgen's qhull-based diagram has it.
    @Test func aPointOnATieLineIsNotStable() throws {
        let diagram = try PhaseDiagram(entries: [
            Self.entry("A", "Li", 0), Self.entry("B", "Na", 0), Self.entry("AB", "LiNa", -1), Self.entry("A3B", "Li3Na", -0.5),
        ])
        let onLine = diagram.results.first { $0.id == "A3B" }!
        #expect(!onLine.isStable && abs(onLine.energyAboveHull) < 1e-12)
    }

    @Test func errorsNameTheEntryAndTheFix() throws {
        #expect(throws: StabilityError.missingElementalReference(element: "O", usedBy: "entry x (Li2O)")) {
            try PhaseDiagram(entries: [Self.entry("Li", "Li", -1.9), Self.entry("x", "Li2O", -4)])
        }
        #expect(throws: StabilityError.duplicateID("a")) {
            try PhaseDiagram(entries: [Self.entry("a", "Li", -1.9), Self.entry("a", "Li", -1)])
        }
        #expect(throws: StabilityError.nonFiniteEnergy(id: "a", value: .infinity)) {
            try PhaseDiagram(entries: [Self.entry("a", "Li", .infinity)])
        }
        #expect(throws: StabilityError.noEntries) { try PhaseDiagram(entries: []) }
        let description = StabilityError.missingElementalReference(element: "O", usedBy: "entry x (Li2O)").description
        #expect(description.contains("add an elemental reference entry for O"))
    }
}
