import Foundation
import Learning
import LinearAlgebra
import Testing

/// The CGCNN-style network: gradients of the whole model against finite differences, running
/// statistics, saving and loading, and learning a graph property.
@Suite("Crystal graph network (CGCNN)")
struct CrystalGraphNetworkTests {
    /// A random "crystal": atoms of `typeCount` kinds (one-hot features), each with
    /// `neighborCount` edges to random atoms at random distances in [1.5, 4] Å,
    /// Gaussian-expanded on `gaussianCount` centres. The target depends on the atom kinds
    /// and the distances of the edges, so only a model that reads both can learn it.
    static func randomCrystal(_ random: inout LearningRandom, typeCount: Int = 3, gaussianCount: Int = 6,
                              neighborCount: Int = 4) throws -> (CrystalGraphInput, Double) {
        let atomCount = 2 + random.index(below: 5)
        let kinds = (0..<atomCount).map { _ in random.index(below: typeCount) }
        var atomValues = [Double](repeating: 0, count: atomCount * typeCount)
        for (atom, kind) in kinds.enumerated() { atomValues[atom * typeCount + kind] = 1 }
        var centers: [Int] = [], neighbors: [Int] = [], edgeValues: [Double] = []
        var target = 0.0
        for atom in 0..<atomCount {
            for _ in 0..<neighborCount {
                let other = random.index(below: atomCount)
                let distance = random.uniform(1.5, 4)
                centers.append(atom)
                neighbors.append(other)
                edgeValues += (0..<gaussianCount).map { k in
                    let centre = 1.5 + 2.5 * Double(k) / Double(gaussianCount - 1)
                    return exp(-(distance - centre) * (distance - centre) / 0.25)
                }
                target += Double(kinds[atom] + 1) * Double(kinds[other] + 1) / (distance * distance)
            }
        }
        let graph = try CrystalGraphInput(
            atomFeatures: Matrix(rowCount: atomCount, columnCount: typeCount, exactStorage: atomValues),
            centers: centers, neighbors: neighbors,
            edgeFeatures: Matrix(rowCount: centers.count, columnCount: gaussianCount, exactStorage: edgeValues))
        return (graph, target / Double(atomCount))
    }

    static func crystals(_ count: Int, seed: UInt64) throws -> ([CrystalGraphInput], [Double]) {
        var random = LearningRandom(seed: seed)
        var graphs: [CrystalGraphInput] = [], targets: [Double] = []
        for _ in 0..<count {
            let (graph, target) = try randomCrystal(&random)
            graphs.append(graph)
            targets.append(target)
        }
        return (graphs, targets)
    }

    static var smallArchitecture: CrystalGraphNetwork.Architecture {
        var architecture = CrystalGraphNetwork.Architecture(atomInputLength: 3, edgeFeatureLength: 6)
        architecture.atomFeatureLength = 4
        architecture.convolutionCount = 2
        architecture.hiddenLength = 5
        return architecture
    }

    /// Every weight of the model, through gathers, gates, both batch norms, the residual,
    /// pooling and the head, against central differences of the training-mode loss.
    @Test func wholeModelGradientsMatchFiniteDifferences() throws {
        let (graphs, targets) = try Self.crystals(3, seed: 5)
        let batch = try CrystalGraphBatch(graphs)
        let network = try CrystalGraphNetwork(architecture: Self.smallArchitecture, seed: 2)
        // Perturb batch-norm gammas and betas off their 1 / 0 start so their gradients matter.
        var random = LearningRandom(seed: 8)
        let inputs = network.parameters.values.map { value in
            Matrix(rowCount: value.rowCount, columnCount: value.columnCount,
                   exactStorage: value.storage.map { $0 + 0.3 * random.uniform(-1, 1) })
        }
        try AutodiffGradientTests.check("CGCNN", inputs: inputs) { variables in
            try network.forward(batch, variables: variables, training: true).prediction
                .meanSquaredError(against: Matrix(column: targets))
        }
    }

    @Test func runningStatisticsFollowPyTorchsUpdate() throws {
        let (graphs, _) = try Self.crystals(4, seed: 6)
        let network = try CrystalGraphNetwork(architecture: Self.smallArchitecture, seed: 1)
        let tape = GradientTape()
        let pass = try network.forward(try CrystalGraphBatch(graphs), variables: network.parameters.variables(on: tape), training: true)
        let mean = pass.updatedStatistics["conv0.bn1.mean"]!.storage
        let variance = pass.updatedStatistics["conv0.bn1.variance"]!.storage
        // From 0 and 1: mean = 0.1 · batch mean, variance = 0.9 + 0.1 · unbiased batch variance.
        #expect(mean.contains { $0 != 0 })
        #expect(variance.allSatisfy { $0 >= 0.9 })
        #expect(network.runningStatistics["conv0.bn1.mean"]!.storage.allSatisfy { $0 == 0 })
    }

    @Test func aTrainedNetworkLearnsAGraphPropertyAndSurvivesSaving() throws {
        let (trainGraphs, trainTargets) = try Self.crystals(160, seed: 1)
        let (testGraphs, testTargets) = try Self.crystals(60, seed: 2)
        var architecture = Self.smallArchitecture
        architecture.atomFeatureLength = 16
        architecture.hiddenLength = 16
        var settings = TrainedCrystalGraphNetwork.Settings()
        settings.epochs = 40
        settings.batchSize = 16
        settings.learningRate = 5e-3
        settings.seed = 3
        let model = try TrainedCrystalGraphNetwork(graphs: trainGraphs, targets: trainTargets, architecture: architecture, settings: settings)
        let (predictions, embeddings) = try model.predict(testGraphs)
        let trainMean = trainTargets.reduce(0, +) / Double(trainTargets.count)
        let baseline = testTargets.reduce(0) { $0 + abs($1 - trainMean) } / Double(testTargets.count)
        let error = zip(predictions, testTargets).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(testTargets.count)
        #expect(error < 0.4 * baseline, "test MAE \(error), mean predictor's \(baseline)")
        #expect(embeddings.shape == MatrixShape(rowCount: 60, columnCount: 16))
        #expect(model.lossCurve.last! < 0.5 * model.lossCurve.first!)

        let saved = try JSONEncoder().encode(model)
        let loaded = try JSONDecoder().decode(TrainedCrystalGraphNetwork.self, from: saved)
        #expect(try loaded.predict(testGraphs).predictions == predictions)
    }

    @Test func malformedGraphsAreRefused() throws {
        let features = Matrix(rowCount: 2, columnCount: 3, repeating: 0)
        let edges = Matrix(rowCount: 2, columnCount: 6, repeating: 0)
        #expect(throws: LearningError.self) { try CrystalGraphInput(atomFeatures: features, centers: [0, 2], neighbors: [1, 0], edgeFeatures: edges) }
        #expect(throws: LearningError.self) { try CrystalGraphInput(atomFeatures: features, centers: [0, 0], neighbors: [1, 0], edgeFeatures: edges) }
        #expect(throws: LearningError.self) { try CrystalGraphInput(atomFeatures: features, centers: [0, 1], neighbors: [1], edgeFeatures: edges) }
    }
}
