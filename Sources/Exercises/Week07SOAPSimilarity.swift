import Crystal
import Foundation
import JSONSupport

/// Week 7, "SOAP similarity" (`exercises/w07-soap-similarity/README.md` defines the
/// documents). This file holds the first part, local environments by coordination: the
/// number of neighbors within a cutoff, and Voronoi coordination as pymatgen's `VoronoiNN`
/// gives it. The SOAP part is added when its kernel (`Sources/Descriptors/SOAP*`) lands.
///
/// Reference output (``Crystal/Structure/coordinationNumbers(within:)`` and
/// ``Crystal/Structure/voronoiCells()``):
/// - `cutoff_coordination`: `[atomCount]` neighbors within `coordination_cutoff` Angstrom
///   (d^2 < r^2 + 1e-8 A^2, periodic images included);
/// - `voronoi_coordination`: `[atomCount]` Voronoi faces of weight above
///   `voronoi_min_weight` (``Crystal/VoronoiCell/coordination(minimumWeight:)``);
/// - `voronoi_weighted_coordination`: `[atomCount]` sums of all face weights
///   (`VoronoiNN().get_cn(s, i, use_weights=True)`).
/// The plain Voronoi count (every face, `VoronoiNN().get_cn`) is not asked for: it counts
/// faces of near-zero area that come and go with rounding noise and the cell setting.
///
/// Generators (`exercise.toml`): `bundled-structure` and `random-bundled-structure`, as in
/// week 6 (``Week06CrystalGraphs``), each with an optional `coordination_cutoff` (Angstrom,
/// default ``defaultCutoff``) and `voronoi_min_weight` (default ``defaultMinimumWeight``).
public struct Week07SOAPSimilarity: WeekExercise {
    public let id = "w07-soap-similarity"

    /// Angstrom: a first coordination shell for most inorganic bonds.
    static let defaultCutoff = 3.0
    /// pymatgen's usual choice to ignore slivers; far from the weights crystals have exactly
    /// (1, 1/2, 1/4, ...), so that rounding noise cannot move a face across it.
    static let defaultMinimumWeight = 0.05

    static let generators = ["bundled-structure", "random-bundled-structure"]

    public init() {}

    public func input(generator: String, parametersJSON: String, seed: UInt64, data: CourseData) throws -> JSONValue {
        let parameters = try CaseParameters(json: parametersJSON)
        let own = ["coordination_cutoff", "voronoi_min_weight"] + Week07SOAP.parameterNames
        let cutoff = parameters.has("coordination_cutoff")
            ? try parameters.number("coordination_cutoff", in: 0.5...8, unit: "Angstrom") : Self.defaultCutoff
        let minimumWeight = parameters.has("voronoi_min_weight")
            ? try parameters.number("voronoi_min_weight", in: 0...0.9, unit: "solid-angle fraction (weight)")
            : Self.defaultMinimumWeight
        let bundle = BundledStructures(dataFolder: data.dataFolder)
        let structure: Structure
        switch generator {
        case "bundled-structure":
            try parameters.requireOnly(["structure", "cell_transformation"] + own)
            let base = try bundle.structure(named: try parameters.string("structure", example: "\"Si\""), parameter: "structure")
            if let matrix = try parameters.integerMatrix("cell_transformation") {
                structure = try Week06CrystalGraphs.transformed(base, by: matrix, parameter: "cell_transformation")
            } else {
                structure = base
            }
        case "random-bundled-structure":
            try parameters.requireOnly(["max_atoms", "rattle_angstrom", "skew", "source"] + own)
            let sourceName = parameters.has("source")
                ? try parameters.string("source", example: "\"all\"") : Week06RandomStructure.Source.pymatgen.rawValue
            guard let source = Week06RandomStructure.Source(rawValue: sourceName) else {
                throw ExercisesError.badParameter(
                    name: "source", value: "\"\(sourceName)\"",
                    fix: "use one of " + Week06RandomStructure.Source.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
            }
            let recipe = Week06RandomStructure(
                maxAtoms: try parameters.integer("max_atoms", in: 1...500),
                rattleAngstrom: try parameters.number("rattle_angstrom", in: 0...0.5, unit: "Angstrom"),
                skew: try parameters.bool("skew", default: false), source: source)
            var random = SplitMix64(seed: seed)
            structure = try recipe.make(from: bundle, using: &random)
        default:
            throw ExercisesError.unknownGenerator(exercise: id, generator: generator, known: Self.generators)
        }
        let wrapped = structure.wrapped()
        var soapRandom = SplitMix64(seed: seed ^ 0x50A9_50A9)
        var fields = try Week07SOAP.inputFields(parameters, bundle: bundle, random: &soapRandom)
        fields["structure"] = StructureDocument.json(wrapped)
        fields["cif"] = .string(wrapped.cifString())
        fields["coordination_cutoff"] = .number(cutoff)
        fields["voronoi_min_weight"] = .number(minimumWeight)
        return .object(fields)
    }

    public func referenceOutput(for input: JSONValue) throws -> JSONValue {
        let structure = try StructureDocument.structure(in: input)
        let fields = input.objectValue ?? [:]
        guard let cutoff = fields["coordination_cutoff"]?.numberValue, cutoff > 0, cutoff.isFinite else {
            throw ExercisesError.badInput(
                field: "coordination_cutoff", reason: "must be a positive number of Angstrom (got \(fields["coordination_cutoff"]?.abbreviated() ?? "nothing"))")
        }
        guard let minimumWeight = fields["voronoi_min_weight"]?.numberValue, minimumWeight >= 0, minimumWeight < 1 else {
            throw ExercisesError.badInput(
                field: "voronoi_min_weight", reason: "must be a number in [0, 1) (got \(fields["voronoi_min_weight"]?.abbreviated() ?? "nothing"))")
        }
        let counts: [Int], cells: [VoronoiCell]
        do {
            counts = try structure.coordinationNumbers(within: cutoff)
            cells = try structure.voronoiCells()
        } catch {
            throw ExercisesError.badInput(field: "structure", reason: "\(error)")
        }
        var output = try Week07SOAP.referenceFields(for: input)
        output.merge([
            "cutoff_coordination": .array(counts.map { .number(Double($0)) }),
            "voronoi_coordination": .array(cells.map { .number(Double($0.coordination(minimumWeight: minimumWeight))) }),
            "voronoi_weighted_coordination": .array(cells.map { .number($0.weightedCoordination) }),
        ]) { $1 }
        return .object(output)
    }

    /// Week 6's copies (rotated, translated, permuted: ``Week06Variants``) and the same
    /// crystal in a re-reduced, skewed cell (`a, b + a, c - 2b + a`; same site order), on
    /// which every graded coordination must stay put.
    public func invarianceVariants(of input: JSONValue, seed: UInt64) throws -> [InvarianceVariant] {
        let structure = try StructureDocument.structure(in: input)
        let skewed: Structure
        do {
            skewed = try structure.supercell(matrix: [[1, 0, 0], [1, 1, 0], [1, -2, 1]]).wrapped()
        } catch {
            throw ExercisesError.badInput(field: "structure", reason: "\(error)")
        }
        return try Week07SOAPVariants.withSOAPStructures(Week06Variants.variants(of: input, seed: seed), of: input, seed: seed)
            + [InvarianceVariant(name: "re-reduced", input: Week06Variants.replacingStructure(of: input, with: skewed)),
               InvarianceVariant(name: "soap-supercells", input: try Week07SOAP.replacingStructures(of: input) { try $0.supercell(2, 1, 1) })]
    }
}
