import Crystal
import Descriptors
import Foundation
import JSONSupport

/// Week 6, "Construct and visualize graph representations of crystal structures"
/// (`exercises/w06-crystal-graphs/README.md` defines the documents): the CGCNN graph (12
/// nearest neighbors within 8 A, Gaussian edge features, one-hot atom features) and the MEGNet
/// graph (every pair within a cutoff) of a periodic crystal.
///
/// Generators (`exercise.toml`):
/// - `bundled-structure`: `structure` (a file of `exercises/data/pymatgen-core/structures`,
///   without `.json`), optional `cell_transformation` (3x3 integers, non-zero determinant:
///   the new lattice rows are `matrix · lattice`; a unimodular one keeps the crystal and skews
///   the cell). No randomness; the seed is unused.
/// - `random-bundled-structure`: `max_atoms`, `rattle_angstrom`, `skew`: a seeded choice
///   among the ordered bundled structures, see ``Week06RandomStructure``.
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
            try parameters.requireOnly(["max_atoms", "rattle_angstrom", "skew"])
            let recipe = Week06RandomStructure(
                maxAtoms: try parameters.integer("max_atoms", in: 1...500),
                rattleAngstrom: try parameters.number("rattle_angstrom", in: 0...0.5, unit: "Angstrom"),
                skew: try parameters.bool("skew", default: false))
            var random = SplitMix64(seed: seed)
            structure = try recipe.make(from: bundle, using: &random)
        default:
            throw ExercisesError.unknownGenerator(exercise: id, generator: generator, known: Self.generators)
        }
        return Self.inputDocument(for: structure)
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
        let graph: CrystalGraph
        let megnet: NeighborList
        do {
            let expansion = try GaussianExpansion(
                minimum: settings.dmin, maximum: settings.dmax, step: settings.step, width: settings.width)
            graph = try CrystalGraph(structure: structure, options: .init(
                radius: settings.radius, maxNeighbors: settings.maxNeighbors, expansion: expansion,
                shortfall: .keepFewer, atomFeatures: .atomInit))
            megnet = try structure.neighbors(within: settings.megnetCutoff)
        } catch {
            throw ExercisesError.badInput(field: "radius, max_neighbors, gaussian, megnet_cutoff", reason: "\(error)")
        }
        func row(_ source: Int, _ target: Int, _ image: SIMD3<Int>, _ distance: Double) -> JSONValue {
            .array([source, target, image.x, image.y, image.z].map { .number(Double($0)) } + [.number(distance)])
        }
        var megnetEdges: [JSONValue] = []
        for (site, neighbors) in megnet.sites.enumerated() {
            for neighbor in neighbors { megnetEdges.append(row(site, neighbor.index, neighbor.image, neighbor.distance)) }
        }
        return .object([
            "edges": .array(graph.edges.map { row($0.source, $0.target, $0.image, $0.distance) }),
            "edge_features": .array(graph.edges.map { .array($0.gaussian.map(JSONValue.number)) }),
            "atom_features": .array(graph.nodes.map { .array($0.features.map(JSONValue.number)) }),
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
