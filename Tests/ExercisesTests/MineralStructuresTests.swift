import Crystal
import Foundation
import Testing
import TestSupport
@testable import Exercises

/// robocrys' mineral prototypes, read from the gzip file the course data carries.
struct MineralStructuresTests {
    /// The file holds 180 prototypes; those without partial occupancy become structures, each
    /// a valid crystal with its atoms inside a positive-volume cell.
    @Test func readsTheOrderedMineralsOfTheGzipFile() throws {
        let minerals = try MineralStructures(dataFolder: courseData.dataFolder).ordered()
        #expect(minerals.count > 100 && minerals.count <= 180, "\(minerals.count) ordered minerals")
        for mineral in minerals {
            #expect(mineral.structure.atomCount > 0 && mineral.structure.lattice.volume > 0, "\(mineral.label)")
        }
        #expect(minerals.contains { $0.label.hasPrefix("Halite, Rock Salt") }, "\(minerals.prefix(5).map(\.label))")
        let rocksalt = try #require(minerals.first { $0.label.hasPrefix("Halite, Rock Salt") })
        #expect(Set(rocksalt.structure.species.map(\.symbol)).count == 2)
    }

    @Test func aFileThatIsNotGzipIsAClearError() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-not-gzip-\(UUID().uuidString).json.gz")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("{\"plain\": true}".utf8).write(to: file)
        do {
            _ = try GzipFile.contents(of: file.path)
            Issue.record("plain text read as gzip")
        } catch {
            #expect("\(error)".contains("not a gzip file"), "\(error)")
        }
    }

    /// `source` picks where random structures come from; an unknown one names the choices.
    @Test func theHiddenGeneratorDrawsFromTheChosenSource() throws {
        let week = Week06CrystalGraphs()
        let minerals = try MineralStructures(dataFolder: courseData.dataFolder).ordered()
        let mineralSpecies = Set(minerals.map { Set($0.structure.species.map(\.symbol)) })
        var fromMinerals = 0
        for seed in UInt64(1)...12 {
            let input = try week.input(
                generator: "random-bundled-structure", parametersJSON: #"{"max_atoms": 30, "rattle_angstrom": 0.0, "source": "minerals"}"#,
                seed: seed, data: courseData)
            let species = Set(input.objectValue?["structure"]?.objectValue?["species"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            if mineralSpecies.contains(species) { fromMinerals += 1 }
        }
        #expect(fromMinerals == 12)
        #expect(throws: ExercisesError.self) {
            try week.input(generator: "random-bundled-structure", parametersJSON: #"{"max_atoms": 30, "rattle_angstrom": 0.0, "source": "icsd"}"#,
                           seed: 1, data: courseData)
        }
    }
}
