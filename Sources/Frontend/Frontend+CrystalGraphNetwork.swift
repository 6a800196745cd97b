import Crystal
import Descriptors
import Foundation
import Grading
import JSONSupport
import Learning
import LinearAlgebra

extension Frontend {
    /// The options of `matgrade compute cgcnn train`.
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
        /// Threads of the convolutions' per-edge passes (BLAS: `OPENBLAS_NUM_THREADS`).
        public var threadCount: Int = 1

        public init() {}
    }

    /// A structure data set, in one of three forms:
    /// - a CSV whose header names a `structure` column (file paths relative to the CSV's
    ///   folder, any format `Structure.read` knows) and optionally `target`;
    /// - a CSV with a `cif` column holding each structure's CIF text (quoted, as pandas'
    ///   `to_csv` writes it) and optionally `target`;
    /// - a folder in CGCNN's layout: `id_prop.csv` (no header; `id,target` per line) and
    ///   `ID.cif` beside it.
    struct StructureTable {
        /// Per structure, where it came from (a path, or "FILE line N") and how to read it.
        let sources: [(label: String, read: @Sendable () throws -> Structure)]
        let targets: [Double]?

        init(path: String, needsTargets: Bool) throws {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw FrontendError.invalidData(file: path, field: nil, problem: "does not exist", fix: "give a CSV or a folder with id_prop.csv")
            }
            if isFolder.boolValue {
                try self.init(cgcnnFolder: path)
            } else {
                try self.init(csvPath: path)
            }
            if needsTargets, targets == nil {
                throw FrontendError.inputLine(path: path, line: 1, reason: "training needs a 'target' column (or a folder's id_prop.csv)")
            }
        }

        private init(cgcnnFolder folder: String) throws {
            let listPath = URL(fileURLWithPath: folder).appendingPathComponent("id_prop.csv").path
            let text: String
            do {
                text = try String(contentsOfFile: listPath, encoding: .utf8)
            } catch {
                throw FrontendError.invalidData(file: listPath, field: nil, problem: "cannot be read (\(error.localizedDescription))",
                                                fix: "a CGCNN data folder holds id_prop.csv (id,target per line) and ID.cif files")
            }
            var sources: [(label: String, read: @Sendable () throws -> Structure)] = [], targets: [Double] = []
            for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                let cells = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                guard cells.count >= 2, let target = Double(cells[1]), target.isFinite else {
                    throw FrontendError.inputLine(path: listPath, line: offset + 1, reason: "'\(line)' is not id,target with a finite number")
                }
                let file = URL(fileURLWithPath: folder).appendingPathComponent("\(cells[0]).cif").path
                sources.append((file, { try Structure.read(contentsOf: file) }))
                targets.append(target)
            }
            guard !sources.isEmpty else { throw FrontendError.inputLine(path: listPath, line: 1, reason: "no structures listed") }
            self.sources = sources
            self.targets = targets
        }

        private init(csvPath path: String) throws {
            let table: CSVTable
            do {
                table = try CSVTable(path: path, text: String(contentsOfFile: path, encoding: .utf8))
            } catch let error as GradingError {
                throw FrontendError.invalidData(file: path, field: nil, problem: error.description, fix: "write the CSV with pandas' to_csv or the csv module")
            } catch {
                throw FrontendError.invalidData(file: path, field: nil, problem: "cannot be read (\(error.localizedDescription))", fix: "check the path")
            }
            let structureColumn = table.header.firstIndex(of: "structure"), cifColumn = table.header.firstIndex(of: "cif")
            guard structureColumn != nil || cifColumn != nil else {
                throw FrontendError.inputLine(path: path, line: 1, reason: "the header must name a 'structure' column (file paths) or a 'cif' column (CIF text), and 'target' for training")
            }
            let targetColumn = table.header.firstIndex(of: "target")
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            var sources: [(label: String, read: @Sendable () throws -> Structure)] = [], targets: [Double] = []
            for (line, fields) in table.rows {
                if let cifColumn {
                    let text = fields[cifColumn], label = "\(path) line \(line)"
                    sources.append((label, { try Structure(cif: text, path: label) }))
                } else if let structureColumn {
                    let file = fields[structureColumn]
                    let resolved = file.hasPrefix("/") ? file : folder.appendingPathComponent(file).path
                    sources.append((resolved, { try Structure.read(contentsOf: resolved) }))
                }
                if let targetColumn {
                    guard let value = Double(fields[targetColumn].trimmingCharacters(in: .whitespaces)), value.isFinite else {
                        throw FrontendError.inputLine(path: path, line: line, reason: "target '\(fields[targetColumn])' is not a finite number")
                    }
                    targets.append(value)
                }
            }
            guard !sources.isEmpty else { throw FrontendError.inputLine(path: path, line: 2, reason: "no structures listed; add one row per structure") }
            self.sources = sources
            self.targets = targetColumn == nil ? nil : targets
        }
    }

    /// The CGCNN graph input of every listed structure (one-hot atom features, Gaussian edge
    /// features, the `maxNeighbors` nearest within `radius`).
    static func crystalGraphInputs(_ table: StructureTable, radius: Double, maxNeighbors: Int) throws -> [CrystalGraphInput] {
        try table.sources.map { source in
            let path = source.label
            let graph = try CrystalGraph(structure: source.read(),
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

    /// `matgrade compute cgcnn train --data LIST.csv --save WEIGHTS.json ...`: trains a
    /// CGCNN-style network on the listed structures and targets and saves it.
    ///
    /// JSON (stable): `{"structures": n, "parameters": count, "loss_curve": [...] (normalised
    /// MSE per epoch), "epoch_seconds": [...] (wall-clock seconds of each epoch, graph building
    /// excluded), "pred_train": [...], "mae_train": e}`. The weights file holds the graph
    /// settings, the architecture, the weights, the running statistics and the target
    /// normalisation.
    public static func crystalGraphTrain(dataPath: String, weightsPath: String, options: CrystalGraphTrainingOptions) throws -> String {
        let table = try StructureTable(path: dataPath, needsTargets: true)
        let graphs = try crystalGraphInputs(table, radius: options.radius, maxNeighbors: options.maxNeighbors)
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
        settings.threadCount = options.threadCount
        let targets = table.targets ?? []
        let progress = EpochProgress(total: settings.epochs, label: "cgcnn train")
        let model = try TrainedCrystalGraphNetwork(graphs: graphs, targets: targets, architecture: architecture, settings: settings,
                                                   progress: progress.finished(epoch:loss:))
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
        json.raw(",\n \"loss_curve\": "); json.numbers(model.lossCurve)
        json.raw(",\n \"epoch_seconds\": "); json.numbers(model.epochSeconds)
        json.raw(",\n \"pred_train\": "); json.numbers(predictions)
        json.raw(",\n \"mae_train\": "); json.number(meanAbsoluteDifference(predictions, targets))
        json.raw("}\n")
        return json.text
    }

    /// `matgrade compute cgcnn predict --data LIST.csv --weights WEIGHTS.json`: predictions
    /// and per-structure embeddings (the pooled vectors) of a saved network.
    ///
    /// JSON (stable): `{"predictions": [...], "embeddings": [[...], ...], "mae": e (when the
    /// list has targets)}`.
    public static func crystalGraphPredict(dataPath: String, weightsPath: String, embeddingsOnly: Bool = false) throws -> String {
        let saved: SavedCrystalGraphNetwork
        do {
            saved = try JSONDecoder().decode(SavedCrystalGraphNetwork.self, from: Data(contentsOf: URL(fileURLWithPath: weightsPath)))
        } catch {
            throw FrontendError.invalidData(file: weightsPath, field: nil, problem: "is not a saved network (\(error))",
                                            fix: "pass the file that cgcnn train --save wrote")
        }
        let table = try StructureTable(path: dataPath, needsTargets: false)
        let graphs = try crystalGraphInputs(table, radius: saved.radius, maxNeighbors: saved.maxNeighbors)
        let (predictions, embeddings) = try saved.model.predict(graphs)
        var json = JSONWriter()
        if embeddingsOnly {
            json.raw("{\"embeddings\": "); writeRows(embeddings, to: &json)
            json.raw("}\n")
            return json.text
        }
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

/// The weights file of `cgcnn train --save`.
struct SavedCrystalGraphNetwork: Codable {
    var radius: Double
    var maxNeighbors: Int
    var model: TrainedCrystalGraphNetwork

    enum CodingKeys: String, CodingKey {
        case radius, maxNeighbors = "max_neighbors", model
    }
}
