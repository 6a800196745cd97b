import Foundation

/// Rows `0..<rowCount` cut into fixed blocks of `blockSize` rows, run on `threadCount`
/// threads. Per-block partial sums are combined in block order, so a kernel's results do not
/// depend on the thread count (only on the fixed block size).
struct RowBlocks {
    static let blockSize = 256

    let rowCount: Int
    let threadCount: Int

    init(rowCount: Int, threadCount: Int) {
        self.rowCount = rowCount
        self.threadCount = max(1, min(threadCount, (rowCount + Self.blockSize - 1) / Self.blockSize))
    }

    var blockCount: Int { (rowCount + Self.blockSize - 1) / Self.blockSize }

    /// Calls `body(block, rows)` once per block; worker w takes blocks w, w + threads, ...
    func forEach(_ body: (Int, Range<Int>) -> Void) {
        let (count, threads, total) = (blockCount, threadCount, rowCount)
        func run(_ worker: Int) {
            for block in stride(from: worker, to: count, by: threads) {
                body(block, (block * Self.blockSize)..<min(total, (block + 1) * Self.blockSize))
            }
        }
        if threads == 1 {
            run(0)
        } else {
            withoutActuallyEscaping(body) { body in
                nonisolated(unsafe) let body = body
                DispatchQueue.concurrentPerform(iterations: threads) { worker in
                    for block in stride(from: worker, to: count, by: threads) {
                        body(block, (block * Self.blockSize)..<min(total, (block + 1) * Self.blockSize))
                    }
                }
            }
        }
    }

    /// Runs `body(part)` for `part` in `0..<parts` on up to `threadCount` threads (column
    /// ranges of a scatter, say, where each part writes its own elements).
    func forEachPart(_ parts: Int, _ body: (Int) -> Void) {
        if threadCount == 1 || parts == 1 {
            for part in 0..<parts { body(part) }
            return
        }
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: parts) { body($0) }
        }
    }
}
