import Crystal
import Descriptors
import Foundation
import JSONSupport
import LinearAlgebra

/// Week 7, part two: SOAP similarity between a small set of crystals.
///
/// Input fields (added by ``Week07SOAPSimilarity/input(generator:parametersJSON:seed:data:)``):
/// `soap_structures` (structure documents), `soap_names`, `soap_species` (element symbols by
/// atomic number, DScribe's order), `soap_r_cut`, `soap_n_max`, `soap_l_max`, `soap_sigma`
/// (Angstrom), `soap_rbf` ("gto" or "polynomial").
///
/// Reference output (``SOAPDescriptor`` with `average = "outer"`, periodic, and ``SOAPSimilarity``):
/// - `soap_vectors`: `[structureCount x features]` in DScribe's layout;
/// - `soap_similarity`: the normalised linear kernel, `[structureCount x structureCount]`;
/// - `soap_ranking`: every pair `"i-j"` (i < j) from most to least similar (ties by smaller
///   i, then smaller j), graded by `rank` (the rank comparator takes one flat list).
enum Week07SOAP {
    static let defaultRadius = 4.0, defaultNMax = 3, defaultLMax = 2, defaultSigma = 0.5
    /// Bundled crystals of at most 12 sites that random cases draw from.
    static let pool = ["Si", "Sn", "SiO2", "TiO2", "VO2", "Li2O", "Li2O2", "K2O2", "CsCl", "SrTiO3"]
    static let parameterNames = ["soap_structures", "soap_r_cut", "soap_n_max", "soap_l_max", "soap_sigma", "soap_rbf"]

    /// The SOAP input fields for `parameters` (names given as a comma-separated
    /// `soap_structures`, else four drawn from ``pool`` with `random`).
    static func inputFields(
        _ parameters: CaseParameters, bundle: BundledStructures, random: inout SplitMix64
    ) throws -> [String: JSONValue] {
        let names: [String]
        if parameters.has("soap_structures") {
            names = try parameters.string("soap_structures", example: "\"Si,SiO2,TiO2\"")
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard names.count >= 2, Set(names).count == names.count else {
                throw ExercisesError.badParameter(
                    name: "soap_structures", value: "\"\(names.joined(separator: ","))\"",
                    fix: "name at least two different bundled structures, comma-separated, e.g. \"Si,SiO2,TiO2\"")
            }
        } else {
            names = Array(random.permutation(of: pool.count).prefix(4).map { pool[$0] })
        }
        let structures = try names.map { try bundle.structure(named: $0, parameter: "soap_structures").wrapped() }
        let rbfName = parameters.has("soap_rbf") ? try parameters.string("soap_rbf", example: "\"gto\"") : "gto"
        guard SOAPRadialBasis(rawValue: rbfName) != nil else {
            throw ExercisesError.badParameter(name: "soap_rbf", value: "\"\(rbfName)\"", fix: "use \"gto\" or \"polynomial\"")
        }
        let species = Array(Set(structures.flatMap(\.species))).sorted()
        return [
            "soap_names": .array(names.map { .string($0) }),
            "soap_structures": .array(structures.map(StructureDocument.json)),
            "soap_species": .array(species.map { .string($0.symbol) }),
            "soap_r_cut": .number(parameters.has("soap_r_cut")
                ? try parameters.number("soap_r_cut", in: 1.5...8, unit: "Angstrom") : defaultRadius),
            "soap_n_max": .number(Double(parameters.has("soap_n_max") ? try parameters.integer("soap_n_max", in: 1...8) : defaultNMax)),
            "soap_l_max": .number(Double(parameters.has("soap_l_max") ? try parameters.integer("soap_l_max", in: 0...8) : defaultLMax)),
            "soap_sigma": .number(parameters.has("soap_sigma")
                ? try parameters.number("soap_sigma", in: 0.1...2, unit: "Angstrom") : defaultSigma),
            "soap_rbf": .string(rbfName),
        ]
    }

    /// The structures of an input's `soap_structures`.
    static func structures(in input: JSONValue) throws -> [Structure] {
        guard let documents = input.objectValue?["soap_structures"]?.arrayValue, documents.count >= 2 else {
            throw ExercisesError.badInput(field: "soap_structures", reason: "must be a list of at least two structures")
        }
        return try documents.map { try StructureDocument.structure(in: .object(["structure": $0])) }
    }

