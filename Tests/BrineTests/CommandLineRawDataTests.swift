import Brine
import Foundation
import Testing

/// `brine` on raw CSV files (issue 9): the recorded target column and split, `evaluate`'s default
/// target and its warning on training rows, `predict` / `evaluate` on raw rows (reordered and
/// extra columns, unseen categories, missing cells), and typed one-line errors.
extension CommandLineTests {
    /// The iris rows as a CSV whose label column is `kind`, holding class names.
    func irisCSV(_ name: String, label: String = "kind", edit: (inout [String]) -> Void = { _ in }) throws -> String {
        let iris = try BundledDatasets.load("iris")
        let classes = try #require(iris.targetNames)
        var lines = [(iris.featureNames + [label]).joined(separator: ",")]
        for row in 0..<iris.features.rows {
            lines.append((try iris.features.row(row)).map { "\($0)" }.joined(separator: ",") + "," + classes[iris.targets[row]])
        }
        edit(&lines)
        return try file(name, lines.joined(separator: "\n") + "\n")
    }

    @Test func trainRecordsTheTargetAndTheSplit() throws {
        let data = try irisCSV("iris_named.csv")
        let train = try run("train", "--data", data, "--target", "kind", "--model", "logreg", "--seed", "7", "--out", "m.brine", "--quiet")
        #expect(train.status == 0, "\(train.standardError)")
        #expect(!train.standardOutput.contains("plan:"), "a clean numeric file needs no plan")
        let info = try Brine.inspect(folder.appendingPathComponent("m.brine"))
        #expect(info.metadata["target_column"] == "kind")
        let split = try #require(info.metadata["split"]?.objectValue)
        #expect(split["seed"] == .int(7))
        #expect(split["test_size"] == .double(0.25))
        #expect(split["rows"] == .int(150))
        #expect(split["train_rows"] == .int(112))
        let fingerprint = try #require(split["file"]?.objectValue)
        let bytes = try Data(contentsOf: folder.appendingPathComponent(data))
        #expect(fingerprint["bytes"] == .int(bytes.count))
        #expect(fingerprint["crc32"]?.stringValue?.count == 8)
        // The clean numeric file still gives a bare model on the four numbers, as before.
        #expect(info.typeName == "LogisticRegression")
        #expect(info.model.featureNames == (try BundledDatasets.load("iris").featureNames))
    }

    @Test func dropAndCategoricalOnACleanNumericFile() throws {
        let data = try irisCSV("iris_named.csv")
        let names = try BundledDatasets.load("iris").featureNames
        // --drop alone keeps the numbers path: a bare model on the other columns, the plan printed.
        let dropped = try run("train", "--data", data, "--target", "kind", "--model", "logreg", "--drop", names[3], "--out", "a.brine")
        #expect(dropped.status == 0, "\(dropped.standardError)")
        #expect(dropped.standardOutput.contains("plan: 1 dropped: \(names[3]) (--drop)"))
        let bare = try Brine.inspect(folder.appendingPathComponent("a.brine"))
        #expect(bare.typeName == "LogisticRegression")
        #expect(bare.model.featureNames == Array(names.prefix(3)))
        // --categorical turns a numeric column into categories: the model gains a preprocess step.
        let coded = try run("train", "--data", data, "--target", "kind", "--model", "forest", "--n-estimators", "5",
                            "--categorical", names[1], "--out", "b.brine", "--quiet")
        #expect(coded.status == 0, "\(coded.standardError)")
        let info = try Brine.inspect(folder.appendingPathComponent("b.brine"))
        #expect(info.model.steps.map(\.name) == ["preprocess", "forest"])
        let plan = try #require(info.metadata["preprocessing"]?.objectValue)
        #expect(plan["categorical"] == .array([.string(names[1])]))
        #expect(plan["numeric"] == .array([names[0], names[2], names[3]].map(JSONValue.string)))
    }

