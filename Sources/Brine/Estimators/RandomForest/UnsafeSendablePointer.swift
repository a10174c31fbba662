/// A read-only pointer handed to concurrent tasks that read disjoint or shared, unchanging memory.
struct UnsafeSendablePointer<Element>: @unchecked Sendable {
    /// The pointer.
    let pointer: UnsafePointer<Element>
    /// Wraps `pointer`.
    init(_ pointer: UnsafePointer<Element>) { self.pointer = pointer }
}
