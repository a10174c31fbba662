import Brine
import Foundation

/// The peer benchmark's tasks on one dataset: scaler, logreg (on standardized data),
/// pipeline (scaler → logreg on raw data) and the 100-tree forest.
struct DatasetBenchmark {
    let data: BenchmarkData
    let options: BenchmarkOptions
    let measure: Measurements
    let scratch: URL

    var isLarge: Bool { data.train.sampleCount + data.test.sampleCount >= 50_000 }
    var repeats: Int { isLarge ? options.largeRepeats : options.repeats }

    func run() throws -> JSONValue {
        let xTrain = data.train.features, yTrain = data.train.targets
        let xTest = data.test.features, yTest = data.test.targets
        let batch = try data.cyclingTestRows(options.batchRows)
        var models: [String: JSONValue] = [:]
        var persistence: [String: JSONValue] = [:]
        log("== \(data.name): train \(xTrain.rows) / test \(xTest.rows), \(xTrain.columns) features")

        // Scaler.
        let scalerTimes = try measure.repeatedMilliseconds(repeats) { _ = try StandardScaler().fit(xTrain) }
        let scaler = try StandardScaler().fit(xTrain, featureNames: data.featureNames)
        models["scaler"] = try describe(fit: scalerTimes, accuracy: nil, logLoss: nil,
            latency: measure.latency(rows: xTest) { _ = try scaler.transform($0) },
            testRate: measure.throughput(rows: xTest, repeats: repeats) { _ = try scaler.transform($0) },
            batchRate: measure.throughput(rows: batch, repeats: repeats) { _ = try scaler.transform($0) })
        persistence["scaler"] = try measure.persistence(scaler, name: "\(data.name)-scaler",
            outputs: { Array(try $0.transform(xTest).elements) }, in: scratch)
        log("   scaler done")

        // Logistic regression on standardized features (scaling outside the timed region).
        let logreg = LogisticRegression(c: 1, fitIntercept: true, tolerance: 1e-4, maxIterations: 1000)
        let xTrainScaled = try scaler.transform(xTrain), xTestScaled = try scaler.transform(xTest)
        let batchScaled = try scaler.transform(batch)
        let logregTimes = try measure.repeatedMilliseconds(repeats) { _ = try logreg.fit(xTrainScaled, yTrain) }
        let logregModel = try logreg.fit(xTrainScaled, yTrain, featureNames: data.featureNames)
        models["logreg"] = try describe(fit: logregTimes, classifier: logregModel, xTest: xTestScaled, yTest: yTest,
            batch: batchScaled, extra: ["n_iter": .int(logregModel.iterations)])
        persistence["logreg"] = try measure.persistence(logregModel, name: "\(data.name)-logreg",
            outputs: { Array(try $0.predictProbabilities(xTestScaled).elements) }, in: scratch)
        log("   logreg done (\(logregModel.iterations) iterations)")

        // Pipeline on raw data, timed together.
        let pipeline = Pipeline<Int>(steps: [("scaler", .transformer(StandardScaler())), ("logreg", .classifier(logreg))])
        let pipelineTimes = try measure.repeatedMilliseconds(repeats) { _ = try pipeline.fit(xTrain, yTrain) }
        let pipelineModel = try pipeline.fit(xTrain, yTrain, featureNames: data.featureNames)
        models["pipeline"] = try describe(fit: pipelineTimes, classifier: pipelineModel, xTest: xTest, yTest: yTest, batch: batch)
        persistence["pipeline"] = try measure.persistence(pipelineModel, name: "\(data.name)-pipeline",
            outputs: { Array(try $0.predictProbabilities(xTest).elements) }, in: scratch)
        log("   pipeline done")

        // Random forest, 100 trees, all cores given to our own tree parallelism.
        let forest = RandomForestClassifier(nEstimators: 100, seed: 0, threadCount: options.treeThreads)
        let forestRepeats = isLarge ? 1 : repeats
        var forestModel: RandomForestClassifierModel<Int>? = nil
        let forestTimes = try measure.repeatedMilliseconds(forestRepeats) {
            forestModel = nil
            forestModel = try forest.fit(xTrain, yTrain, featureNames: data.featureNames)
        }
        guard let forestModel else { throw BenchmarkError.missing("a fitted forest") }
        models["rf"] = try describe(fit: forestTimes, classifier: forestModel, xTest: xTest, yTest: yTest, batch: batch,
            extra: ["threads": .int(options.treeThreads), "nodes": .int(forestModel.nodeCount)])
        persistence["rf"] = try measure.persistence(forestModel, name: "\(data.name)-rf",
            outputs: { Array(try $0.predictProbabilities(xTest).elements) }, in: scratch)
        log("   forest done (\(forestModel.nodeCount) nodes)")
        var sharing: JSONValue = .null
        if isLarge {
            sharing = try mappedSharing(forestModel, rows: xTest)
            log("   mapped sharing: 8 processes, Pss \(sharing["pss_total_bytes"]?.intValue ?? -1) bytes for a \(sharing["file_bytes"]?.intValue ?? -1)-byte file")
        }

        return [
            "n_train": .int(xTrain.rows), "n_test": .int(xTest.rows), "n_features": .int(xTrain.columns),
            "n_classes": .int(Set(yTrain).count), "repeats": .int(repeats),
            "models": .object(models), "persistence": .object(persistence), "rf_mapped_sharing": sharing,
        ]
    }

