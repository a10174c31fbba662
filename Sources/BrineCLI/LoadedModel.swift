import Brine
import Foundation

/// A model read from a file by `predict` and `evaluate`, whatever its type and label type.
struct LoadedModel {
    /// The decoded model.
    let model: any Persistable
    /// The file it came from.
    let path: String

    /// Loads `path` through the registry (never runs code named by the file).
    init(path: String) throws {
        self.path = path
        do { model = try Brine.load(from: URL(fileURLWithPath: path)) } catch let error as PersistenceError {
            throw CLIError.modelFile(path: path, reason: error)
        }
    }

    /// The feature names the model was fitted with, or `x0…` when it was fitted without names.
    var featureNames: [String] {
        guard let fitted = model as? any FittedModel else { return [] }
        return fitted.featureNames ?? (0..<fitted.featureCount).map { "x\($0)" }
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
}