    @Test func evaluateDefaultsToTheRecordedTargetAndWarnsOnTrainingRows() throws {
        let data = try irisCSV("iris_named.csv")
        #expect(try run("train", "--data", data, "--target", "kind", "--model", "logreg", "--out", "m.brine", "--quiet").status == 0)
        let info = try Brine.inspect(folder.appendingPathComponent("m.brine"))
        let trainAccuracy = try #require(info.metadata["accuracy"]?.doubleValue)

        // No --target: the recorded "kind" is used; the file is the training file: one warning line.
        let all = try run("evaluate", "m.brine", "--data", data)
        #expect(all.status == 0, "\(all.standardError)")
        #expect(all.standardOutput.contains("on 150 rows"))
        #expect(all.errorLines.count == 1)
        #expect(all.errorLines.first?.hasPrefix("brine: warning: iris_named.csv is the model's training data: 112 of its 150 rows trained the model") == true)
        #expect(all.standardError.contains("--held-out"))

        // --held-out scores the 38 rows the split held out: the accuracy train reported.
        let heldOut = try run("evaluate", "m.brine", "--data", data, "--held-out")
        #expect(heldOut.status == 0, "\(heldOut.standardError)")
        #expect(heldOut.standardError.isEmpty)
        #expect(heldOut.standardOutput.contains("accuracy: \(String(format: "%.4f", trainAccuracy)) on 38 held-out rows"))

        // A copy under another name is still the training data (recognised by size and CRC-32) ...
        let copy = try irisCSV("copy.csv")
        #expect(try run("evaluate", "m.brine", "--data", copy).standardError.contains("copy.csv is the model's training data"))
        // ... an edited file is not: no warning, and --held-out is refused in one line.
        let edited = try irisCSV("edited.csv") { $0[1] = $0[1].replacingOccurrences(of: "5.1", with: "5.2") }
        let other = try run("evaluate", "m.brine", "--data", edited)
        #expect(other.status == 0)
        #expect(other.standardError.isEmpty)
        let refused = try run("evaluate", "m.brine", "--data", edited, "--held-out")
        #expect(refused.status == 1)
        #expect(refused.errorLines.count == 1)
        #expect(refused.standardError.hasPrefix("brine: error: --held-out edited.csv: not the data the model was trained on"))

        // An explicit --target still wins: "target" is not a column of the file.
        let wrong = try run("evaluate", "m.brine", "--data", data, "--target", "target")
        #expect(wrong.status == 1)
        #expect(wrong.errorLines.count == 1)
        #expect(wrong.standardError.contains("no column named \"target\""))
    }

    @Test func evaluateWarnsForTheBundledTrainingDataset() throws {
        #expect(try run("train", "--dataset", "wine", "--model", "logreg", "--test-size", "0", "--out", "w.brine", "--quiet").status == 0)
        let result = try run("evaluate", "w.brine", "--dataset", "wine")
        #expect(result.status == 0)
        #expect(result.errorLines.count == 1)
        #expect(result.standardError.contains("178 of its 178 rows trained the model"))
        #expect(result.standardError.contains("trained on every row"))
        let heldOut = try run("evaluate", "w.brine", "--dataset", "wine", "--held-out")
        #expect(heldOut.status == 1)
        #expect(heldOut.errorLines == ["brine: error: --held-out wine: the model was trained on every row (--test-size 0); no row was held out"])
    }

    /// A model fitted with the library on a raw table of text columns (most-frequent imputation,
    /// one-hot with unknown categories ignored, a forest): `brine predict` reads raw CSV rows for
    /// it and predicts what the library predicts on the same rows.
    @Test func predictTakesRawRowsByName() throws {
        let colours = ["red", "green", "blue"], sizes = ["S", "M", "L"], codes = ["1", "2", "3"]
        var colour: [String?] = [], size: [String?] = [], code: [String?] = [], labels: [String] = []
        for i in 0..<60 {
            colour.append(i % 11 == 0 ? nil : colours[i % 3])
            size.append(i % 7 == 0 ? nil : sizes[(i / 3) % 3])
            code.append(codes[(i / 9) % 3])
            labels.append(i % 3 == 0 || (i / 3) % 3 == 2 ? "yes" : "no")
        }
        let table = try Table(columns: [.categorical("colour", colour), .categorical("size", size), .categorical("code", code)])
        let pipeline = Pipeline<String>(steps: [
            ("impute", .transformer(SimpleImputer(strategy: .mostFrequent))),
            ("encode", .transformer(OneHotEncoder(handleUnknown: .ignore))),
            ("forest", .classifier(RandomForestClassifier(nEstimators: 15, seed: 3))),
        ])
        let model = try pipeline.fit(table, labels)
        try model.save(to: folder.appendingPathComponent("raw.brine"))

        // Reordered columns, an extra id column, an unseen colour, missing cells (NA and empty),
        // codes that read as numbers although the model was fitted on them as text.
        let rows = try file("rows.csv", "id,code,size,colour\nr1,1,S,red\nr2,3,NA,purple\nr3,2,L,\nr4,2,M,green\n")
        let result = try run("predict", "raw.brine", "--data", rows, "--keep", "id", "--proba")
        #expect(result.status == 0, "\(result.standardError)")
        let same = try Table(columns: [
            .categorical("colour", ["red", "purple", nil, "green"]), .categorical("size", ["S", nil, "L", "M"]),
            .categorical("code", ["1", "3", "2", "2"]),
        ])
        let expected = try model.predict(same)
        let probabilities = try model.predictProbabilities(same)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "id,prediction," + model.classes.joined(separator: ","))
        #expect(lines.dropFirst().map { String($0.split(separator: ",")[1]) } == expected)
        #expect(lines.dropFirst().map { $0.split(separator: ",").dropFirst(2).compactMap { Double($0) } }
                == (0..<4).map { row in (0..<probabilities.columns).map { probabilities[row, $0] } })

        // A missing column: one line naming it.
        let partial = try file("partial.csv", "code,colour\n1,red\n")
        let missing = try run("predict", "raw.brine", "--data", partial)
        #expect(missing.status == 1)
        #expect(missing.errorLines == ["brine: error: partial.csv lacks the column(s) the model needs: \"size\""])
    }
}
