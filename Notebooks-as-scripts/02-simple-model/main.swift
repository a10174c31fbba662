// Notebook 02 — saving a simple model: LogisticRegression on breast_cancer.
// Reproduces the seed snippet "02-simple-model" (Python):
//     model = LogisticRegression(max_iter=5000).fit(X_train, y_train)
//     joblib.dump(model, "model.joblib"); loaded = joblib.load("model.joblib")
//     assert (loaded.predict(X_test) == model.predict(X_test)).all()
// Run: swift run 02-simple-model
import Brine
import Foundation

/// Prints the claim when it holds; otherwise says so and stops with exit status 1.
func check(_ holds: Bool, _ claim: String) {
    guard holds else { print("FAILED: \(claim)"); exit(1) }
    print("✓ \(claim)")
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brine-notebook-02")
try? FileManager.default.removeItem(at: folder)
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

let (train, test) = try BundledDatasets.loadSplit("breast_cancer")
let model = try LogisticRegression(c: 1.0, maxIterations: 5000).fit(train.features, train.targets, featureNames: train.featureNames)
let predictions = try model.predict(test.features)
let accuracy = try Metrics.accuracy(test.targets, predictions)
print("fitted in \(model.iterations) iterations; \(predictions.count) test rows, accuracy \(String(format: "%.4f", accuracy))")

let url = folder.appendingPathComponent("breast_cancer_logreg.brine")
try model.save(to: url)
let loaded = try LogisticRegressionModel<Int>.load(from: url)

check(try loaded.predict(test.features) == predictions, "the loaded model predicts exactly what the fitted one did")
let probabilitiesBefore = try model.predictProbabilities(test.features).elements
let probabilitiesAfter = try loaded.predictProbabilities(test.features).elements
check(probabilitiesAfter.elementsEqual(probabilitiesBefore) { $0.bitPattern == $1.bitPattern },
      "and its probabilities are identical bit for bit")

try FileManager.default.removeItem(at: folder)
