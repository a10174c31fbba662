/// The in-memory form of a saved model: named typed arrays plus the manifest fields.
///
/// ``Persistable/encode(into:)`` fills one; ``Persistable/decode(from:)`` reads one back.
/// The file layer turns it into a safetensors-layout file and back. Nested models (the
/// steps of a ``Pipeline``) are child archives, written with their array names prefixed.
public struct ModelArchive: ManifestHolder, Sendable, Equatable {
    /// The model's manifest keys (type, layout, labels, feature names, hyperparameters, …).
    public var manifest: ModelManifest
    /// The arrays, with their shapes.
    public var arrays: [String: ShapedArray] = [:]
    /// Nested models, in order (for example the steps of a pipeline).
    public var children: [Child] = []
    /// Whether decoders must scan array contents (finite values, indices in range, tree structure).
    ///
    /// True by default. Loading sets it to false only for `memoryMap: true, verifyChecksums: false`,
    /// the fastest load, where a decoder does only O(header) work: it still checks shapes and counts
    /// against each other, and predict-time code stays bounds-checked on unvalidated contents.
    public var validatesArrayContents: Bool = true

    /// A typed array and its shape (the product of `shape` equals the element count).
    public struct ShapedArray: Sendable, Equatable {
        /// The elements.
        public var array: ArchivedArray
        /// The dimensions, outermost first.
        public var shape: [Int]
        /// Pairs an array with its shape.
        public init(_ array: ArchivedArray, shape: [Int]) {
            self.array = array
            self.shape = shape
        }
    }

    /// A nested model and its name.
    public struct Child: Sendable, Equatable {
        /// The step (or part) name, unique among the children.
        public var name: String
        /// The nested archive.
        public var archive: ModelArchive
        /// Pairs a name with an archive.
        public init(name: String, archive: ModelArchive) {
            self.name = name
            self.archive = archive
        }
    }

    /// An empty archive for a model of the given type and layout version.
    public init(typeName: String, layoutVersion: Int) {
        manifest = ModelManifest(typeName: typeName, layoutVersion: layoutVersion)
    }

    /// An archive with the manifest keys `manifest` and no arrays or children yet.
    ///
    /// - Parameter manifest: the model's manifest keys.
    public init(manifest: ModelManifest) {
        self.manifest = manifest
    }

    /// An empty archive for `model`'s type.
    public init<Model: Persistable>(for model: Model.Type) {
        self.init(typeName: Model.modelTypeName, layoutVersion: Model.modelLayoutVersion)
    }

    // MARK: Writing

    /// Stores `array` under `name` with `shape` (a vector when `shape` is omitted).
    public mutating func setArray(_ name: String, _ array: ArchivedArray, shape: [Int]? = nil) {
        arrays[name] = ShapedArray(array, shape: shape ?? [array.count])
    }

    // MARK: Reading (each accessor validates and throws a typed error)

    /// The `F64` array `name`, checked to have `count` elements when given.
    ///
    /// - Throws: ``PersistenceError/missingArray(_:)``, ``PersistenceError/wrongArrayType(name:expected:actual:)``
    ///   or ``PersistenceError/inconsistentModel(_:)`` for a wrong length.
    public func float64Array(_ name: String, count: Int? = nil) throws -> DenseArray<Double> {
        guard case let .float64(array) = try shapedArray(name, expectedType: "F64", count: count).array else {
            throw PersistenceError.wrongArrayType(name: name, expected: "F64", actual: arrays[name]?.array.dtype ?? "?")
        }
        return array
    }

    /// The `F32` array `name`, checked to have `count` elements when given.
    public func float32Array(_ name: String, count: Int? = nil) throws -> DenseArray<Float> {
        guard case let .float32(array) = try shapedArray(name, expectedType: "F32", count: count).array else {
            throw PersistenceError.wrongArrayType(name: name, expected: "F32", actual: arrays[name]?.array.dtype ?? "?")
        }
        return array
    }

    /// The `I64` array `name`, checked to have `count` elements when given.
    public func int64Array(_ name: String, count: Int? = nil) throws -> DenseArray<Int64> {
        guard case let .int64(array) = try shapedArray(name, expectedType: "I64", count: count).array else {
            throw PersistenceError.wrongArrayType(name: name, expected: "I64", actual: arrays[name]?.array.dtype ?? "?")
        }
        return array
    }

