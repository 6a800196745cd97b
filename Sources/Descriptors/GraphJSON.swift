import Crystal

// The JSON form of the graphs: what the week-6 reference writes and what a student's Python
// writes back with `json.dump`. Keys are fixed and snake_case, always present, in the order
// below; one node or edge per line. Numbers: integers as integers, every other number as
// Swift's shortest round-trip text (`8.0`, `0.2`, `1.3887943864964021e-11`), which reads back
// to the identical Double (Python's `repr` writes the same digits).

extension CrystalGraph {
    /// The graph as JSON:
    ///
    /// ```
    /// {"graph": "cgcnn", "radius": 8.0, "max_neighbors": 12, "neighbor_shortfall": "keep_fewer",
    ///  "gaussian_centers": [0.0, 0.2, ...], "gaussian_width": 0.2,
    ///  "atom_feature_layout": "atom_init_92",
    ///  "atom_feature_blocks": [{"property": "group", "offset": 0, "length": 19}, ...],
    ///  "sites_with_fewer_neighbors": [],
    ///  "nodes": [{"index": 0, "species": "Si", "atomic_number": 14, "features": [0.0, ...]}, ...],
    ///  "edges": [{"source": 0, "target": 1, "image": [0, 0, -1], "distance": 2.35,
    ///             "padding": false, "gaussian": [...]}, ...]}
    /// ```
    ///
    /// Units: Angstrom for `radius`, `gaussian_centers`, `gaussian_width`, `distance`; `image`
    /// in lattice vectors relative to the input's fractional coordinates; features and
    /// Gaussians dimensionless. `neighbor_shortfall` is `keep_fewer` or `pad`,
    /// `atom_feature_layout` `atom_init_92` or `table_s2_93`.
    public func json() -> String {
        var writer = GraphJSONWriter()
        writer.field("graph") { $0.string("cgcnn") }
        writer.field("radius") { $0.number(options.radius) }
        writer.field("max_neighbors") { $0.integer(options.maxNeighbors) }
        writer.field("neighbor_shortfall") { $0.string(options.shortfall.rawValue) }
        writer.field("gaussian_centers") { $0.numbers(expansion.centers) }
        writer.field("gaussian_width") { $0.number(expansion.width) }
        writer.field("atom_feature_layout") { $0.string(atomFeatures.layout.rawValue) }
        writer.field("atom_feature_blocks") { writer in
            writer.list(atomFeatures.blocks, multiline: false) { writer, block in
                writer.object { object in
                    object.member("property") { $0.string(block.property.rawValue) }
                    object.member("offset") { $0.integer(block.offset) }
                    object.member("length") { $0.integer(block.range.count) }
                }
            }
        }
        writer.field("sites_with_fewer_neighbors") { $0.integers(sitesWithFewerNeighbors) }
        writer.field("nodes") { $0.nodes(nodes) }
        writer.field("edges") { $0.edges(edges, withPadding: true) }
        return writer.finish()
    }
}

extension MEGNetGraph {
    /// The graph as JSON:
    ///
    /// ```
    /// {"graph": "megnet", "cutoff": 5.0, "gaussian_centers": [...], "gaussian_width": 0.5,
    ///  "state": [0.0, 0.0], "isolated_sites": [],
    ///  "nodes": [{"index": 0, "species": "Si", "atomic_number": 14, "features": [14.0]}, ...],
    ///  "edges": [{"source": 0, "target": 1, "image": [0, 0, 0], "distance": 2.35,
    ///             "gaussian": [...]}, ...]}
    /// ```
    ///
    /// Units as in ``CrystalGraph/json()``; `cutoff` in Angstrom.
    public func json() -> String {
        var writer = GraphJSONWriter()
        writer.field("graph") { $0.string("megnet") }
        writer.field("cutoff") { $0.number(options.cutoff) }
        writer.field("gaussian_centers") { $0.numbers(options.expansion.centers) }
        writer.field("gaussian_width") { $0.number(options.expansion.width) }
        writer.field("state") { $0.numbers(state) }
        writer.field("isolated_sites") { $0.integers(isolatedSites) }
        writer.field("nodes") { $0.nodes(nodes) }
        writer.field("edges") { $0.edges(edges, withPadding: false) }
        return writer.finish()
    }
}

/// A small JSON writer for the graph documents: a top-level object with one field per line.
struct GraphJSONWriter {
    private(set) var text = "{"
    private var fieldCount = 0

    /// A top-level field `"key": value`.
    mutating func field(_ key: String, _ value: (inout GraphJSONWriter) -> Void) {
        text += fieldCount == 0 ? "\n  " : ",\n  "
        fieldCount += 1
        string(key)
        text += ": "
        value(&self)
    }

    mutating func finish() -> String {
        text += "\n}\n"
        return text
    }

    mutating func string(_ value: String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    /// A finite number in shortest round-trip form; the graphs hold no NaN or infinity (a
    /// non-finite value would be a bug, and is written as null rather than as invalid JSON).
    mutating func number(_ value: Double) {
        text += value.isFinite ? value.description : "null"
    }

    mutating func integer(_ value: Int) { text += String(value) }

    mutating func numbers(_ values: [Double]) { list(values, multiline: false) { $0.number($1) } }

    mutating func integers(_ values: [Int]) { list(values, multiline: false) { $0.integer($1) } }

    /// `[a, b, ...]`, or one item per line (indented) when `multiline`.
    mutating func list<C: Collection>(_ items: C, multiline: Bool, _ item: (inout GraphJSONWriter, C.Element) -> Void) {
        text += "["
        var first = true
        for element in items {
            if multiline { text += first ? "\n    " : ",\n    " } else if !first { text += ", " }
            first = false
            item(&self, element)
        }
        text += multiline && !first ? "\n  ]" : "]"
    }

    /// `{"k": v, ...}` on one line.
    mutating func object(_ members: (inout ObjectWriter) -> Void) {
        var object = ObjectWriter(writer: self)
        members(&object)
        self = object.writer
        text += object.count == 0 ? "{}" : "}"
    }

    struct ObjectWriter {
        var writer: GraphJSONWriter
        var count = 0

        mutating func member(_ key: String, _ value: (inout GraphJSONWriter) -> Void) {
            writer.text += count == 0 ? "{" : ", "
            count += 1
            writer.string(key)
            writer.text += ": "
            value(&writer)
        }
    }

    mutating func nodes(_ nodes: [GraphNode]) {
        list(nodes, multiline: true) { writer, node in
            writer.object { object in
                object.member("index") { $0.integer(node.index) }
                object.member("species") { $0.string(node.element.symbol) }
                object.member("atomic_number") { $0.integer(node.element.atomicNumber) }
                object.member("features") { $0.numbers(node.features) }
            }
        }
    }

    mutating func edges(_ edges: [GraphEdge], withPadding: Bool) {
        list(edges, multiline: true) { writer, edge in
            writer.object { object in
                object.member("source") { $0.integer(edge.source) }
                object.member("target") { $0.integer(edge.target) }
                object.member("image") { $0.integers([edge.image.x, edge.image.y, edge.image.z]) }
                object.member("distance") { $0.number(edge.distance) }
                if withPadding { object.member("padding") { $0.text += edge.isPadding ? "true" : "false" } }
                object.member("gaussian") { $0.numbers(edge.gaussian) }
            }
        }
    }
}
