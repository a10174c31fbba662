import ArgumentParser
import Brine
import Foundation

/// `brine predict`: predictions or probabilities for the rows of a CSV file, as CSV.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict", abstract: "Predict the rows of a CSV file (columns matched by name).")

    @Argument(help: "The model file.") var modelFile: String
    @Option(help: "A CSV file whose header names the model's features (extra columns are ignored).") var data: String
    @Flag(help: "Write class probabilities instead of labels.") var proba = false
    @Option(help: "Write the CSV here instead of standard output.") var out: String?

    func run() throws {
        let model = try LoadedModel(path: modelFile)
        let x = try TrainingData.features(from: data, columns: model.featureNames)
        let (header, values, labels) = try model.outputs(x, probabilities: proba)
        var text = header.map(CSVWriter.field).joined(separator: ",") + "\n"
        if let labels {
            for label in labels { text += CSVWriter.field(label) + "\n" }
        } else if let values {
            for row in 0..<values.rows {
                text += (0..<values.columns).map { "\(values[row, $0])" }.joined(separator: ",") + "\n"
            }
        }
        if let out {
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                throw PersistenceError.ioFailure(path: out, reason: error.localizedDescription)
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
