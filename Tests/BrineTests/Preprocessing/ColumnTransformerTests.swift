import Foundation
import Testing
import BrineTestSupport
@testable import Brine

/// ColumnTransformer: structure, names, errors, pipelines and files. The numbers against
/// scikit-learn are in ColumnTransformerParityTests.
@Suite struct ColumnTransformerTests {
    /// A small mixed table: two numeric columns with NaN, two text columns with missing cells, and a
    /// numeric column without missing values.
    static func table() throws -> Table {
        try Table(columns: [
            .numeric("age", [22, .nan, 35, 54, 2, 27, .nan, 14]),
            .categorical("sex", ["male", "female", nil, "female", "male", "male", "female", "female"]),
            .numeric("fare", [7.25, 71.3, 8.05, 51.9, 21.1, 11.1, 30.1, 16.7]),
            .categorical("port", ["S", "C", "S", nil, "S", "Q", "S", "C"]),
            .numeric("sibsp", [1, 1, 0, 0, 3, 0, 1, 0]),
        ])
    }

    static let numericImpute = ColumnTransformer.Step.transformer(Pipeline(steps: [
        ("impute", .transformer(SimpleImputer(strategy: .mean))), ("scale", .transformer(StandardScaler())),
    ]))
    static let categoricalEncode = ColumnTransformer.Step.transformer(Pipeline(steps: [
        ("impute", .transformer(SimpleImputer(strategy: .mostFrequent))), ("onehot", .transformer(OneHotEncoder(handleUnknown: .ignore))),
    ]))

    static func preprocess(remainder: ColumnTransformer.Remainder = .drop) -> ColumnTransformer {
        ColumnTransformer([
            .init(name: "num", step: numericImpute, columns: .kind(.numeric)),
            .init(name: "cat", step: categoricalEncode, columns: .names(["sex", "port"])),
        ], remainder: remainder)
    }

