import Foundation
import JSONSupport

/// Week 2, "For selected materials properties, identify suitable simulation methods and
/// expected biases" (`exercises/w02-simulation-methods/README.md` defines the documents).
///
/// Input: `questions` and the vocabularies `method_options` and `bias_options`
/// (``Week02Catalogue``); `band_gaps` (`[{"formula", "dft_gap", "experimental_gap"}]`, eV,
/// ``Week02BandGapPairs``); `timings` (`{"method", "size_unit", "sizes", "seconds",
/// "target_size"}`).
///
/// Reference output:
/// - `methods`, `biases`: `{question id: answer}`, the full-credit answers (the rubric grades
///   them with `choice`, partial credit for defensible alternatives);
/// - `gap_mean_signed_error`: mean of DFT - experiment, eV; `gap_mean_absolute_error`, eV;
///   `gap_fraction_underestimated`: the share of pairs with DFT < experiment;
/// - `gap_correction`: `[slope, intercept]` of the least-squares line experiment ≈ slope x
///   DFT + intercept (the correction to apply to a new DFT gap);
/// - `scaling_exponent`: the least-squares slope of ln(seconds) on ln(size);
///   `predicted_seconds`: that fit's time at `target_size`.
///
/// Generator `band-gaps-and-timings`: `pairs` (how many band-gap pairs, 10...725), optional
/// `cost_model` (index into ``Week02Catalogue/costModels``; default drawn by the seed) and
/// `noise` (standard deviation of the timings' log-normal noise, default 0.1).
public struct Week02SimulationMethods: WeekExercise {
    public let id = "w02-simulation-methods"

    public init() {}

    public func input(generator: String, parametersJSON: String, seed: UInt64, data: CourseData) throws -> JSONValue {
        guard generator == "band-gaps-and-timings" else {
            throw ExercisesError.unknownGenerator(exercise: id, generator: generator, known: ["band-gaps-and-timings"])
        }
        let parameters = try CaseParameters(json: parametersJSON)
        try parameters.requireOnly(["pairs", "cost_model", "noise"])
        let all = try Week02BandGapPairs.load(dataFolder: data.dataFolder).pairs
        let count = try parameters.integer("pairs", in: 10...max(10, all.count))  // 913 pairs in the shipped data
        var random = SplitMix64(seed: seed)
        let chosen = random.permutation(of: all.count).prefix(count).sorted().map { all[$0] }
        let model = Week02Catalogue.costModels[
            parameters.has("cost_model")
                ? try parameters.integer("cost_model", in: 0...(Week02Catalogue.costModels.count - 1))
                : random.index(below: Week02Catalogue.costModels.count)]
        let noise = parameters.has("noise") ? try parameters.number("noise", in: 0...0.5, unit: "standard deviation of ln(seconds)") : 0.1
        let first = model.sizeUnit == "atoms" ? 8.0 : 1000.0
        let sizes = (0..<7).map { (first * pow(2, Double($0)) * (1 + 0.2 * random.unit())).rounded() }
        let seconds = sizes.map { size -> Double in
            // Box-Muller: a standard normal from two uniforms.
            let normal = (-2 * log(max(random.unit(), 1e-300))).squareRoot() * cos(2 * Double.pi * random.unit())
            let value = model.prefactorSeconds * pow(size, model.exponent) * exp(noise * normal)
            return Double(String(format: "%.4g", value)) ?? value
        }
        return .object([
            "questions": .array(Week02Catalogue.questions.map { question in
                .object(["id": .string(question.id), "property": .string(question.property), "material": .string(question.material),
                         "conditions": .string(question.conditions)])
            }),
            "method_options": .array(Week02Catalogue.methods.map(JSONValue.string)),
            "bias_options": .array(Week02Catalogue.biases.map { .object(["id": .string($0.id), "meaning": .string($0.meaning)]) }),
            "band_gaps": .array(chosen.map { pair in
                .object(["formula": .string(pair.formula), "dft_gap": .number(pair.dftGap), "experimental_gap": .number(pair.experimentalGap)])
            }),
            "band_gap_source": "DFT: Matbench mp_gap (PBE, Materials Project); experiment: Matbench expt_gap (Zhuo et al. 2018)",
            "timings": .object([
                "method": .string(model.method), "size_unit": .string(model.sizeUnit),
                "sizes": .array(sizes.map(JSONValue.number)), "seconds": .array(seconds.map(JSONValue.number)),
                "target_size": .number(sizes[sizes.count - 1] * 4),
            ]),
        ])
    }

