/// A mutable pointer handed to concurrent tasks that each write a disjoint part of the memory.
struct UnsafeSendableMutablePointer<Element>: @unchecked Sendable {
    /// The pointer.
    let pointer: UnsafeMutablePointer<Element>
    /// Wraps `pointer`.
    init(_ pointer: UnsafeMutablePointer<Element>) { self.pointer = pointer }
}
