import Foundation

/// Seeded random train/test splits (scikit-learn's `train_test_split`, with its shuffling and its
/// stratification arithmetic, but Brine's own ``SplitMix64`` generator).
///
/// The test part has `ceil(testFraction · n)` rows and the train part the rest. Stratified splits
/// give each class its share of the test rows the way scikit-learn's `StratifiedShuffleSplit`
/// does (`_approximate_mode`: floor the proportional counts, then hand the missing rows to the
/// classes with the largest remainders, breaking ties at random). The same data, fraction, seed
/// and option always give the same split; the rows of each part are in random order.
public enum TrainTestSplit {
    /// Splits `dataset` into a train and a test part.
    ///
    /// - Parameters:
    ///   - dataset: the data to split.
    ///   - testFraction: the share of rows for the test part, strictly between 0 and 1.
    ///   - seed: the seed of the shuffling.
    ///   - stratified: keep each class's proportion in both parts.
    /// - Returns: the two parts; together they hold every row once.
    /// - Throws: ``DatasetError/invalidSplit(_:)`` for a fraction outside (0, 1), too few rows for both
    ///   parts, or (stratified) a class with fewer than 2 rows or more classes than rows in a part.
    public static func split<Label: ClassLabel>(
        _ dataset: Dataset<Label>, testFraction: Double = 0.25, seed: UInt64 = 42, stratified: Bool = true
    ) throws -> (train: Dataset<Label>, test: Dataset<Label>) {
        let parts = try indices(for: dataset.targets, testFraction: testFraction, seed: seed, stratified: stratified)
        return (try dataset.subset(parts.train), try dataset.subset(parts.test))
    }

    /// Splits a ``TabularDataset`` (raw table rows) the same way: the same indices as a
    /// ``Dataset`` with the same targets, fraction, seed and option.
    ///
    /// - Throws: ``DatasetError/invalidSplit(_:)`` as the `Dataset` overload of `split(_:testFraction:seed:stratified:)` does.
    public static func split<Label: ClassLabel>(
        _ dataset: TabularDataset<Label>, testFraction: Double = 0.25, seed: UInt64 = 42, stratified: Bool = true
    ) throws -> (train: TabularDataset<Label>, test: TabularDataset<Label>) {
        let parts = try indices(for: dataset.targets, testFraction: testFraction, seed: seed, stratified: stratified)
        return (try dataset.subset(parts.train), try dataset.subset(parts.test))
    }

    /// The row indices of a split of `targets` (see `split(_:testFraction:seed:stratified:)`).
    ///
    /// - Throws: ``DatasetError/invalidSplit(_:)`` as `split(_:testFraction:seed:stratified:)` does.
    public static func indices<Label: ClassLabel>(
        for targets: [Label], testFraction: Double = 0.25, seed: UInt64 = 42, stratified: Bool = true
    ) throws -> (train: [Int], test: [Int]) {
        guard testFraction.isFinite, testFraction > 0, testFraction < 1 else {
            throw DatasetError.invalidSplit("testFraction must be strictly between 0 and 1, got \(testFraction)")
        }
        let n = targets.count
        guard n > 0 else { throw DatasetError.invalidSplit("there are no samples to split") }
        let testCount = Int((testFraction * Double(n)).rounded(.up))
        let trainCount = n - testCount
        guard trainCount > 0 else {
            throw DatasetError.invalidSplit(
                "with \(n) samples and testFraction \(testFraction) the train part would be empty")
        }
        var generator = SplitMix64(seed: seed)
        guard stratified else {
            let permutation = generator.permutation(n)
            return (Array(permutation[testCount...]), Array(permutation[..<testCount]))
        }
        let encoding = try? LabelEncoding(targets, requireTwoClasses: false)
        guard let encoding else { throw DatasetError.invalidSplit("there are no samples to split") }
        let classCount = encoding.classes.count
        var members = [[Int]](repeating: [], count: classCount)
        for (row, classIndex) in encoding.indices.enumerated() { members[classIndex].append(row) }
        let classCounts = members.map(\.count)
        if let smallest = classCounts.indices.min(by: { classCounts[$0] < classCounts[$1] }), classCounts[smallest] < 2 {
            throw DatasetError.invalidSplit(
                "the class \(MessageQuoting.quote("\(encoding.classes[smallest])")) has only \(classCounts[smallest]) sample; a stratified split needs at least 2 per class")
        }
        guard trainCount >= classCount else {
            throw DatasetError.invalidSplit("the train part (\(trainCount) rows) is smaller than the number of classes (\(classCount))")
        }
        guard testCount >= classCount else {
            throw DatasetError.invalidSplit("the test part (\(testCount) rows) is smaller than the number of classes (\(classCount))")
        }
        let trainPerClass = approximateMode(classCounts, draws: trainCount, generator: &generator)
        let remaining = zip(classCounts, trainPerClass).map { $0 - $1 }
        let testPerClass = approximateMode(remaining, draws: testCount, generator: &generator)
        var train: [Int] = []
        var test: [Int] = []
        train.reserveCapacity(trainCount)
        test.reserveCapacity(testCount)
        for classIndex in 0..<classCount {
            var rows = members[classIndex]
            generator.shuffle(&rows)
            let trainRows = min(trainPerClass[classIndex], rows.count)
            let testRows = min(testPerClass[classIndex], rows.count - trainRows)
            train.append(contentsOf: rows[..<trainRows])
            test.append(contentsOf: rows[trainRows..<(trainRows + testRows)])
        }
        generator.shuffle(&train)
        generator.shuffle(&test)
        return (train, test)
    }

    /// scikit-learn's `_approximate_mode`: `draws` items spread over classes in proportion to `counts`.
    static func approximateMode(_ counts: [Int], draws: Int, generator: inout SplitMix64) -> [Int] {
        let total = Double(counts.reduce(0, +))
        guard total > 0 else { return counts.map { _ in 0 } }
        let continuous = counts.map { Double($0) / total * Double(draws) }
        var floored = continuous.map { $0.rounded(.down) }
        var needToAdd = Int(Double(draws) - floored.reduce(0, +))
        if needToAdd > 0 {
            let remainder = zip(continuous, floored).map { $0 - $1 }
            for value in Set(remainder).sorted(by: >) {
                var candidates = remainder.indices.filter { remainder[$0] == value }
                generator.shuffle(&candidates)
                let addNow = min(candidates.count, needToAdd)
                for index in candidates[..<addNow] { floored[index] += 1 }
                needToAdd -= addNow
                if needToAdd == 0 { break }
            }
        }
        return floored.map { Int($0) }
    }
}
