import Crystal
import Foundation

/// A drawing of a crystal graph as a standalone SVG document (`xmlns`, `viewBox`, no external
/// resources), for `matgrade compute graph FILE --svg out.svg` and the reports.
///
/// - View: ``GraphProjection``, a fixed tilted view down c* in a frame attached to the
///   lattice, so rotating the structure's Cartesian frame does not change the picture.
/// - Atoms: the sites wrapped into the cell, one `<circle class="atom">` each (drawn back to
///   front), colored per element (CPK-like, ``ElementPalette``), labelled with the symbol, with
///   a `<title>` tooltip naming the site.
/// - Edges: each undirected edge once (padding edges are not drawn). An edge between two
///   atoms drawn in the cell is a solid line (group `edges-in-cell`); an edge to a periodic
///   image is a dashed line from each end toward the other end's image, clipped to the outline
///   of the cell (group `edges-periodic`).
/// - The unit cell as 12 thin lines (group `cell`), a legend (elements with their counts, the
///   two line styles) and the title at the top. All text is XML-escaped.
public struct CrystalGraphSVG: Sendable {
    public let structure: Structure
    public let edges: [GraphEdge]
    public let title: String

    public init(structure: Structure, edges: [GraphEdge], title: String) {
        self.structure = structure
        self.edges = edges
        self.title = title
    }

    /// The drawing of a CGCNN graph; the default title names the formula and the parameters.
    public init(graph: CrystalGraph, title: String? = nil) {
        self.init(
            structure: graph.structure, edges: graph.edges,
            title: title ?? "CGCNN graph of \(Self.describe(graph.structure)): \(graph.options.maxNeighbors) nearest neighbors within \(graph.options.radius) Å")
    }

    /// The drawing of a MEGNet graph; the default title names the formula and the cutoff.
    public init(graph: MEGNetGraph, title: String? = nil) {
        self.init(
            structure: graph.structure, edges: graph.edges,
            title: title ?? "MEGNet graph of \(Self.describe(graph.structure)): all pairs within \(graph.options.cutoff) Å")
    }

    private static func describe(_ structure: Structure) -> String {
        "\(structure.composition.reducedFormula) (\(structure.atomCount) atom\(structure.atomCount == 1 ? "" : "s"))"
    }

    /// Page geometry: Angstrom in view coordinates to pixels, about 520 px across the cell.
    private struct Page {
        static let margin = 40.0, titleHeight = 34.0, legendWidth = 200.0, legendRow = 24.0
        let minX: Double, maxY: Double, scale: Double
        let drawingWidth: Double, width: Double, height: Double
        /// Atom circle radius, pixels.
        let radius: Double

        init(scene: GraphScene, legendRows: Int) {
            let extent = scene.corners + scene.atoms
            let (minX, maxX) = (extent.map(\.x).min() ?? 0, extent.map(\.x).max() ?? 1)
            let (minY, maxY) = (extent.map(\.y).min() ?? 0, extent.map(\.y).max() ?? 1)
            scale = min(90, max(8, 520 / max(maxX - minX, maxY - minY, 1e-9)))
            (self.minX, self.maxY) = (minX, maxY)
            radius = min(18, max(7, 0.28 * scale))
            drawingWidth = (maxX - minX) * scale + 2 * Self.margin
            width = (drawingWidth + Self.legendWidth).rounded(.up)
            let legendHeight = Self.margin + Self.legendRow * Double(legendRows + 1)
            height = (Self.titleHeight + max((maxY - minY) * scale + 2 * Self.margin, legendHeight)).rounded(.up)
        }

        func screen(_ p: SIMD3<Double>) -> SIMD2<Double> {
            SIMD2(Self.margin + (p.x - minX) * scale, Self.titleHeight + Self.margin + (maxY - p.y) * scale)
        }
    }

