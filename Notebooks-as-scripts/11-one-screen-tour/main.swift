// Notebook 11 — the one-screen tour: fit on a two-row toy set, save, load, predict.
// Reproduces the seed snippet "11-one-screen-tour" (Python):
//     model = LogisticRegression().fit([[0, 1], [1, 0]], ["cat", "dog"])
//     joblib.dump(model, "toy.joblib"); joblib.load("toy.joblib").predict([[0, 1], [1, 0]])
// Run: swift run 11-one-screen-tour
import Brine
import Foundation

let url = FileManager.default.temporaryDirectory.appendingPathComponent("brine-notebook-11-toy.brine")
let x = try Matrix([[0.0, 1.0], [1.0, 0.0]])
let model = try LogisticRegression().fit(x, ["cat", "dog"], featureNames: ["whiskers", "barks"])
try model.save(to: url, overwrite: true, metadata: ["purpose": "tour"])

let loaded = try LogisticRegressionModel<String>.load(from: url)
let predictions = try loaded.predict(x)
print("classes \(loaded.classes), predictions \(predictions)")
print(try loaded.predictProbabilities(row: [0.0, 1.0]))   // class → probability
try FileManager.default.removeItem(at: url)

guard predictions == ["cat", "dog"] else { print("FAILED: the reloaded model separates the two toy rows"); exit(1) }
print("✓ the reloaded model separates the two toy rows")
