import ArgumentParser
import Frontend

let dataDiscussion = """
    FILE is JSON {"X_train": [[...], ...], "y_train": [...], "X_test": [[...], ...]} (rows are \
    samples; y_train and X_test optional) or CSV: a header line, one sample per line, a column \
    named y for the target and an optional column named split holding train or test; every \
    other column is a feature.
    """

struct ComputeRidge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ridge",
        abstract: "Ridge regression with intercept (scikit-learn's Ridge; --alpha 0 is LinearRegression).",
        discussion: dataDiscussion + " JSON output: coef, intercept, pred_train, pred_test.")

    @Option(help: "The data file (JSON or CSV, see below).")
    var data: String

    @Option(help: "L2 penalty (>= 0; 0 is ordinary least squares).")
    var alpha: Double = 1.0

    func run() throws {
        print(try Frontend.ridge(dataPath: data, alpha: alpha), terminator: "")
    }
}

struct ComputePCA: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pca",
        abstract: "Principal component analysis with scikit-learn's conventions (ddof 1, svd_flip signs).",
        discussion: dataDiscussion + " JSON output: mean, components, explained_variance, "
            + "explained_variance_ratio, singular_values, noise_variance, transform_train, transform_test.")

    @Option(help: "The data file (JSON or CSV, see below).")
    var data: String

    @Option(help: "Components to keep (default min(samples, features)).")
    var components: Int?

    func run() throws {
        print(try Frontend.pca(dataPath: data, componentCount: components), terminator: "")
    }
}

struct ComputeKMeans: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kmeans",
        abstract: "Lloyd k-means as scikit-learn's KMeans(n_init=1, algorithm='lloyd').",
        discussion: dataDiscussion + " --init takes a JSON file of centres ([[...], ...] or "
            + "{\"init\": [[...]]}) or k-means++ (seeded with --seed: reproducible, but not "
            + "scikit-learn's random draws). JSON output: labels, cluster_centers, inertia, n_iter, predict_test.")

    @Option(help: "The data file (JSON or CSV, see below).")
    var data: String

    @Option(help: "Number of clusters (needed with k-means++).")
    var clusters: Int?

    @Option(help: "CENTERS.json or k-means++.")
    var `init`: String = "k-means++"

    @Option(help: "Seed of k-means++ (ignored with a centres file).")
    var seed: UInt64 = 0

    @Option(help: "Most Lloyd iterations (scikit-learn's max_iter).")
    var maxIter: Int = 300

    @Option(help: "Tolerance on the centre shift, times the mean feature variance (scikit-learn's tol).")
    var tol: Double = 1e-4

    func run() throws {
        let initialization: Frontend.KMeansInitialization = `init` == "k-means++" ? .plusPlus(seed: seed) : .centersFile(`init`)
        print(try Frontend.kmeans(dataPath: data, clusterCount: clusters, initialization: initialization,
                                  maxIterations: maxIter, tolerance: tol), terminator: "")
    }
}
