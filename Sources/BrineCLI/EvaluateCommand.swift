import ArgumentParser
import Brine
import Foundation

/// `brine evaluate`: accuracy, confusion matrix and per-class report on labelled CSV data.
///
/// When the data is the data the model was trained on (the same bundled dataset, or a file with
/// the recorded size and CRC-32, the same target column and row count), `evaluate` scores every
/// row as asked but warns on standard error that some were training rows; `--held-out` scores
/// only the rows the recorded split held out.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate", abstract: "Score a model on a labelled CSV file.")

    @Argument(help: "The model file.") var modelFile: String
    @Option(help: "A CSV file with the model's feature columns (any order, raw cells for a model trained on raw data) and the target column.") var data: String?
    @Option(help: "A bundled dataset (all its rows, labels as class names): iris, wine, breast_cancer or digits.") var dataset: String?
    @Option(help: "The target column (default: the column the model was trained on, else \"target\").") var target: String?
    @Flag(help: "Score only the rows the model's recorded split held out (the data must be the training data).") var heldOut = false

    func run() throws {
        let model = try LoadedModel(path: modelFile)
        let target = self.target ?? model.targetColumn ?? "target"
        let name = data ?? dataset ?? ""
        var truth: [String]
        let predictAll: ([Int]?) throws -> [String]
        if let dataset, data == nil {
            let labelled = try TrainingData.load(file: nil, dataset: dataset, target: "target")
            var positions: [String: Int] = [:]
            for (index, name) in labelled.featureNames.enumerated() { positions[name] = index }
            let x = try labelled.features.selectingColumns(try model.featureNames.map { name in
                guard let index = positions[name] else {
                    throw CLIError.missingColumns(file: dataset, missing: [name])
                }
                return index
            })
            truth = labelled.targets
            predictAll = { rows in try model.predict(try rows.map { try x.selectingRows($0) } ?? x) }
        } else if let data, dataset == nil {
            if model.readsTables {
                let table = try ModelInput.table(file: data, model: model, target: target)
                truth = try Self.labels(of: table, column: target)
                predictAll = { rows in
                    try ModelInput.withTable(file: data, model: model, target: target, read: table) { table in
                        try model.predict(try rows.map { try table.rows($0) } ?? table)
                    }
                }
            } else {
                let (x, labels) = try TrainingData.labelled(from: data, columns: model.featureNames, target: target)
                truth = labels
                predictAll = { rows in try model.predict(try rows.map { try x.selectingRows($0) } ?? x) }
            }
        } else {
            throw CLIError.dataSource("give the labelled data with --data FILE.csv or --dataset NAME")
        }
        if let classes = model.classNames, Set(truth).isDisjoint(with: classes) {
            throw CLIError.labelsNotInModel(file: name, column: target,
                                            sample: Array(Set(truth).sorted().prefix(5)), classes: classes)
        }
        let rows = try scoredRows(model: model, target: target, truth: truth)
        if let rows { truth = rows.map { truth[$0] } }
        let predicted = try predictAll(rows)
        let labels = Array(Set(truth).union(predicted)).sorted()
        print("accuracy: \(String(format: "%.4f", try Metrics.accuracy(truth, predicted))) on \(truth.count) \(rows == nil ? "rows" : "held-out rows")")
        print("\nconfusion matrix (rows: true, columns: predicted)")
        print(try ConfusionMatrix(truth: truth, predicted: predicted, labels: labels).description)
        print("")
        print(try ClassificationReport(truth: truth, predicted: predicted).description)
    }

    /// The rows to score (`nil`: all), after warning when some of them trained the model.
    private func scoredRows(model: LoadedModel, target: String, truth: [String]) throws -> [Int]? {
        let name = data ?? dataset ?? ""
        guard let split = model.split else {
            if heldOut { throw CLIError.badValue(flag: "--held-out", value: modelFile, reason: "the model records no split (it was not trained by this version of brine train)") }
            return nil
        }
        let sameSource: Bool
        if let dataset { sameSource = split.dataset == dataset }
        else if let data, let recorded = split.file { sameSource = try FileFingerprint(path: data) == recorded }
        else { sameSource = false }
        guard sameSource, truth.count == split.rows, model.targetColumn.map({ $0 == target }) ?? true else {
            if heldOut { throw CLIError.badValue(flag: "--held-out", value: name, reason: "not the data the model was trained on (its size, checksum, rows or target column differ from the recorded split)") }
            return nil
        }
        let parts = try split.trainingRows(targets: truth)
        if heldOut {
            guard !parts.test.isEmpty else {
                throw CLIError.badValue(flag: "--held-out", value: name, reason: "the model was trained on every row (--test-size 0); no row was held out")
            }
            return parts.test
        }
        let advice = parts.test.isEmpty ? "the model was trained on every row (--test-size 0)"
            : "pass --held-out to score only the \(parts.test.count) held-out rows"
        FileHandle.standardError.write(Data(
            "brine: warning: \(name) is the model's training data: \(parts.train.count) of its \(truth.count) rows trained the model (split seed \(split.seed), test size \(split.testSize)); \(advice)\n".utf8))
        return nil
    }

    /// The labels in column `column` of `table`, every cell present.
    static func labels(of table: Table, column: String) throws -> [String] {
        let cells = try table.column(named: column).categoricalValues ?? []
        return try cells.enumerated().map { index, cell in
            guard let cell else { throw DatasetError.missingValue(row: index + 2, column: column) }
            return cell
        }
    }
}
