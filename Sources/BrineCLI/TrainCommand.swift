import ArgumentParser
import Brine
import Foundation

/// `brine train`: load data, split, fit, report, save with metadata.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Fit a model on a CSV file or a bundled dataset and save it.")

    @Option(help: "A CSV file with a header row.") var data: String?
    @Option(help: "A bundled dataset: iris, wine, breast_cancer or digits.") var dataset: String?
    @Option(help: "The target column.") var target = "target"
    @Option(parsing: .upToNextOption, help: "Columns of --data left out of the model (repeatable, or several after one flag).") var drop: [String] = []
    @Option(parsing: .upToNextOption, help: "Columns of --data read as categories even when they hold numbers (one-hot encoded).") var categorical: [String] = []
    @Option(parsing: .upToNextOption, help: "Columns of --data that must be numeric (a text cell is an error naming its row).") var numeric: [String] = []
    @Option(help: "scaler+logreg, logreg, forest or scaler+forest.") var model: ModelKind = .scalerLogreg
    @Option(help: "Output model file (.gz compresses).") var out: String
    @Option(help: "gzip level 1-9 (0 = none).") var compress: Int?
    @Option(parsing: .singleValue, help: "key=value stored in the model's metadata (repeatable).") var metadata: [String] = []
    @Flag(help: "Replace the output file if it exists.") var overwrite = false
    @Flag(help: "No progress bar.") var quiet = false

    @Option(help: "Fraction of rows held out for testing, in [0, 1); 0 trains on every row and reports no test score.") var testSize = 0.25
    @Option(name: [.customLong("seed"), .customLong("random-state")], help: "Seed of the split and of the forest.") var seed: UInt64 = 42

    @Option(name: [.customLong("c"), .customShort("C"), .customLong("C")], help: "LogisticRegression: inverse regularization strength.") var c = 1.0
    @Option(name: [.customLong("max-iterations"), .customLong("max-iter")], help: "LogisticRegression: iteration limit.") var maxIterations = 1000
    @Option(name: [.customLong("tolerance"), .customLong("tol")], help: "LogisticRegression: tolerance.") var tolerance = 1e-4
    @Option(help: "LogisticRegression: the optimizer, lbfgs or newton-cholesky.") var solver = "lbfgs"

    @Option(help: "Forest: number of trees.") var nEstimators = 100
    @Option(help: "Forest: maximum depth (default: unlimited).") var maxDepth: Int?
    @Option(help: "Forest: minimum samples to split a node.") var minSamplesSplit = 2
    @Option(help: "Forest: minimum samples in a leaf.") var minSamplesLeaf = 1
    @Option(help: "Forest: sqrt, log2, all, an integer count or a fraction in (0, 1].") var maxFeatures = "sqrt"
    @Option(help: "Forest: gini or entropy.") var criterion = "gini"
    @Flag(help: "Forest: grow each tree on all rows instead of a bootstrap sample.") var noBootstrap = false

    func run() throws {
        if !overwrite, FileManager.default.fileExists(atPath: out) { throw CLIError.outputExists(path: out) }
        if dataset != nil, target != "target" {
            throw CLIError.badValue(flag: "--target", value: target, reason: "bundled datasets keep their labels in the column \"target\"")
        }
        // Hyperparameters are checked before any data is read.
        try HyperparameterFlags.naming {
            if model.isForest { try forestEstimator().validate() } else { try logisticEstimator().validate() }
        }
        guard testSize.isFinite, testSize >= 0, testSize < 1 else {
            throw CLIError.badValue(flag: "--test-size", value: String(testSize), reason: "expected a fraction in [0, 1) (0 trains on every row)")
        }
        let userMetadata = try parsedMetadata()
        let compression = try compressionSetting()
        try checkColumnFlags()
        var metadata: [String: JSONValue] = ["target_column": .string(dataset == nil ? target : "target")]
        let job: TrainingJob
        if let data, dataset == nil {
            let raw = try TrainingData.table(file: data, target: target, categorical: categorical, numeric: numeric)
            let plan = try plan(for: raw)
            if !quiet, plan.needsPrinting(raw.features) { plan.lines.forEach { print($0) } }
            if plan.needsPreprocessing(raw.features) {
                job = try rawJob(raw, plan: plan)
                metadata[PreprocessingPlan.metadataKey] = try JSONValue(encoding: plan)
            } else {
                job = try numericJob(try TrainingData.numeric(raw, columns: plan.keptColumns(of: raw.features)))
            }
        } else {
            job = try numericJob(try TrainingData.load(file: data, dataset: dataset, target: target))
        }
        metadata[SplitRecord.metadataKey] = try splitRecord(rows: job.rows, trainRows: job.trainRows)
        print("data: \(job.source): \(job.rows) rows, \(job.featureNames.count) features; train \(job.trainRows), test \(job.testTruth?.count ?? 0)")

        let bar = ProgressBar(label: model.isForest ? "forest" : "lbfgs", unit: model.isForest ? "trees" : "iterations", quiet: quiet)
        let started = Date()
        let fitted = try job.fit(bar.callback)
        bar.finish()
        let seconds = Date().timeIntervalSince(started)

        print("model: \(model.rawValue), fitted in \(String(format: "%.3f", seconds)) s")
        metadata.merge([
            "training_date": .string(ISO8601DateFormatter().string(from: Date())),
            "dataset": .string(job.source),
            "feature_names": .array(job.featureNames.map(JSONValue.string)),
            "train_rows": .int(job.trainRows), "test_rows": .int(job.testTruth?.count ?? 0),
            "fit_seconds": .double(seconds),
        ]) { _, new in new }
        if let truth = job.testTruth {
            let predictions = try job.predictTest(fitted)
            let accuracy = try Metrics.accuracy(truth, predictions)
            print("test accuracy: \(String(format: "%.4f", accuracy))")
            print(try ClassificationReport(truth: truth, predicted: predictions).description)
            metadata["accuracy"] = .double(accuracy)
        } else {
            print("test accuracy: none (--test-size 0: trained on every row)")
            metadata["evaluation"] = .string("none: trained on every row (--test-size 0)")
        }
        metadata.merge(userMetadata) { _, user in user }
        let url = URL(fileURLWithPath: out)
        do {
            try fitted.save(to: url, overwrite: overwrite, compression: compression, metadata: metadata)
        } catch PersistenceError.fileExists {
            throw CLIError.outputExists(path: out)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
        print("saved \(out) (\(size) bytes)")
    }

    /// A numeric dataset split as asked (`--test-size 0`: every row trains; no held-out score).
    private func numericJob(_ full: Dataset<String>) throws -> TrainingJob {
        var train = full, test: Dataset<String>? = nil
        if testSize > 0 {
            let parts = try TrainTestSplit.split(full, testFraction: testSize, seed: seed, stratified: true)
            (train, test) = (parts.train, parts.test)
        }
        return TrainingJob(
            source: full.source, rows: full.sampleCount, featureNames: full.featureNames, trainRows: train.sampleCount,
            testTruth: test?.targets, fit: { progress in try fit(train, progress: progress) },
            predictTest: { model in try test.map { try model.predict($0.features) } ?? [] })
    }

    /// Fits the chosen model, reporting progress from the step that iterates (trees or optimizer iterations).
    private func fit(_ train: Dataset<String>, progress: FitProgress?) throws -> any Classifier<String> {
        let names = train.featureNames
        guard model.scales else { return try fitClassifier(train.features, train.targets, names, progress) }
        let scaler = try StandardScaler().fit(train.features, featureNames: names)
        let classifier = try fitClassifier(try scaler.transform(train.features), train.targets, names, progress)
        return try PipelineModel<String>(steps: [
            .init(name: "scaler", model: .transformer(scaler)),
            .init(name: classifierStepName, model: .classifier(classifier)),
        ])
    }

    /// The name of the classifier step in a saved pipeline.
    var classifierStepName: String { model.isForest ? "forest" : "logreg" }

    /// The forest or the logistic regression, fitted with progress reports.
    func fitClassifier(_ x: Matrix, _ y: [String], _ names: [String], _ progress: FitProgress?) throws -> any Classifier<String> {
        if model.isForest { return try forestEstimator().fit(x, y, featureNames: names, progress: progress) }
        return try logisticEstimator().fit(x, y, featureNames: names, progress: progress)
    }

    private func logisticEstimator() throws -> LogisticRegression {
        guard let optimizer = LogisticRegressionSolver(rawValue: solver) else {
            throw CLIError.badValue(flag: "--solver", value: solver, reason: "expected lbfgs or newton-cholesky")
        }
        return LogisticRegression(c: c, tolerance: tolerance, maxIterations: maxIterations, solver: optimizer)
    }

    private func forestEstimator() throws -> RandomForestClassifier {
        let features: MaxFeatures
        switch maxFeatures {
        case "sqrt": features = .sqrt
        case "log2": features = .log2
        case "all": features = .all
        default:
            if let count = Int(maxFeatures) { features = .count(count) }
            else if let fraction = Double(maxFeatures) { features = .fraction(fraction) }
            else { throw CLIError.badValue(flag: "--max-features", value: maxFeatures, reason: "expected sqrt, log2, all, a count or a fraction") }
        }
        let splitCriterion: SplitCriterion
        switch criterion {
        case "gini": splitCriterion = .gini
        case "entropy": splitCriterion = .entropy
        default: throw CLIError.badValue(flag: "--criterion", value: criterion, reason: "expected gini or entropy")
        }
        return RandomForestClassifier(
            nEstimators: nEstimators, criterion: splitCriterion, maxDepth: maxDepth, minSamplesSplit: minSamplesSplit,
            minSamplesLeaf: minSamplesLeaf, maxFeatures: features, bootstrap: !noBootstrap, seed: seed)
    }

    /// `--drop`, `--categorical` and `--numeric` apply to `--data` files; a column in two of them is a mistake.
    private func checkColumnFlags() throws {
        let flags = [("--drop", drop), ("--categorical", categorical), ("--numeric", numeric)]
        for (flag, names) in flags where !names.isEmpty {
            if dataset != nil {
                throw CLIError.badValue(flag: flag, value: names.joined(separator: " "), reason: "applies to --data files (bundled datasets are all numeric)")
            }
            if names.contains(target) {
                throw CLIError.badValue(flag: flag, value: target, reason: "is the target column")
            }
        }
        for (i, (first, a)) in flags.enumerated() {
            for (second, b) in flags[(i + 1)...] {
                if let both = a.first(where: b.contains) {
                    throw CLIError.badValue(flag: first, value: both, reason: "also given to \(second); choose one")
                }
            }
        }
    }

    /// The preprocessing plan for the feature columns of `raw`; `--drop` names must exist.
    private func plan(for raw: TabularDataset<String>) throws -> PreprocessingPlan {
        let unknown = drop.filter { raw.features.position(of: $0) == nil }
        guard unknown.isEmpty else {
            throw CLIError.badValue(flag: "--drop", value: unknown.joined(separator: " "),
                                    reason: "no such column (columns: \(MessageQuoting.list(raw.features.columnNames)))")
        }
        let plan = PreprocessingPlan(table: raw.features, drop: Set(drop), forced: Set(categorical + numeric),
                                     scalesNumbers: model.scales || !model.isForest)
        guard !plan.numeric.isEmpty || !plan.categorical.isEmpty else {
            throw CLIError.dataSource("\(data ?? raw.source): no feature column is left to train on (dropped: \(MessageQuoting.list(plan.dropped.map(\.column))))")
        }
        return plan
    }

    /// The split as recorded in the metadata, for `brine evaluate`.
    private func splitRecord(rows: Int, trainRows: Int) throws -> JSONValue {
        let file = dataset == nil ? data : nil
        return try SplitRecord(seed: seed, testSize: testSize, stratified: true, rows: rows, trainRows: trainRows,
                               dataset: dataset, file: try file.map(FileFingerprint.init(path:))).metadataValue()
    }

    private func compressionSetting() throws -> Compression? {
        guard let compress else { return nil }
        guard (0...9).contains(compress) else {
            throw CLIError.badValue(flag: "--compress", value: String(compress), reason: "expected a gzip level from 0 (none) to 9")
        }
        return compress == 0 ? Compression.none : .gzip(level: compress)
    }

    /// `--metadata key=value` pairs; values that parse as JSON (numbers, true/false) keep their type.
    private func parsedMetadata() throws -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for pair in metadata {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else { throw CLIError.badMetadata(pair) }
            let key = String(pair[..<equals]), text = String(pair[pair.index(after: equals)...])
            if let integer = Int(text) { result[key] = .int(integer) }
            else if let number = Double(text), number.isFinite { result[key] = .double(number) }
            else if text == "true" || text == "false" { result[key] = .bool(text == "true") }
            else { result[key] = .string(text) }
        }
        return result
    }
}