    static func descriptor(for input: JSONValue) throws -> SOAPDescriptor {
        let fields = input.objectValue ?? [:]
        func number(_ name: String) throws -> Double {
            guard let value = fields[name]?.numberValue, value.isFinite else {
                throw ExercisesError.badInput(field: name, reason: "must be a number (got \(fields[name]?.abbreviated() ?? "nothing"))")
            }
            return value
        }
        guard let symbols = fields["soap_species"]?.arrayValue?.compactMap(\.stringValue), !symbols.isEmpty else {
            throw ExercisesError.badInput(field: "soap_species", reason: "must be a non-empty list of element symbols")
        }
        guard let rbf = fields["soap_rbf"]?.stringValue.flatMap(SOAPRadialBasis.init(rawValue:)) else {
            throw ExercisesError.badInput(field: "soap_rbf", reason: "must be \"gto\" or \"polynomial\" (got \(fields["soap_rbf"]?.abbreviated() ?? "nothing"))")
        }
        do {
            return try SOAPDescriptor(
                species: try symbols.map { try Element(symbol: $0) }, cutoffRadius: try number("soap_r_cut"),
                nMax: Int(try number("soap_n_max")), lMax: Int(try number("soap_l_max")), sigma: try number("soap_sigma"),
                radialBasis: rbf, periodic: true, averaging: .outer)
        } catch let error as ExercisesError {
            throw error
        } catch {
            throw ExercisesError.badInput(field: "soap parameters", reason: "\(error)")
        }
    }

    static func referenceFields(for input: JSONValue) throws -> [String: JSONValue] {
        let descriptor = try descriptor(for: input)
        let structures = try structures(in: input)
        var rows: [[Double]] = []
        do {
            for structure in structures {
                let spectra = try descriptor.spectra(of: structure)
                rows.append((0..<spectra.columnCount).map { spectra[0, $0] })
            }
        } catch {
            throw ExercisesError.badInput(field: "soap_structures", reason: "\(error)")
        }
        var vectors = Matrix(rowCount: rows.count, columnCount: rows[0].count)
        for (i, row) in rows.enumerated() { for (j, v) in row.enumerated() { vectors[i, j] = v } }
        let similarity: SOAPSimilarity
        do { similarity = try SOAPSimilarity(vectors: vectors) } catch {
            throw ExercisesError.badInput(field: "soap_structures", reason: "\(error)")
        }
        let n = rows.count
        let kernel = (0..<n).map { i in (0..<n).map { similarity.kernel[i, $0] } }
        return [
            "soap_vectors": .array(rows.map { .array($0.map { .number($0) }) }),
            "soap_similarity": .array(kernel.map { .array($0.map { .number($0) }) }),
            "soap_ranking": .array(ranking(kernel).map { .string($0) }),
        ]
    }

    /// Pairs `"i-j"` (i < j) by decreasing similarity; ties by (i, j).
    static func ranking(_ kernel: [[Double]]) -> [String] {
        let n = kernel.count
        var pairs: [(Int, Int)] = []
        for i in 0..<n { for j in (i + 1)..<n { pairs.append((i, j)) } }
        return pairs.sorted { a, b in
            let (ka, kb) = (kernel[a.0][a.1], kernel[b.0][b.1])
            return ka != kb ? ka > kb : (a.0, a.1) < (b.0, b.1)
        }.map { "\($0.0)-\($0.1)" }
    }

    /// Applies `transform` to every SOAP structure of `input`.
    static func replacingStructures(of input: JSONValue, _ transform: (Structure) throws -> Structure) throws -> JSONValue {
        var fields = input.objectValue ?? [:]
        fields["soap_structures"] = .array(try structures(in: input).map { StructureDocument.json(try transform($0)) })
        return .object(fields)
    }
}

/// Week 6's rotated, translated and permuted copies, with the SOAP structures moved the same
/// way (one random rotation, shift or site order per structure); averaged SOAP vectors and
/// the kernel must not change.
enum Week07SOAPVariants {
    static func withSOAPStructures(_ variants: [InvarianceVariant], of input: JSONValue, seed: UInt64) throws -> [InvarianceVariant] {
        var random = SplitMix64(seed: seed ^ 0x7E57_50A9)
        return try variants.map { variant in
            let moved: JSONValue
            switch variant.name {
            case "rotated":
                moved = try Week07SOAP.replacingStructures(of: variant.input) { s in
                    let r = random.rotation()
                    let v = s.lattice.vectors.map { v in SIMD3((r[0] * v).sum(), (r[1] * v).sum(), (r[2] * v).sum()) }
                    return try Structure(lattice: Lattice(a: v[0], b: v[1], c: v[2]), species: s.species,
                                         fractionalCoordinates: s.fractionalCoordinates, labels: s.labels)
                }
            case "translated":
                moved = try Week07SOAP.replacingStructures(of: variant.input) { s in
                    let shift = SIMD3(random.uniform(0.1, 0.9), random.uniform(0.1, 0.9), random.uniform(0.1, 0.9))
                    return try Structure(lattice: s.lattice, species: s.species,
                                         fractionalCoordinates: s.fractionalCoordinates.map { $0 + shift }, labels: s.labels).wrapped()
                }
            case "permuted":
                moved = try Week07SOAP.replacingStructures(of: variant.input) { s in try s.permuted(random.permutation(of: s.atomCount)) }
            default:
                moved = variant.input
            }
            return InvarianceVariant(name: variant.name, input: moved, siteOrder: variant.siteOrder)
        }
    }
}
