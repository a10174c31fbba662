import Foundation
import Testing
@testable import Brine

@Suite struct RandomForestPersistenceTests {
    private func archive(of model: RandomForestClassifierModel<Int>) throws -> ModelArchive {
        var archive = ModelArchive(for: RandomForestClassifierModel<Int>.self)
        try model.encode(into: &archive)
        return archive
    }

    @Test func archiveRoundTripIsBitForBit() throws {
        let (model, _, test) = try RandomForestTestSupport.smallForest(oob: true)
        let first = try archive(of: model)
        #expect(first.typeName == "RandomForest" && first.labelTypeName == "Int" && first.layoutVersion == 2)
        #expect(first.arrays["nodes"]?.shape == [model.nodeCount, 2])
        #expect(first.arrays["nodes"]?.array.dtype == "I64")
        #expect(first.arrays["leafValues"]?.shape == [model.leafCount, 2])
        #expect(first.arrays["treeOffsets"]?.shape == [model.treeCount + 1])
        #expect(first.arrays["treeOffsets"]?.array.dtype == "I64")
        #expect(Set(first.arrays.keys) == ["treeOffsets", "nodes", "leafValues", "featureImportances"])
        #expect(first.attributes["inputPrecision"] == .string("float32"))
        // Every split has two children, so a forest of T trees has (N + T) / 2 leaves.
        #expect(model.leafCount * 2 == model.nodeCount + model.treeCount)
        let decoded = try RandomForestClassifierModel<Int>.decode(from: first)
        let second = try archive(of: decoded)
        #expect(first == second)
        #expect(decoded.nodes == model.nodes)
        #expect(decoded.inputPrecision == .float32)
        #expect(decoded.oobScore == model.oobScore)
        #expect(decoded.featureNames == model.featureNames)
        #expect(decoded.hyperparameters == model.hyperparameters)
        #expect(decoded.featureImportances == model.featureImportances)
        let before = try model.predictProbabilities(test.features)
        let after = try decoded.predictProbabilities(test.features)
        #expect(RandomForestTestSupport.bits(before.elements) == RandomForestTestSupport.bits(after.elements))
        #expect(try decoded.predict(test.features) == model.predict(test.features))
    }

