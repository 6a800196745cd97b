import Crystal
import Foundation
import Markup

/// A drawing of a binary (formation energy against composition, with the hull) or ternary
/// (Gibbs triangle with stable phases and tie lines) phase diagram, as standalone SVG.
public struct HullPlotSVG {
    public let diagram: PhaseDiagram
    let width = 640.0, height = 480.0, margin = 64.0

    public init(diagram: PhaseDiagram) { self.diagram = diagram }

    /// - Throws: ``StabilityError/outsideSystem(formula:elements:)`` never; a system of other
    ///   than 2 or 3 elements gives ``HullPlotError``.
    public func render() throws(HullPlotError) -> String {
        switch diagram.elements.count {
        case 2: return binary()
        case 3: return ternary()
        default: throw HullPlotError(elementCount: diagram.elements.count)
        }
    }

    private var points: [(entry: PhaseEntry, result: PhaseDiagram.EntryStability)] {
        Array(zip(diagram.entries, diagram.results))
    }

    private func fractions(_ entry: PhaseEntry) -> [Double] {
        let f = entry.composition.fractions
        return diagram.elements.map { f[$0] ?? 0 }
    }

    private func document(_ body: [String], title: String) -> String {
        ([##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \##(Int(width)) \##(Int(height))" width="\##(Int(width))" height="\##(Int(height))" font-family="sans-serif" font-size="12">"##,
          "<title>\(MarkupText.escaped(title))</title>",
          ##"<rect width="100%" height="100%" fill="white"/>"##] + body + ["</svg>"]).joined(separator: "\n") + "\n"
    }

    private func label(_ entry: PhaseEntry) -> String { MarkupText.escaped(entry.composition.reducedFormula) }

    private func binary() -> String {
        let (a, b) = (diagram.elements[0].symbol, diagram.elements[1].symbol)
        let energies = points.map(\.result.formationEnergyPerAtom)
        let low = min(energies.min() ?? 0, -0.1) * 1.1, high = max(energies.max() ?? 0, 0.05) * 1.1 + 0.05
        func x(_ value: Double) -> Double { margin + value * (width - 2 * margin) }
        func y(_ value: Double) -> Double { margin + (high - value) / (high - low) * (height - 2 * margin) }
        var body: [String] = []
        body.append(##"<line x1="\##(x(0))" y1="\##(y(0))" x2="\##(x(1))" y2="\##(y(0))" stroke="#999" stroke-dasharray="4 3"/>"##)
        body.append(##"<line x1="\##(x(0))" y1="\##(y(high))" x2="\##(x(0))" y2="\##(y(low))" stroke="black"/>"##)
        body.append(##"<line x1="\##(x(0))" y1="\##(y(low))" x2="\##(x(1))" y2="\##(y(low))" stroke="black"/>"##)
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            body.append(##"<text x="\##(x(tick))" y="\##(y(low) + 18)" text-anchor="middle">\##(String(format: "%.2f", tick))</text>"##)
        }
        let step = niceStep((high - low) / 5)
        for tick in stride(from: (low / step).rounded(.up) * step, through: high, by: step) {
            body.append(##"<text x="\##(x(0) - 6)" y="\##(y(tick) + 4)" text-anchor="end">\##(String(format: "%.2f", tick))</text>"##)
        }
        body.append(##"<text x="\##(width / 2)" y="\##(height - 16)" text-anchor="middle">atomic fraction of \##(b) (\##(a) at 0)</text>"##)
        body.append(##"<text x="18" y="\##(height / 2)" text-anchor="middle" transform="rotate(-90 18 \##(height / 2))">formation energy (eV/atom)</text>"##)
        let stable = points.filter(\.result.isStable).map { (fractions($0.entry)[1], $0.result.formationEnergyPerAtom, $0.entry) }.sorted { $0.0 < $1.0 }
        let path = stable.map { "\(x($0.0)),\(y($0.1))" }.joined(separator: " ")
        body.append(##"<polyline points="\##(path)" fill="none" stroke="#1f77b4" stroke-width="2"/>"##)
        for (entry, result) in points where !result.isStable {
            let xb = fractions(entry)[1]
            body.append(##"<circle cx="\##(x(xb))" cy="\##(y(result.formationEnergyPerAtom))" r="4" fill="white" stroke="#d62728"><title>\##(MarkupText.escaped(entry.id)) \##(label(entry)): \##(String(format: "%.3f", result.energyAboveHull)) eV/atom above hull</title></circle>"##)
        }
        for (xb, energy, entry) in stable {
            body.append(##"<circle cx="\##(x(xb))" cy="\##(y(energy))" r="5" fill="#1f77b4"><title>\##(MarkupText.escaped(entry.id)) \##(label(entry)): stable</title></circle>"##)
            body.append(##"<text x="\##(x(xb))" y="\##(y(energy) - 9)" text-anchor="middle">\##(label(entry))</text>"##)
        }
        return document(body, title: "\(a)-\(b) convex hull")
    }

    private func ternary() -> String {
        let symbols = diagram.elements.map(\.symbol)
        let side = min(width - 2 * margin, (height - 2 * margin) * 2 / 3.squareRoot())
        let left = (width - side) / 2, bottom = height - margin
        func point(_ f: [Double]) -> (Double, Double) {
            (left + side * (f[1] + f[2] / 2), bottom - side * f[2] * 3.squareRoot() / 2)
        }
        var body: [String] = []
        let corners = [[1.0, 0, 0], [0, 1.0, 0], [0, 0, 1.0]].map(point)
        body.append(##"<polygon points="\##(corners.map { "\($0.0),\($0.1)" }.joined(separator: " "))" fill="none" stroke="black"/>"##)
        for (k, corner) in corners.enumerated() {
            let dy = k == 2 ? -10.0 : 20.0
            body.append(##"<text x="\##(corner.0)" y="\##(corner.1 + dy)" text-anchor="middle" font-weight="bold">\##(symbols[k])</text>"##)
        }
        let stable = points.filter(\.result.isStable)
        for i in 0..<stable.count {
            for j in (i + 1)..<stable.count where isTieLine(stable[i].entry, stable[j].entry) {
                let (p, q) = (point(fractions(stable[i].entry)), point(fractions(stable[j].entry)))
                body.append(##"<line x1="\##(p.0)" y1="\##(p.1)" x2="\##(q.0)" y2="\##(q.1)" stroke="#1f77b4"/>"##)
            }
        }
        for (entry, result) in points where !result.isStable {
            let p = point(fractions(entry))
            body.append(##"<circle cx="\##(p.0)" cy="\##(p.1)" r="4" fill="white" stroke="#d62728"><title>\##(MarkupText.escaped(entry.id)) \##(label(entry)): \##(String(format: "%.3f", result.energyAboveHull)) eV/atom above hull</title></circle>"##)
        }
        for (entry, _) in stable {
            let p = point(fractions(entry))
            body.append(##"<circle cx="\##(p.0)" cy="\##(p.1)" r="5" fill="#1f77b4"><title>\##(MarkupText.escaped(entry.id)) \##(label(entry)): stable</title></circle>"##)
            if entry.composition.elements.count > 1 {
                body.append(##"<text x="\##(p.0 + 7)" y="\##(p.1 - 7)">\##(label(entry))</text>"##)
            }
        }
        body.append(##"<text x="\##(width / 2)" y="24" text-anchor="middle">\##(symbols.joined(separator: "-")): stable phases (filled), tie lines, phases above the hull (open)</text>"##)
        return document(body, title: "\(symbols.joined(separator: "-")) convex hull")
    }

    /// Two stable phases share a hull edge when the mixture half-way between them decomposes
    /// into exactly those two.
    private func isTieLine(_ first: PhaseEntry, _ second: PhaseEntry) -> Bool {
        let (f, g) = (fractions(first), fractions(second))
        var amounts: [Element: Double] = [:]
        for (k, element) in diagram.elements.enumerated() where f[k] + g[k] > 0 { amounts[element] = (f[k] + g[k]) / 2 }
        guard let middle = try? Composition(amounts), let hull = try? diagram.hull(at: middle) else { return false }
        return Set(hull.decomposition.map(\.id)) == [first.id, second.id]
    }

    private func niceStep(_ raw: Double) -> Double {
        let magnitude = pow(10, (log10(max(raw, 1e-9))).rounded(.down))
        for factor in [1.0, 2, 5, 10] where factor * magnitude >= raw { return factor * magnitude }
        return 10 * magnitude
    }
}

/// `--svg` for a system that is not binary or ternary.
public struct HullPlotError: Error, CustomStringConvertible {
    public let elementCount: Int
    public var description: String {
        "hull drawings are for binary and ternary systems; this one has \(elementCount) elements (the JSON has every entry)"
    }
}
