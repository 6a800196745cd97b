import Crystal
import Descriptors
import JSONSupport
import Learning
import LinearAlgebra

/// Week 5, "Build a simple property predictor using classical descriptors"
/// (`exercises/w05-descriptors/README.md` defines the documents): Magpie features of
/// formulas, a standardise-then-ridge model of their experimental band gaps, its k-fold
/// cross-validated error, and predictions for held-out formulas.
///
/// Reference output (units: features in each Magpie property's own unit, band gaps in eV):
/// - `features`: ``Descriptors/MagpieFeaturizer`` (matminer 0.10.1's
///   `ElementProperty.from_preset("magpie")`, missing table values imputed by the table mean)
///   of the training formulas, `[trainCount x 132]`, columns in the order of `feature_labels`;
/// - `scaler_mean`, `scaler_scale`: `[132]`, ``Learning/StandardScaler`` fitted on the
///   training rows only;
/// - `coefficients` `[132]` and `intercept`: ridge in the standardised space
///   (``Week05Pipeline``);
/// - `cv_mae`: the pipeline's k-fold cross-validated MAE on the training split, eV;
/// - `predictions`: `[heldoutCount]`, eV;
/// - `heldout_labels`: `[heldoutCount]`, the data set's band gaps of the held-out formulas, for
///   the rubric's `metric` check only (never in `input.json`).
///
/// Generator (`exercise.toml`): `expt-gap-split` with `train_size`, `heldout_size`, `alpha`,
/// `folds`: a seeded permutation (``SplitMix64``) of the 4,604 rows of ``Week05BandGaps``; its
/// first `train_size` rows are the training split and the next `heldout_size` the held-out
/// split, so the two never share a formula. The data set is the embedded copy of
/// `exercises/data/crabnet-2.0.8/matbench/expt_gap.csv`; `data` is not read.
public struct Week05Descriptors: WeekExercise {
    public let id = "w05-descriptors"

    static let generators = ["expt-gap-split"]

    public init() {}

    public func input(generator: String, parametersJSON: String, seed: UInt64, data: CourseData) throws -> JSONValue {
        guard generator == "expt-gap-split" else {
            throw ExercisesError.unknownGenerator(exercise: id, generator: generator, known: Self.generators)
        }
        let parameters = try CaseParameters(json: parametersJSON)
        try parameters.requireOnly(["train_size", "heldout_size", "alpha", "folds"])
        let dataSet = try Week05BandGaps.embedded()
        let trainSize = try parameters.integer("train_size", in: 10...2000)
        let heldoutSize = try parameters.integer("heldout_size", in: 1...1000)
        let alpha = try parameters.number("alpha", in: 1e-6...1e6, unit: "ridge penalty (standardised features)")
        let folds = try parameters.integer("folds", in: 2...20)
        guard trainSize + heldoutSize <= dataSet.entries.count else {
            throw ExercisesError.badParameter(
                name: "train_size", value: "\(trainSize)",
                fix: "train_size + heldout_size must be at most the data set's \(dataSet.entries.count) formulas")
        }
        guard folds <= trainSize else {
            throw ExercisesError.badParameter(name: "folds", value: "\(folds)", fix: "must be at most train_size (\(trainSize))")
        }
        let testCase = Self.split(dataSet, trainSize: trainSize, heldoutSize: heldoutSize, alpha: alpha, folds: folds, seed: seed)
        return try testCase.document(featurizer: try Self.featurizer())
    }

    /// The case drawn from `seed`: see the type's documentation.
    static func split(_ dataSet: Week05BandGaps, trainSize: Int, heldoutSize: Int, alpha: Double, folds: Int, seed: UInt64) -> Week05Case {
        var random = SplitMix64(seed: seed)
        let order = random.permutation(of: dataSet.entries.count)
        let train = order[0..<trainSize].map { dataSet.entries[$0] }
        let heldout = order[trainSize..<(trainSize + heldoutSize)].map { dataSet.entries[$0] }
        return Week05Case(
            trainFormulas: train.map(\.formula), trainTargets: train.map(\.bandGap),
            heldoutFormulas: heldout.map(\.formula), alpha: alpha, folds: folds)
    }

    public func referenceOutput(for input: JSONValue) throws -> JSONValue {
        let testCase = try Week05Case(input: input)
        let featurizer = try Self.featurizer()
        let dataSet = try Week05BandGaps.embedded()
        let labels = try testCase.heldoutFormulas.enumerated().map { index, formula in
            guard let gap = dataSet.bandGap(of: formula) else {
                throw ExercisesError.badInput(
                    field: "heldout_formulas[\(index)]",
                    reason: "'\(formula)' is not in \(Week05BandGaps.sourcePath), so it has no label for the metric check; use its formulas as written")
            }
            return gap
        }
        let trainFeatures = try Self.featureMatrix(testCase.trainFormulas, field: "train_formulas", featurizer: featurizer)
        let heldoutFeatures = try Self.featureMatrix(testCase.heldoutFormulas, field: "heldout_formulas", featurizer: featurizer)
        let pipeline: Week05Pipeline, predictions: [Double], cvError: Double
        do {
            pipeline = try Week05Pipeline(fitting: trainFeatures, targets: testCase.trainTargets, alpha: testCase.alpha)
            predictions = try pipeline.predict(heldoutFeatures)
            cvError = try Week05Pipeline.crossValidatedMeanAbsoluteError(
                features: trainFeatures, targets: testCase.trainTargets, alpha: testCase.alpha, folds: testCase.folds)
        } catch {
            throw ExercisesError.badInput(field: "train_targets, alpha, folds", reason: "\(error)")
        }
        func numbers(_ values: [Double]) -> JSONValue { .array(values.map(JSONValue.number)) }
        return .object([
            "features": .array(trainFeatures.rows.map(numbers)),
            "scaler_mean": numbers(pipeline.scaler.mean),
            "scaler_scale": numbers(pipeline.scaler.scale),
            "coefficients": numbers(pipeline.model.coefficients),
            "intercept": .number(pipeline.model.intercept),
            "cv_mae": .number(cvError),
            "predictions": numbers(predictions),
            "heldout_labels": numbers(labels),
        ])
    }

    public func invarianceVariants(of input: JSONValue, seed: UInt64) throws -> [InvarianceVariant] {
        []
    }

    /// Magpie features `[formulaCount x 132]` of `formulas` (matminer's default imputation).
    static func featureMatrix(_ formulas: [String], field: String, featurizer: MagpieFeaturizer) throws -> Matrix {
        let rows = try Week05Case.compositions(formulas, field: field).map(featurizer.features(of:))
        return try Matrix(rows: rows)
    }

    /// matminer's default featurizer.
    /// - Throws: ``ExercisesError/dataAccess(path:reason:)`` if the embedded Magpie tables are broken.
    static func featurizer() throws -> MagpieFeaturizer {
        do {
            return try MagpieFeaturizer(missingData: .imputeTableMean)
        } catch {
            throw ExercisesError.dataAccess(path: "Magpie tables embedded in Crystal", reason: "\(error)")
        }
    }
}
