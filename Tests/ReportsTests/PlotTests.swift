import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Reports
import Testing

/// The SVG plotting helpers of the dashboard: ticks, bins, escaping, empty data, and that
/// every plot is well-formed XML (a browser draws nothing of a broken inline SVG).
@Suite("SVG plots")
struct PlotTests {
    struct TickCase: CustomTestStringConvertible, Sendable {
        let lower: Double, upper: Double, integers: Bool
        let expected: [Double]
        var testDescription: String { "[\(lower), \(upper)]\(integers ? " integers" : "") -> \(expected)" }
    }

    @Test("linear ticks step by 1, 2 or 5 x 10^k and span the data", arguments: [
        TickCase(lower: 0, upper: 85, integers: false, expected: [0, 20, 40, 60, 80, 100]),
        TickCase(lower: 0, upper: 1, integers: false, expected: [0, 0.2, 0.4, 0.6, 0.8, 1]),
        TickCase(lower: 0, upper: 3, integers: true, expected: [0, 1, 2, 3]),
        TickCase(lower: 0, upper: 1, integers: true, expected: [0, 1]),
        TickCase(lower: 0.12, upper: 0.47, integers: false, expected: [0.1, 0.2, 0.3, 0.4, 0.5]),
        TickCase(lower: 5, upper: 5, integers: false, expected: [2, 3, 4, 5, 6, 7, 8]),
    ])
    func linearTicks(_ tick: TickCase) {
        let ticks = AxisTicks.linear(lower: tick.lower, upper: tick.upper, integers: tick.integers)
        #expect(ticks == tick.expected, "got \(ticks)")
    }

    @Test("log ticks are decades covering the data, with 2 and 5 in a narrow range")
    func logarithmicTicks() {
        #expect(AxisTicks.logarithmic(lower: 0.05, upper: 12) == [0.01, 0.1, 1, 10, 100])
        #expect(AxisTicks.logarithmic(lower: 20, upper: 300) == [10, 20, 50, 100, 200, 500, 1000])
        #expect(AxisTicks.logarithmicInside(lower: 0.1, upper: 12.7) == [0.1, 0.2, 0.5, 1, 2, 5, 10])
        #expect(AxisTicks.logarithmicInside(lower: 0.001, upper: 2e4) == [0.001, 0.01, 0.1, 1, 10, 100, 1000, 10000], "only decades when dense")
        #expect(AxisTicks.logarithmicInside(lower: 3, upper: 4.5) == nil, "no tick inside: use whole decades")
        let plot = HistogramPlot(title: "t", xLabel: "s", values: [0.12, 11], scale: .logarithmic)
        #expect(plot.bins.first.map { abs($0.lower - 0.12 / 1.15) < 1e-12 } == true && plot.bins.last.map { abs($0.upper - 11 * 1.15) < 1e-9 } == true,
                "the axis ends near the data, not at 0.1 and 100")
        #expect(AxisScale.suggested(for: [0.05, 0.1, 10]) == .logarithmic, "a factor 200")
        #expect(AxisScale.suggested(for: [0.2, 0.4, 3]) == .linear)
        #expect(AxisScale.suggested(for: [0, 5]) == .linear, "no log axis with a zero")
    }

    @Test("bins are [a, b) with the last closed: a full score lands in the top bin")
    func histogramBins() {
        let plot = HistogramPlot(title: "t", xLabel: "points", values: [0, 50, 85, 100, .nan], range: 0...100, binCount: 10)
        #expect(plot.bins.map(\.count) == [1, 0, 0, 0, 0, 1, 0, 0, 1, 1])
        #expect(plot.bins.first?.lower == 0 && plot.bins.last?.upper == 100)
        let log = HistogramPlot(title: "t", xLabel: "s", values: [0, 0.01, 0.1, 1, 10], binCount: 3, scale: .logarithmic)
        #expect(log.bins.map(\.count).reduce(0, +) == 4, "the zero has no place on a log axis")
    }

    @Test("titles and labels are escaped; every plot parses as XML, also without data", arguments: [0, 1, 7])
    func wellFormed(count: Int) throws {
        let values = (0..<count).map { Double($0) * 13.5 }
        let title = "Scores <b>&amp; \"quotes\"</b>"
        let svgs = [
            HistogramPlot(title: title, xLabel: "x <y>", values: values, range: 0...100).render(),
            HistogramPlot(title: title, xLabel: "s", values: values.map { $0 + 0.01 }, scale: .logarithmic).render(),
            BarChartPlot(title: title, valueLabel: "students", bars: values.map { .init(label: "check <\($0)> with a very long name indeed", value: $0) }).render(),
        ]
        for svg in svgs {
            #expect(!svg.contains("<b>") && svg.contains("Scores &lt;b&gt;&amp;amp; &quot;quotes&quot;&lt;/b&gt;"), "\(svg.prefix(400))")
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError)) in \(svg.prefix(300))")
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            if count == 0 { #expect(svg.contains(">no data</text>")) }
        }
    }

    @Test("a histogram draws one bar per non-empty bin with its count, and the axis labels")
    func histogramContent() {
        let svg = HistogramPlot(title: "Final points", xLabel: "points", yLabel: "students", values: [10, 10, 95], range: 0...100).render()
        #expect(svg.components(separatedBy: "<rect ").count - 1 == 2)
        #expect(svg.contains(">2</text>") && svg.contains(">1</text>"))
        #expect(svg.contains("<title>[10, 20): 2</title>") && svg.contains("<title>[90, 100]: 1</title>"))
        #expect(svg.contains(">points</text>") && svg.contains(">students</text>"))
    }
}
