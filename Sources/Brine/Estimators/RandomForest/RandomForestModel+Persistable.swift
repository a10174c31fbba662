extension RandomForestModel: Persistable {
    /// `"RandomForest"`.
    public static var modelTypeName: String { "RandomForest" }
    /// 1.
    public static var modelLayoutVersion: Int { 1 }
    /// The label type, for example `"Int"`.
    public static var modelLabelTypeName: String? { Label.labelTypeName }

    /// Writes the trees as flat arrays (all trees concatenated, child indices local to their tree):
    /// `treeOffsets` I64 [T+1]; `leftChildren`, `rightChildren`, `features` I32 [N] (-1 at leaves);
    /// `thresholds` F64 [N]; `values` F64 [N, K] (class fractions); `featureImportances` F64 [F].
    /// The out-of-bag score, when computed, is the attribute `oobScore`.
    public func encode(into archive: inout ModelArchive) throws {
        archive.hyperparameters = try JSONValue(encoding: hyperparameters)
        archive.featureNames = featureNames
        try archive.setClasses(classes)
        archive.fitStatistics["treeCount"] = .int(treeCount)
        archive.fitStatistics["nodeCount"] = .int(nodeCount)
        if let oobScore { archive.attributes["oobScore"] = .double(oobScore) }
        archive.setArray("treeOffsets", .int64(treeOffsets))
        archive.setArray("leftChildren", .int32(leftChildren))
        archive.setArray("rightChildren", .int32(rightChildren))
        archive.setArray("features", .int32(features))
        archive.setArray("thresholds", .float64(thresholds))
        archive.setArray("values", .float64(values), shape: [nodeCount, classes.count])
        archive.setArray("featureImportances", .float64(importances))
    }

    /// Rebuilds a forest from `archive` without copying its arrays. Shapes and counts are always
    /// checked; the contents (tree structure, finite values, fractions summing to 1) are checked
    /// when the archive asks for validation.
    ///
    /// - Throws: ``PersistenceError`` naming the first problem.
    public static func decode(from archive: ModelArchive) throws -> Self {
        try archive.checkType(Self.self)
        let classes = try archive.decodedClasses(as: Label.self)
        let classCount = classes.count
        let importances = try archive.float64Array("featureImportances")
        let featureCount = importances.count
        guard featureCount >= 1, featureCount <= Int(Int32.max) else {
            throw PersistenceError.inconsistentModel("featureImportances has \(featureCount) elements; a forest needs 1...2^31-1 features")
        }
        try checkShape(archive, "featureImportances", [featureCount])
        if let names = archive.featureNames, names.count != featureCount {
            throw PersistenceError.inconsistentModel("\(names.count) feature names for \(featureCount) features")
        }
        let treeOffsets = try archive.int64Array("treeOffsets")
        guard treeOffsets.count >= 2 else {
            throw PersistenceError.inconsistentModel("treeOffsets has \(treeOffsets.count) elements; a forest needs at least one tree")
        }
        try checkShape(archive, "treeOffsets", [treeOffsets.count])
        let leftChildren = try archive.int32Array("leftChildren")
        let nodeCount = leftChildren.count
        guard nodeCount >= treeOffsets.count - 1, nodeCount <= Int(Int32.max) else {
            throw PersistenceError.inconsistentModel("\(nodeCount) nodes for \(treeOffsets.count - 1) trees")
        }
        let rightChildren = try archive.int32Array("rightChildren", count: nodeCount)
        let features = try archive.int32Array("features", count: nodeCount)
        let thresholds = try archive.float64Array("thresholds", count: nodeCount)
        let (valueCount, overflow) = nodeCount.multipliedReportingOverflow(by: classCount)
        guard !overflow else { throw PersistenceError.inconsistentModel("values would have more than Int.max elements") }
        let values = try archive.float64Array("values", count: valueCount)
        for name in ["leftChildren", "rightChildren", "features", "thresholds"] {
            try checkShape(archive, name, [nodeCount])
        }
        try checkShape(archive, "values", [nodeCount, classCount])

        let hyperparameters: RandomForestClassifier
        do {
            hyperparameters = try archive.hyperparameters.decode(as: RandomForestClassifier.self)
        } catch {
            throw PersistenceError.invalidValue(key: "hyperparameters", reason: "not RandomForest hyperparameters: \(error)")
        }
        var oobScore: Double? = nil
        if let stored = archive.attributes["oobScore"] {
            guard let score = stored.doubleValue, score.isFinite, score >= 0, score <= 1 else {
                throw PersistenceError.invalidValue(key: "attributes.oobScore", reason: "expected a number in [0, 1], found \(stored.jsonText)")
            }
            oobScore = score
        }

        // The O(nodes) structure and value scans are skipped only for memory-mapped loads without
        // checksum verification; prediction bounds-checks every index and step on its own.
        if archive.validatesArrayContents {
            try validateContents(
                treeOffsets: treeOffsets, leftChildren: leftChildren, rightChildren: rightChildren, features: features,
                thresholds: thresholds, values: values, importances: importances, classCount: classCount)
        }
        return Self(
            classes: classes, featureCount: featureCount, featureNames: archive.featureNames,
            hyperparameters: hyperparameters, oobScore: oobScore, treeOffsets: treeOffsets, leftChildren: leftChildren,
            rightChildren: rightChildren, features: features, thresholds: thresholds, values: values,
            importances: importances)
    }

    private static func checkShape(_ archive: ModelArchive, _ name: String, _ expected: [Int]) throws {
        let shape = archive.arrays[name]?.shape ?? []
        guard shape == expected else {
            throw PersistenceError.inconsistentModel("array \(name) has shape \(shape), expected \(expected)")
        }
    }

    /// Checks the tree structure and every value (O(nodes × classes)).
    static func validateContents(
        treeOffsets: DenseArray<Int64>, leftChildren: DenseArray<Int32>, rightChildren: DenseArray<Int32>,
        features: DenseArray<Int32>, thresholds: DenseArray<Double>, values: DenseArray<Double>,
        importances: DenseArray<Double>, classCount: Int
    ) throws {
        let nodeCount = leftChildren.count
        let featureCount = importances.count
        let offsets = treeOffsets.unsafeBuffer
        guard offsets[0] == 0 else {
            throw PersistenceError.inconsistentModel("treeOffsets starts at \(offsets[0]), not 0")
        }
        guard offsets[offsets.count - 1] == Int64(nodeCount) else {
            throw PersistenceError.inconsistentModel("treeOffsets ends at \(offsets[offsets.count - 1]), not at the node count \(nodeCount)")
        }
        for tree in 0..<(offsets.count - 1) where offsets[tree + 1] <= offsets[tree] {
            throw PersistenceError.inconsistentModel(
                "treeOffsets is not increasing at tree \(tree) (\(offsets[tree]) then \(offsets[tree + 1])); every tree needs a node")
        }
        let left = leftChildren.unsafeBuffer, right = rightChildren.unsafeBuffer
        let feature = features.unsafeBuffer, threshold = thresholds.unsafeBuffer
        for tree in 0..<(offsets.count - 1) {
            let start = Int(offsets[tree]), size = Int(offsets[tree + 1]) - start
            for node in 0..<size {
                let global = start + node
                let l = Int(left[global]), r = Int(right[global]), f = Int(feature[global])
                guard threshold[global].isFinite else {
                    throw PersistenceError.inconsistentModel("tree \(tree) node \(node) has a non-finite threshold")
                }
                if l == -1 || r == -1 {
                    guard l == -1, r == -1, f == -1 else {
                        throw PersistenceError.inconsistentModel(
                            "tree \(tree) node \(node) is half a leaf (children \(l), \(r), feature \(f)); leaves have children -1 and feature -1")
                    }
                    continue
                }
                guard l > node, l < size, r > node, r < size else {
                    throw PersistenceError.inconsistentModel(
                        "tree \(tree) node \(node) has children \(l), \(r); they must lie in \(node + 1)..<\(size)")
                }
                guard f >= 0, f < featureCount else {
                    throw PersistenceError.inconsistentModel("tree \(tree) node \(node) splits on feature \(f) outside 0..<\(featureCount)")
                }
            }
        }
        let value = values.unsafeBuffer
        for node in 0..<nodeCount {
            var sum = 0.0
            for k in 0..<classCount {
                let v = value[node * classCount + k]
                guard v.isFinite, v >= 0 else {
                    throw PersistenceError.inconsistentModel("values[\(node), \(k)] = \(v) is not a finite non-negative fraction")
                }
                sum += v
            }
            guard abs(sum - 1) <= 1e-9 else {
                throw PersistenceError.inconsistentModel("values row \(node) sums to \(sum), not 1")
            }
        }
        for (f, importance) in importances.enumerated() where !(importance.isFinite && importance >= 0) {
            throw PersistenceError.inconsistentModel("featureImportances[\(f)] = \(importance) is not finite and non-negative")
        }
    }
}
