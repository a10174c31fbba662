// Notebook 01 — basic usage: save and load a plain value.
// Reproduces the seed snippet "01-basic-usage" (Python):
//     summary = {"model_name": "logistic-regression-iris", "accuracy": 0.9736842105263158}
//     pickle.dump(summary, open("summary.pkl", "wb")); loaded = pickle.load(open("summary.pkl", "rb"))
// Run: swift run 01-basic-usage
import Brine
import Foundation

/// Prints the claim when it holds; otherwise says so and stops with exit status 1.
func check(_ holds: Bool, _ claim: String) {
    guard holds else { print("FAILED: \(claim)"); exit(1) }
    print("✓ \(claim)")
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brine-notebook-01")
try? FileManager.default.removeItem(at: folder)
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

// Any Codable value, where Python would pickle a dict.
struct ExperimentSummary: Codable, Equatable {
    var modelName: String
    var accuracy: Double
}
let summary = ExperimentSummary(modelName: "logistic-regression-iris", accuracy: 0.9736842105263158)

let url = folder.appendingPathComponent("summary.brine")
try StoredValue(encoding: summary).save(to: url)
print("saved \(url.lastPathComponent): no arrays, the value lives in the JSON manifest")

let loaded = try StoredValue.load(from: url).decode(as: ExperimentSummary.self)
print("loaded: \(loaded.modelName), accuracy \(loaded.accuracy)")
check(loaded == summary, "the loaded value equals the saved one")

try FileManager.default.removeItem(at: folder)