    @Test func entriesAreFittedApartAndJoinedInOrder() throws {
        let table = try Self.table()
        let model = try Self.preprocess().fit(table)
        let output = try model.transformTable(table)
        let numeric = try Pipeline(steps: [("impute", .transformer(SimpleImputer(strategy: .mean))), ("scale", .transformer(StandardScaler()))])
            .fitTransformers(try table.selecting(["age", "fare", "sibsp"]))
        let categorical = try Pipeline(steps: [("impute", .transformer(SimpleImputer(strategy: .mostFrequent))),
                                               ("onehot", .transformer(OneHotEncoder(handleUnknown: .ignore)))])
            .fitTransformers(try table.selecting(["sex", "port"]))
        let expected = try numeric.transformTable(table).columns + categorical.transformTable(table).columns
        #expect(output.columnNames == ["num__age", "num__fare", "num__sibsp", "cat__sex_female", "cat__sex_male",
                                       "cat__port_C", "cat__port_Q", "cat__port_S"])
        #expect(model.outputColumnNames == output.columnNames)
        #expect(output.columns.map(\.values) == expected.map(\.values))
        #expect(model.featureNames == table.columnNames && model.featureCount == 5)
        #expect(model.entries.map(\.columns) == [["age", "fare", "sibsp"], ["sex", "port"]])
        #expect(try model.transformer(named: "cat").outputFeatureNames == ["sex_female", "sex_male", "port_C", "port_Q", "port_S"])
        #expect(throws: EstimatorError.self) { try model.transformer(named: "remainder") }
    }

    @Test func passthroughDropAndRemainder() throws {
        let table = try Self.table()
        let model = try ColumnTransformer([
            .init(name: "keep", step: .passthrough, columns: .names(["port", "fare"])),
            .init(name: "gone", step: .drop, columns: .names(["sex"])),
            .init(name: "none", step: .transformer(StandardScaler()), columns: .names([])),
            .init(name: "scale", step: .transformer(StandardScaler()), columns: .names(["fare"])),
        ], remainder: .passthrough).fit(table)
        let output = try model.transformTable(table)
        #expect(output.columnNames == ["keep__port", "keep__fare", "scale__fare", "remainder__age", "remainder__sibsp"])
        #expect(model.remainderColumns == ["age", "sibsp"])
        #expect(output.columns[0].values == (try table.column(named: "port")).values)
        #expect(output.columns[3].values == (try table.column(named: "age")).values)
        let scaler = try StandardScaler().fit(try table.selecting(["fare"]).numericMatrix(), featureNames: ["fare"])
        let scaled = try scaler.transform(try table.selecting(["fare"]).numericMatrix()).column(0)
        #expect(output.columns[2].numericValues == scaled)
        // Columns only a dropped entry used may be absent at transform; a needed one may not.
        #expect(try model.transformTable(try table.dropping(["sex"])) == output)
        #expect(throws: EstimatorError.missingFeatures(["age", "fare"], available: ["sex", "port", "sibsp"])) {
            try model.transformTable(try table.selecting(["sex", "port", "sibsp"]))
        }
        let plain = try ColumnTransformer([.init(name: "keep", step: .passthrough, columns: .names(["port"]))],
                                          remainder: .passthrough, verboseFeatureNames: false).fit(table)
        #expect(plain.outputColumnNames == ["port", "age", "sex", "fare", "sibsp"])
    }

    @Test func badEntriesAreTypedErrors() throws {
        let table = try Self.table()
        func refused(_ entries: [ColumnTransformer.Entry], _ name: String) {
            #expect(throws: EstimatorError.self, "\(name)") { try ColumnTransformer(entries).fit(table) }
            do { _ = try ColumnTransformer(entries).fit(table) } catch let error as EstimatorError {
                guard case .invalidHyperparameter = error else { Issue.record("\(name): \(error)"); return }
            } catch { Issue.record("\(name): \(error)") }
        }
        let keep = ColumnSelection.names(["age"])
        refused([.init(name: "a", step: .passthrough, columns: keep), .init(name: "a", step: .drop, columns: keep)], "duplicate names")
        refused([.init(name: "a__b", step: .passthrough, columns: keep)], "double underscore")
        refused([.init(name: "a.b", step: .passthrough, columns: keep)], "dot")
        refused([.init(name: "", step: .passthrough, columns: keep)], "empty")
        refused([.init(name: "remainder", step: .passthrough, columns: keep)], "remainder")
        refused([.init(name: "a", step: .passthrough, columns: .names(["age", "age"]))], "column twice")
        let many = (0..<1000).map { "nope\($0)" }
        do {
            _ = try ColumnTransformer([.init(name: "a", step: .passthrough, columns: .names(many))]).fit(table)
            Issue.record("unknown columns were accepted")
        } catch let error as EstimatorError {
            #expect(error == .missingFeatures(many, available: table.columnNames))
            #expect(error.description.count < 1000, "\(error.description.count) characters")
        }
        #expect(throws: EstimatorError.emptyData(what: "the column transformer outputs no columns (every entry is dropped or selects none)")) {
            try ColumnTransformer([.init(name: "a", step: .transformer(OneHotEncoder()), columns: .names([])),
                                   .init(name: "b", step: .drop, columns: .kind(.numeric))]).fit(table)
        }
        #expect(throws: EstimatorError.nonNumericFeature("sex")) {
            try ColumnTransformer([.init(name: "a", step: .transformer(StandardScaler()), columns: .names(["sex"]))]).fit(table)
        }
        #expect(throws: EstimatorError.emptyData(what: "the table has no rows")) { try Self.preprocess().fit(try table.rows([])) }
        #expect(throws: EstimatorError.self) {
            try ColumnTransformer([.init(name: "a", step: .passthrough, columns: .names(["sex"])),
                                   .init(name: "b", step: .passthrough, columns: .names(["sex"]))], verboseFeatureNames: false).fit(table)
        }
    }

    @Test func transformChecksKindsAndMatchesByName() throws {
        let table = try Self.table()
        let model = try Self.preprocess(remainder: .passthrough).fit(table)
        let output = try model.transformTable(table)
        let reordered = try Table(columns: [.numeric("extra", [Double](repeating: 0, count: 8))] + table.columns.reversed())
        #expect(try model.transformTable(reordered) == output)
        let changed = try Table(columns: table.columns.map { $0.name == "sex" ? .numeric("sex", [Double](repeating: 1, count: 8)) : $0 })
        #expect(throws: EstimatorError.columnKindMismatch(column: "sex", expected: .categorical, actual: .numeric)) {
            try model.transformTable(changed)
        }
        // Unseen categories and missing cells at transform go through the steps' own rules.
        let unseen = try Table(columns: [
            .numeric("age", [.nan]), .categorical("sex", [nil]), .numeric("fare", [3]), .categorical("port", ["X"]), .numeric("sibsp", [8]),
        ])
        let row = try model.transformTable(unseen)
        #expect(row.columnNames == output.columnNames)
        #expect(try row.column(named: "cat__port_C").numericValues == [0] && row.column(named: "cat__port_S").numericValues == [0])
        // A model fitted on a matrix matches by position and names its columns x0, x1, ….
        let numbers = try table.selecting(["age", "fare"]).numericMatrix()
        let positional = try ColumnTransformer([.init(name: "s", step: .transformer(SimpleImputer()), columns: .names(["x1"]))],
                                               remainder: .passthrough).fitTransformer(numbers, featureNames: nil)
        #expect(positional.featureNames == nil && positional.outputFeatureNames == ["s__x1", "remainder__x0"])
        let first = try positional.transform(numbers).column(0)
        #expect(try first == numbers.column(1))
    }

    @Test func conformsAsATableTransformer() throws {
        let table = try Self.table()
        for remainder in ColumnTransformer.Remainder.allCases {
            let report = ConformanceChecker.checkTableTransformer(
                makeEstimator: { Self.preprocess(remainder: remainder) }, on: table,
                invalidEstimators: [ColumnTransformer([.init(name: "a__b", step: .passthrough, columns: .kind(.numeric))]),
                                    ColumnTransformer([.init(name: "a", step: .passthrough, columns: .kind(.numeric)),
                                                       .init(name: "a", step: .drop, columns: .kind(.categorical))])])
            #expect(report.passed, "\(report)")
        }
    }

    @Test func inAPipelineBeforeAClassifierSavedAndLoaded() throws {
        let table = try Self.table()
        let labels = ["a", "b", "a", "b", "a", "a", "b", "b"]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("brine-ct-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let classifiers: [(String, any ClassifierEstimator)] = [
            ("forest", RandomForestClassifier(nEstimators: 5, seed: 3)), ("logreg", LogisticRegression()),
        ]
        for (name, classifier) in classifiers {
            let model = try Pipeline(steps: [("preprocess", .transformer(Self.preprocess())), (name, .classifier(classifier))]).fit(table, labels)
            let probabilities = try model.predictProbabilities(table)
            let shuffled = try Table(columns: table.columns.reversed())
            #expect(try model.predictProbabilities(shuffled) == probabilities)
            for (file, memoryMap) in [("model.brine", false), ("model.brine.gz", false), ("mapped.brine", true)] {
                let url = directory.appendingPathComponent("\(name)-\(file)")
                try model.save(to: url)
                let loaded = try PipelineModel<String>.load(from: url, memoryMap: memoryMap)
                #expect(try loaded.predictProbabilities(table) == probabilities, "\(name) \(file)")
                let preprocess = try #require(try loaded.step(named: "preprocess") as? ColumnTransformerModel)
                #expect(preprocess.outputColumnNames == (try model.step(named: "preprocess") as? ColumnTransformerModel)?.outputColumnNames)
            }
        }
    }

    @Test func savedAndLoadedAloneGivesTheSameOutput() throws {
        let table = try Self.table()
        let model = try ColumnTransformer([
            .init(name: "cat", step: Self.categoricalEncode, columns: .kind(.categorical)),
            .init(name: "keep", step: .passthrough, columns: .names(["sex"])),
            .init(name: "scale", step: .transformer(StandardScaler()), columns: .names(["fare"])),
        ], remainder: .passthrough).fit(table)
        let output = try model.transformTable(table)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("brine-ct-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (file, memoryMap) in [("ct.brine", false), ("ct.brine.gz", false), ("ct.brine", true)] {
            let url = directory.appendingPathComponent(file)
            try model.save(to: url, overwrite: true)
            let loaded = try ColumnTransformerModel.load(from: url, memoryMap: memoryMap)
            #expect(try loaded.transformTable(table) == output, "\(file) memoryMap \(memoryMap)")
            #expect(try loaded.archive() == model.archive())
            #expect(loaded.entries.map(\.selection) == [.kind(.categorical), .names(["sex"]), .names(["fare"])])
            #expect(loaded.remainderColumns == ["age", "sibsp"] && loaded.outputColumnNames == model.outputColumnNames)
            #expect(try Brine.load(from: url, memoryMap: memoryMap) is ColumnTransformerModel)
        }
    }

    @Test func hostileArchivesAreRefused() throws {
        let table = try Self.table()
        let model = try ColumnTransformer([
            .init(name: "scale", step: .transformer(StandardScaler()), columns: .names(["fare"])),
            .init(name: "cat", step: Self.categoricalEncode, columns: .names(["sex", "port"])),
            .init(name: "gone", step: .drop, columns: .names(["sibsp"])),
            .init(name: "numbers", step: .passthrough, columns: .kind(.numeric)),
        ], remainder: .passthrough).fit(table)
        #expect(model.remainderColumns == [])
        let good = try model.archive()
        #expect(try ColumnTransformerModel.decode(from: good).archive() == good)
        func entries(_ edit: @escaping (inout [JSONValue]) -> Void) -> (inout ModelArchive) -> Void {
            { archive in
                var list = archive.hyperparameters["entries"]?.arrayValue ?? []
                edit(&list)
                var hyper = archive.hyperparameters.objectValue ?? [:]
                hyper["entries"] = .array(list)
                archive.hyperparameters = .object(hyper)
            }
        }
        func renamed(_ value: JSONValue, _ name: String) -> JSONValue {
            var object = value.objectValue ?? [:]
            object["name"] = .string(name)
            return .object(object)
        }
        let other = try ColumnTransformer([.init(name: "scale", step: .transformer(StandardScaler()), columns: .names(["age"]))]).fit(
            try table.selecting(["age", "fare"]).rows([0, 2, 3]))
        let otherChild = try #require(try other.archive().children.first)
        let edits: [(String, (inout ModelArchive) -> Void)] = [
            ("unknown remainder", { $0.hyperparameters = .object((($0.hyperparameters.objectValue ?? [:]).merging(["remainder": .string("keep")]) { $1 })) }),
            ("no verbose flag", { $0.hyperparameters = .object((($0.hyperparameters.objectValue ?? [:]).filter { $0.key != "verboseFeatureNames" })) }),
            ("feature count zero", { $0.attributes["featureCount"] = .int(0) }),
            ("feature count against kinds", { $0.attributes["featureCount"] = .int(6) }),
            ("unknown column kind", { $0.attributes["columnKinds"] = .array([.string("text")] + Array(($0.attributes["columnKinds"]?.arrayValue ?? []).dropFirst())) }),
            ("repeated input names", { $0.featureNames = ["age", "age", "fare", "port", "sibsp"] }),
            ("input names count", { $0.featureNames = ["age", "sex"] }),
            ("repeated entry name", entries { $0[2] = renamed($0[2], "cat") }),
            ("entry name with __", entries { $0[2] = renamed($0[2], "go__ne") }),
            ("entry name remainder", entries { $0[2] = renamed($0[2], "remainder") }),
            ("unknown step", entries { $0[2] = .object(($0[2].objectValue ?? [:]).merging(["step": .string("scale")]) { $1 }) }),
            ("extra entry key", entries { $0[2] = .object(($0[2].objectValue ?? [:]).merging(["weight": .int(2)]) { $1 }) }),
            ("bad selection", entries { $0[2] = .object(($0[2].objectValue ?? [:]).merging(["columns": .object(["kind": .string("text")])]) { $1 }) }),
            ("selection disagrees with columns", entries { $0[1] = .object(($0[1].objectValue ?? [:]).merging(["columns": .object(["kind": .string("numeric")])]) { $1 }) }),
            ("entry dropped from the list", entries { $0.removeLast() }),
            ("entry columns count", { $0.attributes["entryColumns"] = .array(Array(($0.attributes["entryColumns"]?.arrayValue ?? []).dropLast())) }),
            ("column outside the input", { archive in
                archive.attributes["entryColumns"] = .array([.array([.string("nope")])] + Array((archive.attributes["entryColumns"]?.arrayValue ?? []).dropFirst()))
            }),
            ("column twice in an entry", { archive in
                var lists = archive.attributes["entryColumns"]?.arrayValue ?? []
                lists[2] = .array([.string("sibsp"), .string("sibsp")])
                archive.attributes["entryColumns"] = .array(lists)
            }),
            ("remainder columns not the unselected ones", { $0.attributes["remainderColumns"] = .array([.string("age")]) }),
            ("remainder columns not strings", { $0.attributes["remainderColumns"] = .array([.int(1)]) }),
            ("output names count", { $0.attributes["outputColumnNames"] = .array(Array(($0.attributes["outputColumnNames"]?.arrayValue ?? []).dropLast())) }),
            ("output names renamed", { $0.attributes["outputColumnNames"] = .array([.string("x")] + Array(($0.attributes["outputColumnNames"]?.arrayValue ?? []).dropFirst())) }),
            ("child missing", { $0.children.removeFirst() }),
            ("child for a dropped entry", { $0.children.append(ModelArchive.Child(name: "gone", archive: $0.children[0].archive)) }),
            ("two children of one name", { $0.children.append($0.children[0]) }),
            ("child of an unknown type", { $0.children[0].archive.typeName = "Shell" }),
            ("child fitted on other columns", { $0.children[0] = otherChild }),
            ("classes", { $0.classes = [.int(0), .int(1)]; $0.labelTypeName = "Int" }),
            ("nested too deep", { archive in
                var nested = archive
                for _ in 0..<10 { let inner = nested; nested.children = [ModelArchive.Child(name: "scale", archive: inner)] }
                archive = nested
            }),
        ]
        for (name, edit) in edits {
            var bad = good
            edit(&bad)
            #expect(throws: PersistenceError.self, "\(name)") { try ColumnTransformerModel.decode(from: bad) }
        }
    }
}
