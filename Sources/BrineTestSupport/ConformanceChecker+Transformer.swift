import Brine

extension ConformanceChecker {
    /// Runs the transformer checks on estimators made by `makeEstimator` (called once per fit):
    /// determinism, row subsets and single rows bit for bit, non-finite input (NaN refused, or accepted
    /// as missing when the estimator's ``EstimatorTags/allowsMissingValues`` says so), empty input, the wrong
    /// feature count, invalid hyperparameters, finite output with one row per input row, and
    /// archive round trips (own decoder and ``ModelRegistry/shared``).
    ///
    /// - Parameters:
    ///   - makeEstimator: makes the transformer estimator under test.
    ///   - x: training data with at least three rows.
    ///   - featureNames: names for the columns of `x`, checked to be kept.
    ///   - invalidEstimators: estimators whose hyperparameters are out of range; each must fail to fit.
    /// - Returns: one entry per check.
    public static func checkTransformer<Estimator: TransformerEstimator>(
        makeEstimator: () -> Estimator, on x: Matrix, featureNames: [String]? = nil,
        invalidEstimators: [Estimator] = []
    ) -> ConformanceReport {
        var recorder = ConformanceRecorder()
        var fitted: (any Transformer)? = nil
        var output: Matrix? = nil
        recorder.check("fit and transform") {
            let model = try makeEstimator().fitTransformer(x, featureNames: featureNames)
            try ConformanceRecorder.require(model.featureCount == x.columns,
                "featureCount is \(model.featureCount), the data has \(x.columns) columns")
            try ConformanceRecorder.require(model.featureNames == featureNames, "featureNames were not kept")
            let z = try model.transform(x)
            try ConformanceRecorder.require(z.rows == x.rows, "transform gives \(z.rows) rows for \(x.rows)")
            if let position = z.firstNonFiniteElement {
                throw ConformanceFailure("transform gives a non-finite value at (\(position.row), \(position.column))")
            }
            fitted = model
            output = z
        }
        guard let model = fitted, let z = output else {
            return ConformanceReport(estimatorName: Estimator.estimatorName, checks: recorder.checks)
        }
        recorder.check("a subset of rows transforms bit for bit as within all rows") {
            let subset = Array(stride(from: x.rows - 1, through: 0, by: -3))
            let part = try model.transform(try x.selectingRows(subset))
            try ConformanceRecorder.require(ConformanceRecorder.bitwiseEqual(part, try z.selectingRows(subset)),
                "rows \(subset.prefix(5))… differ when transformed apart")
        }
        recorder.check("one sample") {
            let part = try model.transform(try x.selectingRows([0]))
            try ConformanceRecorder.require(ConformanceRecorder.bitwiseEqual(part, try z.selectingRows([0])),
                "row 0 alone transforms differently")
        }
        recorder.check("archive round trip gives bit-identical output") {
            let archive = try ConformanceRecorder.archive(of: model)
            guard let decoded = try ConformanceRecorder.decodeAsTypeOf(model, archive) as? any Transformer else {
                throw ConformanceFailure("the decoded model is not a Transformer")
            }
            try ConformanceRecorder.require(ConformanceRecorder.bitwiseEqual(try decoded.transform(x), z), "decoded output differs")
            let again = try ConformanceRecorder.archive(of: decoded)
            try ConformanceRecorder.require(again == archive,
                "re-encoding the decoded model changes the archive: \(ConformanceRecorder.difference(again, archive))")
        }
        recorder.check("registry decodes the archive") {
            let archive = try ConformanceRecorder.archive(of: model)
            guard let decoded = try ModelRegistry.shared.decode(archive) as? any Transformer else {
                throw ConformanceFailure("ModelRegistry.shared decoded something that is not a Transformer")
            }
            try ConformanceRecorder.require(ConformanceRecorder.bitwiseEqual(try decoded.transform(x), z),
                "output after a registry round trip differs")
        }
        recorder.check("fit is deterministic") {
            let a = ConformanceRecorder.withoutFitStatistics(try ConformanceRecorder.archive(of: model))
            let b = ConformanceRecorder.withoutFitStatistics(
                try ConformanceRecorder.archive(of: try makeEstimator().fitTransformer(x, featureNames: featureNames)))
            try ConformanceRecorder.require(a == b, "two fits differ in \(ConformanceRecorder.difference(a, b))")
        }
        let row = x.rows / 2
        let column = x.columns - 1
        // The estimator's tags choose the checks (scikit-learn's `allow_nan`): NaN is either
        // refused like ±∞ or accepted as a missing value; ±∞ is always refused.
        let allowsMissing = makeEstimator().tags.allowsMissingValues
        let refused: [Double] = allowsMissing ? [.infinity, -.infinity] : [.nan, .infinity, -.infinity]
        recorder.check("non-finite values at fit throw nonFiniteValue") {
            for value in refused {
                let bad = try ConformanceRecorder.replacing(x, row: row, column: column, with: value)
                let expected = EstimatorError.nonFiniteValue(row: row, column: column)
                try ConformanceRecorder.expectEstimatorError("fit with \(value)", expected: "\(expected)",
                    matches: { $0 == expected }) { _ = try makeEstimator().fitTransformer(bad, featureNames: featureNames) }
            }
        }
        recorder.check("non-finite values at transform throw nonFiniteValue") {
            for value in refused {
                let bad = try ConformanceRecorder.replacing(x, row: row, column: column, with: value)
                let expected = EstimatorError.nonFiniteValue(row: row, column: column)
                try ConformanceRecorder.expectEstimatorError("transform with \(value)", expected: "\(expected)",
                    matches: { $0 == expected }) { _ = try model.transform(bad) }
            }
        }
        if allowsMissing {
            recorder.check("NaN (missing) at fit and transform is accepted and the output is finite") {
                let bad = try ConformanceRecorder.replacing(x, row: row, column: column, with: .nan)
                let withMissing = try makeEstimator().fitTransformer(bad, featureNames: featureNames)
                for output in [try withMissing.transform(bad), try model.transform(bad)] {
                    try ConformanceRecorder.require(output.rows == x.rows, "transform gives \(output.rows) rows for \(x.rows)")
                    if let position = output.firstNonFiniteElement {
                        throw ConformanceFailure("a missing input gives a non-finite output at (\(position.row), \(position.column))")
                    }
                }
            }
        }
        recorder.check("empty data at fit throws emptyData") {
            let isEmpty: (EstimatorError) -> Bool = { if case .emptyData = $0 { return true } else { return false } }
            try ConformanceRecorder.expectEstimatorError("fit on no rows", expected: ".emptyData", matches: isEmpty) {
                _ = try makeEstimator().fitTransformer(Matrix(rows: 0, columns: x.columns, repeating: 0), featureNames: nil)
            }
            try ConformanceRecorder.expectEstimatorError("fit on no columns", expected: ".emptyData", matches: isEmpty) {
                _ = try makeEstimator().fitTransformer(Matrix(rows: x.rows, columns: 0, repeating: 0), featureNames: nil)
            }
        }
        recorder.check("the wrong feature count at transform throws featureCountMismatch") {
            for columns in [x.columns + 1, x.columns - 1] where columns > 0 {
                let other = try ConformanceRecorder.withColumnCount(x, columns)
                let expected = EstimatorError.featureCountMismatch(expected: x.columns, actual: columns)
                try ConformanceRecorder.expectEstimatorError("transform with \(columns) columns", expected: "\(expected)",
                    matches: { $0 == expected }) { _ = try model.transform(other) }
            }
        }
        recorder.check("invalid hyperparameters throw invalidHyperparameter") {
            for (index, invalid) in invalidEstimators.enumerated() {
                try ConformanceRecorder.expectEstimatorError("invalid estimator \(index) (\(invalid))",
                    expected: ".invalidHyperparameter",
                    matches: { if case .invalidHyperparameter = $0 { return true } else { return false } }
                ) { _ = try invalid.fitTransformer(x, featureNames: featureNames) }
            }
        }
        return ConformanceReport(estimatorName: Estimator.estimatorName, checks: recorder.checks)
    }

    /// Runs the transformer checks on `estimator` (see ``checkTransformer(makeEstimator:on:featureNames:invalidEstimators:)``).
    public static func checkTransformer<Estimator: TransformerEstimator>(
        _ estimator: Estimator, on x: Matrix, featureNames: [String]? = nil, invalidEstimators: [Estimator] = []
    ) -> ConformanceReport {
        checkTransformer(makeEstimator: { estimator }, on: x, featureNames: featureNames, invalidEstimators: invalidEstimators)
    }

    /// Runs the transformer checks on a dataset's features and names.
    public static func checkTransformer<Estimator: TransformerEstimator, Label: ClassLabel>(
        _ estimator: Estimator, on dataset: Dataset<Label>, invalidEstimators: [Estimator] = []
    ) -> ConformanceReport {
        checkTransformer(makeEstimator: { estimator }, on: dataset.features, featureNames: dataset.featureNames,
                         invalidEstimators: invalidEstimators)
    }
}
