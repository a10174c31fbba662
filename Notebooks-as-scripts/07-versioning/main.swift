// Notebook 07 — version your models: name_vX.Y.Z_timestamp file names and a ModelStore (wine).
// Reproduces the seed snippet "07-versioning" (Python):
//     joblib.dump(model, f"wine_classifier_v{version}_{timestamp}.joblib")
//     # list the versions, load the latest, roll back to the previous one
// Run: swift run 07-versioning
import Brine
import Foundation

/// Prints the claim when it holds; otherwise says so and stops with exit status 1.
func check(_ holds: Bool, _ claim: String) {
    guard holds else { print("FAILED: \(claim)"); exit(1) }
    print("✓ \(claim)")
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brine-notebook-07")
try? FileManager.default.removeItem(at: folder)
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

let name = try VersionedName(name: "wine_classifier", version: SemanticVersion("1.2.0"),
                             timestamp: Date(timeIntervalSince1970: 1_795_430_100))
print("a versioned file name: \(name.fileName)")
check(try VersionedName(fileName: name.fileName) == name, "the name parses back to its parts")

let (train, test) = try BundledDatasets.loadSplit("wine")
let scaler = try StandardScaler().fit(train.features)
let (xTrain, xTest) = (try scaler.transform(train.features), try scaler.transform(test.features))

let store = ModelStore(directory: folder, name: "wine_classifier")
for (version, c) in [("1.0.0", 0.01), ("1.1.0", 0.1), ("1.2.0", 1.0)] {
    let model = try LogisticRegression(c: c, maxIterations: 1000).fit(xTrain, train.targets)
    let accuracy = try Metrics.accuracy(test.targets, try model.predict(xTest))
    try store.save(model, version: version, metadata: ["C": .double(c), "accuracy": .double(accuracy)])
    print("saved version \(version) (C = \(c), accuracy \(String(format: "%.4f", accuracy)))")
}
let versions = try store.versionNames().map { "\($0.version)" }
print("versions in the store: \(versions.joined(separator: ", "))")
check(versions == ["1.0.0", "1.1.0", "1.2.0"], "versions are listed oldest first")

let latest = try store.loadLatest(as: LogisticRegressionModel<Int>.self)
check(latest.featureCount == train.features.columns, "the latest version loads")
let previous = try store.rollBack()
print("after rollback the latest is \(previous.version)")
check("\(previous.version)" == "1.1.0", "rollback makes the previous version the latest")

try FileManager.default.removeItem(at: folder)
