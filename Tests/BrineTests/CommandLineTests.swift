import Brine
import Foundation
import Testing

/// The `brine` executable, run as a user would: the happy path and the mistakes a newcomer makes,
/// each of which must end with exit code 1 and exactly one line on standard error naming the culprit.
///
/// A class so that `deinit` removes each test's temporary folder.
@Suite final class CommandLineTests {
    struct Result {
        let status: Int32
        let standardOutput: String
        let standardError: String
        var errorLines: [Substring] { standardError.split(separator: "\n") }
    }

    /// The `brine` binary built beside the test bundle (`swift build --build-tests` builds it).
    static var executable: URL {
        Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("brine")
    }

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("brine-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func run(_ arguments: String...) throws -> Result {
        let path = Self.executable.path
        try #require(FileManager.default.isExecutableFile(atPath: path), "build the brine executable first (swift build --build-tests)")
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
                      standardError: String(decoding: errData, as: UTF8.self))
    }

    func file(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        return name
    }

    @Test func trainInspectPredictEvaluate() throws {
        let train = try run("train", "--dataset", "iris", "--model", "scaler+logreg", "--out", "iris.brine",
                            "--metadata", "owner=ana", "--metadata", "release=3", "--quiet")
        #expect(train.status == 0, "\(train.standardError)")
        #expect(train.standardOutput.contains("test accuracy: "))
        #expect(train.standardOutput.contains("macro avg"))
        #expect(train.standardError.isEmpty, "a quiet run draws no progress bar")

        let inspect = try run("inspect", "iris.brine", "--json")
        #expect(inspect.status == 0)
        let info = try JSONDecoder().decode(ModelInfo.self, from: Data(inspect.standardOutput.utf8))
        #expect(info.typeName == "Pipeline")
        #expect(info.classes == ["setosa", "versicolor", "virginica"])
        #expect(info.metadata["owner"] == "ana")
        #expect(info.metadata["release"] == .int(3))
        #expect(info.metadata["dataset"] == "iris")

        // predict matches the library's own predictions on the same rows.
        let csv = try String(contentsOf: try BundledDatasets.directory().appendingPathComponent("iris.csv"), encoding: .utf8)
        let input = try file("iris_rows.csv", csv)
        let predict = try run("predict", "iris.brine", "--data", input)
        #expect(predict.status == 0, "\(predict.standardError)")
        let lines = predict.standardOutput.split(separator: "\n").map(String.init)
        let model = try PipelineModel<String>.load(from: folder.appendingPathComponent("iris.brine"))
        let expected = try model.predict(try BundledDatasets.load("iris").features)
        #expect(lines == ["prediction"] + expected)

        let probabilities = try run("predict", "iris.brine", "--data", input, "--proba", "--out", "p.csv")
        #expect(probabilities.status == 0)
        let written = try String(contentsOf: folder.appendingPathComponent("p.csv"), encoding: .utf8).split(separator: "\n")
        #expect(written.first == "prediction,setosa,versicolor,virginica")
        #expect(written.count == 151)
        #expect(written.dropFirst().map { String($0.split(separator: ",")[0]) } == expected, "the label column is predict's")
        let refused = try run("predict", "iris.brine", "--data", input, "--out", "p.csv")
        #expect(refused.status == 1)
        #expect(refused.errorLines == ["brine: error: p.csv already exists (pass --overwrite to replace it)"])
        #expect(try String(contentsOf: folder.appendingPathComponent("p.csv"), encoding: .utf8).split(separator: "\n") == written)
        #expect(try run("predict", "iris.brine", "--data", input, "--out", "p.csv", "--overwrite").status == 0)
        #expect(try String(contentsOf: folder.appendingPathComponent("p.csv"), encoding: .utf8).split(separator: "\n").first == "prediction")

        let evaluate = try run("evaluate", "iris.brine", "--dataset", "iris")
        #expect(evaluate.status == 0)
        let accuracy = try Metrics.accuracy(try BundledDatasets.load("iris").targets.map { ["setosa", "versicolor", "virginica"][$0] }, expected)
        #expect(evaluate.standardOutput.contains("accuracy: \(String(format: "%.4f", accuracy)) on 150 rows"))
    }

    @Test func missingDataFileNamesThePath() throws {
        let result = try run("train", "--data", "no-such.csv", "--out", "m.brine")
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1)
        #expect(result.standardError.contains("no-such.csv"))
    }

    @Test func unknownTargetColumnListsTheColumns() throws {
        let data = try file("d.csv", "a,b,label\n1,2,x\n3,4,y\n")
        let result = try run("train", "--data", data, "--target", "species", "--out", "m.brine")
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1)
        #expect(result.standardError.contains("\"species\"") && result.standardError.contains("\"a\", \"b\", \"label\""))
    }

    @Test func textInANumericColumnNamesRowAndColumn() throws {
        // Without --numeric the column would be categorical (one-hot encoded); declared numeric, its text is an error.
        let data = try file("d.csv", "a,b,target\n1,2,x\n3,hello,y\n")
        let result = try run("train", "--data", data, "--numeric", "b", "--out", "m.brine")
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1)
        #expect(result.standardError.contains("\"hello\" at row 3, column \"b\""))
    }

    @Test func emptyFileIsNamed() throws {
        let data = try file("empty.csv", "")
        let result = try run("train", "--data", data, "--out", "m.brine")
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1)
        #expect(result.standardError.contains("empty.csv has no data rows"))
    }

    @Test func aFileThatIsNotAModelIsRefused() throws {
        let fake = try file("fake.brine", "just some text, not a model")
        let data = try file("rows.csv", "a,target\n1,x\n")
        for result in [try run("inspect", fake), try run("predict", fake, "--data", data), try run("evaluate", fake, "--data", data)] {
            #expect(result.status == 1)
            #expect(result.errorLines.count == 1)
            #expect(result.standardError.contains("fake.brine: cannot be loaded as a Brine model"))
        }
    }

    @Test func predictListsMissingColumns() throws {
        #expect(try run("train", "--dataset", "iris", "--model", "logreg", "--out", "m.brine", "--quiet").status == 0)
        let data = try file("partial.csv", "sepal length (cm),other\n5.1,1\n")
        let result = try run("predict", "m.brine", "--data", data)
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1)
        #expect(result.standardError.contains("\"sepal width (cm)\", \"petal length (cm)\", \"petal width (cm)\""))
    }

    /// Issue 11, defect 4: a model with 3,000 long feature names, predicted on a file that has none
    /// of them, gets one short line (8 names, then "… and 2992 more"), not 300 KB of names.
    @Test func missingColumnsOfAWideModelAreListedBounded() throws {
        let names = (0..<3_000).map { "feature_with_a_long_descriptive_name_number_\($0)_" + String(repeating: "x", count: 40) }
        let rows = (0..<6).map { row in (names.indices.map { String(($0 * 7 + row) % 5) } + [row % 2 == 0 ? "yes" : "no"]).joined(separator: ",") }
        let data = try file("wide.csv", (names + ["target"]).joined(separator: ",") + "\n" + rows.joined(separator: "\n") + "\n")
        let train = try run("train", "--data", data, "--model", "logreg", "--test-size", "0", "--out", "wide.brine", "--quiet")
        #expect(train.status == 0, "\(train.standardError.prefix(500))")
        let other = try file("other.csv", "unrelated\n1\n")
        let result = try run("predict", "wide.brine", "--data", other)
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1)
        #expect(result.standardError.utf8.count < 1_500, "\(result.standardError.prefix(300))")
        #expect(result.standardError.contains("… and 2992 more"))
    }

    @Test func existingOutputNeedsOverwrite() throws {
        #expect(try run("train", "--dataset", "wine", "--model", "forest", "--n-estimators", "5", "--out", "w.brine", "--quiet").status == 0)
        let before = try Data(contentsOf: folder.appendingPathComponent("w.brine"))
        let again = try run("train", "--dataset", "wine", "--model", "forest", "--n-estimators", "7", "--out", "w.brine", "--quiet")
        #expect(again.status == 1)
        #expect(again.standardError.contains("w.brine already exists (pass --overwrite to replace it)"))
        #expect(try Data(contentsOf: folder.appendingPathComponent("w.brine")) == before)
        let forced = try run("train", "--dataset", "wine", "--model", "forest", "--n-estimators", "7", "--out", "w.brine", "--quiet", "--overwrite")
        #expect(forced.status == 0)
        #expect(try RandomForestClassifierModel<String>.load(from: folder.appendingPathComponent("w.brine")).treeCount == 7)
    }

    @Test func invalidHyperparameterIsNamed() throws {
        let result = try run("train", "--dataset", "wine", "--model", "forest", "--n-estimators", "0", "--out", "x.brine")
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1)
        #expect(result.errorLines == ["brine: error: --n-estimators 0: must be at least 1"])
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.brine").path))
        let logistic = try run("train", "--dataset", "iris", "--model", "logreg", "--C=-1", "--out", "x.brine")
        #expect(logistic.status == 1)
        #expect(logistic.errorLines.count == 1)
        #expect(logistic.standardError.contains("--C -1: "), "the flag and value as typed, not the property c: \(logistic.standardError)")
        let fraction = try run("train", "--dataset", "iris", "--model", "forest", "--max-features", "7.5", "--out", "x.brine")
        #expect(fraction.errorLines == ["brine: error: --max-features 7.5: must lie in (0, 1]"])
        let short = try run("train", "--dataset", "iris", "--model", "logreg", "-C", "0", "--out", "x.brine")
        #expect(short.standardError.hasPrefix("brine: error: -C 0: "))
        #expect(logistic.standardOutput.isEmpty, "hyperparameters are checked before the data is read")
    }

    @Test func compressedOutputIsGzip() throws {
        #expect(try run("train", "--dataset", "breast_cancer", "--model", "scaler+forest", "--n-estimators", "5",
                        "--compress", "9", "--out", "c.brine", "--quiet").status == 0)
        let bytes = try Data(contentsOf: folder.appendingPathComponent("c.brine"))
        #expect(bytes.prefix(2) == Data([0x1F, 0x8B]))
        let info = try JSONDecoder().decode(ModelInfo.self, from: Data(try run("inspect", "c.brine", "--json").standardOutput.utf8))
        #expect(info.compressed)
    }

    /// Runs `brine` on a pseudo-terminal (util-linux `script`), where the progress bar is drawn.
    func runOnTerminal(_ arguments: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "\(Self.executable.path) \(arguments)", "/dev/null"]
        process.currentDirectoryURL = folder
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test func progressBarIsDrawnOnATerminalOnly() throws {
        let terminal = try runOnTerminal("train --dataset wine --model forest --n-estimators 12 --out t.brine")
        #expect(terminal.contains("12/12 trees"))
        let quiet = try runOnTerminal("train --dataset wine --model forest --n-estimators 12 --out q.brine --quiet")
        #expect(!quiet.contains("/12 trees"))
        let piped = try run("train", "--dataset", "wine", "--model", "forest", "--n-estimators", "12", "--out", "p.brine")
        #expect(piped.status == 0)
        #expect(piped.standardError.isEmpty, "no bar when standard error is not a terminal")
        let lbfgs = try runOnTerminal("train --dataset iris --model logreg --out l.brine")
        #expect(lbfgs.contains("/1000 iterations"))
    }

    @Test func keepPassesAnIdColumnThrough() throws {
        #expect(try run("train", "--dataset", "iris", "--model", "logreg", "--out", "m.brine", "--quiet").status == 0)
        let data = try file("rows.csv", "id,sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)\n"
                                + "a-1,5.1,3.5,1.4,0.2\n\"b,2\",6.7,3.0,5.2,2.3\n")
        let result = try run("predict", "m.brine", "--data", data, "--keep", "id", "--proba")
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "id,prediction,setosa,versicolor,virginica")
        #expect(lines.count == 3)
        #expect(lines.dropFirst().map { $0.split(separator: ",")[0] } == ["a-1", "\"b"], "the id is quoted again where it holds a comma")
        #expect(lines[1].split(separator: ",")[1] == "setosa" && lines[2].split(separator: ",")[2] == "virginica")
        let unknown = try run("predict", "m.brine", "--data", data, "--keep", "name")
        #expect(unknown.status == 1)
        #expect(unknown.errorLines.count == 1)
        #expect(unknown.standardError.contains("--keep name: "))
    }

    @Test func testSizeZeroTrainsOnEveryRow() throws {
        let result = try run("train", "--dataset", "iris", "--model", "logreg", "--test-size", "0", "--out", "all.brine", "--quiet")
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("train 150, test 0"))
        #expect(result.standardOutput.contains("test accuracy: none"))
        let info = try Brine.inspect(folder.appendingPathComponent("all.brine"))
        #expect(info.metadata["train_rows"] == .int(150))
        #expect(info.metadata["accuracy"] == nil)
        #expect(info.metadata["evaluation"]?.stringValue?.contains("trained on every row") == true)
        let bad = try run("train", "--dataset", "iris", "--test-size", "1", "--out", "x.brine")
        #expect(bad.errorLines == ["brine: error: --test-size 1.0: expected a fraction in [0, 1) (0 trains on every row)"])
    }

    @Test func scikitLearnSpellingsAreAliases() throws {
        let sklearn = try run("train", "--dataset", "iris", "--model", "logreg", "--max-iter", "5", "--tol", "1e-3",
                              "-C", "0.5", "--random-state", "7", "--out", "a.brine", "--quiet")
        #expect(sklearn.status == 0, "\(sklearn.standardError)")
        let swift = try run("train", "--dataset", "iris", "--model", "logreg", "--max-iterations", "5", "--tolerance", "1e-3",
                            "--c", "0.5", "--seed", "7", "--out", "b.brine", "--quiet")
        #expect(swift.status == 0, "\(swift.standardError)")
        let a = try Brine.inspect(folder.appendingPathComponent("a.brine")), b = try Brine.inspect(folder.appendingPathComponent("b.brine"))
        #expect(a.hyperparameters == b.hyperparameters)
        #expect(a.hyperparameters["maxIterations"] == .int(5))
        let tooFew = try run("train", "--dataset", "iris", "--model", "logreg", "--max-iter", "0", "--out", "c.brine")
        #expect(tooFew.errorLines.count == 1)
        #expect(tooFew.standardError.hasPrefix("brine: error: --max-iter 0: "))
    }
}
