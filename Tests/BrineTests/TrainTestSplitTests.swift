import Testing
@testable import Brine

@Suite struct TrainTestSplitTests {
    static let reference = Result { try ScalerMetricsReference.load() }

    @Test(arguments: BundledDatasets.names)
    func stratifiedSplitKeepsClassProportions(name: String) throws {
        let reference = try #require(try Self.reference.get().split[name])
        let dataset = try BundledDatasets.load(name)
        let (train, test) = try TrainTestSplit.split(dataset, testFraction: 0.25, seed: 42, stratified: true)
        #expect(test.sampleCount == reference.n_test)
        #expect(train.sampleCount == reference.n_samples - reference.n_test)
        let classes = Array(Set(dataset.targets)).sorted()
        let testCounts = classes.map { c in test.targets.filter { $0 == c }.count }
        // Each class gets floor or ceil of its proportional share, as in scikit-learn's _approximate_mode;
        // scikit-learn's own split (another random generator) differs by at most one per class.
        for (index, count) in testCounts.enumerated() {
            let share = Double(reference.class_counts[index]) * Double(reference.n_test) / Double(reference.n_samples)
            #expect(Double(count) >= share.rounded(.down) - 1 && Double(count) <= share.rounded(.up) + 1,
                    "\(name) class \(index): \(count) test rows for a share of \(share)")
            #expect(abs(count - reference.sklearn_test_counts[index]) <= 1)
        }
        // Every row exactly once.
        let parts = try TrainTestSplit.indices(for: dataset.targets, testFraction: 0.25, seed: 42)
        #expect(Set(parts.train).isDisjoint(with: parts.test))
        #expect((parts.train + parts.test).sorted() == Array(0..<dataset.sampleCount))
        #expect(try train.features == dataset.features.selectingRows(parts.train))
        #expect(train.targets == parts.train.map { dataset.targets[$0] })
    }

    @Test func irisCountsAreExact() throws {
        // 150 rows, test 38 = ceil(37.5): train draws 37.33 per class → 37,37,38 in some order,
        // test gets the rest in proportion: 13,13,12 in the matching order (each class sums to 50).
        let iris = try BundledDatasets.load("iris")
        let parts = try TrainTestSplit.indices(for: iris.targets, seed: 3)
        let testCounts = (0..<3).map { c in parts.test.filter { iris.targets[$0] == c }.count }
        let trainCounts = (0..<3).map { c in parts.train.filter { iris.targets[$0] == c }.count }
        #expect(testCounts.sorted() == [12, 13, 13])
        #expect(zip(testCounts, trainCounts).allSatisfy { $0 + $1 == 50 })
    }

    @Test func deterministicForASeedAndDifferentAcrossSeeds() throws {
        let targets = (0..<200).map { $0 % 3 == 0 ? "a" : "b" }
        for stratified in [true, false] {
            let first = try TrainTestSplit.indices(for: targets, testFraction: 0.3, seed: 7, stratified: stratified)
            let again = try TrainTestSplit.indices(for: targets, testFraction: 0.3, seed: 7, stratified: stratified)
            let other = try TrainTestSplit.indices(for: targets, testFraction: 0.3, seed: 8, stratified: stratified)
            #expect(first.train == again.train && first.test == again.test)
            #expect(first.test != other.test)
            #expect(first.test.count == 60 && first.train.count == 140)
        }
        // Stratified: 67 "a" and 133 "b"; the test share 60 · 67/200 = 20.1 → 20 "a".
        let split = try TrainTestSplit.indices(for: targets, testFraction: 0.3, seed: 7)
        #expect(split.test.filter { targets[$0] == "a" }.count == 20)
    }

    @Test func unstratifiedSplitUsesEveryRowOnce() throws {
        let targets = Array(repeating: 1, count: 10)
        let split = try TrainTestSplit.indices(for: targets, testFraction: 0.25, stratified: false)
        #expect(split.test.count == 3 && split.train.count == 7)
        #expect((split.train + split.test).sorted() == Array(0..<10))
    }

    @Test func typedErrors() throws {
        let targets = [0, 0, 1, 1, 2, 2]
        for fraction in [0.0, 1.0, -0.1, 1.5, .nan, .infinity] {
            #expect(throws: DatasetError.self) { try TrainTestSplit.indices(for: targets, testFraction: fraction) }
        }
        #expect(throws: DatasetError.self) { try TrainTestSplit.indices(for: [Int](), testFraction: 0.5) }
        // A class with a single member cannot be stratified.
        #expect(throws: DatasetError.self) { try TrainTestSplit.indices(for: [0, 0, 0, 1], testFraction: 0.5) }
        // Test part of 2 rows for 3 classes.
        #expect(throws: DatasetError.self) { try TrainTestSplit.indices(for: targets, testFraction: 0.3) }
        // The train part would be empty.
        #expect(throws: DatasetError.self) { try TrainTestSplit.indices(for: [0], testFraction: 0.5, stratified: false) }
        #expect(throws: DatasetError.invalidSplit("testFraction must be strictly between 0 and 1, got 1.0")) {
            try TrainTestSplit.indices(for: targets, testFraction: 1)
        }
    }

    @Test func splitMixMatchesPublishedSequence() throws {
        // Reference values of SplitMix64 seeded with 1234567 (the generator's published test vector).
        var generator = SplitMix64(seed: 1_234_567)
        let expected: [UInt64] = [
            6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
        ]
        #expect((0..<5).map { _ in generator.next() } == expected)
        var bounded = SplitMix64(seed: 9)
        let draws = (0..<10_000).map { _ in bounded.nextInt(below: 6) }
        #expect(draws.allSatisfy { (0..<6).contains($0) })
        #expect(Set(draws).count == 6)
        var doubles = SplitMix64(seed: 1)
        #expect((0..<1000).map { _ in doubles.nextDouble() }.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(bounded.nextInt(below: 0) == 0 && bounded.nextInt(below: 1) == 0)
    }
}
