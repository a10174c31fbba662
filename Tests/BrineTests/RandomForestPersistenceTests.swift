import Foundation
import Testing
@testable import Brine

@Suite struct RandomForestPersistenceTests {
    private func archive(of model: RandomForestModel<Int>) throws -> ModelArchive {
        var archive = ModelArchive(for: RandomForestModel<Int>.self)
        try model.encode(into: &archive)
        return archive
    }

    @Test func archiveRoundTripIsBitForBit() throws {
        let (model, _, test) = try RandomForestTestSupport.smallForest(oob: true)
        let first = try archive(of: model)
        #expect(first.typeName == "RandomForest" && first.labelTypeName == "Int")
        #expect(first.arrays["values"]?.shape == [model.nodeCount, 2])
        #expect(first.arrays["treeOffsets"]?.shape == [model.treeCount + 1])
        #expect(first.arrays["leftChildren"]?.array.dtype == "I32")
        #expect(first.arrays["treeOffsets"]?.array.dtype == "I64")
        let decoded = try RandomForestModel<Int>.decode(from: first)
        let second = try archive(of: decoded)
        #expect(first == second)
        #expect(RandomForestTestSupport.bits(decoded.thresholds) == RandomForestTestSupport.bits(model.thresholds))
        #expect(decoded.oobScore == model.oobScore)
        #expect(decoded.featureNames == model.featureNames)
        #expect(decoded.hyperparameters == model.hyperparameters)
        #expect(decoded.featureImportances == model.featureImportances)
        let before = try model.predictProbabilities(test.features)
        let after = try decoded.predictProbabilities(test.features)
        #expect(RandomForestTestSupport.bits(before.elements) == RandomForestTestSupport.bits(after.elements))
        #expect(try decoded.predict(test.features) == model.predict(test.features))
    }