    /// The `I32` array `name`, checked to have `count` elements when given.
    public func int32Array(_ name: String, count: Int? = nil) throws -> DenseArray<Int32> {
        guard case let .int32(array) = try shapedArray(name, expectedType: "I32", count: count).array else {
            throw PersistenceError.wrongArrayType(name: name, expected: "I32", actual: arrays[name]?.array.dtype ?? "?")
        }
        return array
    }

    /// The `U8` array `name`, checked to have `count` elements when given.
    public func uint8Array(_ name: String, count: Int? = nil) throws -> DenseArray<UInt8> {
        guard case let .uint8(array) = try shapedArray(name, expectedType: "U8", count: count).array else {
            throw PersistenceError.wrongArrayType(name: name, expected: "U8", actual: arrays[name]?.array.dtype ?? "?")
        }
        return array
    }

    /// The array `name` with its shape, checked for type and element count.
    public func shapedArray(_ name: String, expectedType: String, count: Int?) throws -> ShapedArray {
        guard let shaped = arrays[name] else { throw PersistenceError.missingArray(name) }
        guard shaped.array.dtype == expectedType else {
            throw PersistenceError.wrongArrayType(name: name, expected: expectedType, actual: shaped.array.dtype)
        }
        if let count, shaped.array.count != count {
            throw PersistenceError.inconsistentModel(
                "array \(name) has \(shaped.array.count) elements, expected \(count)")
        }
        return shaped
    }

    /// The integer attribute `name`, checked to lie in `range`.
    ///
    /// - Throws: ``PersistenceError/missingKey(_:)`` or ``PersistenceError/invalidValue(key:reason:)``.
    public func intAttribute(_ name: String, in range: ClosedRange<Int> = 0...Int(Int32.max)) throws -> Int {
        guard let value = attributes[name] else { throw PersistenceError.missingKey("attributes.\(name)") }
        guard let integer = value.intValue else {
            throw PersistenceError.invalidValue(key: "attributes.\(name)", reason: "expected an integer, found \(value.jsonText)")
        }
        guard range.contains(integer) else {
            throw PersistenceError.invalidValue(key: "attributes.\(name)", reason: "\(integer) is outside \(range)")
        }
        return integer
    }

    /// The class labels decoded as `Label`, checked to be sorted and distinct.
    ///
    /// - Throws: ``PersistenceError/labelTypeMismatch(expected:actual:)`` or ``PersistenceError/invalidValue(key:reason:)``.
    public func decodedClasses<Label: ClassLabel>(as type: Label.Type) throws -> [Label] {
        guard let classes else { throw PersistenceError.missingKey("classes") }
        guard labelTypeName == Label.labelTypeName else {
            throw PersistenceError.labelTypeMismatch(expected: Label.labelTypeName, actual: labelTypeName ?? "none")
        }
        let labels: [Label]
        do {
            labels = try classes.map { try $0.decode(as: Label.self) }
        } catch {
            throw PersistenceError.invalidValue(key: "classes", reason: "labels are not \(Label.labelTypeName) values")
        }
        guard labels.count >= 2 else {
            throw PersistenceError.invalidValue(key: "classes", reason: "a classifier needs at least two classes, found \(labels.count)")
        }
        for index in 1..<labels.count where !(labels[index - 1] < labels[index]) {
            throw PersistenceError.invalidValue(key: "classes", reason: "labels are not sorted and distinct")
        }
        return labels
    }

    /// Stores `labels` as the archive's classes.
    public mutating func setClasses<Label: ClassLabel>(_ labels: [Label]) throws {
        classes = try labels.map { try JSONValue(encoding: $0) }
        labelTypeName = Label.labelTypeName
    }

    /// Checks that the archive is of `Model`'s type and a layout version this build reads.
    ///
    /// - Throws: ``PersistenceError/wrongModelType(expected:actual:)`` or ``PersistenceError/unsupportedVersion(what:found:supported:)``.
    public func checkType<Model: Persistable>(_ model: Model.Type) throws {
        guard typeName == Model.modelTypeName else {
            throw PersistenceError.wrongModelType(expected: Model.modelTypeName, actual: typeName)
        }
        guard (1...Model.modelLayoutVersion).contains(layoutVersion) else {
            throw PersistenceError.unsupportedVersion(
                what: "\(typeName) layout", found: "\(layoutVersion)", supported: "1...\(Model.modelLayoutVersion)")
        }
    }
}
