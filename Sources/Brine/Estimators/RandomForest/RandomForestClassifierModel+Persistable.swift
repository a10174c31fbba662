extension RandomForestClassifierModel: Persistable {
    /// `"RandomForest"`.
    public static var modelTypeName: String { "RandomForest" }
    /// 2: node records as prediction walks them, plus the input precision. Layout 1 (separate
    /// child, feature, threshold and per-node value arrays; float64 comparisons) is still read.
    public static var modelLayoutVersion: Int { 2 }
    /// The label type, for example `"Int"`.
    public static var modelLabelTypeName: String? { Label.labelTypeName }

    /// Writes layout 2: `treeOffsets` I64 [T+1]; `nodes` I64 [N, 2] (per node the threshold's bits,
    /// then feature in the low and link in the high 32 bits, see `ForestNodeRecords`);
    /// `leafValues` F64 [L, K] (class fractions of each leaf); `featureImportances` F64 [F]; the
    /// attribute `inputPrecision` (`"float32"` or `"float64"`) and, when computed, `oobScore`.
    public func encode(into archive: inout ModelArchive) throws {
        archive.hyperparameters = try JSONValue(encoding: hyperparameters)
        archive.featureNames = featureNames
        try archive.setClasses(classes)
        archive.fitStatistics["treeCount"] = .int(treeCount)
        archive.fitStatistics["nodeCount"] = .int(nodeCount)
        archive.fitStatistics["leafCount"] = .int(leafCount)
        archive.attributes["inputPrecision"] = .string(inputPrecision.rawValue)
        if let oobScore { archive.attributes["oobScore"] = .double(oobScore) }
        archive.setArray("treeOffsets", .int64(treeOffsets))
        archive.setArray("nodes", .int64(nodes), shape: [nodeCount, 2])
        archive.setArray("leafValues", .float64(leafValues), shape: [leafCount, classes.count])
        archive.setArray("featureImportances", .float64(importances))
    }

    /// Rebuilds a forest from `archive`. Layout 2 uses the archive's arrays in place (a memory-mapped
    /// file is predicted from its pages); layout 1 is converted to layout-2 records in memory (an
    /// O(nodes) pass that checks the structure), with float64 comparisons. Shapes and counts are
    /// always checked; the contents (tree structure, finite values, fractions summing to 1) are
    /// checked when the archive asks for validation.
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

        var hyperparameters: RandomForestClassifier
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

        let inputPrecision: InputPrecision
        let records: (offsets: DenseArray<Int64>, nodes: DenseArray<Int64>, leafValues: DenseArray<Double>)
        if archive.layoutVersion == 1 {
            // Layout 1 compared doubles as given, whatever its hyperparameters (which predate the key) say.
            inputPrecision = .float64
            hyperparameters.inputPrecision = .float64
            records = try layoutOneRecords(archive, treeOffsets: treeOffsets, classCount: classCount, importances: importances)
        } else {
            guard let stored = archive.attributes["inputPrecision"] else {
                throw PersistenceError.missingKey("attributes.inputPrecision")
            }
            guard let text = stored.stringValue, let precision = InputPrecision(rawValue: text) else {
                throw PersistenceError.invalidValue(
                    key: "attributes.inputPrecision", reason: "expected \"float32\" or \"float64\", found \(stored.jsonText)")
            }
            inputPrecision = precision
            let nodes = try archive.int64Array("nodes")
            let nodeCount = nodes.count / 2
            guard nodeCount >= treeOffsets.count - 1, nodeCount <= Int(Int32.max) else {
                throw PersistenceError.inconsistentModel("\(nodeCount) nodes for \(treeOffsets.count - 1) trees")
            }
            try checkShape(archive, "nodes", [nodeCount, 2])
            let leafValues = try archive.float64Array("leafValues")
            let leafCount = leafValues.count / classCount
            guard leafCount >= 1, leafCount <= Int(Int32.max) else {
                throw PersistenceError.inconsistentModel("leafValues has \(leafCount) rows; a forest needs 1...2^31-1 leaves")
            }
            try checkShape(archive, "leafValues", [leafCount, classCount])
            // The O(nodes) scans are skipped only for memory-mapped loads without checksum
            // verification; prediction bounds-checks every index and step on its own.
            if archive.validatesArrayContents {
                try validateRecords(
                    treeOffsets: treeOffsets, nodes: nodes, leafValues: leafValues, importances: importances, classCount: classCount)
            }
            records = (treeOffsets, nodes, leafValues)
        }
        return Self(
            classes: classes, featureCount: featureCount, featureNames: archive.featureNames,
            hyperparameters: hyperparameters, oobScore: oobScore, inputPrecision: inputPrecision,
            treeOffsets: records.offsets, nodes: records.nodes, leafValues: records.leafValues, importances: importances)
    }

    /// Reads layout 1 (`leftChildren`, `rightChildren`, `features` I32 [N]; `thresholds` F64 [N];
    /// `values` F64 [N, K]), validates its contents when asked, and converts it to node records
    /// (always checking every index it follows, so a hostile unvalidated file fails here).
    private static func layoutOneRecords(
        _ archive: ModelArchive, treeOffsets: DenseArray<Int64>, classCount: Int, importances: DenseArray<Double>
    ) throws -> (offsets: DenseArray<Int64>, nodes: DenseArray<Int64>, leafValues: DenseArray<Double>) {
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
        if archive.validatesArrayContents {
            try validateContents(
                treeOffsets: treeOffsets, leftChildren: leftChildren, rightChildren: rightChildren, features: features,
                thresholds: thresholds, values: values, importances: importances, classCount: classCount)
        }
        var records = ForestNodeRecords(classCount: classCount, featureCount: importances.count)
        let offsets = treeOffsets.unsafeBuffer
        for tree in 0..<(offsets.count - 1) {
            let start = Int(offsets[tree]), end = Int(offsets[tree + 1])
            guard start >= 0, start < end, end <= nodeCount else {
                throw PersistenceError.inconsistentModel("tree \(tree) spans nodes \(start)..<\(end) outside 0..<\(nodeCount)")
            }
            try records.appendTree(
                index: tree, size: end - start,
                leftChildren: leftChildren.unsafeBuffer.baseAddress.unsafelyUnwrapped + start,
                rightChildren: rightChildren.unsafeBuffer.baseAddress.unsafelyUnwrapped + start,
                features: features.unsafeBuffer.baseAddress.unsafelyUnwrapped + start,
                thresholds: thresholds.unsafeBuffer.baseAddress.unsafelyUnwrapped + start,
                values: values.unsafeBuffer.baseAddress.unsafelyUnwrapped + start * classCount)
        }
        return (DenseArray(records.treeOffsets), DenseArray(records.nodes), DenseArray(records.leafValues))
    }

    /// Checks layout-2 records (O(nodes × classes)): offsets from 0 to the node count, strictly
    /// increasing; finite thresholds; leaves with feature -1 and a leaf row in range; splits with a
    /// feature in range, a left child (the next record) and a right child after it, both in the tree;
    /// leaf fractions finite, non-negative, summing to 1; importances finite and non-negative.
    static func validateRecords(
        treeOffsets: DenseArray<Int64>, nodes: DenseArray<Int64>, leafValues: DenseArray<Double>,
        importances: DenseArray<Double>, classCount: Int
    ) throws {
        let nodeCount = nodes.count / 2
        let leafCount = leafValues.count / classCount
        let featureCount = importances.count
        let offsets = treeOffsets.unsafeBuffer
        try validateOffsets(offsets, nodeCount: nodeCount)
        let words = nodes.unsafeBuffer
        for tree in 0..<(offsets.count - 1) {
            let start = Int(offsets[tree]), size = Int(offsets[tree + 1]) - start
            for node in 0..<size {
                let global = start + node
                let threshold = Double(bitPattern: UInt64(bitPattern: words[2 * global]))
                let feature = Int(ForestNodeRecords.feature(words[2 * global + 1]))
                let link = Int(ForestNodeRecords.link(words[2 * global + 1]))
                guard threshold.isFinite else {
                    throw PersistenceError.inconsistentModel("tree \(tree) node \(node) has a non-finite threshold")
                }
                if feature == -1 {
                    guard link >= 0, link < leafCount else {
                        throw PersistenceError.inconsistentModel(
                            "tree \(tree) leaf \(node) points to leaf row \(link) outside 0..<\(leafCount)")
                    }
                    continue
                }
                guard feature >= 0, feature < featureCount else {
                    throw PersistenceError.inconsistentModel("tree \(tree) node \(node) splits on feature \(feature) outside 0..<\(featureCount)")
                }
                guard node + 1 < size, link > node + 1, link < size else {
                    throw PersistenceError.inconsistentModel(
                        "tree \(tree) node \(node) has children \(node + 1), \(link); they must lie in \(node + 1)..<\(size), the right after the left")
                }
            }
        }
        try validateFractions(leafValues, rows: leafCount, classCount: classCount, name: "leafValues")
        try validateImportances(importances)
    }

    private static func validateOffsets(_ offsets: UnsafeBufferPointer<Int64>, nodeCount: Int) throws {
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
    }

    private static func validateFractions(_ values: DenseArray<Double>, rows: Int, classCount: Int, name: String) throws {
        let value = values.unsafeBuffer
        for row in 0..<rows {
            var sum = 0.0
            for k in 0..<classCount {
                let v = value[row * classCount + k]
                guard v.isFinite, v >= 0 else {
                    throw PersistenceError.inconsistentModel("\(name)[\(row), \(k)] = \(v) is not a finite non-negative fraction")
                }
                sum += v
            }
            guard abs(sum - 1) <= 1e-9 else {
                throw PersistenceError.inconsistentModel("\(name) row \(row) sums to \(sum), not 1")
            }
        }
    }

    private static func validateImportances(_ importances: DenseArray<Double>) throws {
        for (f, importance) in importances.enumerated() where !(importance.isFinite && importance >= 0) {
            throw PersistenceError.inconsistentModel("featureImportances[\(f)] = \(importance) is not finite and non-negative")
        }
    }

    private static func checkShape(_ archive: ModelArchive, _ name: String, _ expected: [Int]) throws {
        let shape = archive.arrays[name]?.shape ?? []
        guard shape == expected else {
            throw PersistenceError.inconsistentModel("array \(name) has shape \(shape), expected \(expected)")
        }
    }

    /// Checks layout-1 arrays: the tree structure and every value (O(nodes × classes)).
    static func validateContents(
        treeOffsets: DenseArray<Int64>, leftChildren: DenseArray<Int32>, rightChildren: DenseArray<Int32>,
        features: DenseArray<Int32>, thresholds: DenseArray<Double>, values: DenseArray<Double>,
        importances: DenseArray<Double>, classCount: Int
    ) throws {
        let nodeCount = leftChildren.count
        let featureCount = importances.count
        let offsets = treeOffsets.unsafeBuffer
        try validateOffsets(offsets, nodeCount: nodeCount)
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
        try validateFractions(values, rows: nodeCount, classCount: classCount, name: "values")
        try validateImportances(importances)
    }
}
