import Foundation

/// Locations inside the repository, found from this file's path so tests run from any
/// working directory.
public enum RepositoryPaths {
    /// The repository root (the folder holding Package.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static var exercisesData: URL { root.appendingPathComponent("exercises/data") }
    public static var fixtures: URL { root.appendingPathComponent("Tests/Fixtures") }
}
