import ArgumentParser
import Brine
import Foundation

/// `brine evaluate`: accuracy, confusion matrix and per-class report on labelled CSV data.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate", abstract: "Score a model on a labelled CSV file.")

    @Argument(help: "The model file.") var modelFile: String
    @Option(help: "A CSV file with the model's feature columns and the target column.") var data: String
    @Option(help: "The target column.") var target = "target"

    func run() throws {
        let model = try LoadedModel(path: modelFile)
        let x = try TrainingData.features(from: data, columns: model.featureNames)
        let truth = try TrainingData.labels(from: data, column: target)
        let predicted = try model.predict(x)
        let labels = Array(Set(truth).union(predicted)).sorted()
        print("accuracy: \(String(format: "%.4f", try Metrics.accuracy(truth, predicted))) on \(truth.count) rows")
        print("\nconfusion matrix (rows: true, columns: predicted)")
        print(try ConfusionMatrix(truth: truth, predicted: predicted, labels: labels).description)
        print("")
        print(try ClassificationReport(truth: truth, predicted: predicted).description)
    }
}
