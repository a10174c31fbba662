import ArgumentParser
import Brine
import Foundation

/// `brine evaluate`: accuracy, confusion matrix and per-class report on labelled CSV data.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate", abstract: "Score a model on a labelled CSV file.")

    @Argument(help: "The model file.") var modelFile: String
    @Option(help: "A CSV file with the model's feature columns and the target column.") var data: String?
    @Option(help: "A bundled dataset (all its rows, labels as class names): iris, wine, breast_cancer or digits.") var dataset: String?
    @Option(help: "The target column.") var target = "target"

    func run() throws {
        let model = try LoadedModel(path: modelFile)
        let x: Matrix
        let truth: [String]
        if let dataset, data == nil {
            let labelled = try TrainingData.load(file: nil, dataset: dataset, target: "target")
            var positions: [String: Int] = [:]
            for (index, name) in labelled.featureNames.enumerated() { positions[name] = index }
            x = try labelled.features.selectingColumns(try model.featureNames.map { name in
                guard let index = positions[name] else {
                    throw CLIError.missingColumns(file: dataset, missing: [name])
                }
                return index
            })
            truth = labelled.targets
        } else if let data, dataset == nil {
            (x, truth) = try TrainingData.labelled(from: data, columns: model.featureNames, target: target)
        } else {
            throw CLIError.dataSource("give the labelled data with --data FILE.csv or --dataset NAME")
        }
        let predicted = try model.predict(x)
        if let classes = model.classNames, Set(truth).isDisjoint(with: classes) {
            throw CLIError.labelsNotInModel(file: data ?? dataset ?? "", column: target,
                                            sample: Array(Set(truth).sorted().prefix(5)), classes: classes)
        }
        let labels = Array(Set(truth).union(predicted)).sorted()
        print("accuracy: \(String(format: "%.4f", try Metrics.accuracy(truth, predicted))) on \(truth.count) rows")
        print("\nconfusion matrix (rows: true, columns: predicted)")
        print(try ConfusionMatrix(truth: truth, predicted: predicted, labels: labels).description)
        print("")
        print(try ClassificationReport(truth: truth, predicted: predicted).description)
    }
}
