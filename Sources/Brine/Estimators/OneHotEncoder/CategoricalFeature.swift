/// The categories of one column as an encoder learnt them: sorted (Python's order), the missing
/// category (`nan`) last when seen, with counts, the infrequent group and the dropped category.
struct CategoricalFeature: Sendable, Equatable {
    /// The observed categories, strictly increasing in Python's order.
    var categories: [String]
    /// Whether missing cells were seen at fit (the category after ``categories``, named `nan`).
    var hasMissing: Bool
    /// The rows of each category at fit (``categoryCount`` entries; empty after decoding).
    var counts: [Int] = []
    /// Category indices (increasing) grouped into the infrequent category.
    var infrequent: [Int] = []
    /// The output column (after infrequent grouping) left out, or `nil` (scikit-learn's
    /// `_drop_idx_after_grouping`; always 0 when set, the drops Brine offers being first and if-binary).
    var dropped: Int? = nil

    /// The categories, the missing one included.
    var categoryCount: Int { categories.count + (hasMissing ? 1 : 0) }

    /// The name of category `index` in feature names (`nan` for missing, as `str(np.nan)`).
    func name(of index: Int) -> String { index < categories.count ? categories[index] : "nan" }

    /// Learns the categories of `values`.
    ///
    /// - Throws: ``EstimatorError/unsupportedColumn(column:reason:)`` for too many or too long categories.
    static func learn(_ values: [String?], column: String) throws -> CategoricalFeature {
        var counts: [String: Int] = [:]
        var missing = 0
        for value in values {
            if let value { counts[value, default: 0] += 1 } else { missing += 1 }
        }
        guard counts.count <= OneHotEncoder.maximumCategoryCount else {
            throw EstimatorError.unsupportedColumn(column: column, reason: "has \(counts.count) categories (at most \(OneHotEncoder.maximumCategoryCount))")
        }
        if let long = counts.keys.first(where: { $0.utf8.count > OneHotEncoder.maximumCategoryLength }) {
            throw EstimatorError.unsupportedColumn(column: column, reason: "category of \(long.utf8.count) bytes (at most \(OneHotEncoder.maximumCategoryLength))")
        }
        let sorted = counts.keys.sorted(by: PythonStringOrder.less)
        var feature = CategoricalFeature(categories: sorted, hasMissing: missing > 0)
        feature.counts = sorted.map { counts[$0] ?? 0 } + (missing > 0 ? [missing] : [])
        return feature
    }

    /// The category index of each value (`nil`: missing cell), or -1 when unknown.
    func lookup() -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(categories.count)
        for (i, category) in categories.enumerated() { index[category] = i }
        return index
    }

    /// The output column of each category index (`nil`: dropped), and the number of output columns:
    /// frequent categories in order, then the infrequent group (scikit-learn's
    /// `_default_to_infrequent_mappings`), the dropped one removed.
    func outputColumns() -> (columns: [Int?], count: Int) {
        let (mapping, next) = groupedColumns()
        guard let droppedColumn = dropped else { return (mapping.map { $0 }, next) }
        return (mapping.map { $0 == droppedColumn ? nil : ($0 > droppedColumn ? $0 - 1 : $0) }, next - 1)
    }

    /// The output column of each category index before dropping, and the number of columns.
    func groupedColumns() -> (columns: [Int], count: Int) {
        let infrequentSet = Set(infrequent)
        var mapping = [Int](repeating: 0, count: categoryCount)
        var next = 0
        for i in 0..<categoryCount where !infrequentSet.contains(i) { mapping[i] = next; next += 1 }
        let infrequentColumn = next
        if !infrequent.isEmpty { for i in infrequent { mapping[i] = infrequentColumn }; next += 1 }
        return (mapping, next)
    }

    /// The first category index encoded in the dropped column (scikit-learn's `drop_idx_`), or `nil`.
    var droppedCategory: Int? {
        guard let dropped else { return nil }
        return groupedColumns().columns.firstIndex(of: dropped)
    }

    /// The output column names for a feature called `feature`.
    func outputNames(feature: String) -> [String] {
        let (columns, count) = outputColumns()
        var names = [String](repeating: "", count: count)
        let infrequentSet = Set(infrequent)
        for i in 0..<categoryCount {
            guard let column = columns[i] else { continue }
            names[column] = infrequentSet.contains(i) ? "\(feature)_infrequent_sklearn" : "\(feature)_\(name(of: i))"
        }
        return names
    }
}
