import Foundation
import JSONSupport

/// How a plot maps values to positions along an axis.
public enum AxisScale: Sendable, Equatable {
    case linear
    /// log10; every value must be > 0.
    case logarithmic

    /// Logarithmic when the positive `values` spread over more than `ratio` (largest over
    /// smallest; default a factor 30), else linear. Run times (0.1 s to a 10 s timeout) and
    /// peak memory (20 MiB to a 2 GiB hog) usually need the log axis: on a linear one, most
    /// runs crowd into the first bin.
    public static func suggested(for values: [Double], ratio: Double = 30) -> AxisScale {
        guard let smallest = values.min(), let largest = values.max(), smallest > 0 else { return .linear }
        return largest / smallest > ratio ? .logarithmic : .linear
    }
}

/// Tick positions and labels of plot axes.
public enum AxisTicks {
    /// "Nice" ticks for a linear axis: evenly spaced by 1, 2 or 5 x 10^k, about
    /// `approximateCount` of them, the first <= `lower` and the last >= `upper` (so the ticks
    /// span the data). `integers` keeps the step >= 1 (counts). A degenerate range (lower ==
    /// upper) is widened to show the value in the middle.
    public static func linear(lower: Double, upper: Double, approximateCount: Int = 5, integers: Bool = false) -> [Double] {
        guard lower.isFinite, upper.isFinite else { return [0, 1] }
        var (low, high) = (min(lower, upper), max(lower, upper))
        if high - low < 1e-12 * max(1, abs(high)) {
            let pad = integers ? 1 : max(abs(low) * 0.5, 0.5)
            (low, high) = (low - pad, high + pad)
            if lower >= 0, low < 0 { (low, high) = (0, high - low) }
        }
        var step = niceStep((high - low) / Double(max(1, approximateCount)))
        if integers { step = max(1, step.rounded()) }
        let first = (low / step).rounded(.down) * step
        var ticks: [Double] = []
        var index = 0.0
        while true {
            let tick = first + index * step
            // Clean the rounding noise of first + index * step (0.30000000000000004 -> 0.3).
            ticks.append(abs(tick) < step * 1e-9 ? 0 : Double(String(format: "%.12g", tick)) ?? tick)
            if tick >= high - step * 1e-9 || ticks.count > 200 { break }
            index += 1
        }
        return ticks
    }

    /// Ticks of a logarithmic axis: the powers of ten from the one at or below `lower` to the
    /// one at or above `upper` (both > 0); with fewer than three decades, also 2 and 5 times
    /// each power, so a narrow range still has labels.
    public static func logarithmic(lower: Double, upper: Double) -> [Double] {
        guard lower > 0, upper > 0, lower.isFinite, upper.isFinite else { return [1, 10] }
        let low = Int(log10(min(lower, upper)).rounded(.down))
        var high = Int(log10(max(lower, upper)).rounded(.up))
        if high == low { high += 1 }
        var ticks: [Double] = []
        for exponent in low...high {
            let power = pow(10, Double(exponent))
            ticks.append(power)
            if high - low < 3, exponent < high { ticks += [2 * power, 5 * power] }
        }
        return ticks
    }

    /// Ticks of a logarithmic axis that ends at the data (`lower`, `upper` > 0) rather than at
    /// whole decades, which could leave most of the axis empty: the 1, 2 and 5 x 10^k inside
    /// [lower, upper] (only the powers of ten when there are more than 8). Nil when fewer than
    /// two fall inside (a narrow range: use ``logarithmic(lower:upper:)`` and its decades).
    public static func logarithmicInside(lower: Double, upper: Double) -> [Double]? {
        guard lower > 0, upper >= lower, upper.isFinite else { return nil }
        let low = Int(log10(lower).rounded(.down)), high = Int(log10(upper).rounded(.up))
        var ticks: [Double] = []
        for exponent in low...high {
            let power = pow(10, Double(exponent))
            ticks += [power, 2 * power, 5 * power].filter { $0 >= lower * (1 - 1e-12) && $0 <= upper * (1 + 1e-12) }
        }
        if ticks.count > 8 { ticks = ticks.filter { abs(log10($0) - log10($0).rounded()) < 1e-9 } }
        return ticks.count >= 2 ? ticks : nil
    }

    /// A tick label: short and exact for nice numbers (`0`, `0.25`, `20`, `1000`, `2e-2`, `1e6`).
    public static func label(_ value: Double) -> String { NumberFormat.compact(value, significantDigits: 4) }

    /// 1, 2 or 5 x 10^k, the smallest such at or above `rough` (> 0).
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let power = pow(10, (log10(rough)).rounded(.down))
        for factor in [1.0, 2, 5, 10] where factor * power >= rough * (1 - 1e-12) { return factor * power }
        return 10 * power
    }
}
