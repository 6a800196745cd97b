import Foundation

/// A histogram as an inline SVG plot: the values counted in equal bins (equal in log10 on a
/// logarithmic axis), one bar per bin with its count on top and a tooltip naming the bin, x
/// and y axes with ticks and labels, and the title. With no values it draws the empty axes
/// and says "no data", so a dashboard keeps its layout.
///
/// ```swift
/// let plot = HistogramPlot(title: "Scores", xLabel: "points", values: [85, 15, 100], range: 0...100, binCount: 10)
/// let svg = plot.render()   // <svg xmlns=... role="img">...</svg>
/// ```
public struct HistogramPlot: Sendable {
    /// One bin: `[lower, upper)`, the last bin closed (`[lower, upper]`), so a full score counts.
    public struct Bin: Sendable, Equatable {
        public var lower: Double
        public var upper: Double
        public var count: Int
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var values: [Double]
    /// The x range; nil: the data's, widened to nice ticks.
    public var range: ClosedRange<Double>?
    /// Bins, >= 1.
    public var binCount: Int
    public var scale: AxisScale
    /// Size, pixels.
    public var width: Double = 460
    public var height: Double = 240

    /// - Parameters:
    ///   - values: finite values are counted; NaN and infinities are dropped, and so are
    ///     values <= 0 on a logarithmic axis (they have no place on it).
    public init(
        title: String, xLabel: String, yLabel: String = "count", values: [Double], range: ClosedRange<Double>? = nil,
        binCount: Int = 10, scale: AxisScale = .linear
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.values = values
        self.range = range
        self.binCount = max(1, binCount)
        self.scale = scale
    }

    /// The values that can be placed on the axis.
    var plotted: [Double] { values.filter { $0.isFinite && (scale == .linear || $0 > 0) } }

    /// The x axis' ends and ticks (in data units).
    var xAxis: (lower: Double, upper: Double, ticks: [Double]) {
        let data = plotted
        switch scale {
        case .linear:
            if let range {
                let ticks = AxisTicks.linear(lower: range.lowerBound, upper: range.upperBound).filter { range.contains($0) }
                return (range.lowerBound, range.upperBound, ticks)
            }
            let ticks = AxisTicks.linear(lower: data.min() ?? 0, upper: data.max() ?? 1)
            return (ticks.first ?? 0, ticks.last ?? 1, ticks)
        case .logarithmic:
            let lower = range.map { max($0.lowerBound, .leastNormalMagnitude) } ?? data.min() ?? 1
            let upper = range?.upperBound ?? data.max() ?? 10
            // Ends a little beyond the data (15%, so the extreme bars are not at the frame).
            let (low, high) = (lower / 1.15, upper * 1.15)
            if range == nil, let inside = AxisTicks.logarithmicInside(lower: low, upper: high) { return (low, high, inside) }
            let ticks = AxisTicks.logarithmic(lower: lower, upper: upper)
            return (ticks.first ?? 1, ticks.last ?? 10, ticks)
        }
    }

    /// Position of `value` along the x axis, [0, 1].
    func fraction(_ value: Double, lower: Double, upper: Double) -> Double {
        switch scale {
        case .linear: return upper > lower ? (value - lower) / (upper - lower) : 0.5
        case .logarithmic: return upper > lower ? (log10(value) - log10(lower)) / (log10(upper) - log10(lower)) : 0.5
        }
    }

    /// The bins and their counts; values outside the axis' range go into the nearest end bin.
    public var bins: [Bin] {
        let (lower, upper, _) = xAxis
        var counts = [Int](repeating: 0, count: binCount)
        for value in plotted {
            let position = fraction(value, lower: lower, upper: upper) * Double(binCount)
            counts[min(binCount - 1, max(0, Int(position.rounded(.down))))] += 1
        }
        return (0..<binCount).map { index in
            Bin(lower: edge(index, lower: lower, upper: upper), upper: edge(index + 1, lower: lower, upper: upper), count: counts[index])
        }
    }

    private func edge(_ index: Int, lower: Double, upper: Double) -> Double {
        let t = Double(index) / Double(binCount)
        switch scale {
        case .linear: return lower + t * (upper - lower)
        case .logarithmic: return pow(10, log10(lower) + t * (log10(upper) - log10(lower)))
        }
    }

    /// The `<svg>` element.
    public func render() -> String {
        let margin = (left: 52.0, right: 18.0, top: 30.0, bottom: 48.0)
        let plotWidth = width - margin.left - margin.right, plotHeight = height - margin.top - margin.bottom
        var canvas = SVGCanvas(width: width, height: height)
        canvas.text(title, x: margin.left, y: 18, size: 13, weight: "bold")
        let (lower, upper, xTicks) = xAxis
        let bins = self.bins
        let largest = bins.map(\.count).max() ?? 0
        let yTicks = AxisTicks.linear(lower: 0, upper: Double(max(1, largest)), approximateCount: 4, integers: true)
        let yTop = yTicks.last ?? 1
        let bottom = margin.top + plotHeight
        // Grid lines and y tick labels.
        for tick in yTicks {
            let y = bottom - tick / yTop * plotHeight
            canvas.line(x1: margin.left, y1: y, x2: margin.left + plotWidth, y2: y, stroke: "#e3e3e3")
            canvas.text(AxisTicks.label(tick), x: margin.left - 6, y: y + 4, anchor: .end, size: 11, fill: "#555")
        }
        if plotted.isEmpty {
            canvas.text("no data", x: margin.left + plotWidth / 2, y: margin.top + plotHeight / 2, anchor: .middle, size: 13, fill: "#888")
        }
        let binWidth = plotWidth / Double(binCount)
        for (index, bin) in bins.enumerated() where bin.count > 0 {
            let barHeight = Double(bin.count) / yTop * plotHeight
            let x = margin.left + Double(index) * binWidth
            let closing = index == binCount - 1 ? "]" : ")"
            canvas.rect(
                x: x + 1, y: bottom - barHeight, width: binWidth - 2, height: barHeight, fill: "#4c78a8",
                tooltip: "[\(AxisTicks.label(bin.lower)), \(AxisTicks.label(bin.upper))\(closing): \(bin.count)")
            canvas.text("\(bin.count)", x: x + binWidth / 2, y: bottom - barHeight - 3, anchor: .middle, size: 10, fill: "#333")
        }
        // Axes, x ticks and labels.
        canvas.line(x1: margin.left, y1: bottom, x2: margin.left + plotWidth, y2: bottom, stroke: "#333")
        canvas.line(x1: margin.left, y1: margin.top, x2: margin.left, y2: bottom, stroke: "#333")
        for tick in xTicks {
            let x = margin.left + fraction(tick, lower: lower, upper: upper) * plotWidth
            canvas.line(x1: x, y1: bottom, x2: x, y2: bottom + 4, stroke: "#333")
            canvas.text(AxisTicks.label(tick), x: x, y: bottom + 16, anchor: .middle, size: 11, fill: "#555")
        }
        let axisNote = scale == .logarithmic ? " (log scale)" : ""
        canvas.text(xLabel + axisNote, x: margin.left + plotWidth / 2, y: height - 8, anchor: .middle, size: 12)
        canvas.text(yLabel, x: 14, y: margin.top + plotHeight / 2, anchor: .middle, size: 12, rotated: true)
        return canvas.rendered(title: title)
    }
}
