import Crystal
import Descriptors
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Reads an SVG document with Foundation's XML parser: well-formedness, the elements seen, the
/// text of the first `<title>`.
final class SVGReader: NSObject, XMLParserDelegate {
    struct Element {
        let name: String
        let attributes: [String: String]
        let groupClass: String?
    }

    private(set) var elements: [Element] = []
    private(set) var firstTitle: String?
    private var groupClasses: [String?] = []
    private var titleText: String?

    /// Parses `text`; throws the parser's error for a malformed document.
    static func read(_ text: String) throws -> SVGReader {
        let reader = SVGReader()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = reader
        guard parser.parse() else {
            throw parser.parserError ?? NSError(domain: "SVGReader", code: 1)
        }
        return reader
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append(Element(name: name, attributes: attributes, groupClass: groupClasses.last ?? nil))
        if name == "g" { groupClasses.append(attributes["class"]) }
        if name == "title" && firstTitle == nil { titleText = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if titleText != nil { titleText? += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "g" { groupClasses.removeLast() }
        if name == "title", let text = titleText {
            firstTitle = text
            titleText = nil
        }
    }

    func count(_ name: String, class className: String? = nil, inGroup group: String? = nil) -> Int {
        elements.filter { $0.name == name && (className == nil || $0.attributes["class"] == className)
            && (group == nil || $0.groupClass == group) }.count
    }
}

@Suite("Crystal graph SVG")
struct CrystalGraphSVGTests {
    @Test("well-formed standalone SVG with one atom circle per site", arguments: ["Si", "SrTiO3", "LiFePO4", "Graphite", "La2CoO4F"])
    func wellFormed(name: String) throws {
        let structure = try bundledStructure(name)
        let svg = CrystalGraphSVG(graph: try CrystalGraph(structure: structure)).render()
        let reader = try SVGReader.read(svg)
        let root = try #require(reader.elements.first)
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root.attributes["viewBox"]?.split(separator: " ").count == 4)
        #expect(reader.count("circle", class: "atom") == structure.atomCount)
        #expect(reader.count("circle", class: "legend-swatch") == structure.composition.elements.count)
        #expect(reader.count("line", inGroup: "cell") == 12)
    }

    @Test("in-cell edges are solid, edges to periodic images dashed and clipped to the cell")
    func edgeStyles() throws {
        // Si's primitive cell: every bond of the first atom but one leaves the cell.
        let graph = try CrystalGraph(structure: try bundledStructure("Si"), options: .init(maxNeighbors: 4))
        let reader = try SVGReader.read(CrystalGraphSVG(graph: graph).render())
        let inCell = reader.count("line", inGroup: "edges-in-cell")
        let periodic = reader.count("line", inGroup: "edges-periodic")
        #expect(inCell + periodic / 2 == 4, "4 undirected Si-Si bonds: \(inCell) in the cell, \(periodic) dashed halves")
        #expect(periodic > 0 && periodic % 2 == 0)
        let group = try #require(reader.elements.first { $0.attributes["class"] == "edges-periodic" })
        #expect(group.attributes["stroke-dasharray"] != nil && group.attributes["clip-path"] == "url(#cell-clip)")
        #expect(reader.count("clipPath") == 1)
    }

    @Test("text is escaped: a hostile title survives the XML parser unchanged")
    func escaping() throws {
        let title = "<script>alert('x')</script> & \"quotes\" Fe\u{7}O"
        let graph = try CrystalGraph(structure: try bundledStructure("Li2O"))
        let svg = CrystalGraphSVG(graph: graph, title: title).render()
        #expect(!svg.contains("<script>"))
        let reader = try SVGReader.read(svg)
        #expect(reader.firstTitle == "<script>alert('x')</script> & \"quotes\" Fe\u{FFFD}O")
    }

    @Test("MEGNet graphs draw too, and padding edges are not drawn")
    func otherGraphs() throws {
        let structure = try bundledStructure("CsCl")
        let megnet = try SVGReader.read(CrystalGraphSVG(graph: try MEGNetGraph(structure: structure)).render())
        #expect(megnet.count("circle", class: "atom") == 2)
        #expect(megnet.firstTitle?.hasPrefix("MEGNet graph of") == true)
        let sparse = try GraphFixture.namedCase("sparse_Ar_7A").structure.structure()
        let padded = try CrystalGraph(structure: sparse, options: .init(shortfall: .padLikeCGCNN))
        let reader = try SVGReader.read(CrystalGraphSVG(graph: padded).render())
        // 6 neighbors = 3 undirected self-image bonds, each drawn as two dashed halves.
        #expect(reader.count("line", inGroup: "edges-periodic") == 6)
        #expect(reader.count("line", inGroup: "edges-in-cell") == 0)
    }

    @Test("the view is attached to the lattice: a rotated copy draws the same atoms")
    func rotationInvariantDrawing() throws {
        let structure = try bundledStructure("TiO2")
        let lattice = structure.lattice
        func turn(_ v: SIMD3<Double>) -> SIMD3<Double> { SIMD3(v.y, -v.x, v.z) * 1 }   // 90 degrees about z
        let rotated = try Structure(
            lattice: try Lattice(a: turn(lattice.a), b: turn(lattice.b), c: turn(lattice.c)),
            species: structure.species, fractionalCoordinates: structure.fractionalCoordinates)
        func atomCenters(_ s: Structure) throws -> [[Double]] {
            let reader = try SVGReader.read(CrystalGraphSVG(graph: try CrystalGraph(structure: s), title: "t").render())
            return reader.elements.filter { $0.attributes["class"] == "atom" }
                .map { [Double($0.attributes["cx"] ?? "") ?? .nan, Double($0.attributes["cy"] ?? "") ?? .nan] }
                .sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
        }
        let (before, after) = (try atomCenters(structure), try atomCenters(rotated))
        #expect(before.count == after.count)
        for (p, q) in zip(before, after) { #expect(abs(p[0] - q[0]) <= 0.011 && abs(p[1] - q[1]) <= 0.011, "\(p) vs \(q)") }
    }
}
