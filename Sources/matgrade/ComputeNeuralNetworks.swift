import Foundation
import ArgumentParser
import Frontend

/// The training options of mlp, ensemble and autoencoder.
struct NetworkTrainingOptions: ParsableArguments {
    @Option(help: "Hidden layer widths, comma-separated (scikit-learn's hidden_layer_sizes).")
    var hidden: String = "100"

    @Option(help: "Hidden activation: relu, tanh, logistic, softplus or identity.")
    var activation: String = "relu"

    @Option(help: "Adam's step size (learning_rate_init).")
    var learningRate: Double = 1e-3

    @Option(help: "Epochs at most (max_iter).")
    var epochs: Int = 200

    @Option(help: "Mini-batch size (default min(200, n); 64 for the autoencoder).")
    var batchSize: Int?

    @Option(help: "Seed of the initial weights and the shuffling (reproducible here; not PyTorch's or scikit-learn's draws).")
    var seed: UInt64 = 0

    func frontendOptions() throws -> Frontend.NetworkOptions {
        let widths = hidden.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !widths.isEmpty, widths.allSatisfy({ ($0 ?? 0) >= 1 }) else {
            throw ValidationError("--hidden '\(hidden)': give positive integer widths separated by commas, e.g. 64,64")
        }
        return Frontend.NetworkOptions(hiddenLayerSizes: widths.map { $0! }, activation: activation, learningRate: learningRate,
                                       epochs: epochs, batchSize: batchSize, seed: seed)
    }
}

struct ComputeMLP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlp",
        abstract: "A multilayer-perceptron regressor trained by Adam (scikit-learn's MLPRegressor semantics).",
        discussion: dataDiscussion + " JSON output: hidden_layer_sizes, activation, n_iter, converged, "
            + "loss_curve, validation_scores (with --early-stopping), pred_train, pred_test.")

    @Option(help: "The data file (JSON or CSV, see below).")
    var data: String

    @OptionGroup var training: NetworkTrainingOptions

    @Option(help: "L2 penalty on the weights (alpha).")
    var alpha: Double = 1e-4

    @Flag(help: "Hold out --validation-fraction of the rows and keep the weights of the best validation R².")
    var earlyStopping = false

    @Option(help: "Share of rows held out with --early-stopping.")
    var validationFraction: Double = 0.1

    @Option(help: "Epochs without improvement before stopping (n_iter_no_change).")
    var patience: Int = 10

    @Option(help: "Smallest improvement that counts (tol).")
    var tol: Double = 1e-4

    func run() throws {
        print(try Frontend.multilayerPerceptron(
            dataPath: data, options: training.frontendOptions(), alpha: alpha, earlyStopping: earlyStopping,
            validationFraction: validationFraction, patience: patience, tolerance: tol), terminator: "")
    }
}

struct ComputeEnsemble: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ensemble",
        abstract: "A deep ensemble of MLP regressors: the mean prediction and the members' spread.",
        discussion: dataDiscussion + " JSON output: members, mean_train, std_train, mean_test, std_test "
            + "(population standard deviation over the members).")

    @Option(help: "The data file (JSON or CSV, see below).")
    var data: String

    @OptionGroup var training: NetworkTrainingOptions

    @Option(help: "Ensemble members (at least 2).")
    var members: Int = 5

    @Option(help: "L2 penalty on the weights (alpha).")
    var alpha: Double = 1e-4

    func run() throws {
        print(try Frontend.deepEnsemble(dataPath: data, options: training.frontendOptions(), memberCount: members, alpha: alpha),
              terminator: "")
    }
}

struct ComputeAutoencoder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autoencoder",
        abstract: "A dense autoencoder (linear code layer) trained on X_train; prints the codes.",
        discussion: dataDiscussion + " y is ignored. JSON output: code_size, loss_curve, "
            + "reconstruction_error_train, codes_train, reconstruction_error_test, codes_test.")

    @Option(help: "The data file (JSON or CSV, see below).")
    var data: String

    @OptionGroup var training: NetworkTrainingOptions

    @Option(help: "Latent dimensions.")
    var codeSize: Int = 2

    func run() throws {
        print(try Frontend.autoencoder(dataPath: data, options: training.frontendOptions(), codeSize: codeSize), terminator: "")
    }
}

let structureListDiscussion = """
    DATA is a CSV whose header names a structure column (file paths relative to the CSV's \
    folder; CIF, POSCAR, extended XYZ or pymatgen JSON) or a cif column (the CIF text, quoted), \
    and a target column (needed for training, optional otherwise); or a folder in CGCNN's \
    layout (id_prop.csv with id,target lines and ID.cif files).
    """

struct ComputeCGCNN: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cgcnn",
        abstract: "A CGCNN-style crystal graph network (Xie and Grossman 2018): train, predict, embed; export its graphs.",
        subcommands: [ComputeCGCNNTrain.self, ComputeCGCNNPredict.self, ComputeCGCNNEmbed.self, ComputeCGCNNGraphs.self])
}

