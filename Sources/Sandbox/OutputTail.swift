/// The end of an output stream: counts every byte, keeps only the last `capacity` bytes,
/// so a program printing gigabytes costs the grader at most about 2 x `capacity` of memory.
struct OutputTail {
    /// Bytes kept, bytes; > 0.
    let capacity: Int
    /// Every byte seen, bytes.
    private(set) var totalBytes = 0
    private var buffer: [UInt8] = []

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        totalBytes += bytes.count
        if bytes.count >= capacity {
            buffer = Array(bytes.suffix(capacity))
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count > 2 * capacity { buffer.removeFirst(buffer.count - capacity) }
    }

    /// The last `capacity` bytes, oldest first.
    var bytes: ArraySlice<UInt8> { buffer.suffix(capacity) }
    /// The kept bytes as UTF-8 text, invalid sequences replaced by U+FFFD.
    var text: String { String(decoding: bytes, as: UTF8.self) }
    /// True when bytes were dropped from the front.
    var isTruncated: Bool { totalBytes > capacity }
}
