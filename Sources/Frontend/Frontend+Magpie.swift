import Crystal
import Descriptors
import Foundation
import JSONSupport

/// How `compute magpie` and `compute stoichiometry` print their feature table.
public enum FeatureTableFormat: String, CaseIterable, Sendable {
    /// `{"labels": [...], "rows": [{"formula": f, "features": [...]}, ...]}`; NaN as null.
    case json
    /// A header `formula,<labels...>` and one row per formula; NaN as `NaN`.
    case csv
}

extension Frontend {
    /// The composition featurizers of week 5 (Ward et al., npj Comput. Mater. 2, 16028 (2016)).
    public enum CompositionFeatures: String, CaseIterable, Sendable {
        /// matminer's `ElementProperty.from_preset("magpie")`: 132 features.
        case magpie
        /// matminer's `Stoichiometry()`: the p-norms 0, 2, 3, 5, 7, 10.
        case stoichiometry
    }

    /// `matgrade compute magpie|stoichiometry FORMULA... | --file F`: one row of features per
    /// formula, in the order given, with matminer 0.10.1's labels and values (agreement within
    /// `1e-11 + 1e-13 * |value|`, see ``Descriptors/MagpieFeaturizer``).
    ///
    /// - Parameters:
    ///   - formulas: formulas from the command line; exclusive with `file`.
    ///   - file: a CSV with a `formula` column, or one formula per line (``FormulaList``).
    ///   - imputeMissing: matminer's `impute_nan` (Magpie only): true (its default) replaces a
    ///     missing elemental value by the table's mean; false gives NaN, written as JSON null
    ///     or CSV `NaN`.
    /// - Throws: ``FrontendError`` for no or both inputs and for a bad line of the file (its
    ///   path and line, the value, the fix); `CrystalError` for a bad command-line formula.
    public static func compositionFeatures(
        _ kind: CompositionFeatures, formulas: [String], file: String?, format: FeatureTableFormat,
        imputeMissing: Bool = true
    ) throws -> String {
        let inputs = try formulaInputs(formulas: formulas, file: file)
        let labels: [String]
        let featurize: (Composition) -> [Double]
        switch kind {
        case .magpie:
            let featurizer = try MagpieFeaturizer(missingData: imputeMissing ? .imputeTableMean : .propagateNaN)
            labels = MagpieFeaturizer.labels
            featurize = featurizer.features(of:)
        case .stoichiometry:
            let featurizer = try StoichiometryFeaturizer()
            labels = featurizer.labels
            featurize = featurizer.features(of:)
        }
        var rows: [[Double]] = []
        rows.reserveCapacity(inputs.count)
        for input in inputs {
            rows.append(featurize(try composition(of: input, file: file)))
        }
        let formulaStrings = inputs.map(\.formula)
        switch format {
        case .json: return featureJSON(labels: labels, formulas: formulaStrings, rows: rows)
        case .csv: return featureCSV(labels: labels, formulas: formulaStrings, rows: rows)
        }
    }

    static func formulaInputs(formulas: [String], file: String?) throws -> [FormulaList.Entry] {
        switch (formulas.isEmpty, file) {
        case (false, .some(let path)):
            throw FrontendError.invalidOption(
                name: "--file", value: path, reason: "give formulas or --file, not both (formulas given: \(formulas.joined(separator: " ")))")
        case (true, .some(let path)):
            return try FormulaList(contentsOf: path).entries
        case (false, nil):
            return formulas.map { FormulaList.Entry(formula: $0, line: 0) }
        case (true, nil):
            throw FrontendError.invalidOption(
                name: "FORMULA...", value: "(none)", reason: "give at least one formula (such as Fe2O3) or --file F")
        }
    }

    /// The composition of a formula; a bad formula from a file names the file and line.
    static func composition(of input: FormulaList.Entry, file: String?) throws -> Composition {
        do {
            return try Composition(formula: input.formula)
        } catch let error as CrystalError {
            guard let file else { throw error }
            throw FrontendError.inputLine(path: file, line: input.line, reason: "\(error)")
        }
    }

    static func featureJSON(labels: [String], formulas: [String], rows: [[Double]]) -> String {
        var json = JSONWriter()
        json.raw("{\"labels\": [")
        for (index, label) in labels.enumerated() {
            if index > 0 { json.raw(", ") }
            json.string(label)
        }
        json.raw("],\n\"rows\": [")
        for (index, row) in rows.enumerated() {
            json.raw(index == 0 ? "\n  {\"formula\": " : ",\n  {\"formula\": ")
            json.string(formulas[index])
            json.raw(", \"features\": ")
            json.numbers(row)
            json.raw("}")
        }
        json.raw("\n]}\n")
        return json.text
    }

    static func featureCSV(labels: [String], formulas: [String], rows: [[Double]]) -> String {
        var text = "formula," + labels.joined(separator: ",") + "\n"
        for (formula, row) in zip(formulas, rows) {
            text += csvField(formula)
            for value in row {
                text += ","
                text += value.isNaN ? "NaN" : value.description
            }
            text += "\n"
        }
        return text
    }
}
