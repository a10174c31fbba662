// Notebook 06 — include metadata: training date, accuracy and dataset, read back from the header alone.
// Reproduces the seed snippet "06-metadata" (Python):
//     package = {"model": model, "training_date": datetime.now().isoformat(), "accuracy": acc, "features": names}
//     joblib.dump(package, "model_package.joblib")
// Run: swift run 06-metadata
import Brine
import Foundation

/// Prints the claim when it holds; otherwise says so and stops with exit status 1.
func check(_ holds: Bool, _ claim: String) {
    guard holds else { print("FAILED: \(claim)"); exit(1) }
    print("✓ \(claim)")
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brine-notebook-06")
try? FileManager.default.removeItem(at: folder)
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

let (train, test) = try BundledDatasets.loadSplit("iris")
let model = try LogisticRegression(c: 1.0, maxIterations: 1000)
    .fit(train.features, train.targets, featureNames: train.featureNames)
let accuracy = try Metrics.accuracy(test.targets, try model.predict(test.features))

let url = folder.appendingPathComponent("iris_logreg.brine")
try model.save(to: url, metadata: [
    "training_date": .string(ISO8601DateFormatter().string(from: Date())),
    "accuracy": .double(accuracy),
    "dataset": "iris",
    "author": "notebook 06",
])

let info = try Brine.inspect(url)   // reads the header only, no arrays
print(info)
check(info.metadata["accuracy"]?.doubleValue == accuracy, "the accuracy read from the header is the one saved")
check(info.metadata["dataset"]?.stringValue == "iris", "so is the dataset")
check(info.featureNames == train.featureNames, "the feature names are in the header")
check(info.typeName == "LogisticRegression", "and the model type")

try FileManager.default.removeItem(at: folder)
