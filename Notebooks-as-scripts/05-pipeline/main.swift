// Notebook 05 — always save preprocessing: StandardScaler → LogisticRegression as one Pipeline.
// Reproduces the seed snippet "05-pipeline" (Python):
//     pipe = Pipeline([("scaler", StandardScaler()), ("logreg", LogisticRegression(max_iter=1000))]).fit(X_train, y_train)
//     joblib.dump(pipe, "pipeline.joblib"); joblib.load("pipeline.joblib").predict(X_test)   # raw rows
// Run: swift run 05-pipeline
import Brine
import Foundation

/// Prints the claim when it holds; otherwise says so and stops with exit status 1.
func check(_ holds: Bool, _ claim: String) {
    guard holds else { print("FAILED: \(claim)"); exit(1) }
    print("✓ \(claim)")
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brine-notebook-05")
try? FileManager.default.removeItem(at: folder)
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

let (train, test) = try BundledDatasets.loadSplit("breast_cancer")
let pipeline = Pipeline(steps: [
    ("scaler", .transformer(StandardScaler())),
    ("logreg", .classifier(LogisticRegression(maxIterations: 1000))),
])
let model = try pipeline.fit(train)
let predictions = try model.predict(test.features)

let url = folder.appendingPathComponent("breast_cancer_pipeline.brine")
try model.save(to: url)
let loaded = try PipelineModel<Int>.load(from: url)
print("reloaded steps: \(loaded.stepNames.joined(separator: " → "))")

let reloaded = try loaded.predict(test.features)   // raw features: the scaler is inside the file
print("test accuracy on raw data: \(String(format: "%.4f", try Metrics.accuracy(test.targets, reloaded)))")
check(reloaded == predictions, "the reloaded pipeline predicts raw rows exactly as before")
check(loaded.stepNames == ["scaler", "logreg"], "its steps are reachable by name")

try FileManager.default.removeItem(at: folder)
