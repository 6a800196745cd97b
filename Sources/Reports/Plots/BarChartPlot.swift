import Foundation

/// A horizontal bar chart as an inline SVG plot: one labelled bar per item, longest value
/// first as given, the value written at the end of each bar, a value axis with ticks. Long
/// labels are shortened (the full text in the bar's tooltip). No items: "no data".
public struct BarChartPlot: Sendable {
    public struct Bar: Sendable, Equatable {
        public var label: String
        /// >= 0.
        public var value: Double
        /// The tooltip; the label and value when nil.
        public var detail: String?

        public init(label: String, value: Double, detail: String? = nil) {
            self.label = label
            self.value = value
            self.detail = detail
        }
    }

    public var title: String
    public var valueLabel: String
    public var bars: [Bar]
    /// The value axis' end; nil: the largest value, widened to a nice tick.
    public var maximum: Double?
    /// Width, pixels; the height follows from the number of bars.
    public var width: Double = 560
    /// Characters of a label shown before it is shortened with "…".
    public var labelLength = 30

    public init(title: String, valueLabel: String, bars: [Bar], maximum: Double? = nil) {
        self.title = title
        self.valueLabel = valueLabel
        self.bars = bars
        self.maximum = maximum
    }

    /// The `<svg>` element.
    public func render() -> String {
        let rowHeight = 22.0
        let margin = (left: 14.0 + Double(labelLength) * 6.4, right: 40.0, top: 32.0, bottom: 44.0)
        let rows = max(1, bars.count)
        let height = margin.top + Double(rows) * rowHeight + margin.bottom
        let plotWidth = width - margin.left - margin.right
        var canvas = SVGCanvas(width: width, height: height)
        canvas.text(title, x: 10, y: 18, size: 13, weight: "bold")
        let largest = bars.map(\.value).filter(\.isFinite).max() ?? 0
        let ticks = AxisTicks.linear(lower: 0, upper: max(maximum ?? largest, 1e-9), approximateCount: 5, integers: largest >= 3 && bars.allSatisfy { $0.value == $0.value.rounded() })
            .filter { maximum == nil || $0 <= (maximum ?? 0) + 1e-9 }
        let end = maximum ?? ticks.last ?? 1
        let bottom = margin.top + Double(rows) * rowHeight
        for tick in ticks {
            let x = margin.left + tick / end * plotWidth
            canvas.line(x1: x, y1: margin.top, x2: x, y2: bottom, stroke: "#e3e3e3")
            canvas.text(AxisTicks.label(tick), x: x, y: bottom + 16, anchor: .middle, size: 11, fill: "#555")
        }
        if bars.isEmpty {
            canvas.text("no data", x: margin.left + plotWidth / 2, y: margin.top + rowHeight * 0.7, anchor: .middle, size: 13, fill: "#888")
        }
        for (index, bar) in bars.enumerated() {
            let y = margin.top + Double(index) * rowHeight
            let value = bar.value.isFinite ? max(0, bar.value) : 0
            let length = min(1, value / end) * plotWidth
            let label = bar.label.count > labelLength ? String(bar.label.prefix(labelLength - 1)) + "…" : bar.label
            let valueText = AxisTicks.label(bar.value)
            canvas.text(label, x: margin.left - 6, y: y + rowHeight * 0.68, anchor: .end, size: 11)
            canvas.rect(x: margin.left, y: y + 3, width: length, height: rowHeight - 6, fill: "#e45756", tooltip: bar.detail ?? "\(bar.label): \(valueText)")
            canvas.text(valueText, x: margin.left + length + 4, y: y + rowHeight * 0.68, size: 11, fill: "#333")
        }
        canvas.line(x1: margin.left, y1: margin.top, x2: margin.left, y2: bottom, stroke: "#333")
        canvas.line(x1: margin.left, y1: bottom, x2: margin.left + plotWidth, y2: bottom, stroke: "#333")
        canvas.text(valueLabel, x: margin.left + plotWidth / 2, y: height - 8, anchor: .middle, size: 12)
        return canvas.rendered(title: title)
    }
}
