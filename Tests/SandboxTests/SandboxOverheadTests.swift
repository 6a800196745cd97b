import Foundation
import Testing
@testable import Sandbox

/// Per-run overhead: a whole `runSynchronously` of `/bin/true` (lease a user id, hand over
/// the folder, start the helper chain, wait, sweep, hand the folder back), in milliseconds.
/// Run alone for clean numbers:
/// `swift test --skip-build --scratch-path .build-sandbox --filter SandboxOverheadTests`
@Suite("Sandbox: per-run overhead", .serialized)
struct SandboxOverheadTests {
    @Test("a trivial run costs well under 30 ms", arguments: bothIsolations)
    func overhead(isolation: IsolationChoice) throws {
        let sandbox = try Sandbox(isolation: isolation)
        let folder = try CaseFolder()
        defer { folder.remove() }
        let request = folder.request(["/bin/true"])
        _ = try sandbox.runSynchronously(request)
        var milliseconds: [Double] = []
        for _ in 0..<30 {
            let start = monotonicSeconds()
            let outcome = try sandbox.runSynchronously(request)
            milliseconds.append((monotonicSeconds() - start) * 1000)
            #expect(outcome.termination == .exited(0))
        }
        milliseconds.sort()
        let median = milliseconds[milliseconds.count / 2]
        let p90 = milliseconds[milliseconds.count * 9 / 10]
        print("sandbox overhead, \(isolation): median \(String(format: "%.1f", median)) ms, p90 \(String(format: "%.1f", p90)) ms, min \(String(format: "%.1f", milliseconds[0])) ms over \(milliseconds.count) runs of /bin/true")
        // Generous bound: the suite shares two cores with other tests; the target is 30 ms.
        #expect(median < 150, "median \(median) ms")
    }
}