struct ComputeCGCNNTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a CGCNN-style crystal graph network (Xie and Grossman 2018) and save its weights.",
        discussion: structureListDiscussion + " JSON output: structures, parameters, loss_curve (normalised MSE per epoch), "
            + "epoch_seconds (wall-clock seconds per epoch, graph building excluded), pred_train, mae_train. "
            + "Progress per epoch on standard error. --threads N runs the convolutions' per-edge work and products on N "
            + "threads (the results do not depend on N); with N > 1 set OPENBLAS_NUM_THREADS=1, as OpenBLAS's own idle "
            + "threads spin and take the cores.")

    @Option(help: "The structures (CSV or CGCNN folder, see below).")
    var data: String

    @Option(help: "Where to write the trained network (JSON).")
    var save: String

    @Option(help: "Neighbor cutoff, Angstrom (CGCNN: 8).")
    var radius: Double = 8

    @Option(help: "Neighbors per atom (CGCNN: 12).")
    var maxNeighbors: Int = 12

    @Option(help: "Atom embedding width (CGCNN's atom_fea_len).")
    var atomFeatureLength: Int = 64

    @Option(help: "Graph convolutions (CGCNN's n_conv).")
    var convolutions: Int = 3

    @Option(help: "Hidden width of the head (CGCNN's h_fea_len).")
    var hiddenLength: Int = 128

    @Option(help: "Training epochs.")
    var epochs: Int = 30

    @Option(help: "Crystals per mini-batch (at least 2: batch norm).")
    var batchSize: Int = 64

    @Option(help: "Adam's step size.")
    var learningRate: Double = 1e-2

    @Option(help: "Seed of the weights and the shuffling.")
    var seed: UInt64 = 0

    @Option(help: "Threads of the convolutions' per-edge work and products (see below).")
    var threads: Int = 1

    func run() throws {
        var options = Frontend.CrystalGraphTrainingOptions()
        options.radius = radius
        options.maxNeighbors = maxNeighbors
        options.atomFeatureLength = atomFeatureLength
        options.convolutionCount = convolutions
        options.hiddenLength = hiddenLength
        options.epochs = epochs
        options.batchSize = batchSize
        options.learningRate = learningRate
        options.seed = seed
        options.threadCount = threads
        print(try Frontend.crystalGraphTrain(dataPath: data, weightsPath: save, options: options), terminator: "")
    }
}

struct ComputeCGCNNPredict: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predictions and per-structure embeddings (pooled vectors) of a saved crystal graph network.",
        discussion: structureListDiscussion + " JSON output: predictions, embeddings, mae (with targets).")

    @Option(help: "The structures (CSV or CGCNN folder, see below).")
    var data: String

    @Option(help: "The weights file cgcnn train --save wrote.")
    var weights: String

    func run() throws {
        print(try Frontend.crystalGraphPredict(dataPath: data, weightsPath: weights), terminator: "")
    }
}

struct ComputeCGCNNEmbed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Per-structure embeddings (the pooled vectors) of a saved crystal graph network, for probe checks.",
        discussion: structureListDiscussion + " JSON output: embeddings (one row per structure).")

    @Option(help: "The structures (CSV or CGCNN folder, see below).")
    var data: String

    @Option(help: "The weights file cgcnn train --save wrote.")
    var weights: String

    func run() throws {
        print(try Frontend.crystalGraphPredict(dataPath: data, weightsPath: weights, embeddingsOnly: true), terminator: "")
    }
}

struct ComputeCGCNNGraphs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graphs",
        abstract: "Write the crystal graphs cgcnn train builds (atom features, edges, Gaussian edge features, targets) to a file.",
        discussion: structureListDiscussion + " The file: one JSON header line (format matgrade-cgcnn-graphs, version 1, "
            + "crystals, atoms, edges, atom_feature_length, edge_feature_length, has_targets, radius, max_neighbors), then "
            + "little-endian arrays: int64 atoms per crystal, int64 edges per crystal, float64 atom features, int64 edge "
            + "centers, int64 edge neighbors (indices within each crystal), float64 edge features, float64 targets (if any). "
            + "For training another framework on exactly matgrade's graphs (benchmarks/cgcnn/time_torch.py reads it). "
            + "JSON output: crystals, atoms, edges, atom_feature_length, edge_feature_length, output.")

    @Option(help: "The structures (CSV or CGCNN folder, see below).")
    var data: String

    @Option(help: "Where to write the graphs (binary, see below).")
    var output: String

    @Option(help: "Neighbor cutoff, Angstrom (CGCNN: 8).")
    var radius: Double = 8

    @Option(help: "Neighbors per atom (CGCNN: 12).")
    var maxNeighbors: Int = 12

    func run() throws {
        print(try Frontend.crystalGraphExport(dataPath: data, outputPath: output, radius: radius, maxNeighbors: maxNeighbors),
              terminator: "")
    }
}
