import Crystal
import JSONSupport

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
        JSONWriter.graphDocument { writer in
            writer.member("graph") { $0.string("cgcnn") }
            writer.member("radius") { $0.number(options.radius) }
            writer.member("max_neighbors") { $0.integer(options.maxNeighbors) }
            writer.member("neighbor_shortfall") { $0.string(options.shortfall.rawValue) }
            writer.member("gaussian_centers") { $0.numbers(expansion.centers) }
            writer.member("gaussian_width") { $0.number(expansion.width) }
            writer.member("atom_feature_layout") { $0.string(atomFeatures.layout.rawValue) }
            writer.member("atom_feature_blocks") { writer in
                writer.array(atomFeatures.blocks) { writer, block in
                    writer.object { object in
                        object.member("property") { $0.string(block.property.rawValue) }
                        object.member("offset") { $0.integer(block.offset) }
                        object.member("length") { $0.integer(block.range.count) }
                    }
                }
            }
            writer.member("sites_with_fewer_neighbors") { $0.integers(sitesWithFewerNeighbors) }
            writer.member("nodes") { $0.nodes(nodes) }
            writer.member("edges") { $0.edges(edges, withPadding: true) }
        }
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
        JSONWriter.graphDocument { writer in
            writer.member("graph") { $0.string("megnet") }
            writer.member("cutoff") { $0.number(options.cutoff) }
            writer.member("gaussian_centers") { $0.numbers(options.expansion.centers) }
            writer.member("gaussian_width") { $0.number(options.expansion.width) }
            writer.member("state") { $0.numbers(state) }
            writer.member("isolated_sites") { $0.integers(isolatedSites) }
            writer.member("nodes") { $0.nodes(nodes) }
            writer.member("edges") { $0.edges(edges, withPadding: false) }
        }
    }
}

extension JSONWriter {
    /// A graph document: a top-level object with one field per line, a final newline.
    static func graphDocument(_ fields: (inout ObjectWriter) -> Void) -> String {
        var writer = JSONWriter()
        writer.object(multiline: true, fields)
        return writer.text + "\n"
    }

    mutating func nodes(_ nodes: [GraphNode]) {
        array(nodes, multiline: true) { writer, node in
            writer.object { object in
                object.member("index") { $0.integer(node.index) }
                object.member("species") { $0.string(node.element.symbol) }
                object.member("atomic_number") { $0.integer(node.element.atomicNumber) }
                object.member("features") { $0.numbers(node.features) }
            }
        }
    }

    mutating func edges(_ edges: [GraphEdge], withPadding: Bool) {
        array(edges, multiline: true) { writer, edge in
            writer.object { object in
                object.member("source") { $0.integer(edge.source) }
                object.member("target") { $0.integer(edge.target) }
                object.member("image") { $0.integers([edge.image.x, edge.image.y, edge.image.z]) }
                object.member("distance") { $0.number(edge.distance) }
                if withPadding { object.member("padding") { $0.bool(edge.isPadding) } }
                object.member("gaussian") { $0.numbers(edge.gaussian) }
            }
        }
    }
}
