/// JSON values print as JSON: `print(JSONValue.double(0.9))` shows `0.9`, and a metadata
/// dictionary shows `["accuracy": 0.9, "dataset": "iris"]` rather than the enum's cases.
extension JSONValue: CustomStringConvertible, CustomDebugStringConvertible {
    /// Compact JSON text with sorted keys (``jsonText``).
    public var description: String { jsonText }
    /// The same JSON text, so that collections of values print readably too.
    public var debugDescription: String { jsonText }
}
