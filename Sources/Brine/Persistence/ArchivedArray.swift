/// One typed array of a model archive; the element types a Brine file can hold.
public enum ArchivedArray: Sendable, Equatable {
    /// 64-bit floats (`F64`).
    case float64(DenseArray<Double>)
    /// 32-bit floats (`F32`).
    case float32(DenseArray<Float>)
    /// 64-bit signed integers (`I64`).
    case int64(DenseArray<Int64>)
    /// 32-bit signed integers (`I32`).
    case int32(DenseArray<Int32>)
    /// Bytes (`U8`).
    case uint8(DenseArray<UInt8>)

    /// The safetensors dtype name: `F64`, `F32`, `I64`, `I32` or `U8`.
    public var dtype: String {
        switch self {
        case .float64: return "F64"
        case .float32: return "F32"
        case .int64: return "I64"
        case .int32: return "I32"
        case .uint8: return "U8"
        }
    }

    /// The number of elements.
    public var count: Int {
        switch self {
        case let .float64(a): return a.count
        case let .float32(a): return a.count
        case let .int64(a): return a.count
        case let .int32(a): return a.count
        case let .uint8(a): return a.count
        }
    }

    /// The size of one element in bytes.
    public var elementSize: Int {
        switch self {
        case .float64, .int64: return 8
        case .float32, .int32: return 4
        case .uint8: return 1
        }
    }

    /// The size of the data in bytes.
    public var byteCount: Int { count * elementSize }

    /// Calls `body` with the raw bytes of the array (native byte order, which is little-endian on every platform Brine supports).
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch self {
        case let .float64(a): return try a.withUnsafeBufferPointer { try body(UnsafeRawBufferPointer($0)) }
        case let .float32(a): return try a.withUnsafeBufferPointer { try body(UnsafeRawBufferPointer($0)) }
        case let .int64(a): return try a.withUnsafeBufferPointer { try body(UnsafeRawBufferPointer($0)) }
        case let .int32(a): return try a.withUnsafeBufferPointer { try body(UnsafeRawBufferPointer($0)) }
        case let .uint8(a): return try a.withUnsafeBufferPointer { try body(UnsafeRawBufferPointer($0)) }
        }
    }
}
