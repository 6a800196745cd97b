/// Growable scratch memory for the SOAP kernels' inner loops: a non-optional pointer (no force
/// unwrapping of `baseAddress`), reused from one center to the next. Contents survive only
/// until a ``reserve(_:)`` that has to grow the buffer (new memory holds the filler value).
/// Not shared between threads: each ``SOAPDescriptor/spectra(of:)`` call makes its own.
final class ScratchBuffer<Element> {
    private(set) var pointer: UnsafeMutablePointer<Element>
    private(set) var capacity: Int
    private let filler: Element

    init(filler: Element) {
        self.filler = filler
        capacity = 1
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: filler)
    }

    /// Room for at least `count` elements; returns the (possibly new) pointer.
    @discardableResult
    func reserve(_ count: Int) -> UnsafeMutablePointer<Element> {
        if count > capacity {
            pointer.deinitialize(count: capacity)
            pointer.deallocate()
            capacity = count
            pointer = .allocate(capacity: count)
            pointer.initialize(repeating: filler, count: count)
        }
        return pointer
    }

    deinit {
        pointer.deinitialize(count: capacity)
        pointer.deallocate()
    }
}
