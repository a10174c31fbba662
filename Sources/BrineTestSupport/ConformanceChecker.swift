import Brine

/// Conformance checks every Brine estimator must pass, in the spirit of scikit-learn's
/// `check_estimator`. Run them from a test:
///
/// ```swift
/// let report = ConformanceChecker.checkClassifier(
///     LogisticRegression(), on: try BundledDatasets.load("iris"),
///     invalidEstimators: [LogisticRegression(c: 0), LogisticRegression(maxIterations: 0)])
/// #expect(report.passed, "\(report)")
/// ```
///
/// The checks (each one entry of the ``ConformanceReport``):
/// - fitting twice gives identical models: equal encoded ``ModelArchive``s (fit statistics,
///   which may hold timings, are left out of the comparison);
/// - the fitted model reports the feature count, feature names (and classes) of the data;
/// - predicting (transforming) a subset of rows, in another order, gives bit for bit the same
///   rows as predicting all rows; so does a single row;
/// - NaN, +∞ and −∞ at fit and at predict throw ``EstimatorError/nonFiniteValue(row:column:)``
///   naming the position (NaN is left out when the estimator's ``EstimatorTags/allowsMissingValues``
///   says it accepts missing values, as scikit-learn's `check_estimator` reads `allow_nan`);
/// - no rows or no columns at fit throw ``EstimatorError/emptyData(what:)``;
/// - a single class throws ``EstimatorError/singleClass(label:)`` and mismatched targets
///   ``EstimatorError/sampleCountMismatch(features:targets:)`` (classifiers);
/// - one feature too many or too few at predict throws ``EstimatorError/featureCountMismatch(expected:actual:)``;
/// - each of the caller's invalid estimators throws ``EstimatorError/invalidHyperparameter(name:value:reason:)``;
/// - probabilities are finite, in [0, 1], rows sum to 1 (within `probabilityTolerance`), and
///   `predict` picks the most probable class wherever the maximum is unique (classifiers);
/// - encode → decode gives a model with bit-identical predictions and the same archive, both
///   through the type's own decoder and through ``ModelRegistry/shared`` (so the type must be registered).
public enum ConformanceChecker {
    /// Runs the classifier checks on estimators made by `makeEstimator` (called once per fit).
    ///
    /// - Parameters:
    ///   - makeEstimator: makes the estimator under test; every call must make the same configuration.
    ///   - dataset: data with at least two classes and, for the row checks, at least three rows.
    ///   - invalidEstimators: estimators whose hyperparameters are out of range; each must fail to fit.
    ///   - probabilityTolerance: how far from 1 a probability row's sum may be.
    /// - Returns: one entry per check.
    public static func checkClassifier<Estimator: ClassifierEstimator, Label: ClassLabel>(
        makeEstimator: () -> Estimator, on dataset: Dataset<Label>, invalidEstimators: [Estimator] = [],
        probabilityTolerance: Double = 1e-10
    ) -> ConformanceReport {
        var recorder = ConformanceRecorder()
        let x = dataset.features
        let y = dataset.targets
        let names = dataset.featureNames
        let expectedClasses = Array(Set(y)).sorted()
        var fitted: (any Classifier<Label>)? = nil
        recorder.check("fit") {
            let model = try makeEstimator().fitClassifier(x, y, featureNames: names)
            try ConformanceRecorder.require(model.featureCount == x.columns,
                "featureCount is \(model.featureCount), the data has \(x.columns) columns")
            try ConformanceRecorder.require(model.featureNames == names, "featureNames were not kept")
            try ConformanceRecorder.require(model.classes == expectedClasses,
                "classes are \(model.classes), expected the sorted distinct targets \(expectedClasses)")
            fitted = model
        }
        guard let model = fitted else {
            return ConformanceReport(estimatorName: Estimator.estimatorName, checks: recorder.checks)
        }
        var allProbabilities: Matrix? = nil
        var allPredictions: [Label] = []
        recorder.check("predict and predictProbabilities") {
            let probabilities = try model.predictProbabilities(x)
            let predictions = try model.predict(x)
            try ConformanceRecorder.require(probabilities.rows == x.rows && probabilities.columns == model.classes.count,
                "probabilities are \(probabilities.rows) × \(probabilities.columns), expected \(x.rows) × \(model.classes.count)")
            try ConformanceRecorder.require(predictions.count == x.rows, "\(predictions.count) predictions for \(x.rows) rows")
            let known = Set(model.classes)
            if let stray = predictions.first(where: { !known.contains($0) }) {
                throw ConformanceFailure("predicted \(stray), which is not among the classes")
            }
            allProbabilities = probabilities
            allPredictions = predictions
        }
        if let probabilities = allProbabilities {
            recorder.check("probabilities are in [0, 1] and rows sum to 1") {
                for i in 0..<probabilities.rows {
                    let row = try probabilities.row(i)
                    if let bad = row.first(where: { !($0 >= 0 && $0 <= 1) }) {
                        throw ConformanceFailure("row \(i) has probability \(bad)")
                    }
                    let sum = row.reduce(0, +)
                    try ConformanceRecorder.require(abs(sum - 1) <= probabilityTolerance, "row \(i) sums to \(sum)")
                }
            }
            recorder.check("predict picks the most probable class") {
                for i in 0..<probabilities.rows {
                    let row = try probabilities.row(i)
                    let sorted = row.sorted(by: >)
                    guard sorted.count > 1, sorted[0] - sorted[1] > 1e-12,
                          let best = row.firstIndex(of: sorted[0]) else { continue }
                    try ConformanceRecorder.require(allPredictions[i] == model.classes[best],
                        "row \(i): predicted \(allPredictions[i]) but the most probable class is \(model.classes[best])")
                }
            }
            recorder.check("a subset of rows predicts bit for bit as within all rows") {
                let subset = Array(stride(from: x.rows - 1, through: 0, by: -3))
                let part = try model.predictProbabilities(try x.selectingRows(subset))
                try ConformanceRecorder.require(ConformanceRecorder.bitwiseEqual(part, try probabilities.selectingRows(subset)),
                    "probabilities of rows \(subset.prefix(5))… differ when predicted apart")
                try ConformanceRecorder.require(try model.predict(try x.selectingRows(subset)) == subset.map { allPredictions[$0] },
                    "labels differ when predicted apart")
            }
            recorder.check("one sample") {
                let one = try x.selectingRows([0])
                let p = try model.predictProbabilities(one)
                try ConformanceRecorder.require(ConformanceRecorder.bitwiseEqual(p, try probabilities.selectingRows([0])),
                    "row 0 alone gives other probabilities")
                try ConformanceRecorder.require(try model.predict(one) == [allPredictions[0]], "row 0 alone gives another label")
            }
            recorder.check("archive round trip gives bit-identical predictions") {
                let archive = try ConformanceRecorder.archive(of: model)
                let decodedAny = try ConformanceRecorder.decodeAsTypeOf(model, archive)
                guard let decoded = decodedAny as? any Classifier<Label> else {
                    throw ConformanceFailure("the decoded model is not a Classifier<\(Label.self)>")
                }
                try ConformanceRecorder.require(ConformanceRecorder.bitwiseEqual(try decoded.predictProbabilities(x), probabilities),
                    "decoded probabilities differ")
                try ConformanceRecorder.require(try decoded.predict(x) == allPredictions, "decoded predictions differ")
                let again = try ConformanceRecorder.archive(of: decoded)
                try ConformanceRecorder.require(again == archive,
                    "re-encoding the decoded model changes the archive: \(ConformanceRecorder.difference(again, archive))")
                try ConformanceRecorder.require(archive.labelTypeName == Label.labelTypeName,
                    "the archive's labelTypeName is \(archive.labelTypeName ?? "nil"), expected \(Label.labelTypeName)")
            }
            recorder.check("registry decodes the archive") {
                let archive = try ConformanceRecorder.archive(of: model)
                guard let decoded = try ModelRegistry.shared.decode(archive) as? any Classifier<Label> else {
                    throw ConformanceFailure("ModelRegistry.shared decoded something that is not a Classifier<\(Label.self)>")
                }
                try ConformanceRecorder.require(ConformanceRecorder.bitwiseEqual(try decoded.predictProbabilities(x), probabilities),
                    "probabilities after a registry round trip differ")
            }
        }
        recorder.check("fit is deterministic") {
            let first = try ConformanceRecorder.archive(of: model)
            let second = try ConformanceRecorder.archive(of: try makeEstimator().fitClassifier(x, y, featureNames: names))
            let a = ConformanceRecorder.withoutFitStatistics(first)
            let b = ConformanceRecorder.withoutFitStatistics(second)
            try ConformanceRecorder.require(a == b, "two fits differ in \(ConformanceRecorder.difference(a, b))")
        }
        let row = x.rows / 2
        let column = x.columns - 1
        // The tags choose the checks: NaN is refused unless the estimator accepts missing values.
        let refused: [Double] = makeEstimator().tags.allowsMissingValues ? [.infinity, -.infinity] : [.nan, .infinity, -.infinity]
        recorder.check("non-finite values at fit throw nonFiniteValue") {
            for value in refused {
                let bad = try ConformanceRecorder.replacing(x, row: row, column: column, with: value)
                try ConformanceRecorder.expectEstimatorError(
                    "fit with \(value) at (\(row), \(column))", expected: ".nonFiniteValue(row: \(row), column: \(column))",
                    matches: { $0 == .nonFiniteValue(row: row, column: column) }
                ) { _ = try makeEstimator().fitClassifier(bad, y, featureNames: names) }
            }
        }
        recorder.check("non-finite values at predict throw nonFiniteValue") {
            for value in refused {
                let bad = try ConformanceRecorder.replacing(x, row: row, column: column, with: value)
                let expected = EstimatorError.nonFiniteValue(row: row, column: column)
                try ConformanceRecorder.expectEstimatorError("predict with \(value)", expected: "\(expected)",
                    matches: { $0 == expected }) { _ = try model.predict(bad) }
                try ConformanceRecorder.expectEstimatorError("predictProbabilities with \(value)", expected: "\(expected)",
                    matches: { $0 == expected }) { _ = try model.predictProbabilities(bad) }
            }
        }
        recorder.check("empty data at fit throws emptyData") {
            let isEmpty: (EstimatorError) -> Bool = { if case .emptyData = $0 { return true } else { return false } }
            try ConformanceRecorder.expectEstimatorError("fit on no rows", expected: ".emptyData", matches: isEmpty) {
                _ = try makeEstimator().fitClassifier(Matrix(rows: 0, columns: x.columns, repeating: 0), [Label](), featureNames: nil)
            }
            try ConformanceRecorder.expectEstimatorError("fit on no columns", expected: ".emptyData", matches: isEmpty) {
                _ = try makeEstimator().fitClassifier(Matrix(rows: x.rows, columns: 0, repeating: 0), y, featureNames: nil)
            }
        }
        recorder.check("a single class throws singleClass") {
            let only = Array(repeating: y[0], count: y.count)
            try ConformanceRecorder.expectEstimatorError("fit on one class", expected: ".singleClass",
                matches: { if case .singleClass = $0 { return true } else { return false } }
            ) { _ = try makeEstimator().fitClassifier(x, only, featureNames: names) }
        }
        recorder.check("targets of another length throw sampleCountMismatch") {
            let short = Array(y.dropLast())
            try ConformanceRecorder.expectEstimatorError("fit with \(short.count) targets", expected: ".sampleCountMismatch",
                matches: { $0 == .sampleCountMismatch(features: x.rows, targets: short.count) }
            ) { _ = try makeEstimator().fitClassifier(x, short, featureNames: names) }
        }
        recorder.check("the wrong feature count at predict throws featureCountMismatch") {
            for columns in [x.columns + 1, x.columns - 1] where columns > 0 {
                let other = try ConformanceRecorder.withColumnCount(x, columns)
                let expected = EstimatorError.featureCountMismatch(expected: x.columns, actual: columns)
                try ConformanceRecorder.expectEstimatorError("predict with \(columns) columns", expected: "\(expected)",
                    matches: { $0 == expected }) { _ = try model.predict(other) }
                try ConformanceRecorder.expectEstimatorError("predictProbabilities with \(columns) columns",
                    expected: "\(expected)", matches: { $0 == expected }) { _ = try model.predictProbabilities(other) }
            }
        }
        recorder.check("invalid hyperparameters throw invalidHyperparameter") {
            for (index, invalid) in invalidEstimators.enumerated() {
                try ConformanceRecorder.expectEstimatorError("invalid estimator \(index) (\(invalid))",
                    expected: ".invalidHyperparameter",
                    matches: { if case .invalidHyperparameter = $0 { return true } else { return false } }
                ) { _ = try invalid.fitClassifier(x, y, featureNames: names) }
            }
        }
        return ConformanceReport(estimatorName: Estimator.estimatorName, checks: recorder.checks)
    }

    /// Runs the classifier checks on `estimator` (see ``checkClassifier(makeEstimator:on:invalidEstimators:probabilityTolerance:)``).
    public static func checkClassifier<Estimator: ClassifierEstimator, Label: ClassLabel>(
        _ estimator: Estimator, on dataset: Dataset<Label>, invalidEstimators: [Estimator] = [],
        probabilityTolerance: Double = 1e-10
    ) -> ConformanceReport {
        checkClassifier(makeEstimator: { estimator }, on: dataset, invalidEstimators: invalidEstimators,
                        probabilityTolerance: probabilityTolerance)
    }
}
