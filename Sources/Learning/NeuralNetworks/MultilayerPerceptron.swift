import Foundation
import LinearAlgebra

/// A multilayer-perceptron regressor trained by Adam on mini-batches, with scikit-learn's
/// `MLPRegressor` semantics (solver "adam"):
///
/// - loss per batch: `0.5 · mean((y - ŷ)²)
///   `+ 0.5 · alpha · Σ‖W‖² / batchSize` (biases are not
///   penalised); the epoch's loss is the sample-weighted mean of its batch losses;
/// - `batchSize = min(200, n)` by default; the training rows are reshuffled every epoch;
/// - without early stopping, training stops when the epoch loss has not improved on the
///   best by more than `tolerance` for more than `patience` epochs in a row;
/// - with early stopping, a `validationFraction` of the rows is held out (seeded), the
///   validation R² is recorded every epoch, training stops after more than `patience` epochs
///   without an R² gain of `tolerance`, and the weights of the best epoch are kept.
///
/// Adam is PyTorch's form (``Adam``); scikit-learn folds the bias corrections into the step
/// size, which moves ε slightly. Weights start from a seeded ``LearningRandom``, so runs are
/// reproducible here but never bit-equal to scikit-learn's: compare fitted models by their
/// errors, not their weights.
public struct MultilayerPerceptron: Sendable {
    public struct Settings: Hashable, Sendable {
        public var hiddenLayerSizes: [Int] = [100]
        public var activation: Activation = .relu
        /// L2 penalty (scikit-learn's `alpha`).
        public var alpha: Double = 1e-4
        /// Nil: `min(200, n)`.
        public var batchSize: Int?
        public var learningRate: Double = 1e-3
        /// Epochs at most (scikit-learn's `max_iter`).
        public var maximumEpochs: Int = 200
        public var tolerance: Double = 1e-4
        /// Epochs without improvement tolerated (scikit-learn's `n_iter_no_change`).
        public var patience: Int = 10
        public var earlyStopping: Bool = false
        public var validationFraction: Double = 0.1
        public var seed: UInt64 = 0

        public init() {}
    }

    public let settings: Settings
    public private(set) var network: DenseNetwork
    /// The training loss of every epoch (scikit-learn's `loss_curve_`).
    public private(set) var lossCurve: [Double] = []
    /// The validation R² of every epoch with early stopping (`validation_scores_`), else empty.
    public private(set) var validationScores: [Double] = []
    /// Whether training stopped before `maximumEpochs`.
    public private(set) var converged = false

    /// Epochs run (`n_iter_`).
    public var epochCount: Int { lossCurve.count }

    /// Fits the network to `features` (`[n x d]`) and `targets` (n values).
    /// - Throws: ``LearningError`` for shapes, non-finite values, bad settings, and too few
    ///   rows for the validation split.
    public init(features: Matrix, targets: [Double], settings: Settings = Settings()) throws(LearningError) {
        try self.init(features: features, targets: Matrix(column: targets), settings: settings)
    }

    /// Fits with several outputs: `targets` is `[n x outputCount]` (an autoencoder fits X to X).
    public init(features: Matrix, targets: Matrix, settings: Settings) throws(LearningError) {
        let context = "MLP regressor"
        try Validate.features(features, context: context, minimumSamples: 2)
        try Validate.finite(features, name: "X", context: context)
        try Validate.finite(targets, name: "y", context: context)
        guard targets.rowCount == features.rowCount else {
            throw .sampleCountMismatch(context: context, name: "y", count: targets.rowCount, expected: features.rowCount)
        }
        try Self.validate(settings)
        self.settings = settings
        var random = LearningRandom(seed: settings.seed)
        network = try DenseNetwork(layerSizes: [features.columnCount] + settings.hiddenLayerSizes + [targets.columnCount],
                                   activation: settings.activation, random: &random)
        var rows = Array(0..<features.rowCount)
        var validationRows: [Int] = []
        if settings.earlyStopping {
            rows.shuffle(using: &random)
            let validationCount = Int((settings.validationFraction * Double(rows.count)).rounded(.up))
            guard validationCount >= 2, rows.count - validationCount >= 1 else {
                throw .tooFewSamples(context: "\(context) with early stopping (validation fraction \(settings.validationFraction))",
                                     sampleCount: features.rowCount, minimum: Int((2 / settings.validationFraction).rounded(.up)) + 1)
            }
            validationRows = Array(rows.prefix(validationCount))
            rows = Array(rows.dropFirst(validationCount))
        }
        try train(features: features, targets: targets, trainingRows: rows, validationRows: validationRows, random: &random)
    }

    /// Predictions for the rows of `features`: one value per row (the first output).
    public func predict(_ features: Matrix) throws(LearningError) -> [Double] {
        try predictAll(features).column(0)
    }

    /// Every output for the rows of `features`, `[n x outputCount]`.
    public func predictAll(_ features: Matrix) throws(LearningError) -> Matrix {
        try Validate.finite(features, name: "X", context: "MLP prediction")
        return try network.evaluate(features)
    }

