import Crystal
import Foundation
import JSONSupport
import Testing
import TestSupport
@testable import Exercises

/// Week 5's generator: the cases of exercise.toml, read against the data file and the Magpie
/// tables as they lie in exercises/data (not through the code under test).
@Suite("Week 5 inputs")
struct Week05InputTests {
    static let dataFolder = CourseData(dataFolder: RepositoryPaths.exercisesData)
    static let dataFile = RepositoryPaths.exercisesData.appendingPathComponent("crabnet-2.0.8/matbench/expt_gap.csv")

    /// The public cases of exercise.toml and a hidden-size case.
    static let cases: [(name: String, params: String, seed: UInt64, train: Int, heldout: Int)] = [
        ("small-split", #"{"train_size": 40, "heldout_size": 15, "alpha": 1.0, "folds": 5}"#, 1, 40, 15),
        ("strong-penalty", #"{"train_size": 60, "heldout_size": 20, "alpha": 10.0, "folds": 4}"#, 2, 60, 20),
        ("larger-split", #"{"train_size": 200, "heldout_size": 60, "alpha": 1.0, "folds": 5}"#, 0xDEAD_BEEF, 200, 60),
    ]

    static func input(params: String, seed: UInt64) throws -> JSONValue {
        try Week05Descriptors().input(generator: "expt-gap-split", parametersJSON: params, seed: seed, data: dataFolder)
    }

    /// `formula -> band gap` straight from the CSV file.
    static func bandGapsFromFile() throws -> [String: Double] {
        let lines = try String(contentsOf: dataFile, encoding: .utf8).split(separator: "\n").dropFirst()
        var gaps: [String: Double] = [:]
        for line in lines {
            let fields = line.split(separator: ",")
            gaps[String(fields[0])] = Double(fields[1])
        }
        return gaps
    }

    @Test("the embedded data set is the file in exercises/data, byte for byte")
    func embeddedCopyMatchesFile() throws {
        let file = try String(contentsOf: Self.dataFile, encoding: .utf8)
        #expect(EmbeddedBandGaps.exptGapCSV + "\n" == file, "run python3 scripts/data/make_band_gap_data.py")
        #expect(try Week05BandGaps.embedded().entries.count == 4604)
    }

    @Test("same seed, same input; another seed, other formulas", arguments: cases.map(\.name))
    func deterministic(name: String) throws {
        let testCase = try #require(Self.cases.first { $0.name == name })
        let first = try Self.input(params: testCase.params, seed: testCase.seed)
        let again = try Self.input(params: testCase.params, seed: testCase.seed)
        #expect(first == again)
        let other = try Self.input(params: testCase.params, seed: testCase.seed + 1)
        #expect(first.objectValue?["train_formulas"] != other.objectValue?["train_formulas"])
    }

    @Test("splits: sizes, disjoint, drawn from the data set with their true band gaps; no held-out label in the input",
          arguments: cases.map(\.name))
    func splits(name: String) throws {
        let testCase = try #require(Self.cases.first { $0.name == name })
        let input = try Self.input(params: testCase.params, seed: testCase.seed)
        let fields = try #require(input.objectValue)
        #expect(Set(fields.keys) == [
            "dataset", "train_formulas", "train_compositions", "train_targets", "heldout_formulas", "heldout_compositions",
            "alpha", "folds", "element_properties", "elements", "feature_labels",
        ], "an unexpected field could carry the held-out labels")
        let train = strings(fields["train_formulas"])
        let heldout = strings(fields["heldout_formulas"])
        let targets = numbers(fields["train_targets"])
        #expect(train.count == testCase.train && Set(train).count == testCase.train)
        #expect(heldout.count == testCase.heldout && Set(heldout).count == testCase.heldout)
        #expect(Set(train).isDisjoint(with: heldout), "a formula in both splits")
        let gaps = try Self.bandGapsFromFile()
        #expect(targets == train.map { gaps[$0] ?? .nan }, "training targets must be the data set's band gaps")
        #expect(heldout.allSatisfy { gaps[$0] != nil }, "held-out formulas must come from the data set")
        // The compositions are the formulas parsed.
        let compositions = try #require(fields["heldout_compositions"]?.arrayValue)
        for (formula, document) in zip(heldout, compositions) {
            let parsed = try Composition(formula: formula)
            let amounts = try #require(document.objectValue)
            #expect(Set(amounts.keys) == Set(parsed.elements.map(\.symbol)), "\(formula)")
            for element in parsed.elements { #expect(amounts[element.symbol]?.numberValue == parsed[element], "\(formula)") }
        }
    }

    @Test("elements: every element of the case, with Magpie's table values (missing ones: the table's mean over Z 1-118)")
    func elementTable() throws {
        let input = try Self.input(params: Self.cases[2].params, seed: Self.cases[2].seed)
        let fields = try #require(input.objectValue)
        let properties = strings(fields["element_properties"])
        #expect(properties.count == 22 && properties.first == "Number" && properties.last == "SpaceGroupNumber")
        #expect(fields["feature_labels"]?.arrayValue?.count == 132)
        let elements = try #require(fields["elements"]?.objectValue)
        for (index, property) in properties.enumerated() {
            let tableFile = RepositoryPaths.exercisesData.appendingPathComponent("matminer-0.10.1/magpie_elementdata/\(property).table")
            let lines = try String(contentsOf: tableFile, encoding: .utf8).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            let known = lines.prefix(118).compactMap(Double.init)
            let tableMean = known.reduce(0, +) / Double(known.count)
            for (symbol, values) in elements {
                let element = try Element(symbol: symbol)
                let given = try #require(values.arrayValue?[index].numberValue, "\(symbol) \(property)")
                let line = element.atomicNumber - 1 < lines.count ? lines[element.atomicNumber - 1] : "Missing"
                if let value = Double(line) {
                    #expect(given == value, "\(symbol) \(property): \(given), table \(value)")
                } else {
                    #expect(abs(given - tableMean) <= 1e-12 * abs(tableMean), "\(symbol) \(property): \(given), table mean \(tableMean)")
                }
            }
        }
        let symbols = Set(try ["train_compositions", "heldout_compositions"].flatMap { name in
            try #require(fields[name]?.arrayValue).flatMap { $0.objectValue?.keys.map { $0 } ?? [] }
        })
        #expect(Set(elements.keys) == symbols)
    }

    @Test("bad parameters name the parameter, the value and the fix")
    func badParameters() {
        let cases: [(params: String, says: String)] = [
            (#"{"train_size": 40, "heldout_size": 15, "alpha": 1.0}"#, "'folds' (got nothing)"),
            (#"{"train_size": 40, "heldout_size": 15, "alpha": 1.0, "folds": 5, "shuffle": true}"#, "'shuffle'"),
            (#"{"train_size": 10, "heldout_size": 5, "alpha": 1.0, "folds": 20}"#, "at most train_size (10)"),
            (#"{"train_size": 40, "heldout_size": 15, "alpha": -1, "folds": 5}"#, "'alpha' (got -1"),
        ]
        for (params, says) in cases {
            #expect {
                _ = try Self.input(params: params, seed: 1)
            } throws: { error in
                "\(error)".contains(says)
            }
        }
        #expect(throws: ExercisesError.self) {
            _ = try Week05Descriptors().input(generator: "random", parametersJSON: "{}", seed: 1, data: Self.dataFolder)
        }
    }
}

/// The strings of a JSON array (empty when it is not one), for expectations on their count.
func strings(_ value: JSONValue?) -> [String] { value?.arrayValue?.compactMap(\.stringValue) ?? [] }
/// The numbers of a JSON array (empty when it is not one).
func numbers(_ value: JSONValue?) -> [Double] { value?.arrayValue?.compactMap(\.numberValue) ?? [] }
