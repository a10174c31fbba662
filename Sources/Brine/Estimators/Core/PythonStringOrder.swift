/// Python's order of strings (by Unicode code point), which scikit-learn's sorted categories and
/// tie-breaking use. Swift's `<` on `String` compares canonically equivalent forms instead.
enum PythonStringOrder {
    /// Whether `a` sorts before `b` in Python.
    static func less(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value }
    }

    /// Whether `a` and `b` are equal in Python (the same code points).
    static func equal(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.elementsEqual(b.unicodeScalars)
    }
}
