import ArgumentParser
import Frontend

extension Frontend.AcquisitionRequest.Kind: ExpressibleByArgument {}

struct ComputeGP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gp",
        abstract: "Gaussian-process regression as scikit-learn's GaussianProcessRegressor (mean, std, LML, acquisitions).",
        discussion: dataDiscussion + " KERNEL grammar: constant(c), rbf(l) or rbf([l1,l2,...]) (ARD), "
            + "matern(l, nu) with nu 0.5, 1.5 or 2.5, white(n), joined by + and * with parentheses, "
            + "e.g. \"constant(1.0)*rbf(1.5)+white(0.01)\". JSON output: kernel, theta, mean_test, std_test, "
            + "log_marginal_likelihood, hyperparameters {constant_value, length_scale, noise_level}, acquisition.")

    @Option(help: "The data file (JSON or CSV, see below).")
    var data: String

    @Option(help: "The kernel, e.g. \"constant(1.0)*rbf(1.5)+white(0.01)\".")
    var kernel: String

    @Flag(help: "Maximise the log marginal likelihood over the hyperparameters (L-BFGS-B in log space, bounds 1e-5..1e5).")
    var optimize = false

    @Option(help: "Extra optimiser starts drawn log-uniformly within the bounds (with --optimize).")
    var restarts = 0

    @Option(help: "Seed of the restarts (reproducible, not scikit-learn's stream).")
    var seed: UInt64 = 0

    @Flag(name: .customLong("normalize-y"), help: "Standardise y before fitting (scikit-learn's normalize_y).")
    var normalizeY = false

    @Option(help: "Added to the kernel matrix diagonal (scikit-learn's alpha).")
    var alpha = 1e-10

    @Option(help: "Acquisition at X_test: ei, ucb or pi.")
    var acquisition: Frontend.AcquisitionRequest.Kind?

    @Option(help: "Exploration margin xi of ei and pi (target units).")
    var xi = 0.01

    @Option(help: "kappa of ucb (standard deviations).")
    var kappa = 1.96

    @Option(help: "Best target so far (default: the max, or with --minimize the min, of y_train).")
    var incumbent: Double?

    @Flag(help: "Smaller targets are better (ei, pi improve downwards; ucb gives mean - kappa*std).")
    var minimize = false

    func run() throws {
        let request = acquisition.map {
            Frontend.AcquisitionRequest(kind: $0, xi: xi, kappa: kappa, incumbent: incumbent, minimize: minimize)
        }
        print(try Frontend.gaussianProcess(dataPath: data, kernel: kernel, optimize: optimize, restartCount: restarts, seed: seed,
                                          normalizeY: normalizeY, alpha: alpha, acquisition: request), terminator: "")
    }
}

struct ComputeForest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forest",
        abstract: "Random-forest regression with scikit-learn's RandomForestRegressor semantics (seeded, reproducible).",
        discussion: dataDiscussion + " JSON output: pred_train, pred_test, oob_score, oob_prediction, feature_importances.")

    @Option(help: "The data file (JSON or CSV, see below).")
    var data: String

    @Option(help: "Number of trees.")
    var trees = 100

    @Option(help: "Features per split: all, sqrt, log2, a count (3) or a fraction (0.33).")
    var maxFeatures = "all"

    @Option(help: "Fewest samples in a leaf.")
    var minSamplesLeaf = 1

    @Option(help: "Fewest samples to split a node.")
    var minSamplesSplit = 2

    @Option(help: "Deepest depth (default: grow until pure).")
    var maxDepth: Int?

    @Flag(help: "Fit every tree on all samples (no out-of-bag score).")
    var noBootstrap = false

    @Option(help: "Seed of bootstraps and feature draws.")
    var seed: UInt64 = 0

    @Option(help: "Threads growing trees (default: all processors); the result does not depend on it.")
    var threads: Int?

    func run() throws {
        print(try Frontend.randomForest(dataPath: data, treeCount: trees, maxFeatures: maxFeatures, minSamplesLeaf: minSamplesLeaf,
                                        minSamplesSplit: minSamplesSplit, maxDepth: maxDepth, bootstrap: !noBootstrap,
                                        seed: seed, threadCount: threads), terminator: "")
    }
}

struct ComputeDBSCAN: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dbscan",
        abstract: "DBSCAN clustering as scikit-learn's DBSCAN(eps, min_samples) (labels -1 for noise).",
        discussion: dataDiscussion + " Clusters X_train. JSON output: labels, core_sample_indices.")

    @Option(help: "The data file (JSON or CSV, see below).")
    var data: String

    @Option(help: "Neighbourhood radius (feature units, > 0).")
    var eps: Double

    @Option(help: "Neighbours, the sample itself included, that make a core sample.")
    var minSamples = 5

    func run() throws {
        print(try Frontend.dbscan(dataPath: data, eps: eps, minSamples: minSamples), terminator: "")
    }
}
