import ArgumentParser
import Frontend

/// The formulas of `compute magpie` and `compute stoichiometry`: arguments or a file.
struct FormulaInputOptions: ParsableArguments {
    @Argument(help: "Formulas such as Fe2O3, Ca(OH)2, CuSO4·5H2O or Fe0.7Ni0.3 (symbols are case-sensitive).")
    var formulas: [String] = []

    @Option(name: .customLong("file"), help: ArgumentHelp(
        "A CSV file with a 'formula' column (other columns ignored), or one formula per line.",
        valueName: "F"))
    var file: String?

    @Option(help: "Output format: json or csv.")
    var format: FeatureTableFormat = .json

    func validate() throws {
        if formulas.isEmpty && file == nil {
            throw ValidationError("Give at least one formula (such as Fe2O3) or --file F.")
        }
        if !formulas.isEmpty, let file {
            throw ValidationError("Give formulas or --file F, not both (got --file \(file) and \(formulas.joined(separator: " "))).")
        }
    }
}

struct ComputeMagpie: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "magpie",
        abstract: "Magpie composition features, as matminer 0.10.1's ElementProperty.from_preset(\"magpie\").",
        discussion: """
            132 features: for each of 22 elemental properties (Number, MendeleevNumber, ..., \
            SpaceGroupNumber) its minimum, maximum, range, mean, avg_dev and mode over the formula's \
            elements, with matminer's labels ("MagpieData mean Number") and order. mean and avg_dev \
            are weighted by atomic fraction; mode is the value of the most abundant element, the \
            smallest one on a tie. Where Magpie's tables have no value for an element, matminer's \
            default replaces it by the table's mean over all elements; --no-impute-nan gives NaN \
            instead (matminer's impute_nan=False), written as null in JSON (JSON has no NaN) and \
            NaN in CSV. JSON: {"labels": [...], "rows": [{"formula": f, "features": [...]}, ...]}; \
            CSV: a header formula,<labels...> and one row per formula.
            """)

    @OptionGroup var input: FormulaInputOptions

    @Flag(inversion: .prefixedNo, help: "Replace missing elemental values by the table mean (matminer's impute_nan; default on).")
    var imputeNan = true

    func run() throws {
        print(try Frontend.compositionFeatures(
            .magpie, formulas: input.formulas, file: input.file, format: input.format, imputeMissing: imputeNan),
            terminator: "")
    }
}

struct ComputeStoichiometry: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stoichiometry",
        abstract: "Stoichiometric p-norms of the atomic fractions, as matminer 0.10.1's Stoichiometry().",
        discussion: """
            Features 0-norm (the number of elements), 2-norm, 3-norm, 5-norm, 7-norm and 10-norm, \
            (sum of x_i^p)^(1/p) over the atomic fractions x_i. JSON: {"labels": [...], "rows": \
            [{"formula": f, "features": [...]}, ...]}; CSV: a header formula,<labels...> and one \
            row per formula.
            """)

    @OptionGroup var input: FormulaInputOptions

    func run() throws {
        print(try Frontend.compositionFeatures(.stoichiometry, formulas: input.formulas, file: input.file, format: input.format),
              terminator: "")
    }
}
