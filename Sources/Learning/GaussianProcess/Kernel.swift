import Foundation

/// A covariance function of Gaussian-process regression, with scikit-learn 1.9's
/// definitions (`sklearn.gaussian_process.kernels`; Rasmussen & Williams, *Gaussian Processes
/// for Machine Learning*, MIT Press 2006, ch. 4, ISBN 0-262-18253-X):
///
/// - ``constant(_:)``: `k(x, x') = c` (`ConstantKernel(constant_value=c)`);
/// - ``rbf(lengthScales:)``: `exp(-r²/2)` with `r² = Σ_d (x_d - x'_d)² / l_d²`
///   (`RBF(length_scale)`); one length scale is isotropic, one per feature is ARD;
/// - ``matern(lengthScales:smoothness:)``: ν = 1/2: `exp(-r)`; ν = 3/2:
///   `(1 + √3 r) exp(-√3 r)`; ν = 5/2: `(1 + √5 r + 5r²/3) exp(-√5 r)` (`Matern(length_scale, nu)`);
/// - ``white(noiseLevel:)``: `σ²` on the diagonal of `K(X, X)` and 0 between different
///   point sets, even where points coincide (`WhiteKernel(noise_level)`): it appears in the
///   training covariance and in the predictive variance, never in `K(X*, X)`;
/// - ``sum(_:_:)`` and ``product(_:_:)`` of two kernels (`k1 + k2`, `k1 * k2`).
///
/// Hyperparameters are optimised in log space: ``theta`` holds the logs of every constant,
/// length scale and noise level in the order scikit-learn's `kernel.theta` lists them
/// (depth first, left operand before right). Matérn's ν is not a hyperparameter.
public indirect enum Kernel: Hashable, Sendable, CustomStringConvertible {
    /// `c > 0`.
    case constant(Double)
    /// Length scales > 0, in feature units: one (isotropic) or one per feature (ARD).
    case rbf(lengthScales: [Double])
    /// Length scales > 0 as for ``rbf(lengthScales:)``; ν one of 1/2, 3/2, 5/2.
    case matern(lengthScales: [Double], smoothness: MaternSmoothness)
    /// The noise variance `σ² > 0`, in target units squared.
    case white(noiseLevel: Double)
    case sum(Kernel, Kernel)
    case product(Kernel, Kernel)

    /// The bounds scikit-learn gives every hyperparameter by default: `(1e-5, 1e5)`.
    public static let defaultBounds: ClosedRange<Double> = 1e-5...1e5

    /// The logs of the hyperparameters (scikit-learn's `kernel.theta`).
    public var theta: [Double] {
        switch self {
        case .constant(let value): [log(value)]
        case .rbf(let scales), .matern(let scales, _): scales.map { log($0) }
        case .white(let noise): [log(noise)]
        case .sum(let a, let b), .product(let a, let b): a.theta + b.theta
        }
    }

    /// The number of hyperparameters (`theta.count`).
    public var hyperparameterCount: Int {
        switch self {
        case .constant, .white: 1
        case .rbf(let scales), .matern(let scales, _): scales.count
        case .sum(let a, let b), .product(let a, let b): a.hyperparameterCount + b.hyperparameterCount
        }
    }

    /// The same kernel with hyperparameters `exp(theta)`.
    /// - Precondition: `theta.count == hyperparameterCount`.
    public func with(theta: [Double]) -> Kernel {
        precondition(theta.count == hyperparameterCount, "theta has \(theta.count) values, the kernel \(hyperparameterCount)")
        var cursor = theta[...]
        return replacing(&cursor)
    }

    private func replacing(_ cursor: inout ArraySlice<Double>) -> Kernel {
        func take(_ count: Int) -> [Double] {
            let values = cursor.prefix(count).map { exp($0) }
            cursor = cursor.dropFirst(count)
            return values
        }
        switch self {
        case .constant: return .constant(take(1)[0])
        case .rbf(let scales): return .rbf(lengthScales: take(scales.count))
        case .matern(let scales, let nu): return .matern(lengthScales: take(scales.count), smoothness: nu)
        case .white: return .white(noiseLevel: take(1)[0])
        case .sum(let a, let b):
            let left = a.replacing(&cursor)
            return .sum(left, b.replacing(&cursor))
        case .product(let a, let b):
            let left = a.replacing(&cursor)
            return .product(left, b.replacing(&cursor))
        }
    }

    /// The hyperparameter values by kind, each list in kernel order: constants
    /// (`constant_value`), length scales (`length_scale`, one list per RBF or Matérn term) and
    /// noise levels (`noise_level`).
    public var hyperparameters: (constants: [Double], lengthScales: [[Double]], noiseLevels: [Double]) {
        switch self {
        case .constant(let value): return ([value], [], [])
        case .rbf(let scales), .matern(let scales, _): return ([], [scales], [])
        case .white(let noise): return ([], [], [noise])
        case .sum(let a, let b), .product(let a, let b):
            let (left, right) = (a.hyperparameters, b.hyperparameters)
            return (left.constants + right.constants, left.lengthScales + right.lengthScales,
                    left.noiseLevels + right.noiseLevels)
        }
    }

    /// Checks that every hyperparameter is finite and > 0, and that ARD length scales have one
    /// value per feature.
    /// - Throws: ``LearningError/invalidParameter(context:name:value:reason:)`` naming the value.
    public func validate(featureCount: Int, context: String) throws(LearningError) {
        func positive(_ values: [Double], _ name: String) throws(LearningError) {
            if let bad = values.first(where: { !($0.isFinite && $0 > 0) }) {
                throw .invalidParameter(context: context, name: name, value: "\(bad)", reason: "it must be finite and > 0")
            }
        }
        switch self {
        case .constant(let value): try positive([value], "constant value")
        case .white(let noise): try positive([noise], "white noise level")
        case .rbf(let scales), .matern(let scales, _):
            try positive(scales, "length scale")
            guard scales.count == 1 || scales.count == featureCount else {
                throw .invalidParameter(
                    context: context, name: "length scales", value: "\(scales)",
                    reason: "give one length scale (isotropic) or one per feature (\(featureCount), ARD)")
            }
        case .sum(let a, let b), .product(let a, let b):
            try a.validate(featureCount: featureCount, context: context)
            try b.validate(featureCount: featureCount, context: context)
        }
    }

    /// In matgrade's kernel grammar (``init(parsing:)`` reads it back), for example
    /// `constant(1.0)*rbf(1.5)+white(0.01)`.
    public var description: String {
        func scales(_ values: [Double]) -> String {
            values.count == 1 ? "\(values[0])" : "[" + values.map { "\($0)" }.joined(separator: ",") + "]"
        }
        func operand(_ kernel: Kernel) -> String {
            if case .sum = kernel { return "(\(kernel))" }
            return "\(kernel)"
        }
        switch self {
        case .constant(let value): return "constant(\(value))"
        case .rbf(let values): return "rbf(\(scales(values)))"
        case .matern(let values, let nu): return "matern(\(scales(values)),\(nu.rawValue))"
        case .white(let noise): return "white(\(noise))"
        case .sum(let a, let b): return "\(a)+\(b)"
        case .product(let a, let b): return "\(operand(a))*\(operand(b))"
        }
    }
}

/// Matérn's smoothness ν: the three half-integer values with closed forms.
public enum MaternSmoothness: Double, Hashable, Sendable, CaseIterable {
    case half = 0.5
    case threeHalves = 1.5
    case fiveHalves = 2.5
}