    private mutating func train(features: Matrix, targets: Matrix, trainingRows: [Int], validationRows: [Int],
                                random: inout LearningRandom) throws(LearningError) {
        var optimizer = Adam(learningRate: settings.learningRate)
        let batchSize = min(settings.batchSize ?? 200, trainingRows.count)
        var rows = trainingRows
        var bestLoss = Double.infinity
        var bestScore = -Double.infinity
        var bestParameters = network.parameters
        var stalledEpochs = 0
        let validationFeatures = Self.rows(validationRows, of: features)
        let validationTargets = Self.rows(validationRows, of: targets)
        for _ in 0..<settings.maximumEpochs {
            rows.shuffle(using: &random)
            var epochLoss = 0.0
            for start in stride(from: 0, to: rows.count, by: batchSize) {
                let batch = Array(rows[start..<min(start + batchSize, rows.count)])
                epochLoss += try step(features: Self.rows(batch, of: features), targets: Self.rows(batch, of: targets),
                                      optimizer: &optimizer) * Double(batch.count)
            }
            epochLoss /= Double(rows.count)
            try Divergence.check(epochLoss, context: "MLP regressor", learningRate: settings.learningRate, advice: "standardise X and y")
            lossCurve.append(epochLoss)
            if settings.earlyStopping {
                let score = Self.r2(predicted: try network.evaluate(validationFeatures), actual: validationTargets)
                validationScores.append(score)
                stalledEpochs = score < bestScore + settings.tolerance ? stalledEpochs + 1 : 0
                if score > bestScore {
                    bestScore = score
                    bestParameters = network.parameters
                }
            } else {
                stalledEpochs = epochLoss > bestLoss - settings.tolerance ? stalledEpochs + 1 : 0
                bestLoss = min(bestLoss, epochLoss)
            }
            if stalledEpochs > settings.patience {
                converged = true
                break
            }
        }
        if settings.earlyStopping { network.parameters = bestParameters }
    }

    /// One Adam step on a batch; returns the batch's loss before the step.
    private mutating func step(features: Matrix, targets: Matrix, optimizer: inout Adam) throws(LearningError) -> Double {
        let tape = GradientTape()
        let variables = network.parameters.variables(on: tape)
        let output = try network.forward(tape.constant(features), variables: variables)
        var loss = try output.meanSquaredError(against: targets).scaled(by: 0.5)
        if settings.alpha > 0, let norm = try network.squaredWeightNorm(variables) {
            loss = try loss.adding(norm.scaled(by: 0.5 * settings.alpha / Double(features.rowCount)))
        }
        let gradients = try tape.gradients(of: loss)
        optimizer.step(&network.parameters, gradients: variables.map { gradients[$0] })
        return loss.value[0, 0]
    }

    /// R² averaged uniformly over the outputs (scikit-learn's `score`).
    static func r2(predicted: Matrix, actual: Matrix) -> Double {
        var total = 0.0
        for column in 0..<actual.columnCount {
            let y = actual.column(column), p = predicted.column(column)
            let mean = y.reduce(0, +) / Double(y.count)
            let residual = zip(y, p).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            let spread = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            total += spread == 0 ? (residual == 0 ? 1 : 0) : 1 - residual / spread
        }
        return total / Double(max(1, actual.columnCount))
    }

    static func rows(_ indices: [Int], of matrix: Matrix) -> Matrix {
        let width = matrix.columnCount
        var values = [Double]()
        values.reserveCapacity(indices.count * width)
        for row in indices { values.append(contentsOf: matrix.storage[(row * width)..<((row + 1) * width)]) }
        return Matrix(rowCount: indices.count, columnCount: width, exactStorage: values)
    }

    private static func validate(_ settings: Settings) throws(LearningError) {
        let context = "MLP regressor"
        if let bad = settings.hiddenLayerSizes.first(where: { $0 < 1 }) {
            throw .invalidParameter(context: context, name: "hidden layer size", value: "\(bad)", reason: "every hidden layer needs at least one unit")
        }
        guard settings.alpha.isFinite, settings.alpha >= 0 else {
            throw .invalidParameter(context: context, name: "alpha", value: "\(settings.alpha)", reason: "the L2 penalty must be finite and >= 0")
        }
        guard settings.learningRate.isFinite, settings.learningRate > 0 else {
            throw .invalidParameter(context: context, name: "learning rate", value: "\(settings.learningRate)", reason: "use a small positive number such as 0.001")
        }
        guard settings.maximumEpochs >= 1 else {
            throw .invalidParameter(context: context, name: "maximum epochs", value: "\(settings.maximumEpochs)", reason: "train for at least one epoch")
        }
        if let batch = settings.batchSize, batch < 1 {
            throw .invalidParameter(context: context, name: "batch size", value: "\(batch)", reason: "use at least one sample per batch")
        }
        guard settings.patience >= 1 else {
            throw .invalidParameter(context: context, name: "patience", value: "\(settings.patience)", reason: "allow at least one epoch without improvement")
        }
        guard settings.validationFraction > 0, settings.validationFraction < 1 else {
            throw .invalidParameter(context: context, name: "validation fraction", value: "\(settings.validationFraction)", reason: "must be in (0, 1), e.g. 0.1")
        }
    }
}
