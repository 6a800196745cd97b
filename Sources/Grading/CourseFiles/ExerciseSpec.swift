import Foundation

/// An exercise as `exercises/wNN-slug/exercise.toml` describes it: metadata, how a
/// submission is run, its resource limits, the fields its `output.json` must have, and its
/// public and hidden cases. The physics (how a case's input is generated, what the reference
/// answer is) belongs to the week's code in the Exercises module; here a case is a generator
/// name and its parameters.
///
/// ```toml
/// id = "w06-crystal-graphs"
/// week = 6
/// title = "Construct and visualize graph representations of crystal structures"
/// due = 2026-05-19T23:59:00+02:00
/// command = ["python3", "solution.py"]        # default
///
/// [limits]                                    # all optional; these are the defaults
/// wall_seconds = 60
/// cpu_seconds = 30
/// memory_mb = 2048
/// output_kb = 1024
///
/// [[output]]
/// name = "edges"
/// type = "array"                              # number, integer, string, boolean, array, object
/// description = "one row per edge: source, target, image a, b, c, distance (Angstrom)"
///
/// [[cases]]
/// name = "silicon"
/// visibility = "public"                       # or "hidden"
/// generator = "bundled-structure"
/// seed = 1                                    # public cases only
/// params = { structure = "Si", supercell = [1, 1, 1] }
///
/// [[cases]]
/// name = "rattled"
/// visibility = "hidden"                       # seeded per student from MATGRADE_SECRET
/// generator = "rattled-structure"
/// count = 2                                   # instances per student
/// ```
public struct ExerciseSpec: Sendable, Equatable {
    /// The folder name, `wNN-slug`.
    public let id: String
    /// Course week, 1...14.
    public let week: Int
    public let title: String
    /// Deadline as an instant (the file gives it with its time zone); nil when not set.
    public let due: Date?
    /// How a submission is run; the engine appends `input.json output.json`.
    public let command: [String]
    public let limits: CaseLimits
    public let outputFields: [OutputField]
    public let cases: [CaseSpec]

    public var publicCases: [CaseSpec] { cases.filter { $0.visibility == .public } }
    public var hiddenCases: [CaseSpec] { cases.filter { $0.visibility == .hidden } }
}

/// Resource limits of one run of a submission on one case.
public struct CaseLimits: Sendable, Equatable {
    /// Wall-clock limit, seconds; (0, 3600].
    public var wallSeconds: Double = 60
    /// CPU-time limit, seconds; (0, 3600].
    public var cpuSeconds: Double = 30
    /// Address-space limit, MiB; [64, 65536].
    public var memoryMegabytes: Int = 2048
    /// Cap on captured stdout and stderr each, KiB; [1, 1048576].
    public var outputKilobytes: Int = 1024

    public init() {}
}

/// A field that `output.json` must contain.
public struct OutputField: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case number, integer, string, boolean, array, object }
    public let name: String
    public let kind: Kind
    public let description: String
}

/// One case of an exercise.
public struct CaseSpec: Sendable, Equatable {
    public enum Visibility: String, Sendable, CaseIterable {
        /// Students see the input and run it with `matgrade check`; fixed seed.
        case `public`
        /// Only graded; the input is generated per student from MATGRADE_SECRET.
        case hidden
    }

    public let name: String
    public let visibility: Visibility
    /// The week's input generator that makes this case's input.
    public let generator: String
    /// Seed of a public case's input.
    public let seed: UInt64?
    /// Instances per student of a hidden case.
    public let count: Int
    /// The generator's parameters as JSON text (the TOML `params` table converted), decoded
    /// by the week's generator into its own parameter type.
    public let parametersJSON: String
}

extension ExerciseSpec {
    /// This exercise with its wall-clock and CPU limits lowered to at most the given values,
    /// seconds (an instructor's quick pass over a batch; limits are never raised this way).
    public func cappingLimits(wallSeconds: Double?, cpuSeconds: Double?) -> ExerciseSpec {
        var limits = self.limits
        if let wallSeconds { limits.wallSeconds = min(limits.wallSeconds, wallSeconds) }
        if let cpuSeconds { limits.cpuSeconds = min(limits.cpuSeconds, cpuSeconds) }
        return ExerciseSpec(
            id: id, week: week, title: title, due: due, command: command, limits: limits, outputFields: outputFields, cases: cases)
    }
}
