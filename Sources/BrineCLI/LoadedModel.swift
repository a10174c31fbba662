import Brine
import Foundation

/// A model read from a file by `predict` and `evaluate`, whatever its type and label type.
struct LoadedModel {
    /// The decoded model.
    let model: any Persistable
    /// The file it came from.
    let path: String
    /// The metadata saved with the model (the target column, the split, the preprocessing plan, …).
    let metadata: [String: JSONValue]

    /// Loads `path` through the registry (never runs code named by the file).
    init(path: String) throws {
        self.path = path
        do {
            let url = URL(fileURLWithPath: path)
            model = try Brine.load(from: url)
            metadata = try Brine.inspect(url).metadata
        } catch let error as PersistenceError {
            throw CLIError.modelFile(path: path, reason: error)
        }
    }

    /// The feature names the model was fitted with, or `x0…` when it was fitted without names.
    var featureNames: [String] {
        guard let fitted = model as? any FittedModel else { return [] }
        return fitted.featureNames ?? (0..<fitted.featureCount).map { "x\($0)" }
    }

    /// The column `brine train` took the labels from, if recorded.
    var targetColumn: String? { metadata["target_column"]?.stringValue }

    /// The preprocessing plan `brine train` chose, if it built one.
    var plan: PreprocessingPlan? { PreprocessingPlan.read(from: metadata) }

    /// The split `brine train` made, if recorded.
    var split: SplitRecord? { SplitRecord.read(from: metadata) }

    /// Whether the model's first step reads a ``Table`` (text columns, missing cells: an imputer, an
    /// encoder, a column transformer); such models take raw CSV rows. Other models take the
    /// numeric matrix of their feature columns, every cell a finite number, as before.
    var readsTables: Bool { Self.readsTables(model) }

    private static func readsTables(_ model: Any) -> Bool {
        if let pipeline = model as? PipelineModel<String> { return pipeline.steps.first.map { readsTables($0.fittedModel) } ?? false }
        if let pipeline = model as? PipelineModel<Int> { return pipeline.steps.first.map { readsTables($0.fittedModel) } ?? false }
        return model is any TableTransformer
    }

    /// The class labels as text, or `nil` when the model is not a classifier.
    var classNames: [String]? {
        if let classifier = model as? any Classifier<String> { return classifier.classes }
        if let classifier = model as? any Classifier<Int> { return classifier.classes.map(String.init) }
        return nil
    }

    /// Predicted labels as text.
    func predict(_ x: Matrix) throws -> [String] {
        if let classifier = model as? any Classifier<String> { return try classifier.predict(x) }
        if let classifier = model as? any Classifier<Int> { return try classifier.predict(x).map(String.init) }
        throw CLIError.unsupportedModel(path: path, reason: "holds a \(type(of: model).modelTypeName), which does not predict labels")
    }

    /// Predicted labels as text for the rows of `table` (columns matched by name).
    func predict(_ table: Table) throws -> [String] {
        if let classifier = model as? any Classifier<String> { return try classifier.predict(table) }
        if let classifier = model as? any Classifier<Int> { return try classifier.predict(table).map(String.init) }
        throw CLIError.unsupportedModel(path: path, reason: "holds a \(type(of: model).modelTypeName), which does not predict labels")
    }

    /// The predicted labels, with the class probabilities after them (one column per class) when
    /// `probabilities` is set; or the transformed features for a transformer.
    func outputs(_ x: Matrix, probabilities: Bool) throws -> (header: [String], values: Matrix?, labels: [String]?) {
        if let classes = classNames {
            let labels = try predict(x)
            if probabilities {
                if let classifier = model as? any Classifier<String> { return (["prediction"] + classes, try classifier.predictProbabilities(x), labels) }
                if let classifier = model as? any Classifier<Int> { return (["prediction"] + classes, try classifier.predictProbabilities(x), labels) }
            }
            return (["prediction"], nil, labels)
        }
        if let transformer = model as? any Transformer {
            return (featureNames, try transformer.transform(x), nil)
        }
        throw CLIError.unsupportedModel(path: path, reason: "holds a \(type(of: model).modelTypeName), which neither predicts nor transforms")
    }

    /// ``outputs(_:probabilities:)`` for the rows of a raw `table` (columns matched by name); a
    /// transformer's output columns are named after its output features.
    func outputs(_ table: Table, probabilities: Bool) throws -> (header: [String], values: Matrix?, labels: [String]?) {
        if let classes = classNames {
            let labels = try predict(table)
            if probabilities {
                if let classifier = model as? any Classifier<String> { return (["prediction"] + classes, try classifier.predictProbabilities(table), labels) }
                if let classifier = model as? any Classifier<Int> { return (["prediction"] + classes, try classifier.predictProbabilities(table), labels) }
            }
            return (["prediction"], nil, labels)
        }
        if let transformer = model as? any TableTransformer {
            return (transformer.outputColumnNames, try transformer.transform(table), nil)
        }
        throw CLIError.unsupportedModel(path: path, reason: "holds a \(type(of: model).modelTypeName), which neither predicts nor transforms")
    }
}
