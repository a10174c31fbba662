// Notebook 03 — saving complex models: a StandardScaler and a RandomForest as two files (wine).
// Reproduces the seed snippet "03-complex-models" (Python):
//     scaler = StandardScaler().fit(X_train); forest = RandomForestClassifier(n_estimators=100).fit(scaler.transform(X_train), y_train)
//     joblib.dump(scaler, "scaler.joblib"); joblib.dump(forest, "forest.joblib")
//     forest2.predict(scaler2.transform(X_test))   # after loading both
// Run: swift run 03-complex-models        (TREES=10 for a quick run)
import Brine
import Foundation

/// Prints the claim when it holds; otherwise says so and stops with exit status 1.
func check(_ holds: Bool, _ claim: String) {
    guard holds else { print("FAILED: \(claim)"); exit(1) }
    print("✓ \(claim)")
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brine-notebook-03")
try? FileManager.default.removeItem(at: folder)
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
let trees = Int(ProcessInfo.processInfo.environment["TREES"] ?? "") ?? 100

let (train, test) = try BundledDatasets.loadSplit("wine")
let scaler = try StandardScaler().fit(train.features, featureNames: train.featureNames)
let forest = try RandomForestClassifier(nEstimators: trees, seed: 7)
    .fit(try scaler.transform(train.features), train.targets, featureNames: train.featureNames)
let predictions = try forest.predict(try scaler.transform(test.features))

let scalerURL = folder.appendingPathComponent("wine_scaler.brine")
let forestURL = folder.appendingPathComponent("wine_forest.brine")
try scaler.save(to: scalerURL)
try forest.save(to: forestURL)
print("saved a scaler and a forest of \(forest.treeCount) trees (\(forest.nodeCount) nodes) as two files")

let loadedScaler = try StandardScalerModel.load(from: scalerURL)
let loadedForest = try RandomForestClassifierModel<Int>.load(from: forestURL)
let reloaded = try loadedForest.predict(try loadedScaler.transform(test.features))
print("reloaded chain: test accuracy \(String(format: "%.4f", try Metrics.accuracy(test.targets, reloaded)))")
check(reloaded == predictions, "scaler then forest, reloaded, predict as before")

try FileManager.default.removeItem(at: folder)
