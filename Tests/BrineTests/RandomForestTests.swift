import Foundation
import Testing
@testable import Brine

@Suite struct RandomForestTests {
    /// Test accuracy averaged over the fixture's seeds (5) must lie within 1.5 points of
    /// scikit-learn's RandomForestClassifier(n_estimators=100) averaged over as many seeds.
    @Test(arguments: ["iris", "wine", "breast_cancer", "digits"])
    func accuracyMatchesScikitLearn(dataset: String) throws {
        let reference = try RandomForestTestSupport.reference()
        let seeds = try #require(reference["seeds"]?.arrayValue?.compactMap { $0.intValue })
        let expected = try #require(reference["datasets"]?[dataset]?["mean_accuracy"]?.doubleValue)
        let (train, test) = try BundledDatasets.loadSplit(dataset)
        var total = 0.0
        for seed in seeds {
            let model = try RandomForestClassifier(seed: UInt64(seed)).fit(train.features, train.targets)
            total += RandomForestTestSupport.accuracy(test.targets, try model.predict(test.features))
        }
        let mean = total / Double(seeds.count)
        #expect(abs(mean - expected) <= 0.015, "\(dataset): Brine \(mean) vs scikit-learn \(expected)")
    }

    @Test func entropyCriterionMatchesScikitLearn() throws {
        let reference = try RandomForestTestSupport.reference()
        let seeds = try #require(reference["seeds"]?.arrayValue?.compactMap { $0.intValue })
        let expected = try #require(reference["datasets"]?["breast_cancer"]?["entropy_mean_accuracy"]?.doubleValue)
        let (train, test) = try BundledDatasets.loadSplit("breast_cancer")
        var total = 0.0
        for seed in seeds {
            let model = try RandomForestClassifier(criterion: .entropy, seed: UInt64(seed)).fit(train.features, train.targets)
            total += RandomForestTestSupport.accuracy(test.targets, try model.predict(test.features))
        }
        #expect(abs(total / Double(seeds.count) - expected) <= 0.015)
    }

    @Test func featureImportancesAreNormalizedAndAgreeWithScikitLearn() throws {
        let reference = try RandomForestTestSupport.reference()
        let expected = try #require(reference["datasets"]?["breast_cancer"]?["mean_feature_importances"]?.arrayValue?.compactMap { $0.doubleValue })
        let (train, _) = try BundledDatasets.loadSplit("breast_cancer")
        var mean = [Double](repeating: 0, count: train.features.columns)
        for seed in 0..<5 {
            let model = try RandomForestClassifier(seed: UInt64(seed)).fit(train.features, train.targets)
            let importances = model.featureImportances
            #expect(importances.count == 30)
            #expect(importances.allSatisfy { $0 >= 0 })
            #expect(abs(importances.reduce(0, +) - 1) < 1e-12)
            for f in mean.indices { mean[f] += importances[f] / 5 }
        }
        // Both are averages of random forests: compare the profiles, not single values.
        let l1 = zip(mean, expected).map { abs($0 - $1) }.reduce(0, +)
        #expect(l1 < 0.15, "L1 distance to scikit-learn's importances: \(l1)")
        let top = mean.indices.max { mean[$0] < mean[$1] }
        let expectedTop = Set(expected.indices.sorted { expected[$0] > expected[$1] }.prefix(4))
        #expect(top.map { expectedTop.contains($0) } == true)
    }

    @Test func outOfBagScoreIsAnAccuracyCloseToScikitLearns() throws {
        let reference = try RandomForestTestSupport.reference()
        let expected = try #require(reference["datasets"]?["breast_cancer"]?["mean_oob_score"]?.doubleValue)
        let (train, _) = try BundledDatasets.loadSplit("breast_cancer")
        var total = 0.0
        for seed in 0..<5 {
            let model = try RandomForestClassifier(oobScore: true, seed: UInt64(seed)).fit(train.features, train.targets)
            let score = try #require(model.oobScore)
            #expect(score > 0 && score <= 1)
            total += score
        }
        #expect(abs(total / 5 - expected) <= 0.02, "mean OOB \(total / 5) vs scikit-learn \(expected)")
        let without = try RandomForestClassifier(nEstimators: 5).fit(train.features, train.targets)
        #expect(without.oobScore == nil)
    }

