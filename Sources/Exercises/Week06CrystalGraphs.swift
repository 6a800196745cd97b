import Crystal
import Descriptors
import Foundation
import JSONSupport

/// Week 6, "Construct and visualize graph representations of crystal structures"
/// (`exercises/w06-crystal-graphs/README.md` defines the documents): the CGCNN graph (12
/// nearest neighbors within 8 A, Gaussian edge features, one-hot atom features) and the MEGNet
/// graph (every pair within a cutoff) of a periodic crystal.
///
/// Reference output: `edges` as ``Descriptors/CrystalGraph`` (keep fewer when short) with the
/// README's tie rule (``Week06EdgeRule``), `edge_features` the ``Descriptors/GaussianExpansion``
/// of the input's grid, `atom_features` ``Descriptors/CGCNNAtomFeatures`` (92 entries),
/// `megnet_edges` every pair within `megnet_cutoff` (``Crystal/Structure/neighbors(within:)``,
/// pairs up to the cutoff plus 1e-8 A^2 on d^2).
///
/// Generators (`exercise.toml`):
/// - `bundled-structure`: `structure` (a file of `exercises/data/pymatgen-core/structures`,
///   without `.json`), optional `cell_transformation` (3x3 integers, non-zero determinant:
///   the new lattice rows are `matrix · lattice`; a unimodular one keeps the crystal and skews
///   the cell). No randomness; the seed is unused.
/// - `random-bundled-structure`: `max_atoms`, `rattle_angstrom`, `skew`, `source`
///   (`"pymatgen"`, the default, `"minerals"` or `"all"`): a seeded choice among the ordered
///   bundled structures, see ``Week06RandomStructure``.
public struct Week06CrystalGraphs: WeekExercise {
    public let id = "w06-crystal-graphs"

    /// The graph parameters every generated input carries (CGCNN's and MEGNet's model values).
    static let radius = 8.0, maxNeighbors = 12, megnetCutoff = 4.0
    static let gaussian = (dmin: 0.0, dmax: 8.0, step: 0.2, width: 0.2)

    static let generators = ["bundled-structure", "random-bundled-structure"]

    public init() {}

    public func input(generator: String, parametersJSON: String, seed: UInt64, data: CourseData) throws -> JSONValue {
        let parameters = try CaseParameters(json: parametersJSON)
        let bundle = BundledStructures(dataFolder: data.dataFolder)
        let structure: Structure
        switch generator {
        case "bundled-structure":
            try parameters.requireOnly(["structure", "cell_transformation"])
            let name = try parameters.string("structure", example: "\"Si\"")
            let base = try bundle.structure(named: name, parameter: "structure")
            if let matrix = try parameters.integerMatrix("cell_transformation") {
                structure = try Self.transformed(base, by: matrix, parameter: "cell_transformation")
            } else {
                structure = base
            }
        case "random-bundled-structure":
            try parameters.requireOnly(["max_atoms", "rattle_angstrom", "skew", "source"])
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
        // Wrapped into [0, 1), so that the CIF (which pymatgen and ASE wrap on reading) and
        // frac_coords give the same image offsets.
        return Self.inputDocument(for: structure.wrapped())
    }

    /// The input document of `structure` with this week's fixed graph parameters.
    static func inputDocument(for structure: Structure) -> JSONValue {
        .object([
            "structure": StructureDocument.json(structure),
            "cif": .string(structure.cifString()),
            "radius": .number(radius),
            "max_neighbors": .number(Double(maxNeighbors)),
            "gaussian": .object([
                "dmin": .number(gaussian.dmin), "dmax": .number(gaussian.dmax),
                "step": .number(gaussian.step), "width": .number(gaussian.width),
            ]),
            "megnet_cutoff": .number(megnetCutoff),
            "elements": Week06AtomFeatureTable.elementsJSON(for: structure.species),
            "atom_feature_blocks": Week06AtomFeatureTable.blocksJSON,
        ])
    }

    static func transformed(_ structure: Structure, by matrix: [[Int]], parameter: String) throws -> Structure {
        do {
            return try structure.supercell(matrix: matrix)
        } catch {
            throw ExercisesError.badParameter(name: parameter, value: "\(matrix)", fix: "\(error)")
        }
    }

    public func referenceOutput(for input: JSONValue) throws -> JSONValue {
        let structure = try StructureDocument.structure(in: input)
        let settings = try Week06GraphSettings(input: input)
        let expansion: GaussianExpansion
        let withinRadius: NeighborList, megnet: NeighborList
        do {
            expansion = try GaussianExpansion(minimum: settings.dmin, maximum: settings.dmax, step: settings.step, width: settings.width)
            withinRadius = try structure.neighbors(within: settings.radius)
            megnet = try structure.neighbors(within: settings.megnetCutoff)
        } catch {
            throw ExercisesError.badInput(field: "radius, gaussian, megnet_cutoff", reason: "\(error)")
        }
        // CGCNN's graph (Descriptors/CrystalGraph, keepFewer), with the README's tie rule.
        let nearest = Week06EdgeRule.nearest(withinRadius, count: settings.maxNeighbors)
        func row(_ source: Int, _ neighbor: Neighbor) -> JSONValue {
            .array([source, neighbor.index, neighbor.image.x, neighbor.image.y, neighbor.image.z].map { .number(Double($0)) }
                + [.number(neighbor.distance)])
        }
        var edges: [JSONValue] = [], edgeFeatures: [JSONValue] = []
        for (site, neighbors) in nearest.enumerated() {
            for neighbor in neighbors {
                edges.append(row(site, neighbor))
                edgeFeatures.append(.array(expansion.expand(neighbor.distance).map(JSONValue.number)))
            }
        }
        let megnetEdges = megnet.sites.enumerated().flatMap { site, neighbors in neighbors.map { row(site, $0) } }
        let atomFeatures = Week06AtomFeatureTable.features
        return .object([
            "edges": .array(edges),
            "edge_features": .array(edgeFeatures),
            "atom_features": .array(structure.species.map { .array(atomFeatures.features(of: $0).map(JSONValue.number)) }),
            "megnet_edges": .array(megnetEdges),
        ])
    }

    public func invarianceVariants(of input: JSONValue, seed: UInt64) throws -> [InvarianceVariant] {
        try Week06Variants.variants(of: input, seed: seed)
    }
}

/// The graph parameters of an input document.
struct Week06GraphSettings {
    let radius: Double, maxNeighbors: Int, megnetCutoff: Double
    let dmin: Double, dmax: Double, step: Double, width: Double

    init(input: JSONValue) throws {
        func number(_ value: JSONValue?, _ field: String) throws -> Double {
            guard let number = value?.numberValue, number.isFinite else {
                throw ExercisesError.badInput(field: field, reason: "must be a finite number (got \(value?.abbreviated() ?? "nothing"))")
            }
            return number
        }
        let fields = input.objectValue ?? [:]
        radius = try number(fields["radius"], "radius")
        megnetCutoff = try number(fields["megnet_cutoff"], "megnet_cutoff")
        guard let count = fields["max_neighbors"]?.integerValue, count >= 1 else {
            throw ExercisesError.badInput(field: "max_neighbors", reason: "must be an integer >= 1 (got \(fields["max_neighbors"]?.abbreviated() ?? "nothing"))")
        }
        maxNeighbors = count
        let gaussian = fields["gaussian"]?.objectValue ?? [:]
        dmin = try number(gaussian["dmin"], "gaussian.dmin")
        dmax = try number(gaussian["dmax"], "gaussian.dmax")
        step = try number(gaussian["step"], "gaussian.step")
        width = try number(gaussian["width"], "gaussian.width")
    }
}
