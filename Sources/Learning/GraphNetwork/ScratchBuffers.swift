import Foundation

/// Reuses the large working buffers of the fused convolution (a few MB per layer and batch)
/// from one batch to the next. Freed and allocated again each batch, they went back to the
/// kernel and were faulted in (and zeroed) anew every time, about 5 % of a training epoch.
/// At most ``limit`` buffers are kept; their contents are undefined when taken.
enum ScratchBuffers {
    struct Buffer {
        let pointer: UnsafeMutablePointer<Double>
        let capacity: Int
    }

    static let limit = 24
    private static let lock = NSLock()
    nonisolated(unsafe) private static var kept: [Buffer] = []

    /// A buffer of at least `count` values: the smallest kept one that fits, or a new one.
    static func take(_ count: Int) -> Buffer {
        lock.lock()
        defer { lock.unlock() }
        var best: Int?
        for (k, buffer) in kept.enumerated() where buffer.capacity >= count {
            if best == nil || buffer.capacity < kept[best!].capacity { best = k }
        }
        if let best { return kept.remove(at: best) }
        return Buffer(pointer: .allocate(capacity: max(count, 1)), capacity: max(count, 1))
    }

    /// Returns `buffer` for reuse (freeing the smallest kept one when ``limit`` are kept).
    static func give(_ buffer: Buffer) {
        lock.lock()
        defer { lock.unlock() }
        kept.append(buffer)
        if kept.count > limit, let smallest = kept.indices.min(by: { kept[$0].capacity < kept[$1].capacity }) {
            kept.remove(at: smallest).pointer.deallocate()
        }
    }
}
