import Foundation
import Testing

/// The Notebooks-as-scripts executables, built by `swift build --build-tests` and run as a user
/// runs them: each must exit 0, print the lines that show its outcome, and leave nothing behind
/// in its temporary folder. The heavy ones run smaller through their `TREES` / `ROWS` variables.
@Suite struct NotebookTests {
    /// One notebook: its product name, environment and the lines its output must contain.
    struct Case: CustomTestStringConvertible, Sendable {
        let product: String
        var environment: [String: String] = [:]
        let expectedLines: [String]
        /// The least accuracy the notebook may print (on a line containing "accuracy"), if any.
        var minimumAccuracy: Double? = nil
        var testDescription: String { product }
    }

    static let cases: [Case] = [
        Case(product: "01-basic-usage", expectedLines: [
            "loaded: logistic-regression-iris, accuracy 0.9736842105263158",
            "✓ the loaded value equals the saved one"]),
        Case(product: "02-simple-model", expectedLines: [
            "143 test rows",
            "✓ the loaded model predicts exactly what the fitted one did",
            "✓ and its probabilities are identical bit for bit"], minimumAccuracy: 0.9),
        Case(product: "03-complex-models", environment: ["TREES": "20"], expectedLines: [
            "saved a scaler and a forest of 20 trees",
            "✓ scaler then forest, reloaded, predict as before"], minimumAccuracy: 0.85),
        Case(product: "04-compression", environment: ["TREES": "10"], expectedLines: [
            "✓ none (level 0): the loaded forest gives the same probabilities",
            "✓ gzip level 3: the loaded forest gives the same probabilities",
            "✓ gzip level 9: the loaded forest gives the same probabilities",
            "✓ by .gz name: the loaded forest gives the same probabilities",
            "✓ gzip makes the file smaller, level 9 at least as small as level 3",
            "✓ a .gz name compresses by default (as joblib does)"]),
        Case(product: "05-pipeline", expectedLines: [
            "reloaded steps: scaler → logreg",
            "✓ the reloaded pipeline predicts raw rows exactly as before",
            "✓ its steps are reachable by name"], minimumAccuracy: 0.95),
        Case(product: "06-metadata", expectedLines: [
            "✓ the accuracy read from the header is the one saved",
            "✓ so is the dataset",
            "✓ the feature names are in the header",
            "✓ and the model type"]),
        Case(product: "07-versioning", expectedLines: [
            "a versioned file name: wine_classifier_v1.2.0_",
            "versions in the store: 1.0.0, 1.1.0, 1.2.0",
            "after rollback the latest is 1.1.0",
            "✓ rollback makes the previous version the latest"]),
        Case(product: "08-error-handling", expectedLines: [
            "✓ the existing file is untouched",
            "✓ four mistakes, four typed errors: fileExists, fileNotFound, a corrupt-file error, wrongModelType"]),
        Case(product: "09-untrusted-files", expectedLines: [
            "one flipped bit in the arrays: refused, checksum mismatch",
            "✓ every tampered file is refused: checksum mismatch, unknown model type, bad header length"]),
        Case(product: "10-memory-mapping", environment: ["ROWS": "2000", "TREES": "10"], expectedLines: [
            "10 trees, ",
            "✓ the copied forest predicts as the original",
            "✓ so does the memory-mapped one",
            "✓ and the unchecked memory-mapped one"]),
        Case(product: "11-one-screen-tour", expectedLines: [
            "predictions [\"cat\", \"dog\"]",
            "✓ the reloaded model separates the two toy rows"]),
        Case(product: "12-raw-tabular-data", expectedLines: [
            "predictions for Rex and Tom: [\"dog\", \"cat\"]",
            "✓ the reloaded model predicts raw rows by name: dog, cat",
            "✓ with the probabilities of the model before saving"]),
    ]

    /// Every product the package declares under Notebooks-as-scripts/ has a case here.
    @Test func everyNotebookIsRun() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folders = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Notebooks-as-scripts").path)
            .filter { $0.first?.isNumber == true }.sorted()
        #expect(folders == Self.cases.map(\.product))
    }

    @Test(arguments: cases)
    func notebookRunsAndChecksItsOutcome(_ notebook: Case) throws {
        let executable = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent(notebook.product)
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "build the notebooks first (swift build --build-tests)")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("brine-notebook-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        let process = Process()
        process.executableURL = executable
        process.currentDirectoryURL = scratch
        process.environment = ProcessInfo.processInfo.environment.merging(notebook.environment) { $1 }
            .merging(["TMPDIR": scratch.path]) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        #expect(process.terminationStatus == 0, "\(notebook.product) failed:\n\(output)")
        #expect(!output.contains("FAILED"), "\(output)")
        for line in notebook.expectedLines {
            #expect(output.contains(line), "\(notebook.product) did not print \"\(line)\":\n\(output)")
        }
        if let minimum = notebook.minimumAccuracy {
            let accuracies = output.split(separator: "\n").filter { $0.contains("accuracy") }
                .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
            #expect(!accuracies.isEmpty && accuracies.allSatisfy { $0 >= minimum }, "\(notebook.product): accuracies \(accuracies)")
        }
        let leftBehind = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
        #expect(leftBehind.isEmpty, "\(notebook.product) left \(leftBehind) in its temporary folder")
    }
}
