/// Bounded quoting of user-controlled text in error messages: a message never echoes more than
/// a few short names, however large the input (a 10 MB header or label).
public enum MessageQuoting {
    /// The most characters of one quoted value.
    public static let maximumQuotedLength = 60
    /// The most names listed before "… and N more".
    public static let maximumListedNames = 8

    /// `text` in double quotes, cut to ``maximumQuotedLength`` characters with "…" when longer.
    public static func quote(_ text: String) -> String {
        if text.count <= maximumQuotedLength { return "\"\(text)\"" }
        return "\"\(text.prefix(maximumQuotedLength))…\" (\(text.utf8.count) bytes)"
    }

    /// `text` unchanged when it has at most ``maximumQuotedLength`` characters, otherwise quoted and
    /// cut as ``quote(_:)`` does: for values that read better bare (a flag's argument, a number).
    public static func bounded(_ text: String) -> String {
        text.count <= maximumQuotedLength ? text : quote(text)
    }

    /// The first ``maximumListedNames`` names, quoted and comma-separated, then "… and N more".
    public static func list(_ names: [String]) -> String {
        let shown = names.prefix(maximumListedNames).map(quote).joined(separator: ", ")
        let rest = names.count - min(names.count, maximumListedNames)
        return rest > 0 ? "\(shown) … and \(rest) more" : shown
    }
}