    /// Layout 1 (Brine 0.1.0's arrays) still loads, as a float64 forest predicting exactly as the
    /// layout-2 forest with the same trees, and re-encodes as layout 2.
    @Test func layoutOneArchivesLoadWithFloat64Semantics() throws {
        let (train, test) = try BundledDatasets.loadSplit("breast_cancer")
        let model = try RandomForestClassifier(nEstimators: 6, seed: 4, inputPrecision: .float64).fit(train.features, train.targets)
        let old = try RandomForestTestSupport.layoutOneArchive(of: model)
        #expect(old.layoutVersion == 1 && old.arrays["leftChildren"] != nil && old.arrays["nodes"] == nil)
        var withFloat32Hyperparameters = old
        withFloat32Hyperparameters.hyperparameters = ["nEstimators": 6]  // as 0.1.0 wrote them: no inputPrecision
        for archive in [old, withFloat32Hyperparameters] {
            let decoded = try RandomForestClassifierModel<Int>.decode(from: archive)
            #expect(decoded.inputPrecision == .float64 && decoded.hyperparameters.inputPrecision == .float64)
            #expect(decoded.nodes == model.nodes && decoded.leafValues == model.leafValues)
            let expected = try model.predictProbabilities(test.features)
            #expect(RandomForestTestSupport.bits(try decoded.predictProbabilities(test.features).elements)
                    == RandomForestTestSupport.bits(expected.elements))
            let resaved = try self.archive(of: decoded)
            #expect(resaved.layoutVersion == 2 && resaved.attributes["inputPrecision"] == .string("float64"))
        }
    }

    /// A layout-1 tree whose left child is not the next node is renumbered in preorder, same predictions.
    @Test func layoutOneTreesInAnyNodeOrderAreRenumbered() throws {
        // Root splits feature 0 at 0.5; its right child (stored second) is a leaf, its left a split on feature 1.
        var archive = ModelArchive(typeName: "RandomForest", layoutVersion: 1)
        try archive.setClasses([0, 1])
        archive.hyperparameters = ["nEstimators": 1]
        archive.setArray("treeOffsets", .int64([0, 5]))
        archive.setArray("leftChildren", .int32([2, -1, 3, -1, -1]))
        archive.setArray("rightChildren", .int32([1, -1, 4, -1, -1]))
        archive.setArray("features", .int32([0, -1, 1, -1, -1]))
        archive.setArray("thresholds", .float64([0.5, -2, 1.5, -2, -2]))
        archive.setArray("values", .float64([0.5, 0.5, 1, 0, 0.25, 0.75, 0, 1, 0.75, 0.25]), shape: [5, 2])
        archive.setArray("featureImportances", .float64([0.5, 0.5]))
        let forest = try RandomForestClassifierModel<Int>.decode(from: archive)
        let x = try Matrix([[0, 1], [0, 2], [1, 0]])
        #expect(try forest.predictProbabilities(x).elements.array == [0, 1, 0.75, 0.25, 1, 0])
        #expect(forest.record(0).link == 4 && forest.record(1).feature == 1 && forest.leafCount == 3)
    }

    @Test func stringForestsRoundTripAndKeepTheirLabelType() throws {
        let (train, test) = try BundledDatasets.loadSplit("iris")
        let names = ["setosa", "versicolor", "virginica"]
        let model = try RandomForestClassifier(nEstimators: 5).fit(train.features, train.targets.map { names[$0] })
        var archive = ModelArchive(for: RandomForestClassifierModel<String>.self)
        try model.encode(into: &archive)
        #expect(archive.labelTypeName == "String")
        #expect(RandomForestClassifierModel<String>.modelLabelTypeName == "String")
        #expect(RandomForestClassifierModel<Int>.modelLabelTypeName == "Int")
        let decoded = try RandomForestClassifierModel<String>.decode(from: archive)
        #expect(try decoded.predict(test.features) == model.predict(test.features))
        #expect(throws: PersistenceError.labelTypeMismatch(expected: "Int", actual: "String")) {
            try RandomForestClassifierModel<Int>.decode(from: archive)
        }
        #expect(try ModelRegistry.shared.decode(archive) is RandomForestClassifierModel<String>)
    }

    @Test func hyperparametersRoundTripThroughJSON() throws {
        let variants: [MaxFeatures] = [.sqrt, .log2, .all, .count(3), .fraction(0.25)]
        for maxFeatures in variants {
            let parameters = RandomForestClassifier(
                nEstimators: 7, criterion: .entropy, maxDepth: 4, minSamplesSplit: 3, minSamplesLeaf: 2,
                maxFeatures: maxFeatures, bootstrap: false, seed: UInt64.max - 1, threadCount: 1, inputPrecision: .float64)
            let json = try JSONValue(encoding: parameters)
            #expect(try json.decode(as: RandomForestClassifier.self) == parameters)
            #expect(json["inputPrecision"] == .string("float64"))
        }
        #expect(try JSONValue(encoding: MaxFeatures.count(3)).jsonText == #"{"count":3}"#)
        #expect(try JSONValue(encoding: MaxFeatures.sqrt).jsonText == #""sqrt""#)
        let partial: JSONValue = ["nEstimators": 12]
        #expect(try partial.decode(as: RandomForestClassifier.self) == RandomForestClassifier(nEstimators: 12))
        #expect(try partial.decode(as: RandomForestClassifier.self).inputPrecision == .float32)
    }

    // MARK: Hostile archives: every rejection is a PersistenceError naming the problem.

    /// Layout 2 (`layoutOne: false`) or the same trees as layout 1.
    private func expectRejected(_ name: String, layoutOne: Bool = false, _ mutate: (inout ModelArchive) -> Void) throws {
        let (model, _, _) = try RandomForestTestSupport.smallForest(trees: 3)
        var archive = layoutOne ? try RandomForestTestSupport.layoutOneArchive(of: model) : try archive(of: model)
        #expect(throws: Never.self, "\(name): the undamaged archive loads") { try RandomForestClassifierModel<Int>.decode(from: archive) }
        mutate(&archive)
        #expect(throws: PersistenceError.self, "\(name)") { try RandomForestClassifierModel<Int>.decode(from: archive) }
    }

    private func replaceInt32(_ archive: inout ModelArchive, _ name: String, _ change: (inout [Int32]) -> Void) {
        guard case let .int32(array)? = archive.arrays[name]?.array else { return }
        var values = array.array
        change(&values)
        archive.setArray(name, .int32(DenseArray(values)))
    }

    private func replaceFloat64(_ archive: inout ModelArchive, _ name: String, _ change: (inout [Double]) -> Void) {
        guard let shaped = archive.arrays[name], case let .float64(array) = shaped.array else { return }
        var values = array.array
        change(&values)
        archive.setArray(name, .float64(DenseArray(values)), shape: shaped.shape)
    }

    /// Replaces node `node`'s threshold, feature or link in a layout-2 archive.
    private func replaceNode(
        _ archive: inout ModelArchive, _ node: Int, threshold: Double? = nil, feature: Int32? = nil, link: Int32? = nil
    ) {
        guard let shaped = archive.arrays["nodes"], case let .int64(array) = shaped.array else { return }
        var words = array.array
        if let threshold { words[2 * node] = Int64(bitPattern: threshold.bitPattern) }
        let word = words[2 * node + 1]
        words[2 * node + 1] = ForestNodeRecords.packed(
            feature: feature ?? ForestNodeRecords.feature(word), link: link ?? ForestNodeRecords.link(word))
        archive.setArray("nodes", .int64(DenseArray(words)), shape: shaped.shape)
    }

    private func nodeWords(_ archive: ModelArchive) -> [Int64] {
        guard case let .int64(array)? = archive.arrays["nodes"]?.array else { return [] }
        return array.array
    }

    /// The first split (internal node) of the first tree.
    private func firstSplit(_ archive: ModelArchive) -> Int {
        let words = nodeWords(archive)
        return (0..<(words.count / 2)).first { ForestNodeRecords.feature(words[2 * $0 + 1]) >= 0 } ?? 0
    }

    private func firstLeafNode(_ archive: ModelArchive) -> Int {
        let words = nodeWords(archive)
        return (0..<(words.count / 2)).first { ForestNodeRecords.feature(words[2 * $0 + 1]) < 0 } ?? 0
    }

    /// The first internal node (a node with children) of the first tree, in a layout-1 archive.
    private func firstInternalNode(_ archive: ModelArchive) -> Int {
        guard case let .int32(left)? = archive.arrays["leftChildren"]?.array else { return 0 }
        return left.firstIndex { $0 != -1 } ?? 0
    }

    private func firstLeaf(_ archive: ModelArchive) -> Int {
        guard case let .int32(left)? = archive.arrays["leftChildren"]?.array else { return 0 }
        return left.firstIndex { $0 == -1 } ?? 0
    }

    @Test(arguments: [false, true])
    func rejectsBadTreeOffsets(layoutOne: Bool) throws {
        try expectRejected("offsets not starting at 0", layoutOne: layoutOne) { archive in
            guard case let .int64(offsets)? = archive.arrays["treeOffsets"]?.array else { return }
            var values = offsets.array
            values[0] = 1
            archive.setArray("treeOffsets", .int64(DenseArray(values)))
        }
        try expectRejected("offsets not monotone", layoutOne: layoutOne) { archive in
            guard case let .int64(offsets)? = archive.arrays["treeOffsets"]?.array else { return }
            var values = offsets.array
            values.swapAt(1, 2)
            archive.setArray("treeOffsets", .int64(DenseArray(values)))
        }
        try expectRejected("offsets beyond the nodes", layoutOne: layoutOne) { archive in
            guard case let .int64(offsets)? = archive.arrays["treeOffsets"]?.array else { return }
            var values = offsets.array
            values[values.count - 1] += 5
            archive.setArray("treeOffsets", .int64(DenseArray(values)))
        }
        try expectRejected("no trees", layoutOne: layoutOne) { archive in
            archive.setArray("treeOffsets", .int64(DenseArray([0])))
        }
    }

    @Test func rejectsBadNodeRecords() throws {
        try expectRejected("right child beyond the tree") { archive in
            replaceNode(&archive, firstSplit(archive), link: 1_000_000)
        }
        try expectRejected("right child pointing to its node (a cycle)") { archive in
            let node = firstSplit(archive)
            replaceNode(&archive, node, link: Int32(node))
        }
        try expectRejected("right child equal to the left child") { archive in
            let node = firstSplit(archive)
            replaceNode(&archive, node, link: Int32(node + 1))
        }
        try expectRejected("negative right child") { archive in replaceNode(&archive, firstSplit(archive), link: -7) }
        try expectRejected("leaf row beyond the leaf values") { archive in
            replaceNode(&archive, firstLeafNode(archive), link: 1_000_000)
        }
        try expectRejected("negative leaf row") { archive in replaceNode(&archive, firstLeafNode(archive), link: -1) }
        try expectRejected("last node of a tree as a split (no left child)") { archive in
            guard case let .int64(offsets)? = archive.arrays["treeOffsets"]?.array else { return }
            replaceNode(&archive, Int(offsets[1]) - 1, feature: 0, link: 0)
        }
        try expectRejected("feature = featureCount") { archive in replaceNode(&archive, firstSplit(archive), feature: 30) }
        try expectRejected("feature below -1") { archive in replaceNode(&archive, firstSplit(archive), feature: -3) }
        try expectRejected("NaN threshold") { archive in replaceNode(&archive, firstSplit(archive), threshold: .nan) }
        try expectRejected("infinite threshold") { archive in replaceNode(&archive, 0, threshold: .infinity) }
        try expectRejected("NaN leaf value") { archive in replaceFloat64(&archive, "leafValues") { $0[3] = .nan } }
        try expectRejected("negative leaf value") { archive in
            replaceFloat64(&archive, "leafValues") { $0[0] = -0.5; $0[1] = 1.5 }
        }
        try expectRejected("leaf row not summing to 1") { archive in replaceFloat64(&archive, "leafValues") { $0[0] += 1e-6 } }
        try expectRejected("NaN importance") { archive in replaceFloat64(&archive, "featureImportances") { $0[0] = .nan } }
    }

    @Test func rejectsBadLayoutTwoShapesAndPrecision() throws {
        try expectRejected("nodes with three words per node") { archive in
            guard let shaped = archive.arrays["nodes"] else { return }
            archive.arrays["nodes"] = .init(shaped.array, shape: [shaped.shape[0] * 2 / 3, 3])
        }
        try expectRejected("nodes with an odd word count") { archive in
            let words = nodeWords(archive)
            archive.setArray("nodes", .int64(DenseArray(words.dropLast())), shape: [words.count - 1])
        }
        try expectRejected("nodes as F64") { archive in
            archive.setArray("nodes", .float64(DenseArray(repeating: 0, count: 8)), shape: [4, 2])
        }
        try expectRejected("leafValues with the wrong class count") { archive in
            guard let shaped = archive.arrays["leafValues"] else { return }
            archive.arrays["leafValues"] = .init(shaped.array, shape: [shaped.shape[0] * 2, 1])
        }
        try expectRejected("missing leafValues") { archive in archive.arrays["leafValues"] = nil }
        try expectRejected("missing nodes") { archive in archive.arrays["nodes"] = nil }
        try expectRejected("missing inputPrecision") { archive in archive.attributes["inputPrecision"] = nil }
        try expectRejected("unknown inputPrecision") { archive in archive.attributes["inputPrecision"] = "float16" }
        try expectRejected("inputPrecision not a string") { archive in archive.attributes["inputPrecision"] = 32 }
        try expectRejected("layout 3") { archive in archive.layoutVersion = 3 }
        try expectRejected("layout 1 label on layout-2 arrays") { archive in archive.layoutVersion = 1 }
    }

    @Test func rejectsChildrenOutOfRangeOrBeforeTheirParentInLayoutOne() throws {
        try expectRejected("child beyond the tree", layoutOne: true) { archive in
            let node = firstInternalNode(archive)
            replaceInt32(&archive, "leftChildren") { $0[node] = 1_000_000 }
        }
        try expectRejected("child pointing to its parent (a cycle)", layoutOne: true) { archive in
            let node = firstInternalNode(archive)
            replaceInt32(&archive, "rightChildren") { $0[node] = Int32(node) }
        }
        try expectRejected("negative child", layoutOne: true) { archive in
            let node = firstInternalNode(archive)
            replaceInt32(&archive, "rightChildren") { $0[node] = -7 }
        }
        try expectRejected("half leaf", layoutOne: true) { archive in
            let node = firstInternalNode(archive)
            replaceInt32(&archive, "leftChildren") { $0[node] = -1 }
        }
        try expectRejected("leaf with a feature", layoutOne: true) { archive in
            let leaf = firstLeaf(archive)
            replaceInt32(&archive, "features") { $0[leaf] = 0 }
        }
        try expectRejected("feature = featureCount", layoutOne: true) { archive in
            let node = firstInternalNode(archive)
            replaceInt32(&archive, "features") { $0[node] = 30 }
        }
        try expectRejected("negative feature at a split", layoutOne: true) { archive in
            let node = firstInternalNode(archive)
            replaceInt32(&archive, "features") { $0[node] = -3 }
        }
        try expectRejected("NaN threshold", layoutOne: true) { archive in
            replaceFloat64(&archive, "thresholds") { $0[0] = .nan }
        }
        try expectRejected("NaN value", layoutOne: true) { archive in replaceFloat64(&archive, "values") { $0[3] = .nan } }
        try expectRejected("row not summing to 1", layoutOne: true) { archive in
            replaceFloat64(&archive, "values") { $0[0] += 1e-6 }
        }
        try expectRejected("values with the wrong class count", layoutOne: true) { archive in
            guard let shaped = archive.arrays["values"] else { return }
            archive.arrays["values"] = .init(shaped.array, shape: [shaped.shape[0] * 2, 1])
        }
        try expectRejected("short rightChildren", layoutOne: true) { archive in
            replaceInt32(&archive, "rightChildren") { $0.removeLast() }
        }
        try expectRejected("thresholds as F32", layoutOne: true) { archive in
            archive.setArray("thresholds", .float32(DenseArray([Float](repeating: 0, count: 3))))
        }
        try expectRejected("missing values", layoutOne: true) { archive in archive.arrays["values"] = nil }
    }

    @Test func rejectsInconsistentManifests() throws {
        try expectRejected("feature names for another feature count") { archive in archive.featureNames = ["a", "b"] }
        try expectRejected("one class") { archive in archive.classes = [.int(0)] }
        try expectRejected("wrong type") { archive in archive.typeName = "LogisticRegression" }
        try expectRejected("bad hyperparameters") { archive in archive.hyperparameters = ["maxFeatures": "most"] }
        try expectRejected("bad inputPrecision hyperparameter") { archive in archive.hyperparameters = ["inputPrecision": "half"] }
        try expectRejected("oob score above 1") { archive in archive.attributes["oobScore"] = 1.5 }
    }

    /// A loaded model that skipped validation must still never crash or loop when predicting.
    @Test func predictionOnUnvalidatedHostileRecordsThrows() throws {
        let (model, _, test) = try RandomForestTestSupport.smallForest(trees: 2)
        let splits = (0..<model.nodeCount).filter { model.record($0).feature >= 0 }
        let leaves = (0..<model.nodeCount).filter { model.record($0).feature < 0 }
        func everySplit(_ change: (inout [Int64], Int) -> Void) -> RandomForestClassifierModel<Int> {
            var words = model.nodes.array
            for global in splits { change(&words, global) }
            return RandomForestTestSupport.replacing(model, nodes: words)
        }
        func setting(_ words: inout [Int64], _ global: Int, feature: Int32? = nil, link: Int32? = nil) {
            let word = words[2 * global + 1]
            words[2 * global + 1] = ForestNodeRecords.packed(
                feature: feature ?? ForestNodeRecords.feature(word), link: link ?? ForestNodeRecords.link(word))
        }
        let cases: [(String, RandomForestClassifierModel<Int>)] = [
            ("right children back to the root", everySplit { setting(&$0, $1, link: 0) }),
            ("right children far away", everySplit { setting(&$0, $1, link: Int32.max) }),
            ("negative right children", everySplit { setting(&$0, $1, link: Int32.min) }),
            ("features out of range", everySplit { setting(&$0, $1, feature: 99) }),
            ("every node a split (left child past the tree)", RandomForestTestSupport.replacing(model, nodes: {
                var words = model.nodes.array
                for global in leaves { setting(&words, global, feature: 0, link: Int32(global + 1)) }
                return words
            }())),
            ("leaf rows out of range", RandomForestTestSupport.replacing(model, nodes: {
                var words = model.nodes.array
                for global in leaves { setting(&words, global, link: Int32(model.leafCount)) }
                return words
            }())),
            ("offsets past the nodes", RandomForestTestSupport.replacing(model, offsets: [0, Int64(model.nodeCount) + 10, Int64(model.nodeCount)])),
            ("negative offsets", RandomForestTestSupport.replacing(model, offsets: [0, -4, Int64(model.nodeCount)])),
            ("leaf values shorter than the leaf rows", RandomForestTestSupport.replacing(model, leafValues: [0.5, 0.5])),
        ]
        let smallBatch = try test.features.selectingRows(Array(0..<RandomForestClassifierModel<Int>.interleavedRowLimit))
        func isCorruptModel(_ error: any Error) -> Bool {
            guard case EstimatorError.corruptModel = error else { return false }
            return true
        }
        for (name, hostile) in cases {
            #expect("\(name)", performing: { try hostile.predict(test.features) }, throws: isCorruptModel)
            // Small batches take the interleaved single-row walk, with the same checks.
            #expect("\(name), small batch", performing: { try hostile.predict(smallBatch) }, throws: isCorruptModel)
        }
    }

    /// End to end through a file: a forest whose trees loop is refused by a validating load, and a
    /// memory-mapped load without checksums (which skips the O(nodes) scans) still cannot hang or crash.
    @Test func cyclicForestFileIsRefusedOrFailsSafelyAtPredict() throws {
        let (model, _, test) = try RandomForestTestSupport.smallForest(trees: 2)
        var words = model.nodes.array
        for global in 0..<model.nodeCount where model.record(global).feature >= 0 {
            words[2 * global + 1] = ForestNodeRecords.packed(feature: Int32(model.record(global).feature), link: 0)
        }
        var archive = ModelArchive(for: RandomForestClassifierModel<Int>.self)
        try RandomForestTestSupport.replacing(model, nodes: words).encode(into: &archive)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cyclic-\(UUID()).brine")
        defer { try? FileManager.default.removeItem(at: url) }
        try archive.write(to: url)  // checksums are correct: the damage is in the structure
        #expect(performing: { try RandomForestClassifierModel<Int>.load(from: url) }, throws: { error in
            guard case PersistenceError.inconsistentModel = error else { return false }
            return true
        })
        #expect(throws: PersistenceError.self) { try RandomForestClassifierModel<Int>.load(from: url, memoryMap: true) }
        let unchecked = try RandomForestClassifierModel<Int>.load(from: url, memoryMap: true, verifyChecksums: false)
        #expect(unchecked.nodes.isBorrowed)
        // The estimator layer's error, naming the tree and node: predict is not a persistence call.
        let error = try #require(throws: EstimatorError.self) { try unchecked.predict(test.features) }
        guard case let .corruptModel(tree, node, reason) = error else {
            Issue.record("expected corruptModel, got \(error)")
            return
        }
        #expect(tree == 0 && node != nil && reason.hasPrefix("has child 0;"), "\(error)")
        #expect(error.description.hasPrefix("corrupt model: tree 0 node "))
    }

    /// A layout-1 file whose trees loop is refused even by an unverified memory-mapped load: its
    /// conversion to records follows (and checks) every index.
    @Test func cyclicLayoutOneFileIsRefusedEvenWithoutValidation() throws {
        let (model, _, _) = try RandomForestTestSupport.smallForest(trees: 2)
        var archive = try RandomForestTestSupport.layoutOneArchive(of: model)
        guard case let .int32(left)? = archive.arrays["leftChildren"]?.array else { throw PersistenceError.missingArray("leftChildren") }
        archive.setArray("leftChildren", .int32(DenseArray(left.map { $0 == -1 ? -1 : 0 })))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cyclic-v1-\(UUID()).brine")
        defer { try? FileManager.default.removeItem(at: url) }
        try archive.write(to: url)
        #expect(throws: PersistenceError.self) { try RandomForestClassifierModel<Int>.load(from: url, memoryMap: true, verifyChecksums: false) }
    }

    /// A memory-mapped layout-2 forest predicts from the file's pages: its node records and leaf
    /// values are borrowed, not copied, and predict exactly as the forest that was saved.
    @Test func memoryMappedForestPredictsFromTheMapping() throws {
        let (model, _, test) = try RandomForestTestSupport.smallForest(trees: 4)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mapped-\(UUID()).brine")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.save(to: url)
        let mapped = try RandomForestClassifierModel<Int>.load(from: url, memoryMap: true, verifyChecksums: false)
        #expect(mapped.nodes.isBorrowed && mapped.leafValues.isBorrowed && mapped.treeOffsets.isBorrowed)
        #expect(RandomForestTestSupport.bits(try mapped.predictProbabilities(test.features).elements)
                == RandomForestTestSupport.bits(try model.predictProbabilities(test.features).elements))
    }
}
