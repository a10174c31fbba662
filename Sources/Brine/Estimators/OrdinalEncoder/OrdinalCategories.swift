/// Category lists of the ``OrdinalEncoder``: distinct strings in Python's order, and their
/// validation when read from a file.
enum OrdinalCategories {
    /// The most categories one column may have in a model file.
    static let maximumCount = 1 << 20

    /// The distinct values of `values` (missing cells skipped), in Python's order.
    static func sortedDistinct(_ values: [String?]) -> [String] {
        Set(values.compactMap { $0 }).sorted(by: PythonStringOrder.less)
    }

    /// Reads one category list per column (`count` columns): arrays of at most ``maximumCount``
    /// strings, strictly increasing in Python's order and distinct as Swift strings.
    ///
    /// - Throws: ``PersistenceError/invalidValue(key:reason:)``.
    static func decode(_ value: JSONValue?, count: Int) throws -> [[String]] {
        let key = "attributes.categories"
        guard let lists = value?.arrayValue, lists.count == count else {
            throw PersistenceError.invalidValue(key: key, reason: "expected one array of categories per column (\(count))")
        }
        return try lists.enumerated().map { j, list in
            guard let items = list.arrayValue, items.count <= maximumCount else {
                throw PersistenceError.invalidValue(key: "\(key)[\(j)]", reason: "expected an array of at most \(maximumCount) strings")
            }
            var categories: [String] = []
            categories.reserveCapacity(items.count)
            for item in items {
                guard let text = item.stringValue else {
                    throw PersistenceError.invalidValue(key: "\(key)[\(j)]", reason: "a category is not a string")
                }
                if let last = categories.last, !PythonStringOrder.less(last, text) {
                    throw PersistenceError.invalidValue(key: "\(key)[\(j)]", reason: "categories are not distinct and sorted by code point")
                }
                categories.append(text)
            }
            // Canonically equivalent spellings are one key of Swift's dictionaries.
            guard Set(categories).count == categories.count else {
                throw PersistenceError.invalidValue(key: "\(key)[\(j)]", reason: "two categories are canonically equivalent strings")
            }
            return categories
        }
    }
}