    /// The SVG document.
    public func render() -> String {
        let scene = GraphScene(structure: structure, edges: edges, projection: GraphProjection(lattice: structure.lattice))
        let elements = structure.composition.elements
        let page = Page(scene: scene, legendRows: elements.count + 2)
        var svg = SVGText()
        svg.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        svg.line("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(svg.number(page.width)) \(svg.number(page.height))\" width=\"\(svg.number(page.width))\" height=\"\(svg.number(page.height))\" font-family=\"Helvetica, Arial, sans-serif\">")
        svg.line("<title>\(SVGText.escaped(title))</title>")
        let outline = GraphProjection.convexHull(scene.corners.map(page.screen)).map { svg.point($0) }
        svg.line("<defs><clipPath id=\"cell-clip\"><polygon points=\"\(outline.joined(separator: " "))\"/></clipPath></defs>")
        svg.line("<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>")
        svg.line("<text x=\"\(svg.number(Page.margin))\" y=\"24\" font-size=\"16\">\(SVGText.escaped(title))</text>")

        svg.line("<g class=\"cell\" stroke=\"#888888\" stroke-width=\"1\">")
        for corner in 0..<8 {
            for bit in [1, 2, 4] where corner & bit == 0 {
                svg.segment(page.screen(scene.corners[corner]), page.screen(scene.corners[corner | bit]))
            }
        }
        svg.line("</g>")
        svg.line("<g class=\"edges-periodic\" stroke=\"#666666\" stroke-width=\"1.2\" stroke-dasharray=\"5 4\" clip-path=\"url(#cell-clip)\">")
        for bond in scene.bondsToImages { svg.segment(page.screen(bond.from), page.screen(bond.to)) }
        svg.line("</g>")
        svg.line("<g class=\"edges-in-cell\" stroke=\"#333333\" stroke-width=\"1.6\">")
        for (s, t) in scene.bondsInCell { svg.segment(page.screen(scene.atoms[s]), page.screen(scene.atoms[t])) }
        svg.line("</g>")
        drawAtoms(scene, page, &svg)
        drawLegend(elements, page, &svg)
        svg.line("</svg>")
        return svg.text
    }

    /// The atoms back to front (farthest first), each a circle with its symbol.
    private func drawAtoms(_ scene: GraphScene, _ page: Page, _ svg: inout SVGText) {
        svg.line("<g class=\"atoms\" stroke=\"#222222\" stroke-width=\"1\" text-anchor=\"middle\" dominant-baseline=\"central\">")
        let order = scene.atoms.indices.sorted { (scene.atoms[$0].z, $0) < (scene.atoms[$1].z, $1) }
        for site in order {
            let element = structure.species[site]
            let fill = ElementPalette.color(of: element)
            let center = page.screen(scene.atoms[site])
            let (x, y) = (svg.number(center.x), svg.number(center.y))
            svg.line("<circle class=\"atom\" cx=\"\(x)\" cy=\"\(y)\" r=\"\(svg.number(page.radius))\" fill=\"\(fill)\"><title>\(SVGText.escaped("\(element.symbol), site \(site)"))</title></circle>")
            svg.line("<text x=\"\(x)\" y=\"\(y)\" font-size=\"\(svg.number(page.radius * 0.9))\" fill=\"\(ElementPalette.textColor(on: fill))\" stroke=\"none\">\(SVGText.escaped(element.symbol))</text>")
        }
        svg.line("</g>")
    }

    /// The legend right of the drawing: one swatch per element with its count, the line styles.
    private func drawLegend(_ elements: [Element], _ page: Page, _ svg: inout SVGText) {
        let composition = structure.composition
        let row = Page.legendRow
        svg.line("<g class=\"legend\" transform=\"translate(\(svg.number(page.drawingWidth)) \(svg.number(Page.titleHeight + Page.margin)))\" font-size=\"13\">")
        svg.line("<text x=\"0\" y=\"0\" font-weight=\"bold\">Legend</text>")
        for (index, element) in elements.enumerated() {
            let y = row * Double(index + 1)
            svg.line("<circle class=\"legend-swatch\" cx=\"8\" cy=\"\(svg.number(y - 4))\" r=\"7\" fill=\"\(ElementPalette.color(of: element))\" stroke=\"#222222\"/>")
            svg.line("<text x=\"22\" y=\"\(svg.number(y))\">\(SVGText.escaped("\(element.symbol) × \(Int(composition[element].rounded()))"))</text>")
        }
        let solid = row * Double(elements.count + 1), dashed = solid + row
        svg.line("<line x1=\"0\" y1=\"\(svg.number(solid - 4))\" x2=\"16\" y2=\"\(svg.number(solid - 4))\" stroke=\"#333333\" stroke-width=\"1.6\"/>")
        svg.line("<text x=\"22\" y=\"\(svg.number(solid))\">edge inside the cell</text>")
        svg.line("<line x1=\"0\" y1=\"\(svg.number(dashed - 4))\" x2=\"16\" y2=\"\(svg.number(dashed - 4))\" stroke=\"#666666\" stroke-width=\"1.2\" stroke-dasharray=\"5 4\"/>")
        svg.line("<text x=\"22\" y=\"\(svg.number(dashed))\">edge to a periodic image</text>")
        svg.line("</g>")
    }
}
