import Foundation
import JSONSupport
import Learning
import LinearAlgebra

extension Frontend {
    /// `matgrade compute cgcnn graphs --data LIST.csv --output GRAPHS.bin [--radius 8]
    /// [--max-neighbors 12]`: writes the crystal graphs `cgcnn train` builds from the list
    /// (the same code, the same numbers) so that another framework can train on exactly them.
    ///
    /// File format (version 1), all numbers little-endian:
    /// 1. one line of JSON: `{"format": "matgrade-cgcnn-graphs", "version": 1, "crystals": n,
    ///    "atoms": N, "edges": E, "atom_feature_length": a, "edge_feature_length": b,
    ///    "has_targets": true|false, "radius": r, "max_neighbors": k}` and `\n`;
    /// 2. `int64[n]` atoms per crystal, `int64[n]` edges per crystal;
    /// 3. `float64[N x a]` atom features, crystal after crystal, row-major;
    /// 4. `int64[E]` edge centers and `int64[E]` edge neighbors (atom indices within their
    ///    crystal, 0-based);
    /// 5. `float64[E x b]` edge features (Gaussian-expanded distances), row-major;
    /// 6. `float64[n]` targets, when the list has them.
    ///
    /// Prints `{"crystals": n, "atoms": N, "edges": E, "atom_feature_length": a,
    /// "edge_feature_length": b, "output": path}`.
    public static func crystalGraphExport(dataPath: String, outputPath: String, radius: Double, maxNeighbors: Int) throws -> String {
        let table = try StructureTable(path: dataPath, needsTargets: false)
        let graphs = try crystalGraphInputs(table, radius: radius, maxNeighbors: maxNeighbors)
        let atomCount = graphs.reduce(0) { $0 + $1.atomCount }, edgeCount = graphs.reduce(0) { $0 + $1.centers.count }
        let (atomLength, edgeLength) = (graphs[0].atomFeatures.columnCount, graphs[0].edgeFeatures.columnCount)
        /// The counts both the file's header and the printed summary carry.
        func counts(_ json: inout JSONWriter) {
            json.raw("\"crystals\": "); json.integer(graphs.count)
            json.raw(", \"atoms\": "); json.integer(atomCount)
            json.raw(", \"edges\": "); json.integer(edgeCount)
            json.raw(", \"atom_feature_length\": "); json.integer(atomLength)
            json.raw(", \"edge_feature_length\": "); json.integer(edgeLength)
        }
        var header = JSONWriter()
        header.raw("{\"format\": \"matgrade-cgcnn-graphs\", \"version\": 1, ")
        counts(&header)
        header.raw(", \"has_targets\": "); header.bool(table.targets != nil)
        header.raw(", \"radius\": "); header.number(radius)
        header.raw(", \"max_neighbors\": "); header.integer(maxNeighbors)
        header.raw("}\n")
        var data = Data(header.text.utf8)
        func integers(_ values: [Int]) {
            let words = values.map { Int64($0).littleEndian }
            words.withUnsafeBytes { data.append(contentsOf: $0) }
        }
        func numbers(_ values: [Double]) {
            let words = values.map { $0.bitPattern.littleEndian }
            words.withUnsafeBytes { data.append(contentsOf: $0) }
        }
        integers(graphs.map(\.atomCount))
        integers(graphs.map(\.centers.count))
        for graph in graphs { numbers(graph.atomFeatures.storage) }
        for graph in graphs { integers(graph.centers) }
        for graph in graphs { integers(graph.neighbors) }
        for graph in graphs { numbers(graph.edgeFeatures.storage) }
        if let targets = table.targets { numbers(targets) }
        do {
            try data.write(to: URL(fileURLWithPath: outputPath))
        } catch {
            throw FrontendError.invalidOption(name: "--output", value: outputPath, reason: "cannot write the graphs there (\(error.localizedDescription))")
        }
        var json = JSONWriter()
        json.raw("{")
        counts(&json)
        json.raw(", \"output\": "); json.string(outputPath)
        json.raw("}\n")
        return json.text
    }
}
