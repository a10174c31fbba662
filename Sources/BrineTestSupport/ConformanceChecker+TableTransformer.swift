import Brine

extension ConformanceChecker {
    /// Runs the checks of a transformer that reads a ``Table`` (text columns, missing cells):
    /// fit and transform (output names, one row per input row), row subsets and a single row bit
    /// for bit, reordered and extra input columns matched by name, a missing column, a column of
    /// the other kind, no rows, determinism, invalid hyperparameters, and archive round trips
    /// (own decoder and ``ModelRegistry/shared``).
    ///
    /// - Parameters:
    ///   - makeEstimator: makes the estimator under test.
    ///   - table: training data with at least three rows.
    ///   - invalidEstimators: estimators whose hyperparameters are out of range; each must fail to fit.
    /// - Returns: one entry per check.
    public static func checkTableTransformer<Estimator: TableTransformerEstimator>(
        makeEstimator: () -> Estimator, on table: Table, invalidEstimators: [Estimator] = []
    ) -> ConformanceReport {
        var recorder = ConformanceRecorder()
        var fitted: (any TableTransformer)? = nil
        var output: Table? = nil
        recorder.check("fit and transform") {
            let model = try makeEstimator().fitTableTransformer(table)
            try ConformanceRecorder.require(model.featureCount == table.columnCount,
                "featureCount is \(model.featureCount), the table has \(table.columnCount) columns")
            try ConformanceRecorder.require(model.featureNames == table.columnNames, "featureNames were not kept")
            let z = try model.transformTable(table)
            try ConformanceRecorder.require(z.rowCount == table.rowCount, "transform gives \(z.rowCount) rows for \(table.rowCount)")
            try ConformanceRecorder.require(z.columnNames == model.outputColumnNames,
                "the output columns \(z.columnNames.prefix(5)) are not outputColumnNames \(model.outputColumnNames.prefix(5))")
            fitted = model
            output = z
        }
        guard let model = fitted, let z = output else {
            return ConformanceReport(estimatorName: Estimator.estimatorName, checks: recorder.checks)
        }
        recorder.check("a subset of rows transforms as within all rows") {
            let subset = Array(stride(from: table.rowCount - 1, through: 0, by: -3))
            try ConformanceRecorder.require(try model.transformTable(try table.rows(subset)) == (try z.rows(subset)),
                "rows \(subset.prefix(5))… differ when transformed apart")
            try ConformanceRecorder.require(try model.transformTable(try table.rows([0])) == (try z.rows([0])),
                "row 0 alone transforms differently")
        }
        recorder.check("reordered and extra columns are matched by name") {
            let reordered = try Table(columns: [.numeric("__extra__", [Double](repeating: 1, count: table.rowCount))]
                                      + table.columns.reversed())
            try ConformanceRecorder.require(try model.transformTable(reordered) == z, "the output depends on the column order")
        }
        if let first = table.columns.first {
            recorder.check("a missing column throws missingFeatures") {
                let without = try table.dropping([first.name])
                try ConformanceRecorder.expectEstimatorError("transform without \(first.name)", expected: ".missingFeatures",
                    matches: { if case .missingFeatures = $0 { return true } else { return false } }
                ) { _ = try model.transformTable(without) }
            }
            recorder.check("a column of the other kind throws columnKindMismatch") {
                let other: TableColumn = first.kind == .numeric
                    ? .categorical(first.name, [String?](repeating: "a", count: table.rowCount))
                    : .numeric(first.name, [Double](repeating: 1, count: table.rowCount))
                let changed = try Table(columns: [other] + table.columns.dropFirst())
                try ConformanceRecorder.expectEstimatorError("transform with \(first.name) of the other kind",
                    expected: ".columnKindMismatch",
                    matches: { if case .columnKindMismatch = $0 { return true } else { return false } }
                ) { _ = try model.transformTable(changed) }
            }
        }
        recorder.check("no rows at fit throws emptyData") {
            try ConformanceRecorder.expectEstimatorError("fit on no rows", expected: ".emptyData",
                matches: { if case .emptyData = $0 { return true } else { return false } }
            ) { _ = try makeEstimator().fitTableTransformer(try table.rows([])) }
        }
        recorder.check("archive round trip gives the same output") {
            let archive = try ConformanceRecorder.archive(of: model)
            guard let decoded = try ConformanceRecorder.decodeAsTypeOf(model, archive) as? any TableTransformer else {
                throw ConformanceFailure("the decoded model is not a TableTransformer")
            }
            try ConformanceRecorder.require(try decoded.transformTable(table) == z, "decoded output differs")
            let again = try ConformanceRecorder.archive(of: decoded)
            try ConformanceRecorder.require(again == archive,
                "re-encoding the decoded model changes the archive: \(ConformanceRecorder.difference(again, archive))")
        }
        recorder.check("registry decodes the archive") {
            let archive = try ConformanceRecorder.archive(of: model)
            guard let decoded = try ModelRegistry.shared.decode(archive) as? any TableTransformer else {
                throw ConformanceFailure("ModelRegistry.shared decoded something that is not a TableTransformer")
            }
            try ConformanceRecorder.require(try decoded.transformTable(table) == z, "output after a registry round trip differs")
        }
        recorder.check("fit is deterministic") {
            let a = ConformanceRecorder.withoutFitStatistics(try ConformanceRecorder.archive(of: model))
            let b = ConformanceRecorder.withoutFitStatistics(
                try ConformanceRecorder.archive(of: try makeEstimator().fitTableTransformer(table)))
            try ConformanceRecorder.require(a == b, "two fits differ in \(ConformanceRecorder.difference(a, b))")
        }
        recorder.check("invalid hyperparameters throw invalidHyperparameter") {
            for (index, invalid) in invalidEstimators.enumerated() {
                try ConformanceRecorder.expectEstimatorError("invalid estimator \(index) (\(invalid))",
                    expected: ".invalidHyperparameter",
                    matches: { if case .invalidHyperparameter = $0 { return true } else { return false } }
                ) { _ = try invalid.fitTableTransformer(table) }
            }
        }
        return ConformanceReport(estimatorName: Estimator.estimatorName, checks: recorder.checks)
    }
}