    @Test func sameSeedGivesBitIdenticalForestsWhateverTheThreadCount() throws {
        let (train, test) = try BundledDatasets.loadSplit("wine")
        let one = try RandomForestClassifier(nEstimators: 24, oobScore: true, seed: 11, threadCount: 1).fit(train.features, train.targets)
        let two = try RandomForestClassifier(nEstimators: 24, oobScore: true, seed: 11, threadCount: 2).fit(train.features, train.targets)
        let all = try RandomForestClassifier(nEstimators: 24, oobScore: true, seed: 11).fit(train.features, train.targets)
        var archives: [ModelArchive] = []
        for model in [one, two, all] {
            var archive = ModelArchive(for: RandomForestClassifierModel<Int>.self)
            try model.encode(into: &archive)
            archives.append(archive)
        }
        #expect(archives[0].arrays == archives[1].arrays)
        #expect(archives[0].arrays == archives[2].arrays)
        #expect(one.nodes == two.nodes)
        #expect(RandomForestTestSupport.bits(one.leafValues) == RandomForestTestSupport.bits(two.leafValues))
        #expect(one.oobScore == two.oobScore)
        let p1 = try one.predictProbabilities(test.features), p2 = try two.predictProbabilities(test.features)
        #expect(RandomForestTestSupport.bits(p1.elements) == RandomForestTestSupport.bits(p2.elements))
        let other = try RandomForestClassifier(nEstimators: 24, seed: 12).fit(train.features, train.targets)
        #expect(other.nodes != one.nodes)
    }

    @Test func probabilitiesAreMeansOfLeafFractions() throws {
        let (model, _, test) = try RandomForestTestSupport.smallForest()
        let probabilities = try model.predictProbabilities(test.features)
        #expect(probabilities.rows == test.sampleCount && probabilities.columns == 2)
        let predicted = try model.predict(test.features)
        for row in 0..<probabilities.rows {
            #expect(abs(probabilities[row, 0] + probabilities[row, 1] - 1) < 1e-12)
            #expect(predicted[row] == (probabilities[row, 1] > probabilities[row, 0] ? 1 : 0))
        }
        // Recompute row 0 by walking each tree by hand.
        let x = try test.features.row(0)
        var expected = [0.0, 0.0]
        let offsets = model.treeOffsets.array.map(Int.init)
        for tree in 0..<model.treeCount {
            var node = 0
            while model.record(offsets[tree] + node).feature != -1 {
                let (threshold, feature, right) = model.record(offsets[tree] + node)
                node = Double(Float(x[feature])) <= threshold ? node + 1 : right  // float32 comparisons, as scikit-learn
            }
            let leaf = model.record(offsets[tree] + node).link
            for k in 0..<2 { expected[k] += model.leafValues[leaf * 2 + k] / Double(model.treeCount) }
        }
        #expect(abs(probabilities[0, 0] - expected[0]) < 1e-12 && abs(probabilities[0, 1] - expected[1]) < 1e-12)
    }

