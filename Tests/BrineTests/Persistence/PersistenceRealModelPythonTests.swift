import Brine
import Foundation
import Testing

/// The Python reader (`python -m brine predict`) reproduces the real estimators' outputs: predictions exactly,
/// probabilities and transformed values to 1e-12, from plain and gzip files.
@Suite struct PersistenceRealModelPythonTests {
    @Test func standardScaler() throws {
        let (train, test) = try BundledDatasets.loadSplit("wine")
        try PythonReader.compare(model: try StandardScaler().fit(train.features, featureNames: train.featureNames), input: test.features)
        try PythonReader.compare(model: try StandardScaler(withMean: false).fit(train.features), input: test.features)
    }

    @Test(arguments: ["breast_cancer", "iris"])
    func logisticRegression(dataset: String) throws {
        let (train, test) = try BundledDatasets.loadSplit(dataset)
        let scaler = try StandardScaler().fit(train.features)
        let model = try LogisticRegression(maxIterations: 1000).fit(try scaler.transform(train.features), train.targets)
        try PythonReader.compare(model: model, input: try scaler.transform(test.features))
    }

    @Test func randomForestWithStringLabels() throws {
        let (train, test) = try BundledDatasets.loadSplit("iris")
        let names = try #require(train.targetNames)
        let model = try RandomForestClassifier(nEstimators: 25, seed: 4)
            .fit(train.features, train.targets.map { names[$0] }, featureNames: train.featureNames)
        try PythonReader.compare(model: model, input: test.features)
    }

    @Test func randomForestOnDigits() throws {
        let (train, test) = try BundledDatasets.loadSplit("digits")
        let model = try RandomForestClassifier(nEstimators: 10, criterion: .entropy, seed: 5).fit(train.features, train.targets)
        try PythonReader.compare(model: model, input: test.features)
    }

    @Test func pipelines() throws {
        let (train, test) = try BundledDatasets.loadSplit("breast_cancer")
        let logistic = try Pipeline<Int>(steps: [("scaler", .transformer(StandardScaler())),
                                                 ("logreg", .classifier(LogisticRegression(maxIterations: 1000)))])
            .fit(train.features, train.targets, featureNames: train.featureNames)
        try compareAsClassifier(logistic, test.features)
        let forest = try Pipeline<Int>(steps: [("scaler", .transformer(StandardScaler())),
                                               ("forest", .classifier(RandomForestClassifier(nEstimators: 10, seed: 6)))])
            .fit(train.features, train.targets)
        try compareAsClassifier(forest, test.features)
    }

    /// Pipelines are both transformers and classifiers; compare them as classifiers.
    private func compareAsClassifier<Model: Classifier>(_ model: Model, _ input: Matrix) throws {
        try PythonReader.compare(model: model, input: input)
    }
}
