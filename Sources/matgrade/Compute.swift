import ArgumentParser
import Frontend

extension OutputFormat: ExpressibleByArgument {}
extension FeatureTableFormat: ExpressibleByArgument {}

/// `matgrade compute KERNEL ...`: each reference kernel on the user's own files.
struct Compute: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a reference kernel on your own input and print the result (JSON by default).",
        subcommands: [
            ComputeComposition.self, ComputeMagpie.self, ComputeStoichiometry.self, ComputeNeighbors.self, ComputeVoronoi.self,
            ComputeCoordination.self,
            ComputeGraph.self, ComputeSOAP.self, ComputeSOAPSimilarity.self, ComputeRidge.self, ComputePCA.self, ComputeKMeans.self,
            ComputeGP.self, ComputeForest.self, ComputeDBSCAN.self, ComputeMLP.self, ComputeEnsemble.self, ComputeAutoencoder.self,
            ComputeCGCNN.self, ComputeHull.self, ComputeTruss.self, ComputeMD.self, ComputeIsing.self,
        ])
}

struct ComputeComposition: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "composition",
        abstract: "Parse a chemical formula: amounts, fractions, weight, reduced formula (pymatgen's conventions).")

    @Argument(help: "A formula such as Fe2O3, Ca(OH)2, CuSO4·5H2O or Fe0.7Ni0.3 (symbols are case-sensitive).")
    var formula: String

    @Option(help: "Output format: json or table.")
    var format: OutputFormat = .json

    func run() throws {
        print(try Frontend.composition(formula: formula, format: format), terminator: "")
    }
}

struct ComputeNeighbors: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neighbors",
        abstract: "Neighbors of every site within a cutoff under periodic boundary conditions (as pymatgen's get_all_neighbors).",
        discussion: """
            FILE may be CIF, POSCAR/CONTCAR (VASP 5), extended XYZ or pymatgen Structure JSON; the \
            format is detected from the extension or the content. JSON output: {"cutoff": R, "sites": \
            [{"index": i, "species": "Fe", "neighbors": [{"index": j, "image": [a, b, c], "distance": d}, \
            ...]}, ...]}, neighbors sorted by distance, indices from 0, distances in Angstrom.
            """)

    @Argument(help: "A structure file.")
    var file: String

    @Option(help: "Cutoff radius, Angstrom (> 0).")
    var cutoff: Double

    @Option(help: "Keep only the N nearest neighbors of each site (CGCNN uses 12 within 8 Angstrom).")
    var nearest: Int?

    @Option(help: "Output format: json or table.")
    var format: OutputFormat = .json

    func run() throws {
        print(try Frontend.neighbors(path: file, cutoffRadius: cutoff, nearest: nearest, format: format), terminator: "")
    }
}

extension Frontend.GraphKind: ExpressibleByArgument {}

struct ComputeGraph: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "The CGCNN (or MEGNet) graph of a structure as JSON, and optionally its drawing as SVG.",
        discussion: """
            CGCNN: each atom joined to its 12 nearest neighbors within 8 Angstrom (periodic images \
            included), Gaussian distance features (centers 0..8 step 0.2, width 0.2), one-hot atom \
            features (92). MEGNet: every pair within the cutoff (5 Angstrom by default).
            """)

    @Argument(help: "A structure file (CIF, POSCAR, extended XYZ or pymatgen JSON).")
    var file: String

    @Option(help: "cgcnn or megnet.")
    var kind: Frontend.GraphKind = .cgcnn

    @Option(help: "Neighbor radius (CGCNN, default 8) or cutoff (MEGNet, default 5), Angstrom.")
    var radius: Double?

    @Option(help: "Neighbors per atom (CGCNN, default 12).")
    var maxNeighbors: Int?

    @Option(help: "Also draw the graph into this SVG file.")
    var svg: String?

    func run() throws {
        print(try Frontend.graph(path: file, kind: kind, radius: radius, maxNeighbors: maxNeighbors, svgPath: svg), terminator: "")
    }
}

struct ComputeVoronoi: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voronoi",
        abstract: "Voronoi cell of every site: faces and coordination numbers (as pymatgen's VoronoiNN).",
        discussion: """
            FILE may be CIF, POSCAR/CONTCAR (VASP 5), extended XYZ or pymatgen Structure JSON. A face's \
            weight is its solid angle over the largest solid angle of its cell. JSON output: \
            {"min_weight": W, "sites": [{"index": i, "species": "Fe", "coordination": cn, \
            "weighted_coordination": w, "faces": [{"index": j, "image": [a, b, c], "solid_angle": o, \
            "weight": o / max o, "area": A, "distance": d}, ...]}, ...]}: coordination counts the faces \
            of weight above W, weighted_coordination sums their weights, faces lists every face. Solid \
            angles in steradian, areas in Angstrom^2, distances (site to neighbor) in Angstrom. The count \
            at W = 0 (VoronoiNN's default) includes faces of near-zero area, which come and go with \
            rounding noise in degenerate crystals (fcc, bcc, wurtzite); compare coordination with \
            --min-weight 0.05 or weighted_coordination instead.
            """)

    @Argument(help: "A structure file.")
    var file: String

    @Option(help: "Count only faces of weight above this, in [0, 1) (default 0, VoronoiNN's default).")
    var minWeight: Double = 0

    func run() throws {
        print(try Frontend.voronoi(path: file, minimumWeight: minWeight), terminator: "")
    }
}

struct ComputeCoordination: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coordination",
        abstract: "Coordination number of every site: its neighbors within a cutoff (periodic images included).",
        discussion: """
            FILE may be CIF, POSCAR/CONTCAR (VASP 5), extended XYZ or pymatgen Structure JSON. A neighbor \
            at distance d counts when d^2 < R^2 + 1e-8 A^2 (pymatgen's get_all_neighbors). JSON output: \
            {"cutoff": R, "sites": [{"index": i, "species": "Fe", "coordination": n}, ...]}.
            """)

    @Argument(help: "A structure file.")
    var file: String

    @Option(help: "Cutoff radius, Angstrom (> 0).")
    var cutoff: Double

    func run() throws {
        print(try Frontend.coordination(path: file, cutoffRadius: cutoff), terminator: "")
    }
}
