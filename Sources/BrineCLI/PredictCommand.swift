import ArgumentParser
import Brine
import Foundation

/// `brine predict`: predictions or probabilities for the rows of a CSV file, as CSV.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict", abstract: "Predict the rows of a CSV file (columns matched by name).")

    @Argument(help: "The model file.") var modelFile: String
    @Option(help: "A CSV file whose header names the model's features (any order; extra columns are ignored; raw cells for a model trained on raw data).") var data: String
    @Flag(help: "Write the class probabilities (one column per class) beside the predicted label.") var proba = false
    @Option(parsing: .singleValue, help: "A column of --data copied to the output first, such as an id (repeatable).") var keep: [String] = []
    @Option(help: "Write the CSV here instead of standard output.") var out: String?
    @Flag(help: "Replace the --out file if it exists.") var overwrite = false

    func run() throws {
        if let out, !overwrite, FileManager.default.fileExists(atPath: out) { throw CLIError.outputExists(path: out) }
        let model = try LoadedModel(path: modelFile)
        // A model that reads tables takes the raw file (missing cells, text, any column order);
        // any other takes its feature columns as finite numbers, as before.
        let (header, values, labels): ([String], Matrix?, [String]?)
        if model.readsTables {
            (header, values, labels) = try ModelInput.withTable(file: data, model: model, target: nil) {
                try model.outputs($0, probabilities: proba)
            }
        } else {
            (header, values, labels) = try model.outputs(try TrainingData.features(from: data, columns: model.featureNames), probabilities: proba)
        }
        let kept = try keep.map { try TrainingData.passThrough(from: data, column: $0) }
        let rowCount = labels?.count ?? values?.rows ?? 0
        var text = (keep + header).map(CSVWriter.field).joined(separator: ",") + "\n"
        for row in 0..<rowCount {
            var fields = kept.map { CSVWriter.field($0[row]) }
            if let labels { fields.append(CSVWriter.field(labels[row])) }
            if let values { fields += (0..<values.columns).map { "\(values[row, $0])" } }
            text += fields.joined(separator: ",") + "\n"
        }
        if let out {
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                throw CLIError.outputFailed(path: out, reason: error.localizedDescription)
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

/// CSV output helpers.
enum CSVWriter {
    /// `text` quoted when it holds a comma, a quote or a line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
