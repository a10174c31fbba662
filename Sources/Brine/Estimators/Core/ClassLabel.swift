/// A type usable as a class label: `Int`, `String`, or your own `Hashable & Comparable & Codable` type.
///
/// Classes are kept in sorted order (scikit-learn's `classes_`), which fixes the column order
/// of `Classifier.predictProbabilities(_:)`. Labels are stored in the model file's manifest
/// as JSON, so any `Codable` label persists.
public protocol ClassLabel: Hashable, Comparable, Sendable, Codable {
    /// The name written to the manifest to say what kind of label a model holds (for example `"Int"`).
    static var labelTypeName: String { get }
}

extension Int: ClassLabel {
    /// `"Int"`.
    public static var labelTypeName: String { "Int" }
}

extension String: ClassLabel {
    /// `"String"`.
    public static var labelTypeName: String { "String" }
}
