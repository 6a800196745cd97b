import JSONSupport
import Learning
import LinearAlgebra

extension Frontend {
    /// What `matgrade compute gp --acquisition` evaluates at X_test.
    public struct AcquisitionRequest: Sendable, Equatable {
        public enum Kind: String, Sendable, CaseIterable { case ei, ucb, pi }
        public var kind: Kind
        /// ξ of EI and PI, target units.
        public var xi: Double
        /// κ of UCB, standard deviations.
        public var kappa: Double
        /// The best target so far; default: max (or min with `minimize`) of y_train.
        public var incumbent: Double?
        public var minimize: Bool

        public init(kind: Kind, xi: Double = 0.01, kappa: Double = 1.96, incumbent: Double? = nil, minimize: Bool = false) {
            self.kind = kind
            self.xi = xi
            self.kappa = kappa
            self.incumbent = incumbent
            self.minimize = minimize
        }
    }

    /// `matgrade compute gp --data FILE --kernel K [--optimize] [--restarts N] [--seed S]
    /// [--normalize-y] [--alpha A] [--acquisition ei|ucb|pi --xi X --kappa K --incumbent Y
    /// [--minimize]]`: scikit-learn's `GaussianProcessRegressor(kernel, alpha, normalize_y,
    /// n_restarts_optimizer)` fitted on X_train, y_train and evaluated at X_test.
    ///
    /// JSON (stable): `{"kernel": fitted kernel in the --kernel grammar, "theta": [...],
    /// "mean_test": [...], "std_test": [...], "log_marginal_likelihood": x,
    /// "hyperparameters": {"constant_value": c, "length_scale": l, "noise_level": n},
    /// "acquisition": {"kind", "minimize", "incumbent", "xi" | "kappa", "values": [...]}}`.
    /// A hyperparameter kind that occurs once is a number (a list for ARD length scales);
    /// several occurrences give a list in kernel order; an absent kind is left out.
    /// `mean_test`, `std_test` and `acquisition` need X_test; `acquisition` only with --acquisition.
    public static func gaussianProcess(
        dataPath: String, kernel kernelText: String, optimize: Bool, restartCount: Int, seed: UInt64, normalizeY: Bool,
        alpha: Double, acquisition: AcquisitionRequest?
    ) throws -> String {
        let options = GaussianProcessOptions(alpha: alpha, normalizeTargets: normalizeY, optimize: optimize,
                                             restartCount: restartCount, seed: seed)
        let kernel = try Kernel(parsing: kernelText)
        let data = try LearningDataFile(path: dataPath)
        guard let targets = data.trainTargets else {
            throw FrontendError.invalidData(file: dataPath, field: "y_train", problem: "is missing",
                                            fix: "gp needs one target per training row (JSON y_train, or a CSV column named y)")
        }
        if acquisition != nil, data.testFeatures == nil {
            throw FrontendError.invalidData(file: dataPath, field: "X_test", problem: "is missing",
                                            fix: "--acquisition is evaluated at the test rows; add X_test")
        }
        for (name, value) in [("--xi", acquisition?.xi), ("--kappa", acquisition?.kappa)] {
            if let value, !(value.isFinite && value >= 0) {
                throw FrontendError.invalidOption(name: name, value: "\(value)", reason: "it must be a finite number >= 0")
            }
        }
        let gp = try GaussianProcessRegressor(features: data.trainFeatures, targets: targets, kernel: kernel, options: options)
        var json = JSONWriter()
        json.raw("{\"kernel\": "); json.string(gp.kernel.description)
        json.raw(",\n \"theta\": "); json.numbers(gp.kernel.theta)
        json.raw(",\n \"log_marginal_likelihood\": "); json.number(gp.logMarginalLikelihood)
        json.raw(",\n \"hyperparameters\": {")
        let hyper = gp.kernel.hyperparameters
        var members: [(String, (inout JSONWriter) -> Void)] = []
        if !hyper.constants.isEmpty {
            members.append(("constant_value", { hyper.constants.count == 1 ? $0.number(hyper.constants[0]) : $0.numbers(hyper.constants) }))
        }
        if !hyper.lengthScales.isEmpty {
            members.append(("length_scale", { json in
                func one(_ scales: [Double], _ json: inout JSONWriter) {
                    if scales.count == 1 { json.number(scales[0]) } else { json.numbers(scales) }
                }
                if hyper.lengthScales.count == 1 { one(hyper.lengthScales[0], &json) } else { json.array(hyper.lengthScales) { one($1, &$0) } }
            }))
        }
        if !hyper.noiseLevels.isEmpty {
            members.append(("noise_level", { hyper.noiseLevels.count == 1 ? $0.number(hyper.noiseLevels[0]) : $0.numbers(hyper.noiseLevels) }))
        }
        for (index, (name, write)) in members.enumerated() {
            if index > 0 { json.raw(", ") }
            json.string(name)
            json.raw(": ")
            write(&json)
        }
        json.raw("}")
        if let test = data.testFeatures {
            let (mean, std) = try gp.predict(test)
            json.raw(",\n \"mean_test\": "); json.numbers(mean)
            json.raw(",\n \"std_test\": "); json.numbers(std)
            if let acquisition {
                let incumbent = acquisition.incumbent ?? (acquisition.minimize ? targets.min() : targets.max()) ?? 0
                let function: Acquisition
                switch acquisition.kind {
                case .ei: function = .expectedImprovement(incumbent: incumbent, xi: acquisition.xi)
                case .pi: function = .probabilityOfImprovement(incumbent: incumbent, xi: acquisition.xi)
                case .ucb: function = .upperConfidenceBound(kappa: acquisition.kappa)
                }
                json.raw(",\n \"acquisition\": {\"kind\": "); json.string(acquisition.kind.rawValue)
                json.raw(", \"minimize\": "); json.bool(acquisition.minimize)
                if acquisition.kind == .ucb {
                    json.raw(", \"kappa\": "); json.number(acquisition.kappa)
                } else {
                    json.raw(", \"incumbent\": "); json.number(incumbent)
                    json.raw(", \"xi\": "); json.number(acquisition.xi)
                }
                json.raw(", \"values\": "); json.numbers(function.values(mean: mean, standardDeviation: std, minimize: acquisition.minimize))
                json.raw("}")
            }
        }
        json.raw("}\n")
        return json.text
    }
}
