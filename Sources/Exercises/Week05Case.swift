import Crystal
import Descriptors
import JSONSupport

/// One week-5 case: what `input.json` carries (`exercises/w05-descriptors/README.md`).
///
/// Fields of the input document:
/// - `train_formulas`, `heldout_formulas`: formulas as the data set writes them, `[trainCount]`
///   and `[heldoutCount]`, disjoint;
/// - `train_compositions`, `heldout_compositions`: the same formulas parsed, one
///   `{symbol: amount}` object each (amounts as written, parentheses expanded: `Ag(AuS)2` is
///   Ag 1, Au 2, S 2), so a student needs no formula parser;
/// - `train_targets`: experimental band gaps of the training formulas, eV, `[trainCount]`
///   (the held-out band gaps are never in the input);
/// - `alpha`: the ridge penalty (> 0, in the units of the standardised features);
/// - `folds`: k of the k-fold cross-validation (2 ... trainCount);
/// - `element_properties`: the 22 Magpie property names in matminer's order;
///   `elements`: `{symbol: [22 values]}` for every element of the case, the Magpie tables'
///   values with matminer's default for a missing one (the table's mean over Z 1-118), in the
///   order of `element_properties`; `feature_labels`: the 132 labels of the output columns.
struct Week05Case: Hashable, Sendable {
    var trainFormulas: [String]
    var trainTargets: [Double]
    var heldoutFormulas: [String]
    var alpha: Double
    var folds: Int

    /// The input document.
    /// - Throws: ``ExercisesError/badInput(field:reason:)`` when a formula does not parse.
    func document(featurizer: MagpieFeaturizer) throws -> JSONValue {
        let train = try Self.compositions(trainFormulas, field: "train_formulas")
        let heldout = try Self.compositions(heldoutFormulas, field: "heldout_formulas")
        let elements = Set((train + heldout).flatMap(\.elements)).sorted()
        var table: [String: JSONValue] = [:]
        for element in elements {
            table[element.symbol] = .array(MagpieFeaturizer.properties.map { .number(featurizer.value(of: $0, for: element)) })
        }
        return .object([
            "dataset": "Matbench expt_gap: experimental band gaps, eV (Zhuo et al. 2018)",
            "train_formulas": .array(trainFormulas.map(JSONValue.string)),
            "train_compositions": .array(train.map(Self.json)),
            "train_targets": .array(trainTargets.map(JSONValue.number)),
            "heldout_formulas": .array(heldoutFormulas.map(JSONValue.string)),
            "heldout_compositions": .array(heldout.map(Self.json)),
            "alpha": .number(alpha),
            "folds": .number(Double(folds)),
            "element_properties": .array(MagpieFeaturizer.properties.map { .string($0.rawValue) }),
            "elements": .object(table),
            "feature_labels": .array(MagpieFeaturizer.labels.map(JSONValue.string)),
        ])
    }

    /// Reads the fields the reference needs from an input document.
    /// - Throws: ``ExercisesError/badInput(field:reason:)`` naming the field, the value and the fix.
    init(input: JSONValue) throws {
        let fields = input.objectValue ?? [:]
        func strings(_ name: String) throws -> [String] {
            guard let array = fields[name]?.arrayValue, !array.isEmpty else {
                throw ExercisesError.badInput(field: name, reason: "must be a non-empty array of formulas (got \(fields[name]?.abbreviated() ?? "nothing"))")
            }
            return try array.enumerated().map { index, value in
                guard let string = value.stringValue else {
                    throw ExercisesError.badInput(field: "\(name)[\(index)]", reason: "must be a formula string (got \(value.abbreviated()))")
                }
                return string
            }
        }
        trainFormulas = try strings("train_formulas")
        heldoutFormulas = try strings("heldout_formulas")
        guard let targets = fields["train_targets"]?.arrayValue, targets.count == trainFormulas.count else {
            throw ExercisesError.badInput(
                field: "train_targets", reason: "must hold one band gap (eV) per training formula, \(trainFormulas.count) numbers "
                    + "(got \(fields["train_targets"]?.abbreviated() ?? "nothing"))")
        }
        trainTargets = try targets.enumerated().map { index, value in
            guard let number = value.numberValue, number.isFinite else {
                throw ExercisesError.badInput(field: "train_targets[\(index)]", reason: "must be a finite number of eV (got \(value.abbreviated()))")
            }
            return number
        }
        guard let alpha = fields["alpha"]?.numberValue, alpha > 0, alpha.isFinite else {
            throw ExercisesError.badInput(field: "alpha", reason: "must be a finite ridge penalty > 0 (got \(fields["alpha"]?.abbreviated() ?? "nothing"))")
        }
        self.alpha = alpha
        guard let folds = fields["folds"]?.integerValue, folds >= 2, folds <= trainFormulas.count else {
            throw ExercisesError.badInput(
                field: "folds", reason: "must be an integer in 2...\(trainFormulas.count), the number of training formulas "
                    + "(got \(fields["folds"]?.abbreviated() ?? "nothing"))")
        }
        self.folds = folds
    }

    init(trainFormulas: [String], trainTargets: [Double], heldoutFormulas: [String], alpha: Double, folds: Int) {
        self.trainFormulas = trainFormulas
        self.trainTargets = trainTargets
        self.heldoutFormulas = heldoutFormulas
        self.alpha = alpha
        self.folds = folds
    }

    /// The compositions of `formulas`; `field` names them in messages.
    /// - Throws: ``ExercisesError/badInput(field:reason:)`` naming the formula and what is wrong.
    static func compositions(_ formulas: [String], field: String) throws -> [Composition] {
        try formulas.enumerated().map { index, formula in
            do {
                return try Composition(formula: formula)
            } catch {
                throw ExercisesError.badInput(field: "\(field)[\(index)]", reason: "'\(formula)' is not a formula (\(error))")
            }
        }
    }

    /// `{symbol: amount}`, amounts as the formula writes them.
    static func json(_ composition: Composition) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: composition.elements.map { ($0.symbol, JSONValue.number(composition[$0])) }))
    }
}
