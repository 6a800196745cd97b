// swift-tools-version:6.0
// matgrade: autograder and exercise runner of the Materials Genomics course.
// Layout and module stack: ../shared/DESIGN.md ("Sources/: one module per concern").
import PackageDescription

let package = Package(
    name: "matgrade",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "matgrade", targets: ["matgrade"]),
        .library(name: "Crystal", targets: ["Crystal"]),
        .library(name: "Stability", targets: ["Stability"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "Learning", targets: ["Learning"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        // Builds over the system SQLite (its GRDBSQLite target links Debian's libsqlite3).
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        // System-library shims: module maps only (apt-get packages in scripts/setup.sh).
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
        .systemLibrary(name: "CArchive", path: "Sources/CArchive"),

        .target(name: "LinearAlgebra", dependencies: ["COpenBLAS"]),
        .target(name: "Crystal", dependencies: ["LinearAlgebra"]),
        .target(name: "Stability", dependencies: ["Crystal", "Markup"]),
        .target(name: "Continuum", dependencies: ["LinearAlgebra", "JSONSupport"]),
        .target(name: "MaterialsDB", dependencies: ["Crystal", "JSONSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Learning", dependencies: ["LinearAlgebra"]),
        // Week 3's reference kernels: Lennard-Jones molecular dynamics, 2D Ising Monte Carlo.
        .target(name: "Simulation"),
        .target(name: "JSONSupport"),
        // Escaping for XML, SVG and HTML, shared by the drawings and the reports.
        .target(name: "Markup"),
        .target(name: "Descriptors", dependencies: ["Crystal", "LinearAlgebra", "JSONSupport", "Markup"]),
        .target(name: "Sandbox"),
        .target(name: "Exercises", dependencies: ["Crystal", "Descriptors", "JSONSupport", "CArchive", "Learning", "LinearAlgebra", "Stability", "Continuum", "MaterialsDB", "Simulation"]),
        .target(
            name: "Grading",
            dependencies: [
                "LinearAlgebra", "Learning", "JSONSupport", "Exercises", "Sandbox", "CArchive", .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // Reports read grades from the Gradebook (class dashboard, exports) as well as from a batch.
        .target(name: "Reports", dependencies: ["Grading", "Gradebook", "JSONSupport", "Markup", "Sandbox"]),
        .target(name: "Gradebook", dependencies: ["Grading", "Sandbox", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "Frontend",
            dependencies: ["Crystal", "LinearAlgebra", "Descriptors", "Exercises", "Grading", "Gradebook", "Reports", "Sandbox", "JSONSupport", "Learning", "Stability", "Continuum", "MaterialsDB", "Simulation"]),
        .executableTarget(
            name: "matgrade",
            dependencies: [
                "Frontend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Benchmarks (benchmarks/README.md): the Swift side of benchmarks/run.sh.
        .executableTarget(name: "neighbor-benchmark", dependencies: ["Crystal"], path: "benchmarks/Sources/NeighborBenchmark"),
        .executableTarget(name: "magpie-benchmark", dependencies: ["Crystal", "Descriptors"], path: "benchmarks/Sources/MagpieBenchmark"),
        .executableTarget(name: "soap-benchmark", dependencies: ["Crystal", "Descriptors"], path: "benchmarks/Sources/SOAPBenchmark"),
        .executableTarget(name: "voronoi-benchmark", dependencies: ["Crystal"], path: "benchmarks/Sources/VoronoiBenchmark"),

        .target(name: "TestSupport", dependencies: ["LinearAlgebra"], path: "Tests/TestSupport"),
        .testTarget(name: "SystemLibraryTests", dependencies: ["CSQLite", "COpenBLAS", "CArchive", "TestSupport"]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"]),
        .testTarget(name: "CrystalTests", dependencies: ["Crystal", "TestSupport"]),
        .testTarget(name: "ContinuumTests", dependencies: ["Continuum", "TestSupport"]),
        .testTarget(name: "MaterialsDBTests", dependencies: ["MaterialsDB", "JSONSupport", "TestSupport"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "TestSupport"]),
        .testTarget(name: "StabilityTests", dependencies: ["Stability", "Crystal", "TestSupport"]),
        .testTarget(name: "LearningTests", dependencies: ["Learning", "LinearAlgebra", "TestSupport"]),
        .testTarget(name: "DescriptorsTests", dependencies: ["Descriptors", "Crystal", "TestSupport"]),
        .testTarget(name: "SandboxTests", dependencies: ["Sandbox", "TestSupport"]),
        .testTarget(name: "GradingTests", dependencies: ["Grading", "JSONSupport", "Sandbox", "LinearAlgebra", "TestSupport"]),
        .testTarget(name: "ExercisesTests", dependencies: ["Exercises", "Crystal", "Descriptors", "JSONSupport", "Learning", "LinearAlgebra", "TestSupport", "Simulation", "Grading"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Gradebook", "Grading", "Sandbox", "JSONSupport", "Markup", "TestSupport"]),
        .target(name: "GradebookTestSupport", dependencies: ["Grading", "Sandbox", "JSONSupport"], path: "Tests/GradebookTestSupport"),
        .testTarget(
            name: "GradebookTests",
            dependencies: ["Gradebook", "GradebookTestSupport", "Grading", "Sandbox", .product(name: "GRDB", package: "GRDB.swift")]),
        // Records grades until killed: GradebookTests' kill -9 test runs it.
        .executableTarget(
            name: "gradebook-crash-helper", dependencies: ["Gradebook", "GradebookTestSupport", "Grading"], path: "Tests/GradebookCrashHelper"),
        .testTarget(name: "JSONSupportTests", dependencies: ["JSONSupport", "TestSupport"]),
        .testTarget(name: "MatgradeCLITests", dependencies: ["TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