    @Test func stringForestsRoundTripAndKeepTheirLabelType() throws {
        let (train, test) = try BundledDatasets.loadSplit("iris")
        let names = ["setosa", "versicolor", "virginica"]
        let model = try RandomForestClassifier(nEstimators: 5).fit(train.features, train.targets.map { names[$0] })
        var archive = ModelArchive(for: RandomForestModel<String>.self)
        try model.encode(into: &archive)
        #expect(archive.labelTypeName == "String")
        #expect(RandomForestModel<String>.modelLabelTypeName == "String")
        #expect(RandomForestModel<Int>.modelLabelTypeName == "Int")
        let decoded = try RandomForestModel<String>.decode(from: archive)
        #expect(try decoded.predict(test.features) == model.predict(test.features))
        #expect(throws: PersistenceError.labelTypeMismatch(expected: "Int", actual: "String")) {
            try RandomForestModel<Int>.decode(from: archive)
        }
        #expect(try ModelRegistry.shared.decode(archive) is RandomForestModel<String>)
    }

    @Test func hyperparametersRoundTripThroughJSON() throws {
        let variants: [MaxFeatures] = [.sqrt, .log2, .all, .count(3), .fraction(0.25)]
        for maxFeatures in variants {
            let parameters = RandomForestClassifier(
                nEstimators: 7, criterion: .entropy, maxDepth: 4, minSamplesSplit: 3, minSamplesLeaf: 2,
                maxFeatures: maxFeatures, bootstrap: false, seed: UInt64.max - 1, threadCount: 1)
            let json = try JSONValue(encoding: parameters)
            #expect(try json.decode(as: RandomForestClassifier.self) == parameters)
        }
        #expect(try JSONValue(encoding: MaxFeatures.count(3)).jsonText == #"{"count":3}"#)
        #expect(try JSONValue(encoding: MaxFeatures.sqrt).jsonText == #""sqrt""#)
        let partial: JSONValue = ["nEstimators": 12]
        #expect(try partial.decode(as: RandomForestClassifier.self) == RandomForestClassifier(nEstimators: 12))
    }

    // MARK: Hostile archives: every rejection is a PersistenceError naming the problem.

    private func expectRejected(_ name: String, _ mutate: (inout ModelArchive) -> Void) throws {
        let (model, _, _) = try RandomForestTestSupport.smallForest(trees: 3)
        var archive = try archive(of: model)
        mutate(&archive)
        #expect(throws: PersistenceError.self, "\(name)") { try RandomForestModel<Int>.decode(from: archive) }
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

    /// The first internal node (a node with children) of the first tree.
    private func firstInternalNode(_ archive: ModelArchive) -> Int {
        guard case let .int32(left)? = archive.arrays["leftChildren"]?.array else { return 0 }
        return left.firstIndex { $0 != -1 } ?? 0
    }

    private func firstLeaf(_ archive: ModelArchive) -> Int {
        guard case let .int32(left)? = archive.arrays["leftChildren"]?.array else { return 0 }
        return left.firstIndex { $0 == -1 } ?? 0
    }

    @Test func rejectsBadTreeOffsets() throws {
        try expectRejected("offsets not starting at 0") { archive in
            guard case let .int64(offsets)? = archive.arrays["treeOffsets"]?.array else { return }
            var values = offsets.array
            values[0] = 1
            archive.setArray("treeOffsets", .int64(DenseArray(values)))
        }
        try expectRejected("offsets not monotone") { archive in
            guard case let .int64(offsets)? = archive.arrays["treeOffsets"]?.array else { return }
            var values = offsets.array
            values.swapAt(1, 2)
            archive.setArray("treeOffsets", .int64(DenseArray(values)))
        }
        try expectRejected("offsets beyond the nodes") { archive in
            guard case let .int64(offsets)? = archive.arrays["treeOffsets"]?.array else { return }
            var values = offsets.array
            values[values.count - 1] += 5
            archive.setArray("treeOffsets", .int64(DenseArray(values)))
        }
        try expectRejected("no trees") { archive in
            archive.setArray("treeOffsets", .int64(DenseArray([0])))
        }
    }

    @Test func rejectsChildrenOutOfRangeOrBeforeTheirParent() throws {
        try expectRejected("child beyond the tree") { archive in
            let node = firstInternalNode(archive)
            replaceInt32(&archive, "leftChildren") { $0[node] = 1_000_000 }
        }
        try expectRejected("child pointing to its parent (a cycle)") { archive in
            let node = firstInternalNode(archive)
            replaceInt32(&archive, "rightChildren") { $0[node] = Int32(node) }
        }
        try expectRejected("negative child") { archive in
            let node = firstInternalNode(archive)
            replaceInt32(&archive, "rightChildren") { $0[node] = -7 }
        }
        try expectRejected("half leaf") { archive in
            let node = firstInternalNode(archive)
            replaceInt32(&archive, "leftChildren") { $0[node] = -1 }
        }
        try expectRejected("leaf with a feature") { archive in
            let leaf = firstLeaf(archive)
            replaceInt32(&archive, "features") { $0[leaf] = 0 }
        }
    }

    @Test func rejectsFeaturesOutOfRange() throws {
        try expectRejected("feature = featureCount") { archive in
            let node = firstInternalNode(archive)
            replaceInt32(&archive, "features") { $0[node] = 30 }
        }
        try expectRejected("negative feature at a split") { archive in
            let node = firstInternalNode(archive)
            replaceInt32(&archive, "features") { $0[node] = -3 }
        }
    }

    @Test func rejectsNonFiniteThresholdsAndBadValues() throws {
        try expectRejected("NaN threshold") { archive in
            replaceFloat64(&archive, "thresholds") { $0[0] = .nan }
        }
        try expectRejected("infinite threshold") { archive in
            replaceFloat64(&archive, "thresholds") { $0[0] = .infinity }
        }
        try expectRejected("NaN value") { archive in
            replaceFloat64(&archive, "values") { $0[3] = .nan }
        }
        try expectRejected("negative value") { archive in
            replaceFloat64(&archive, "values") { $0[0] = -0.5; $0[1] = 1.5 }
        }
        try expectRejected("row not summing to 1") { archive in
            replaceFloat64(&archive, "values") { $0[0] += 1e-6 }
        }
        try expectRejected("NaN importance") { archive in
            replaceFloat64(&archive, "featureImportances") { $0[0] = .nan }
        }
    }

    @Test func rejectsInconsistentShapes() throws {
        try expectRejected("values with the wrong class count") { archive in
            guard let shaped = archive.arrays["values"] else { return }
            archive.arrays["values"] = .init(shaped.array, shape: [shaped.shape[0] * 2, 1])
        }
        try expectRejected("short rightChildren") { archive in
            replaceInt32(&archive, "rightChildren") { $0.removeLast() }
        }
        try expectRejected("thresholds as F32") { archive in
            archive.setArray("thresholds", .float32(DenseArray([Float](repeating: 0, count: 3))))
        }
        try expectRejected("missing values") { archive in archive.arrays["values"] = nil }
        try expectRejected("feature names for another feature count") { archive in archive.featureNames = ["a", "b"] }
        try expectRejected("one class") { archive in archive.classes = [.int(0)] }
        try expectRejected("wrong type") { archive in archive.typeName = "LogisticRegression" }
        try expectRejected("bad hyperparameters") { archive in archive.hyperparameters = ["maxFeatures": "most"] }
        try expectRejected("oob score above 1") { archive in archive.attributes["oobScore"] = 1.5 }
    }

    /// A loaded model that skipped validation must still never crash or loop when predicting.
    @Test func predictionOnUnvalidatedHostileTreesThrows() throws {
        let (model, _, test) = try RandomForestTestSupport.smallForest(trees: 2)
        func hostile(left: [Int32]? = nil, features: [Int32]? = nil, offsets: [Int64]? = nil) -> RandomForestModel<Int> {
            RandomForestModel<Int>(
                classes: model.classes, featureCount: model.featureCount, featureNames: nil,
                hyperparameters: model.hyperparameters, oobScore: nil,
                treeOffsets: offsets.map { DenseArray($0) } ?? model.treeOffsets,
                leftChildren: left.map { DenseArray($0) } ?? model.leftChildren, rightChildren: model.rightChildren,
                features: features.map { DenseArray($0) } ?? model.features, thresholds: model.thresholds,
                values: model.values, importances: model.importances)
        }
        var cyclic = model.leftChildren.array
        for i in cyclic.indices where cyclic[i] != -1 { cyclic[i] = 0 }  // every left child back to the root
        #expect(throws: PersistenceError.self) { try hostile(left: cyclic).predict(test.features) }
        var farAway = model.leftChildren.array
        for i in farAway.indices where farAway[i] != -1 { farAway[i] = Int32.max }
        #expect(throws: PersistenceError.self) { try hostile(left: farAway).predict(test.features) }
        var badFeatures = model.features.array
        for i in badFeatures.indices where badFeatures[i] != -1 { badFeatures[i] = 99 }
        #expect(throws: PersistenceError.self) { try hostile(features: badFeatures).predict(test.features) }
        // Left children intact (so the packed prediction layout is used), right children pointing back.
        var backwards = model.rightChildren.array
        for i in backwards.indices where backwards[i] != -1 { backwards[i] = 0 }
        let packedHostile = RandomForestModel<Int>(
            classes: model.classes, featureCount: model.featureCount, featureNames: nil,
            hyperparameters: model.hyperparameters, oobScore: nil, treeOffsets: model.treeOffsets,
            leftChildren: model.leftChildren, rightChildren: DenseArray(backwards), features: model.features,
            thresholds: model.thresholds, values: model.values, importances: model.importances)
        #expect(throws: PersistenceError.self) { try packedHostile.predict(test.features) }
        let n = Int64(model.nodeCount)
        #expect(throws: PersistenceError.self) { try hostile(offsets: [0, n + 10, n]).predict(test.features) }
        #expect(throws: PersistenceError.self) { try hostile(offsets: [0, -4, n]).predict(test.features) }
    }

    /// End to end through a file: a forest whose trees loop is refused by a validating load, and a
    /// memory-mapped load without checksums (which skips the O(nodes) scans) still cannot hang or crash.
    @Test func cyclicForestFileIsRefusedOrFailsSafelyAtPredict() throws {
        let (model, _, test) = try RandomForestTestSupport.smallForest(trees: 2)
        var archive = ModelArchive(for: RandomForestModel<Int>.self)
        try model.encode(into: &archive)
        var cyclic = model.leftChildren.array
        for i in cyclic.indices where cyclic[i] != -1 { cyclic[i] = 0 }
        archive.setArray("leftChildren", .int32(DenseArray(cyclic)))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cyclic-\(UUID()).brine")
        defer { try? FileManager.default.removeItem(at: url) }
        try archive.write(to: url)  // checksums are correct: the damage is in the structure
        #expect(performing: { try RandomForestModel<Int>.load(from: url) }, throws: { error in
            guard case PersistenceError.inconsistentModel = error else { return false }
            return true
        })
        #expect(throws: PersistenceError.self) { try RandomForestModel<Int>.load(from: url, memoryMap: true) }
        let unchecked = try RandomForestModel<Int>.load(from: url, memoryMap: true, verifyChecksums: false)
        #expect(throws: PersistenceError.self) { try unchecked.predict(test.features) }
    }
}
