import Brine
import Foundation
import Testing

/// `brine train` on a raw CSV with text columns and missing cells (issue 9): the automatic
/// preprocessing plan, its overrides, and the Palmer penguins against scikit-learn's
/// ColumnTransformer + RandomForestClassifier on the same held-out rows.
extension CommandLineTests {
    /// Tests/BrineTests/Fixtures/penguins/penguins_reference.json (python/reference/penguins_reference.py).
    struct PenguinsReference: Decodable {
        struct Split: Decodable { let train_rows: [Int]; let test_rows: [Int] }
        struct Forest: Decodable { let test_accuracies: [Double]; let mean_test_accuracy: Double }
        struct Logistic: Decodable { let test_accuracy: Double }
        let sklearn_version: String
        let rows: Int
        let numeric_columns: [String]
        let categorical_columns: [String]
        let split: Split
        let forest: Forest
        let logreg: Logistic
    }

    static func penguinsFile(_ name: String) throws -> URL {
        let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/penguins")
        return try #require(url, "Fixtures/penguins/\(name) is missing")
    }

    static func penguinsReference() throws -> PenguinsReference {
        try JSONDecoder().decode(PenguinsReference.self, from: Data(contentsOf: try penguinsFile("penguins_reference.json")))
    }

    /// The penguins CSV's header and data lines (the file has no quoted line breaks).
    static func penguinsLines() throws -> (header: String, rows: [String]) {
        let lines = try String(contentsOf: try penguinsFile("penguins.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        return (lines[0], Array(lines.dropFirst()))
    }

    /// Writes the rows at `indices` of the penguins CSV (raw text, NA cells kept) to `name`.
    func penguinsSubset(_ name: String, _ indices: [Int]) throws -> String {
        let (header, rows) = try Self.penguinsLines()
        return try file(name, ([header] + indices.map { rows[$0] }).joined(separator: "\n") + "\n")
    }

    /// The accuracy `brine evaluate` prints.
    func printedAccuracy(_ output: String) throws -> Double {
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix("accuracy: ") })
        return try #require(Double(line.split(separator: " ")[1]))
    }

