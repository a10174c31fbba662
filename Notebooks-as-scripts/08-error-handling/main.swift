// Notebook 08 — handle errors gracefully: each usual mistake is a typed error that says what is wrong.
// Reproduces the seed snippet "08-error-handling" (Python):
//     try: joblib.load("missing.joblib")
//     except FileNotFoundError as e: ...   # also an existing file, a corrupt file, the wrong type
// Run: swift run 08-error-handling
import Brine
import Foundation

/// Prints the claim when it holds; otherwise says so and stops with exit status 1.
func check(_ holds: Bool, _ claim: String) {
    guard holds else { print("FAILED: \(claim)"); exit(1) }
    print("✓ \(claim)")
}

/// The error `body` throws, printed; nil (and a message) when it throws none.
func caught(_ mistake: String, _ body: () throws -> Void) -> PersistenceError? {
    do { try body() } catch let error as PersistenceError {
        print("\(mistake): \(error)")
        return error
    } catch {
        print("\(mistake): an untyped error \(error)")
        return nil
    }
    print("\(mistake): no error")
    return nil
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brine-notebook-08")
try? FileManager.default.removeItem(at: folder)
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

let (train, _) = try BundledDatasets.loadSplit("iris")
let scaler = try StandardScaler().fit(train.features)
let url = folder.appendingPathComponent("scaler.brine")
try scaler.save(to: url)
let original = try Data(contentsOf: url)

let exists = caught("saving over an existing file") { try scaler.save(to: url) }
check(try Data(contentsOf: url) == original, "the existing file is untouched")
let missing = caught("loading a missing file") { _ = try Brine.load(from: folder.appendingPathComponent("nothing.brine")) }

let corruptURL = folder.appendingPathComponent("corrupt.brine")
try Data("this is not a model file, just some text".utf8).write(to: corruptURL)
let corrupt = caught("loading a corrupt file") { _ = try Brine.load(from: corruptURL) }
let wrongType = caught("loading a scaler as a LogisticRegression") { _ = try LogisticRegressionModel<Int>.load(from: url) }

let claim = "four mistakes, four typed errors: fileExists, fileNotFound, a corrupt-file error, wrongModelType"
switch (exists, missing, corrupt, wrongType) {
case (.fileExists?, .fileNotFound?, .some, .wrongModelType?): check(true, claim)
default: check(false, claim)
}

try FileManager.default.removeItem(at: folder)
