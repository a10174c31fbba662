/// A fixed-size, immutable run of elements in contiguous memory.
///
/// The memory is either owned (allocated by Brine and freed when the last copy goes away)
/// or borrowed from an owner object, such as a memory-mapped model file, that is kept
/// alive for as long as any copy of the array exists. Copies share the memory: a
/// `DenseArray` is a cheap value and is safe to share between threads.
public struct DenseArray<Element: BitwiseCopyable & Sendable>: Sendable {
    @usableFromInline let storage: Storage

    /// Creates an array holding a copy of `elements`.
    public init(_ elements: some Collection<Element>) {
        let count = elements.count
        storage = Storage(count: count)
        if count > 0 {
            _ = UnsafeMutableBufferPointer(start: storage.mutableBase, count: count).initialize(from: elements)
        }
    }

    /// Creates an array of `count` elements that `initializer` writes in place.
    ///
    /// - Parameters:
    ///   - count: the number of elements.
    ///   - initializer: receives a buffer of `count` uninitialized elements and must write every one.
    public init(count: Int, initializingWith initializer: (UnsafeMutableBufferPointer<Element>) throws -> Void) rethrows {
        storage = Storage(count: count)
        try initializer(UnsafeMutableBufferPointer(start: storage.mutableBase, count: count))
    }

    /// Creates an array of `count` copies of `value`.
    public init(repeating value: Element, count: Int) {
        storage = Storage(count: count)
        storage.mutableBase?.initialize(repeating: value, count: count)
    }

    /// Creates an array that views memory it does not own, without copying.
    ///
    /// - Parameters:
    ///   - base: the first element; must be aligned for `Element` and stay valid while `owner` lives.
    ///   - count: the number of elements.
    ///   - owner: the object that keeps the memory valid (for example a memory mapping);
    ///     it is retained for as long as any copy of this array exists.
    public init(borrowing base: UnsafePointer<Element>, count: Int, owner: AnyObject & Sendable) {
        storage = Storage(borrowing: base, count: count, owner: owner)
    }

    /// The number of elements.
    @inlinable public var count: Int { storage.count }

    /// True when the elements live in memory owned by another object (for example a memory-mapped file).
    public var isBorrowed: Bool { storage.owner != nil }

    /// Calls `body` with a read-only view of the elements.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    /// A read-only view of the elements; valid only while this array (or a copy) is alive.
    @inlinable public var unsafeBuffer: UnsafeBufferPointer<Element> {
        UnsafeBufferPointer(start: storage.base, count: storage.count)
    }

    /// The elements as a Swift array (a copy).
    public var array: [Element] { Array(unsafeBuffer) }

    /// The memory behind a `DenseArray`: owned, or borrowed from an owner object.
    @usableFromInline
    final class Storage: @unchecked Sendable {
        @usableFromInline let base: UnsafePointer<Element>?
        @usableFromInline let count: Int
        let mutableBase: UnsafeMutablePointer<Element>?
        let owner: (AnyObject & Sendable)?

        init(count: Int) {
            self.count = count
            let pointer = count > 0 ? UnsafeMutablePointer<Element>.allocate(capacity: count) : nil
            mutableBase = pointer
            base = UnsafePointer(pointer)
            owner = nil
        }

        init(borrowing base: UnsafePointer<Element>, count: Int, owner: AnyObject & Sendable) {
            self.base = count > 0 ? base : nil
            self.count = count
            self.mutableBase = nil
            self.owner = owner
        }

        deinit {
            mutableBase?.deallocate()
        }
    }
}

extension DenseArray: RandomAccessCollection {
    /// The position of the first element.
    @inlinable public var startIndex: Int { 0 }
    /// The position one past the last element.
    @inlinable public var endIndex: Int { storage.count }
    /// The element at `position`; traps when out of range, like `Array`.
    @inlinable public subscript(position: Int) -> Element {
        precondition(position >= 0 && position < storage.count, "DenseArray index out of range")
        return storage.base.unsafelyUnwrapped[position]
    }
}

extension DenseArray: Equatable where Element: Equatable {
    /// Element-wise equality (for floating point: `==` on each element, so NaN never equals itself).
    public static func == (lhs: DenseArray, rhs: DenseArray) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }
}

extension DenseArray: ExpressibleByArrayLiteral {
    /// Creates an array from a literal list of elements.
    public init(arrayLiteral elements: Element...) { self.init(elements) }
}

extension DenseArray: CustomStringConvertible {
    /// The elements, printed like an array.
    public var description: String { array.description }
}
