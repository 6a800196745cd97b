import Foundation

/// What a student's JSON report (`students/<id>.json` of `matgrade grade`) says, as far as
/// the per-week end-to-end tests look: points, and per case its visibility and checks.
struct SampleReport: Decodable {
    struct Case: Decodable {
        struct Check: Decodable { let id: String; let passed: Bool }
        let visibility: String
        let checks: [Check]
    }
    let student: String
    let points: Double
    let cases: [Case]?

    /// Ids of the checks failed in at least one case.
    var failedChecks: Set<String> { Set((cases ?? []).flatMap { $0.checks.filter { !$0.passed }.map(\.id) }) }

    static func load(_ url: URL) throws -> SampleReport {
        try JSONDecoder().decode(SampleReport.self, from: Data(contentsOf: url))
    }
}