    /// 8 processes memory-mapping the saved forest and predicting 1,000 test rows each
    /// (``MappedSharingBenchmark``): their summed Pss against the file size.
    private func mappedSharing(_ forest: RandomForestClassifierModel<Int>, rows: Matrix) throws -> JSONValue {
        let file = scratch.appendingPathComponent("\(data.name)-rf-mapped.brine")
        let rowsFile = scratch.appendingPathComponent("\(data.name)-rows.f64")
        defer {
            try? FileManager.default.removeItem(at: file)
            try? FileManager.default.removeItem(at: rowsFile)
        }
        try forest.save(to: file, overwrite: true)
        let count = min(rows.rows, 1000)
        let selected = try rows.selectingRows(Array(0..<count))
        try selected.elements.withUnsafeBufferPointer { Data(buffer: $0) }.write(to: rowsFile)
        return try MappedSharingBenchmark.measure(
            [file.path, "--processes", "8", "--rows", "\(count)", "--rows-file", rowsFile.path])
    }

    private func describe<Model: Classifier>(
        fit: [Double], classifier: Model, xTest: Matrix, yTest: [Model.Label], batch: Matrix,
        extra: [String: JSONValue] = [:]
    ) throws -> JSONValue {
        let predictions = try classifier.predict(xTest)
        let probabilities = try classifier.predictProbabilities(xTest)
        let accuracy = try Metrics.accuracy(yTest, predictions)
        let logLoss = try Metrics.logLoss(yTest, probabilities: probabilities, classes: classifier.classes)
        return try describe(fit: fit, accuracy: accuracy, logLoss: logLoss,
            latency: measure.latency(rows: xTest) { _ = try classifier.predict($0) },
            testRate: measure.throughput(rows: xTest, repeats: repeats) { _ = try classifier.predict($0) },
            batchRate: measure.throughput(rows: batch, repeats: repeats) { _ = try classifier.predict($0) },
            extra: extra)
    }

    private func describe(
        fit: [Double], accuracy: Double?, logLoss: Double?, latency: JSONValue, testRate: Double, batchRate: Double,
        extra: [String: JSONValue] = [:]
    ) throws -> JSONValue {
        var result: [String: JSONValue] = [
            "fit_ms": .double(Stopwatch.median(fit)), "fit_ms_all": .array(fit.map(JSONValue.double)),
            "accuracy": accuracy.map(JSONValue.double) ?? .null, "log_loss": logLoss.map(JSONValue.double) ?? .null,
            "latency": latency, "rows_per_s_test": .double(testRate), "rows_per_s_batch": .double(batchRate),
        ]
        result.merge(extra) { _, new in new }
        return .object(result)
    }
}

/// Progress lines on standard error.
func log(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