    public func referenceOutput(for input: JSONValue) throws -> JSONValue {
        let fields = input.objectValue ?? [:]
        guard let rows = fields["band_gaps"]?.arrayValue, rows.count >= 2 else {
            throw ExercisesError.badInput(field: "band_gaps", reason: "must be a list of at least 2 {formula, dft_gap, experimental_gap} (got \(fields["band_gaps"]?.abbreviated() ?? "nothing"))")
        }
        var dft: [Double] = [], experiment: [Double] = []
        for (k, row) in rows.enumerated() {
            for (name, list) in [("dft_gap", 0), ("experimental_gap", 1)] {
                guard let value = row.objectValue?[name]?.numberValue, value.isFinite, value >= 0 else {
                    throw ExercisesError.badInput(field: "band_gaps[\(k)].\(name)", reason: "must be a band gap in eV >= 0 (got \(row.objectValue?[name]?.abbreviated() ?? "nothing"))")
                }
                if list == 0 { dft.append(value) } else { experiment.append(value) }
            }
        }
        let differences = zip(dft, experiment).map { $0 - $1 }
        let n = Double(rows.count)
        guard let correction = Self.line(x: dft, y: experiment) else {
            throw ExercisesError.badInput(field: "band_gaps", reason: "every dft_gap is the same, so no line can be fitted; give varied pairs")
        }
        guard let timings = fields["timings"]?.objectValue,
              let sizes = timings["sizes"]?.arrayValue?.compactMap(\.numberValue),
              let seconds = timings["seconds"]?.arrayValue?.compactMap(\.numberValue),
              sizes.count == seconds.count, sizes.count >= 2,
              (sizes + seconds).allSatisfy({ $0 > 0 && $0.isFinite }),
              let target = timings["target_size"]?.numberValue, target > 0
        else {
            throw ExercisesError.badInput(field: "timings", reason: "must hold sizes and seconds (equal-length lists of positive numbers, at least 2) and a positive target_size")
        }
        guard let scaling = Self.line(x: sizes.map { log($0) }, y: seconds.map { log($0) }) else {
            throw ExercisesError.badInput(field: "timings.sizes", reason: "all sizes are equal, so no exponent can be fitted")
        }
        return .object([
            "methods": .object(Dictionary(uniqueKeysWithValues: Week02Catalogue.questions.map { ($0.id, JSONValue.string($0.method)) })),
            "biases": .object(Dictionary(uniqueKeysWithValues: Week02Catalogue.questions.map { ($0.id, JSONValue.string($0.bias)) })),
            "gap_mean_signed_error": .number(differences.reduce(0, +) / n),
            "gap_mean_absolute_error": .number(differences.reduce(0) { $0 + abs($1) } / n),
            "gap_fraction_underestimated": .number(Double(differences.filter { $0 < 0 }.count) / n),
            "gap_correction": .array([.number(correction.slope), .number(correction.intercept)]),
            "scaling_exponent": .number(scaling.slope),
            "predicted_seconds": .number(exp(scaling.intercept + scaling.slope * log(target))),
        ])
    }

    /// No transformed copies: the answers depend on the data's values, not on a frame.
    public func invarianceVariants(of input: JSONValue, seed: UInt64) throws -> [InvarianceVariant] { [] }

    /// Ordinary least squares y ≈ slope x + intercept; nil when x is constant.
    static func line(x: [Double], y: [Double]) -> (slope: Double, intercept: Double)? {
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n, meanY = y.reduce(0, +) / n
        var covariance = 0.0, variance = 0.0
        for (a, b) in zip(x, y) {
            covariance += (a - meanX) * (b - meanY)
            variance += (a - meanX) * (a - meanX)
        }
        guard variance > 1e-12 * max(1, meanX * meanX) * n else { return nil }
        let slope = covariance / variance
        return (slope, meanY - slope * meanX)
    }
}