    /// Single rows and small batches walk several trees at once; their probabilities are bit for
    /// bit those of the batch path (a tree count that is not a multiple of the lanes, both precisions).
    @Test func singleRowsAndSmallBatchesPredictAsTheBatch() throws {
        let (train, test) = try BundledDatasets.loadSplit("breast_cancer")
        for precision in InputPrecision.allCases {
            let model = try RandomForestClassifier(nEstimators: 37, seed: 5, inputPrecision: precision).fit(train.features, train.targets)
            #expect(test.sampleCount > RandomForestClassifierModel<Int>.interleavedRowLimit)
            let batch = try model.predictProbabilities(test.features)
            for row in 0..<test.sampleCount {
                let single = try model.predictProbabilities(test.features.selectingRows([row]))
                #expect(RandomForestTestSupport.bits(single.elements) == RandomForestTestSupport.bits(try batch.row(row)), "row \(row)")
            }
            let small = try model.predictProbabilities(test.features.selectingRows(Array(3..<19)))
            #expect(RandomForestTestSupport.bits(small.elements)
                    == RandomForestTestSupport.bits(try batch.selectingRows(Array(3..<19)).elements))
        }
    }

    @Test func fullTreesWithoutBootstrapFitTheTrainingData() throws {
        let (train, _) = try BundledDatasets.loadSplit("breast_cancer")
        let model = try RandomForestClassifier(nEstimators: 3, maxFeatures: .all, bootstrap: false).fit(train.features, train.targets)
        #expect(RandomForestTestSupport.accuracy(train.targets, try model.predict(train.features)) == 1)
        #expect(model.treeCount == 3)
    }

    @Test func depthAndLeafSizeLimitsHold() throws {
        let (train, _) = try BundledDatasets.loadSplit("digits")
        let shallow = try RandomForestClassifier(nEstimators: 8, maxDepth: 2).fit(train.features, train.targets)
        #expect(shallow.nodeCount <= 8 * 7)
        let offsets = shallow.treeOffsets.array.map(Int.init)
        for tree in 0..<shallow.treeCount { #expect(offsets[tree + 1] - offsets[tree] <= 7) }

        // Without bootstrap every training row counts once: each leaf keeps at least minSamplesLeaf rows.
        let leafy = try RandomForestClassifier(nEstimators: 2, minSamplesLeaf: 7, bootstrap: false).fit(train.features, train.targets)
        var rowsPerLeaf: [Int: Int] = [:]
        try leafy.comparedInput(train.features).elements.withUnsafeBufferPointer { buffer in
            for row in 0..<train.sampleCount {
                for tree in 0..<leafy.treeCount {
                    rowsPerLeaf[try leafy.leafRow(tree: tree, sample: buffer.baseAddress! + row * 64), default: 0] += 1
                }
            }
        }
        #expect(rowsPerLeaf.values.allSatisfy { $0 >= 7 })
        let leafCount = (0..<leafy.nodeCount).filter { leafy.record($0).feature == -1 }.count
        #expect(rowsPerLeaf.count == leafCount && leafCount == leafy.leafCount)

        let split = try RandomForestClassifier(nEstimators: 2, minSamplesSplit: 300, bootstrap: false).fit(train.features, train.targets)
        #expect(split.nodeCount < leafy.nodeCount)
    }

    @Test func maxFeaturesResolvesLikeScikitLearn() throws {
        #expect(try MaxFeatures.sqrt.resolved(featureCount: 64) == 8)
        #expect(try MaxFeatures.sqrt.resolved(featureCount: 30) == 5)
        #expect(try MaxFeatures.log2.resolved(featureCount: 64) == 6)
        #expect(try MaxFeatures.log2.resolved(featureCount: 13) == 3)
        #expect(try MaxFeatures.log2.resolved(featureCount: 1) == 1)
        #expect(try MaxFeatures.fraction(0.5).resolved(featureCount: 13) == 6)
        #expect(try MaxFeatures.fraction(0.01).resolved(featureCount: 13) == 1)
        #expect(try MaxFeatures.count(4).resolved(featureCount: 13) == 4)
        #expect(try MaxFeatures.all.resolved(featureCount: 13) == 13)
        #expect(throws: EstimatorError.self) { try MaxFeatures.count(14).resolved(featureCount: 13) }
    }

    @Test func stringLabelsAreSortedAndPredicted() throws {
        let (train, test) = try BundledDatasets.loadSplit("iris")
        let names = ["setosa", "versicolor", "virginica"]
        let model = try RandomForestClassifier(nEstimators: 30, seed: 5).fit(train.features, train.targets.map { names[$0] })
        #expect(model.classes == names)
        let predicted = try model.predict(test.features)
        let asIndices = try RandomForestClassifier(nEstimators: 30, seed: 5).fit(train.features, train.targets).predict(test.features)
        #expect(predicted == asIndices.map { names[$0] })
        #expect(RandomForestTestSupport.accuracy(test.targets.map { names[$0] }, predicted) > 0.85)
    }

    @Test func progressReportsEveryTree() throws {
        let (train, _) = try BundledDatasets.loadSplit("iris")
        let recorder = ProgressRecorder()
        _ = try RandomForestClassifier(nEstimators: 17, threadCount: 2).fit(train.features, train.targets, progress: { done, total in
            recorder.record(done, total)
        })
        #expect(recorder.calls.map(\.0) == Array(1...17))
        #expect(recorder.calls.allSatisfy { $0.1 == 17 })
    }

    @Test func fitsThroughTheClassifierEstimatorProtocol() throws {
        let (train, test) = try BundledDatasets.loadSplit("wine")
        let estimator: any ClassifierEstimator = RandomForestClassifier(nEstimators: 20)
        let model = try estimator.fitClassifier(train.features, train.targets, featureNames: train.featureNames)
        #expect(model.featureNames == train.featureNames)
        #expect(model.featureCount == 13)
        #expect(try model.predict(test.features).count == test.sampleCount)
        #expect(RandomForestClassifier.estimatorName == "RandomForest")
    }
}

/// Collects progress calls (thread-safe).
final class ProgressRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [(Int, Int)] = []
    func record(_ done: Int, _ total: Int) {
        lock.lock()
        stored.append((done, total))
        lock.unlock()
    }
    var calls: [(Int, Int)] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