    @Test func penguinsTrainThroughTheCommandLineAsScikitLearnDoes() throws {
        let reference = try Self.penguinsReference()
        let (_, rows) = try Self.penguinsLines()
        #expect(rows.count == reference.rows)
        let train = try penguinsSubset("penguins_train.csv", reference.split.train_rows)
        let test = try penguinsSubset("penguins_test.csv", reference.split.test_rows)

        let forest = try run("train", "--data", train, "--target", "species", "--model", "forest", "--test-size", "0", "--out", "forest.brine")
        #expect(forest.status == 0, "\(forest.standardError)")
        // The plan names the columns pandas infers as numeric and as text.
        let plan = forest.standardOutput.split(separator: "\n").filter { $0.hasPrefix("plan: ") }
        #expect(plan == [
            "plan: \(reference.numeric_columns.count) numeric (impute mean): \(reference.numeric_columns.joined(separator: ", "))",
            "plan: \(reference.categorical_columns.count) categorical (impute most frequent, one-hot, unknown ignored): \(reference.categorical_columns.joined(separator: ", "))",
            "plan: 0 dropped: none",
        ])
        // evaluate takes the target from the model ("species") and the raw held-out rows.
        let scored = try run("evaluate", "forest.brine", "--data", test)
        #expect(scored.status == 0, "\(scored.standardError)")
        #expect(scored.standardError.isEmpty, "the test file is not the training file")
        #expect(scored.standardOutput.contains("on \(reference.split.test_rows.count) rows"))
        let accuracy = try printedAccuracy(scored.standardOutput)
        // scikit-learn \(reference.sklearn_version), same preprocessing, 100 trees, mean over 10 seeds.
        #expect(abs(accuracy - reference.forest.mean_test_accuracy) <= 0.02,
                "forest \(accuracy) vs scikit-learn \(reference.forest.mean_test_accuracy)")

        let logistic = try run("train", "--data", train, "--target", "species", "--model", "logreg", "--test-size", "0", "--out", "logreg.brine", "--quiet")
        #expect(logistic.status == 0, "\(logistic.standardError)")
        #expect(!logistic.standardOutput.contains("plan: "), "--quiet prints no plan")
        let logisticAccuracy = try printedAccuracy(try run("evaluate", "logreg.brine", "--data", test).standardOutput)
        #expect(abs(logisticAccuracy - reference.logreg.test_accuracy) <= 0.02,
                "logreg \(logisticAccuracy) vs scikit-learn \(reference.logreg.test_accuracy)")
        let info = try Brine.inspect(folder.appendingPathComponent("logreg.brine"))
        let recorded = try #require(info.metadata["preprocessing"]?.objectValue)
        #expect(recorded["scales_numbers"] == .bool(true), "logistic regression standardises the numbers")
        #expect(info.model.steps.map(\.name) == ["preprocess", "logreg"])
    }

    @Test func trainingSplitOnRawDataIsRecordedAndHeldOutRowsScored() throws {
        let (_, rows) = try Self.penguinsLines()
        let data = try penguinsSubset("penguins.csv", Array(rows.indices))
        let trained = try run("train", "--data", data, "--target", "species", "--model", "forest", "--n-estimators", "20", "--out", "p.brine", "--quiet")
        #expect(trained.status == 0, "\(trained.standardError)")
        let reported = try #require(try Brine.inspect(folder.appendingPathComponent("p.brine")).metadata["accuracy"]?.doubleValue)
        let all = try run("evaluate", "p.brine", "--data", data)
        #expect(all.errorLines.count == 1)
        #expect(all.standardError.contains("258 of its 344 rows trained the model"))
        let heldOut = try run("evaluate", "p.brine", "--data", data, "--held-out")
        #expect(heldOut.status == 0, "\(heldOut.standardError)")
        #expect(heldOut.standardOutput.contains("accuracy: \(String(format: "%.4f", reported)) on 86 held-out rows"))
    }

    @Test func dropAndCategoricalOverrideThePlan() throws {
        let (header, rows) = try Self.penguinsLines()
        // An identifier column (unique text) and a column with no value at all are dropped by rule.
        let lines = ["tag,\(header),comment"] + rows.enumerated().map { "P\($0.offset),\($0.element)," }
        let data = try file("tagged.csv", lines.joined(separator: "\n") + "\n")
        let inferred = try run("train", "--data", data, "--target", "species", "--model", "forest", "--n-estimators", "10", "--out", "a.brine")
        #expect(inferred.status == 0, "\(inferred.standardError)")
        #expect(inferred.standardOutput.contains("plan: 2 dropped: tag (identifier-like: 344 distinct values in 344 cells), comment (every cell is missing)"))

        let overridden = try run("train", "--data", data, "--target", "species", "--model", "forest", "--n-estimators", "10",
                                 "--drop", "sex", "island", "--categorical", "year", "--out", "b.brine")
        #expect(overridden.status == 0, "\(overridden.standardError)")
        let plan = overridden.standardOutput.split(separator: "\n").filter { $0.hasPrefix("plan: ") }
        #expect(plan == [
            "plan: 4 numeric (impute mean): bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g",
            "plan: 1 categorical (impute most frequent, one-hot, unknown ignored): year",
            "plan: 4 dropped: tag (identifier-like: 344 distinct values in 344 cells), island (--drop), sex (--drop), comment (every cell is missing)",
        ])
        let info = try Brine.inspect(folder.appendingPathComponent("b.brine"))
        #expect(info.model.featureNames == ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year"])
        let forest = try #require(info.model.steps.last)
        #expect(forest.featureNames == ["num__bill_length_mm", "num__bill_depth_mm", "num__flipper_length_mm", "num__body_mass_g",
                                        "cat__year_2007", "cat__year_2008", "cat__year_2009"])
        // The dropped columns are not needed to predict; year stays text although it holds numbers.
        let rowsFile = try file("rows.csv", "year,body_mass_g,flipper_length_mm,bill_depth_mm,bill_length_mm\n2010,3800,190,18,39\n")
        let predicted = try run("predict", "b.brine", "--data", rowsFile)
        #expect(predicted.status == 0, "\(predicted.standardError)")
        let model = try PipelineModel<String>.load(from: folder.appendingPathComponent("b.brine"))
        let expected = try model.predict(try Table(columns: [
            .numeric("bill_length_mm", [39]), .numeric("bill_depth_mm", [18]), .numeric("flipper_length_mm", [190]),
            .numeric("body_mass_g", [3800]), .categorical("year", ["2010"]),
        ]))
        #expect(predicted.standardOutput.split(separator: "\n").map(String.init) == ["prediction"] + expected)

        // Mistakes: one line each.
        let both = try run("train", "--data", data, "--target", "species", "--drop", "year", "--categorical", "year", "--out", "c.brine")
        #expect(both.errorLines == ["brine: error: --drop year: also given to --categorical; choose one"])
        let unknown = try run("train", "--data", data, "--target", "species", "--drop", "wings", "--out", "c.brine")
        #expect(unknown.errorLines.count == 1)
        #expect(unknown.standardError.hasPrefix("brine: error: --drop wings: no such column"))
        let target = try run("train", "--data", data, "--target", "species", "--categorical", "species", "--out", "c.brine")
        #expect(target.errorLines == ["brine: error: --categorical species: is the target column"])
        let text = try run("train", "--data", data, "--target", "species", "--numeric", "island", "--out", "c.brine")
        #expect(text.status == 1)
        #expect(text.errorLines.count == 1)
        #expect(text.standardError.contains("\"Torgersen\" at row 2, column \"island\""))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("c.brine").path))
    }

    @Test func manyCategoriesAreDroppedUnlessAsked() throws {
        // 1,000 rows; "zip" has 250 codes seen 4 times each (not identifier-like, but 250 one-hot columns).
        var lines = ["zip,size,label"]
        for i in 0..<1000 { lines.append("Z\(i % 250),\(Double(i % 17)),\(i % 17 < 8 ? "small" : "large")") }
        let data = try file("zips.csv", lines.joined(separator: "\n") + "\n")
        let inferred = try run("train", "--data", data, "--target", "label", "--model", "forest", "--n-estimators", "5", "--out", "a.brine")
        #expect(inferred.status == 0, "\(inferred.standardError)")
        #expect(inferred.standardOutput.contains("plan: 1 dropped: zip (250 distinct values, more than 200 one-hot columns)"))
        #expect(try Brine.inspect(folder.appendingPathComponent("a.brine")).model.featureNames == ["size"])
        let kept = try run("train", "--data", data, "--target", "label", "--model", "forest", "--n-estimators", "5",
                           "--categorical", "zip", "--test-size", "0", "--out", "b.brine")
        #expect(kept.status == 0, "\(kept.standardError)")
        #expect(kept.standardOutput.contains("plan: 1 categorical (impute most frequent, one-hot, unknown ignored): zip"))
        let forest = try #require(try Brine.inspect(folder.appendingPathComponent("b.brine")).model.steps.last)
        #expect(forest.featureNames?.count == 251)
        let nothing = try run("train", "--data", data, "--target", "label", "--drop", "zip", "size", "--out", "c.brine")
        #expect(nothing.status == 1)
        #expect(nothing.errorLines == ["brine: error: zips.csv: no feature column is left to train on (dropped: \"zip\", \"size\")"])
    }

    @Test func predictTakesRawPenguinRows() throws {
        let (_, rows) = try Self.penguinsLines()
        let data = try penguinsSubset("penguins.csv", Array(rows.indices))
        #expect(try run("train", "--data", data, "--target", "species", "--model", "scaler+logreg", "--out", "m.brine", "--quiet").status == 0)
        // Reordered columns, an extra one, an unseen island, NA and empty cells, no target column.
        let raw = try file("raw.csv", """
            id,sex,year,island,body_mass_g,flipper_length_mm,bill_depth_mm,bill_length_mm,notes
            a,male,2008,Atlantis,NA,,18.5,39.2,x
            b,NA,2009,Biscoe,5200,222,14.8,47.5,
            c,female,2007,Dream,3700,195,17.9,49.0,"a, b"

            """)
        let result = try run("predict", "m.brine", "--data", raw, "--keep", "id", "--proba")
        #expect(result.status == 0, "\(result.standardError)")
        let model = try PipelineModel<String>.load(from: folder.appendingPathComponent("m.brine"))
        let table = try Table(columns: [
            .categorical("island", ["Atlantis", "Biscoe", "Dream"]),
            .numeric("bill_length_mm", [39.2, 47.5, 49.0]), .numeric("bill_depth_mm", [18.5, 14.8, 17.9]),
            .numeric("flipper_length_mm", [.nan, 222, 195]), .numeric("body_mass_g", [.nan, 5200, 3700]),
            .categorical("sex", ["male", nil, "female"]), .numeric("year", [2008, 2009, 2007]),
        ])
        let labels = try model.predict(table)
        let probabilities = try model.predictProbabilities(table)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "id,prediction,Adelie,Chinstrap,Gentoo")
        #expect(lines.dropFirst().map { String($0.split(separator: ",")[0]) } == ["a", "b", "c"])
        #expect(lines.dropFirst().map { String($0.split(separator: ",")[1]) } == labels)
        #expect(lines.dropFirst().map { $0.split(separator: ",").dropFirst(2).compactMap { Double($0) } }
                == (0..<3).map { row in (0..<3).map { probabilities[row, $0] } })

        // Text in a numeric column: one line naming its row and column.
        let text = try file("text.csv", "island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year\nDream,long,17,190,3700,male,2008\n")
        let refused = try run("predict", "m.brine", "--data", text)
        #expect(refused.status == 1)
        #expect(refused.errorLines.count == 1)
        #expect(refused.standardError.contains("\"long\" at row 2, column \"bill_length_mm\""))
        // Missing columns: every one named, in one line.
        let partial = try file("partial.csv", "island,sex,notes\nDream,male,x\n")
        let missing = try run("predict", "m.brine", "--data", partial)
        #expect(missing.errorLines == ["brine: error: partial.csv lacks the column(s) the model needs: \"bill_length_mm\", \"bill_depth_mm\", \"flipper_length_mm\", \"body_mass_g\", \"year\""])
    }
}
