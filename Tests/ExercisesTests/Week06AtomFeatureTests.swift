import Crystal
import Descriptors
import Foundation
import JSONSupport
import Testing
@testable import Exercises

@Suite("Week 6 atom features from the input alone")
struct Week06AtomFeatureTests {
    /// The README's rules ("Atom features"), applied to an input document's `elements` and
    /// `atom_feature_blocks` exactly as a student's program would.
    static func studentFeatures(symbol: String, input: JSONValue) throws -> [Double] {
        let fields = try #require(input.objectValue)
        let blocks = try #require(fields["atom_feature_blocks"]?.arrayValue)
        let properties = try #require(fields["elements"]?.objectValue?[symbol]?.objectValue)
        let length = blocks.reduce(0) { $0 + ($1.objectValue?["count"]?.integerValue ?? 0) }
        var row = [Double](repeating: 0, count: length)
        for block in blocks {
            let b = try #require(block.objectValue)
            let first = try #require(b["first"]?.integerValue), count = try #require(b["count"]?.integerValue)
            let property = try #require(b["property"]?.stringValue)
            guard let value = properties[property]?.numberValue else { continue }
            let entry: Double
            switch b["kind"]?.stringValue {
            case "category":
                entry = value - (try #require(b["lowest"]?.numberValue))
            case "linear", "log":
                let lower = try #require(b["lower"]?.numberValue), upper = try #require(b["upper"]?.numberValue)
                let x = b["kind"]?.stringValue == "log" ? log(value) : value
                entry = ((x - lower) / ((upper - lower) / Double(count))).rounded(.down)
            default:
                Issue.record("unknown kind in \(block)")
                continue
            }
            row[first + Int(max(0, min(Double(count - 1), entry)))] = 1
        }
        return row
    }

    @Test("the README's rules on elements and atom_feature_blocks reproduce CGCNNAtomFeatures for Z = 1...103")
    func roundTrip() throws {
        let reference = CGCNNAtomFeatures(layout: .atomInit)
        for element in Element.all {
            let input = Week06CrystalGraphs.inputDocument(for: try Structure(
                lattice: Lattice(a: 4, b: 4, c: 4, alpha: 90, beta: 90, gamma: 90), species: [element], fractionalCoordinates: [.zero]))
            // Through JSON text, as the student reads it.
            let reread = try JSONValue(parsing: input.description)
            let observed = try Self.studentFeatures(symbol: element.symbol, input: reread)
            let expected = reference.features(of: element)
            #expect(observed == expected, "\(element.symbol): entries \(observed.indices.filter { observed[$0] != expected[$0] })")
        }
    }

    @Test("the blocks tile the 92 entries in order")
    func blocksAreContiguous() throws {
        let blocks = try #require(Week06AtomFeatureTable.blocksJSON.arrayValue).compactMap(\.objectValue)
        var next = 0
        for block in blocks {
            #expect(block["first"]?.integerValue == next)
            next += block["count"]?.integerValue ?? 0
        }
        #expect(next == 92)
        #expect(blocks.count == 9)
    }
}
