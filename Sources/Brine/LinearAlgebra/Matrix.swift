/// A dense, row-major matrix of `Double`.
///
/// Element `(i, j)` is at offset `i * columns + j` of ``elements``. The storage is a
/// ``DenseArray``, so a matrix can view memory it does not own (a memory-mapped model
/// file) without copying. Matrices are immutable values and safe to share between threads;
/// every operation returns a new matrix.
public struct Matrix: Sendable, Equatable {
    /// The number of rows (samples).
    public let rows: Int
    /// The number of columns (features).
    public let columns: Int
    /// The elements in row-major order; `rows * columns` of them.
    public let elements: DenseArray<Double>

    /// Creates a matrix from row-major elements.
    ///
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:actual:)`` when
    ///   `elements.count != rows * columns` or a dimension is negative.
    public init(rows: Int, columns: Int, elements: some Collection<Double>) throws {
        try self.init(rows: rows, columns: columns, storage: DenseArray(elements))
    }

    /// Creates a matrix over existing storage without copying it.
    ///
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:actual:)`` when the
    ///   element count does not equal `rows * columns`.
    public init(rows: Int, columns: Int, storage: DenseArray<Double>) throws {
        guard rows >= 0, columns >= 0, rows.multipliedReportingOverflow(by: columns) == (storage.count, false) else {
            throw LinearAlgebraError.shapeMismatch(
                operation: "Matrix(rows:columns:)", expected: "\(rows) × \(columns) elements",
                actual: "\(storage.count) elements")
        }
        self.rows = rows
        self.columns = columns
        self.elements = storage
    }

    /// Creates a matrix from an array of rows.
    ///
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:actual:)`` when the rows differ in length.
    public init(_ rowArrays: [[Double]]) throws {
        let columns = rowArrays.first?.count ?? 0
        for (index, row) in rowArrays.enumerated() where row.count != columns {
            throw LinearAlgebraError.shapeMismatch(
                operation: "Matrix(rows)", expected: "\(columns) values in row \(index)", actual: "\(row.count)")
        }
        try self.init(rows: rowArrays.count, columns: columns, elements: rowArrays.joined())
    }

    /// Creates a `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double) {
        self.rows = max(rows, 0)
        self.columns = max(columns, 0)
        self.elements = DenseArray(repeating: value, count: self.rows * self.columns)
    }

    /// Creates a matrix whose row-major elements `initializer` writes in place.
    ///
    /// - Parameters:
    ///   - rows: The number of rows (negative counts as zero).
    ///   - columns: The number of columns (negative counts as zero).
    ///   - initializer: Receives `rows * columns` uninitialized elements and must write all of them.
    public init(rows: Int, columns: Int, initializingWith initializer: (UnsafeMutableBufferPointer<Double>) throws -> Void) rethrows {
        self.rows = max(rows, 0)
        self.columns = max(columns, 0)
        self.elements = try DenseArray(count: self.rows * self.columns, initializingWith: initializer)
    }

    /// `(rows, columns)`.
    public var shape: (rows: Int, columns: Int) { (rows, columns) }

    /// The element at `row`, `column` (traps when out of range, like `Array`).
    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
        return elements.unsafeBuffer[row * columns + column]
    }

    /// A copy of row `index`.
    ///
    /// - Throws: ``LinearAlgebraError/indexOutOfRange(what:index:count:)``.
    public func row(_ index: Int) throws -> [Double] {
        guard index >= 0, index < rows else {
            throw LinearAlgebraError.indexOutOfRange(what: "row", index: index, count: rows)
        }
        return Array(elements.unsafeBuffer[(index * columns)..<((index + 1) * columns)])
    }

    /// A copy of column `index`.
    ///
    /// - Throws: ``LinearAlgebraError/indexOutOfRange(what:index:count:)``.
    public func column(_ index: Int) throws -> [Double] {
        guard index >= 0, index < columns else {
            throw LinearAlgebraError.indexOutOfRange(what: "column", index: index, count: columns)
        }
        let buffer = elements.unsafeBuffer
        return (0..<rows).map { buffer[$0 * columns + index] }
    }

    /// The rows as an array of arrays (a copy).
    public var rowArrays: [[Double]] {
        let buffer = elements.unsafeBuffer
        return (0..<rows).map { Array(buffer[($0 * columns)..<(($0 + 1) * columns)]) }
    }

    /// A new matrix made of the rows at `indices`, in that order (repeats allowed).
    ///
    /// - Throws: ``LinearAlgebraError/indexOutOfRange(what:index:count:)`` for an index outside `0..<rows`.
    public func selectingRows(_ indices: some Collection<Int>) throws -> Matrix {
        for index in indices where index < 0 || index >= rows {
            throw LinearAlgebraError.indexOutOfRange(what: "row", index: index, count: rows)
        }
        let source = elements.unsafeBuffer
        let columns = self.columns
        return Matrix(rows: indices.count, columns: columns) { destination in
            var offset = 0
            for index in indices {
                let start = index * columns
                for j in 0..<columns { destination[offset + j] = source[start + j] }
                offset += columns
            }
        }
    }

    /// A new matrix made of the columns at `indices`, in that order.
    ///
    /// - Throws: ``LinearAlgebraError/indexOutOfRange(what:index:count:)`` for an index outside `0..<columns`.
    public func selectingColumns(_ indices: [Int]) throws -> Matrix {
        for index in indices where index < 0 || index >= columns {
            throw LinearAlgebraError.indexOutOfRange(what: "column", index: index, count: columns)
        }
        let source = elements.unsafeBuffer
        let columns = self.columns
        return Matrix(rows: rows, columns: indices.count) { destination in
            var offset = 0
            for i in 0..<rows {
                for index in indices {
                    destination[offset] = source[i * columns + index]
                    offset += 1
                }
            }
        }
    }

    /// The transpose (a copy).
    public var transposed: Matrix {
        let source = elements.unsafeBuffer
        let (rows, columns) = (self.rows, self.columns)
        return Matrix(rows: columns, columns: rows) { destination in
            for i in 0..<rows {
                for j in 0..<columns { destination[j * rows + i] = source[i * columns + j] }
            }
        }
    }

    /// The position of the first NaN or infinite element, or `nil` when every element is finite.
    public var firstNonFiniteElement: (row: Int, column: Int)? {
        let buffer = elements.unsafeBuffer
        for offset in 0..<buffer.count where !buffer[offset].isFinite {
            return (offset / max(columns, 1), offset % max(columns, 1))
        }
        return nil
    }
}

extension Matrix: CustomStringConvertible {
    /// A short rendering: the shape and up to six rows.
    public var description: String {
        var lines = ["Matrix \(rows) × \(columns)"]
        for i in 0..<min(rows, 6) {
            let row = (0..<columns).map { String(self[i, $0]) }.joined(separator: ", ")
            lines.append("[\(row)]")
        }
        if rows > 6 { lines.append("…") }
        return lines.joined(separator: "\n")
    }
}
