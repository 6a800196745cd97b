import Crystal
import Descriptors
import Foundation
import JSONSupport
import Learning
import LinearAlgebra

extension Frontend {
    /// The options of `matgrade compute cgcnn-train`.
    public struct CrystalGraphTrainingOptions: Sendable {
        public var radius: Double = 8
        public var maxNeighbors: Int = 12
        public var atomFeatureLength: Int = 64
        public var convolutionCount: Int = 3
        public var hiddenLength: Int = 128
        public var epochs: Int = 30
        public var batchSize: Int = 64
        public var learningRate: Double = 1e-2
        public var seed: UInt64 = 0

        public init() {}
    }

    /// A structure list: a CSV whose header names a `structure` column (a file path,
    /// relative to the CSV's folder, in any format `Structure.read` knows) and, for training,
    /// a `target` column.
    struct StructureTable {
        let paths: [String]
        let targets: [Double]?

        init(path: String, needsTargets: Bool) throws {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw FrontendError.invalidData(file: path, field: nil, problem: "cannot be read (\(error.localizedDescription))", fix: "check the path")
            }
            let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }),
                  let structureColumn = header.firstIndex(of: "structure") else {
                throw FrontendError.inputLine(path: path, line: 1, reason: "the header must name a 'structure' column (and 'target' for training), e.g. structure,target")
            }
            let targetColumn = header.firstIndex(of: "target")
            if needsTargets, targetColumn == nil {
                throw FrontendError.inputLine(path: path, line: 1, reason: "training needs a 'target' column; the header has \(header.joined(separator: ", "))")
            }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            var paths: [String] = [], targets: [Double] = []
            for (offset, line) in lines.dropFirst().enumerated() {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard cells.count == header.count else {
                    throw FrontendError.inputLine(path: path, line: offset + 2, reason: "\(cells.count) cells, the header has \(header.count); write one value per column, no quoted commas")
                }
                let file = cells[structureColumn]
                paths.append(file.hasPrefix("/") ? file : folder.appendingPathComponent(file).path)
                if let targetColumn {
                    guard let value = Double(cells[targetColumn]), value.isFinite else {
                        throw FrontendError.inputLine(path: path, line: offset + 2, reason: "target '\(cells[targetColumn])' is not a finite number")
                    }
                    targets.append(value)
                }
            }
            guard !paths.isEmpty else { throw FrontendError.inputLine(path: path, line: 2, reason: "no structures listed; add one row per structure") }
            self.paths = paths
            self.targets = targetColumn == nil ? nil : targets
        }
    }

    /// The CGCNN graph input of every listed structure (one-hot atom features, Gaussian edge
    /// features, the `maxNeighbors` nearest within `radius`).
    static func crystalGraphInputs(_ paths: [String], radius: Double, maxNeighbors: Int) throws -> [CrystalGraphInput] {
        try paths.map { path in
            let graph = try CrystalGraph(structure: Structure.read(contentsOf: path),
                                         options: CrystalGraph.Options(radius: radius, maxNeighbors: maxNeighbors))
            let atomFeatures = try Matrix(rows: graph.nodes.map(\.features))
            do {
                return try CrystalGraphInput(atomFeatures: atomFeatures, centers: graph.edges.map(\.source),
                                             neighbors: graph.edges.map(\.target), edgeFeatures: Matrix(rows: graph.edges.map(\.gaussian)))
            } catch let error as LearningError {
                throw FrontendError.invalidData(file: path, field: nil, problem: "makes no usable crystal graph (\(error))",
                                                fix: "raise --radius so that every atom has neighbors")
            }
        }
    }

    /// `matgrade compute cgcnn-train --data LIST.csv --save WEIGHTS.json ...`: trains a
    /// CGCNN-style network on the listed structures and targets and saves it.
    ///
    /// JSON (stable): `{"structures": n, "parameters": count, "loss_curve_": [...] (normalised
    /// MSE per epoch), "pred_train": [...], "mae_train": e}`. The weights file holds the graph
    /// settings, the architecture, the weights, the running statistics and the target
    /// normalisation.
    public static func crystalGraphTrain(dataPath: String, weightsPath: String, options: CrystalGraphTrainingOptions) throws -> String {
        let table = try StructureTable(path: dataPath, needsTargets: true)
        let graphs = try crystalGraphInputs(table.paths, radius: options.radius, maxNeighbors: options.maxNeighbors)
        var architecture = CrystalGraphNetwork.Architecture(atomInputLength: graphs[0].atomFeatures.columnCount,
                                                            edgeFeatureLength: graphs[0].edgeFeatures.columnCount)
        architecture.atomFeatureLength = options.atomFeatureLength
        architecture.convolutionCount = options.convolutionCount
        architecture.hiddenLength = options.hiddenLength
        var settings = TrainedCrystalGraphNetwork.Settings()
        settings.epochs = options.epochs
        settings.batchSize = options.batchSize
        settings.learningRate = options.learningRate
        settings.seed = options.seed
        let targets = table.targets ?? []
        let model = try TrainedCrystalGraphNetwork(graphs: graphs, targets: targets, architecture: architecture, settings: settings)
        let saved = SavedCrystalGraphNetwork(radius: options.radius, maxNeighbors: options.maxNeighbors, model: model)
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try encoder.encode(saved).write(to: URL(fileURLWithPath: weightsPath))
        } catch {
            throw FrontendError.invalidOption(name: "--save", value: weightsPath, reason: "cannot write the weights there (\(error.localizedDescription))")
        }
        let predictions = try model.predict(graphs).predictions
        var json = JSONWriter()
        json.raw("{\"structures\": "); json.integer(graphs.count)
        json.raw(", \"parameters\": "); json.integer(model.network.parameters.scalarCount)
        json.raw(",\n \"loss_curve_\": "); json.numbers(model.lossCurve)
        json.raw(",\n \"pred_train\": "); json.numbers(predictions)
        json.raw(",\n \"mae_train\": "); json.number(meanAbsoluteDifference(predictions, targets))
        json.raw("}\n")
        return json.text
    }

    /// `matgrade compute cgcnn-predict --data LIST.csv --weights WEIGHTS.json`: predictions
    /// and per-structure embeddings (the pooled vectors) of a saved network.
    ///
    /// JSON (stable): `{"predictions": [...], "embeddings": [[...], ...], "mae": e (when the
    /// list has targets)}`.
    public static func crystalGraphPredict(dataPath: String, weightsPath: String) throws -> String {
        let saved: SavedCrystalGraphNetwork
        do {
            saved = try JSONDecoder().decode(SavedCrystalGraphNetwork.self, from: Data(contentsOf: URL(fileURLWithPath: weightsPath)))
        } catch {
            throw FrontendError.invalidData(file: weightsPath, field: nil, problem: "is not a saved network (\(error))",
                                            fix: "pass the file that cgcnn-train --save wrote")
        }
        let table = try StructureTable(path: dataPath, needsTargets: false)
        let graphs = try crystalGraphInputs(table.paths, radius: saved.radius, maxNeighbors: saved.maxNeighbors)
        let (predictions, embeddings) = try saved.model.predict(graphs)
        var json = JSONWriter()
        json.raw("{\"predictions\": "); json.numbers(predictions)
        json.raw(",\n \"embeddings\": "); writeRows(embeddings, to: &json)
        if let targets = table.targets { json.raw(",\n \"mae\": "); json.number(meanAbsoluteDifference(predictions, targets)) }
        json.raw("}\n")
        return json.text
    }

    private static func meanAbsoluteDifference(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(max(1, min(a.count, b.count)))
    }
}

/// The weights file of `cgcnn-train --save`.
struct SavedCrystalGraphNetwork: Codable {
    var radius: Double
    var maxNeighbors: Int
    var model: TrainedCrystalGraphNetwork

    enum CodingKeys: String, CodingKey {
        case radius, maxNeighbors = "max_neighbors", model
    }
}
