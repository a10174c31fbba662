/// Checks shared by the decoders of the encoders: per-column lists in a manifest, category lists
/// strictly increasing (duplicate-free) and bounded, index lists increasing and in range.
enum CategoryListValidation {
    /// One entry per column under `attributes.<key>`, each converted by `convert` (nil: invalid).
    static func perColumn<T>(_ archive: ModelArchive, key: String, count: Int, _ convert: (JSONValue) -> T?) throws -> [T] {
        guard let values = archive.attributes[key]?.arrayValue, values.count == count else {
            throw PersistenceError.invalidValue(key: "attributes.\(key)", reason: "expected one entry per feature (\(count))")
        }
        return try values.enumerated().map { index, value in
            guard let converted = convert(value) else {
                throw PersistenceError.invalidValue(key: "attributes.\(key)", reason: "entry \(index) has the wrong type")
            }
            return converted
        }
    }

    /// Per column, a list of categories: strings of at most ``OneHotEncoder/maximumCategoryLength``
    /// bytes, at most ``OneHotEncoder/maximumCategoryCount`` of them, strictly increasing in Python's order.
    static func categoryLists(_ archive: ModelArchive, key: String, count: Int) throws -> [[String]] {
        let lists = try perColumn(archive, key: key, count: count) { $0.arrayValue }
        var total = 0
        return try lists.enumerated().map { column, list in
            total += list.count
            guard list.count <= OneHotEncoder.maximumCategoryCount, total <= 8 * OneHotEncoder.maximumCategoryCount else {
                throw PersistenceError.invalidValue(key: "attributes.\(key)", reason: "column \(column) lists too many categories")
            }
            var categories: [String] = []
            categories.reserveCapacity(list.count)
            for value in list {
                guard let text = value.stringValue, text.utf8.count <= OneHotEncoder.maximumCategoryLength else {
                    throw PersistenceError.invalidValue(key: "attributes.\(key)", reason: "column \(column): categories must be strings of at most \(OneHotEncoder.maximumCategoryLength) bytes")
                }
                if let previous = categories.last, !PythonStringOrder.less(previous, text) || previous == text {
                    throw PersistenceError.inconsistentModel("column \(column): categories must be sorted and distinct (\(MessageQuoting.quote(previous)), \(MessageQuoting.quote(text)))")
                }
                categories.append(text)
            }
            return categories
        }
    }

    /// Increasing integer indices below `count`.
    static func increasingIndices(_ values: [JSONValue], below count: Int, key: String, column: Int) throws -> [Int] {
        var indices: [Int] = []
        for value in values {
            guard let index = value.intValue, (0..<count).contains(index), index > (indices.last ?? -1) else {
                throw PersistenceError.invalidValue(key: key, reason: "column \(column): indices must be increasing and below \(count)")
            }
            indices.append(index)
        }
        return indices
    }
}
