import Foundation

/// What a Brine file holds, read from its header alone (see ``Brine/inspect(_:)``).
public struct ModelInfo: Sendable, Equatable, Codable, CustomStringConvertible {
    /// One model of the file: the root model, or a step of a pipeline (recursively).
    ///
    /// Its manifest keys are a ``ModelManifest``, read and written through ``ManifestHolder``'s properties. Encoded
    /// (`Codable`) as one flat object: the manifest's keys beside `name` and `steps`.
    public struct Step: ManifestHolder, Sendable, Equatable, Codable {
        /// The step name (`nil` for the root model).
        public var name: String?
        /// The model's manifest keys.
        public var manifest: ModelManifest
        /// The nested models.
        public var steps: [Step]

        private enum CodingKeys: String, CodingKey {
            case name, steps
        }

        /// Decodes a step from one flat object (the manifest's keys beside `name` and `steps`).
        ///
        /// - Parameter decoder: the decoder to read from.
        public init(from decoder: any Decoder) throws {
            manifest = try ModelManifest(from: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decodeIfPresent(String.self, forKey: .name)
            steps = try container.decode([Step].self, forKey: .steps)
        }

        /// Encodes the step as one flat object (the manifest's keys beside `name` and `steps`).
        ///
        /// - Parameter encoder: the encoder to write to.
        public func encode(to encoder: any Encoder) throws {
            try manifest.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(name, forKey: .name)
            try container.encode(steps, forKey: .steps)
        }
    }

    /// One array of the file.
    public struct ArrayInfo: Sendable, Equatable, Codable {
        /// The full name in the file (`scaler.mean` for the array `mean` of step `scaler`).
        public var name: String
        /// `F64`, `F32`, `I64`, `I32` or `U8`.
        public var dtype: String
        /// The dimensions.
        public var shape: [Int]
        /// The size in bytes (uncompressed).
        public var byteCount: Int
        /// The CRC-32 stored in the manifest.
        public var crc32: UInt32
    }

    /// The root model.
    public var model: Step
    /// The format version the file was written in (`major.minor`).
    public var formatVersion: String
    /// The version of the Brine library that wrote the file.
    public var libraryVersion: String
    /// The user metadata given when saving.
    public var metadata: [String: JSONValue]
    /// Every array, in file order.
    public var arrays: [ArrayInfo]
    /// The size of the file on disk, in bytes.
    public var fileSize: Int
    /// The size of the uncompressed content (equals ``fileSize`` when not compressed).
    public var uncompressedSize: Int
    /// Whether the file is gzip-compressed.
    public var compressed: Bool

    /// The root model's type name.
    public var typeName: String { model.typeName }
    /// The root model's label type, if a classifier.
    public var labelTypeName: String? { model.labelTypeName }
    /// The root model's hyperparameters.
    public var hyperparameters: JSONValue { model.hyperparameters }
    /// The root model's feature names.
    public var featureNames: [String]? { model.featureNames }
    /// The root model's classes.
    public var classes: [JSONValue]? { model.classes }
    /// The root model's fit statistics.
    public var fitStatistics: [String: JSONValue] { model.fitStatistics }
    /// The total bytes of array data.
    public var arrayBytes: Int { arrays.reduce(0) { $0 + $1.byteCount } }

    init(header: BrineHeader, fileSize: Int, compressed: Bool) {
        model = Step(node: header.root, name: nil)
        formatVersion = header.formatVersion
        libraryVersion = header.libraryVersion
        metadata = header.metadata
        arrays = header.entries.map {
            ArrayInfo(name: $0.name, dtype: $0.dtype, shape: $0.shape, byteCount: $0.byteCount, crc32: header.checksums[$0.name] ?? 0)
        }
        self.fileSize = fileSize
        uncompressedSize = header.totalSize
        self.compressed = compressed
    }

    /// A multi-line, human-readable summary.
    public var description: String {
        var lines: [String] = []
        let label = model.labelTypeName.map { "<\($0)>" } ?? ""
        lines.append("\(model.typeName)\(label) (layout \(model.layoutVersion))")
        lines.append("  file: \(fileSize) bytes\(compressed ? ", gzip-compressed (\(uncompressedSize) bytes uncompressed)" : "")")
        lines.append("  format \(formatVersion), written by Brine \(libraryVersion)")
        Self.describe(model, indent: "  ", into: &lines)
        if !metadata.isEmpty {
            lines.append("  metadata:")
            for key in metadata.keys.sorted() { lines.append("    \(key): \(metadata[key]?.jsonText ?? "null")") }
        }
        lines.append("  arrays (\(arrays.count), \(arrayBytes) bytes):")
        for array in arrays {
            let shape = array.shape.map(String.init).joined(separator: "×")
            lines.append("    \(array.name)  \(array.dtype) [\(shape)]  \(array.byteCount) bytes")
        }
        return lines.joined(separator: "\n")
    }

    private static func describe(_ step: Step, indent: String, into lines: inout [String]) {
        lines.append("\(indent)hyperparameters: \(step.hyperparameters.jsonText)")
        if let featureNames = step.featureNames {
            let shown = featureNames.prefix(8).joined(separator: ", ")
            lines.append("\(indent)features (\(featureNames.count)): \(shown)\(featureNames.count > 8 ? ", …" : "")")
        }
        if let classes = step.classes {
            lines.append("\(indent)classes (\(classes.count)): \(classes.map(\.jsonText).joined(separator: ", "))")
        }
        if !step.fitStatistics.isEmpty {
            lines.append("\(indent)fit: \(JSONValue.object(step.fitStatistics).jsonText)")
        }
        for child in step.steps {
            let label = child.labelTypeName.map { "<\($0)>" } ?? ""
            lines.append("\(indent)step \(child.name ?? "?"): \(child.typeName)\(label)")
            describe(child, indent: indent + "  ", into: &lines)
        }
    }
}

extension ModelInfo.Step {
    init(node: ManifestNode, name: String?) {
        self.name = name
        manifest = node.manifest
        steps = node.children.map { ModelInfo.Step(node: $0.node, name: $0.name) }
    }
}
