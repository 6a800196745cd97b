import Crystal
import Descriptors
import Foundation

extension Frontend {
    /// Which graph `matgrade compute graph` builds.
    public enum GraphKind: String, CaseIterable, Sendable {
        /// CGCNN: the `maxNeighbors` nearest within `radius`, Gaussian edge features, one-hot
        /// atom features (Xie and Grossman 2018).
        case cgcnn
        /// MEGNet: every pair within a cutoff (Chen et al. 2019).
        case megnet
    }

    /// `matgrade compute graph FILE [--kind cgcnn|megnet] [--radius R] [--max-neighbors K]
    /// [--svg OUT]`: the graph as JSON (``CrystalGraph/json()``, ``MEGNetGraph/json()``), and
    /// optionally its drawing as a standalone SVG file. For MEGNet, `radius` is the cutoff.
    public static func graph(
        path: String, kind: GraphKind, radius: Double?, maxNeighbors: Int?, svgPath: String?
    ) throws -> String {
        let structure = try Structure.read(contentsOf: path)
        let json: String, svg: CrystalGraphSVG
        switch kind {
        case .cgcnn:
            var options = CrystalGraph.Options()
            if let radius { options.radius = radius }
            if let maxNeighbors { options.maxNeighbors = maxNeighbors }
            let graph = try CrystalGraph(structure: structure, options: options)
            (json, svg) = (graph.json(), CrystalGraphSVG(graph: graph))
        case .megnet:
            if maxNeighbors != nil {
                throw FrontendError.invalidOption(
                    name: "--max-neighbors", value: String(maxNeighbors ?? 0), reason: "MEGNet graphs keep every pair within the cutoff; drop the option or use --kind cgcnn")
            }
            let graph = try MEGNetGraph(structure: structure, options: MEGNetGraph.Options(cutoff: radius ?? 5))
            (json, svg) = (graph.json(), CrystalGraphSVG(graph: graph))
        }
        if let svgPath {
            do {
                try svg.render().write(toFile: svgPath, atomically: true, encoding: .utf8)
            } catch {
                throw FrontendError.invalidOption(name: "--svg", value: svgPath, reason: "cannot write the drawing there (\(error.localizedDescription))")
            }
        }
        return json
    }
}
