import Crystal
import Foundation
import Stability
import Testing
import TestSupport

/// Every entry of every system in Tests/Fixtures/stability/pymatgen_hulls.json (made by
/// scripts/fixtures/hull_pymatgen.py from pymatgen's PhaseDiagram): formation energy, energy
/// above hull, stability and decomposition.
@Suite("Phase diagrams against pymatgen")
struct PhaseDiagramFixtureTests {
    struct Fixture: Decodable {
        struct System: Decodable {
            let name: String
            let entries: [Entry]
        }
        struct Entry: Decodable {
            let id: String
            let formula: String
            let energy_per_atom: Double
            let formation_energy_per_atom: Double
            let e_above_hull: Double
            let stable: Bool
            let decomposition: [String: Double]
        }
        let systems: [System]
    }

    static let fixture: Fixture = {
        let url = RepositoryPaths.fixtures.appendingPathComponent("stability/pymatgen_hulls.json")
        // A missing or broken fixture is a setup error worth crashing the suite on.
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    static var systemNames: [String] { fixture.systems.map(\.name) }

    /// Energies agree to 1e-9 eV/atom (pymatgen's hull is qhull's, ours a linear program:
    /// both exact up to rounding); fractions to 1e-9.
    @Test(arguments: systemNames)
    func everyEntryAgrees(_ name: String) throws {
        let system = try #require(Self.fixture.systems.first { $0.name == name })
        let entries = try system.entries.map { PhaseEntry(id: $0.id, composition: try Composition(formula: $0.formula), energyPerAtom: $0.energy_per_atom) }
        let diagram = try PhaseDiagram(entries: entries)
        for (expected, result) in zip(system.entries, diagram.results) {
            #expect(abs(result.formationEnergyPerAtom - expected.formation_energy_per_atom) < 1e-9, "\(name) \(expected.id) formation")
            #expect(abs(result.energyAboveHull - expected.e_above_hull) < 1e-9,
                    "\(name) \(expected.id) e_above_hull \(result.energyAboveHull) vs \(expected.e_above_hull)")
            #expect(result.isStable == expected.stable, "\(name) \(expected.id) stable")
            let observed = Dictionary(uniqueKeysWithValues: result.decomposition.map { ($0.id, $0.fraction) })
            #expect(Set(observed.keys) == Set(expected.decomposition.keys), "\(name) \(expected.id) decomposition \(observed) vs \(expected.decomposition)")
            for (id, fraction) in expected.decomposition {
                #expect(abs((observed[id] ?? -1) - fraction) < 1e-9, "\(name) \(expected.id) fraction of \(id)")
            }
        }
    }
}
