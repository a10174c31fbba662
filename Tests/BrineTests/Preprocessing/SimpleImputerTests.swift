import Foundation
import Testing
import BrineTestSupport
@testable import Brine

@Suite struct SimpleImputerTests {
    static let reference = Result { try PreprocessingReference.load() }

    static func strategy(_ name: String) throws -> ImputationStrategy {
        try #require(ImputationStrategy.allCases.first { $0.scikitLearnName == name })
    }

    @Test func matchesScikitLearnExactly() throws {
        let reference = try Self.reference.get()
        let train = try reference.trainTable
        let test = try reference.testTable
        #expect(reference.simple_imputer.count == 20)
        for c in reference.simple_imputer {
            let what = "\(c.columns) \(c.strategy) indicator=\(c.add_indicator) (scikit-learn \(reference.sklearn_version))"
            let imputer = SimpleImputer(strategy: try Self.strategy(c.strategy), addIndicator: c.add_indicator)
            let model = try imputer.fit(try train.selecting(c.columns))
            #expect(model.outputColumnNames == c.feature_names, "\(what): feature names")
            for (j, statistic) in c.statistics.enumerated() {
                if let number = statistic.doubleValue {
                    #expect(model.numericStatistics[j].bitPattern == number.bitPattern, "\(what): statistic \(j) \(model.numericStatistics[j]) vs \(number)")
                } else if let text = statistic.stringValue {
                    #expect(model.categoricalStatistics[j] == text, "\(what): statistic \(j)")
                } else {
                    #expect(!model.keepsColumn(j), "\(what): column \(j) has no observed value and is dropped")
                }
            }
            PreprocessingReference.expectExactly(try model.transformTable(train), c.train_output, "\(what) train")
            // The test rows are matched by name from the whole table (extra columns ignored).
            PreprocessingReference.expectExactly(try model.transformTable(test), c.test_output, "\(what) test")
        }
    }

    @Test func conformsOnNumbersAcceptingNaN() throws {
        let iris = try BundledDatasets.load("iris")
        for strategy in ImputationStrategy.allCases {
            let report = ConformanceChecker.checkTransformer(
                SimpleImputer(strategy: strategy, addIndicator: true), on: iris,
                invalidEstimators: [SimpleImputer(numericFillValue: .nan), SimpleImputer(numericFillValue: .infinity)])
            #expect(report.passed, "\(report)")
        }
    }

    @Test func conformsOnTables() throws {
        let reference = try Self.reference.get()
        let table = try reference.trainTable.dropping(["empty"])
        for strategy in [ImputationStrategy.mostFrequent, .constant] {
            let report = ConformanceChecker.checkTableTransformer(
                makeEstimator: { SimpleImputer(strategy: strategy, addIndicator: true) }, on: table,
                invalidEstimators: [SimpleImputer(strategy: strategy, numericFillValue: .nan),
                                    SimpleImputer(strategy: strategy, categoricalFillValue: String(repeating: "x", count: SimpleImputer.maximumFillTextLength + 1))])
            #expect(report.passed, "\(report)")
        }
    }

    @Test func refusesAMeanOfText() throws {
        let table = try Table(columns: [.categorical("sex", ["male", nil, "female"])])
        #expect(throws: EstimatorError.unsupportedColumn(column: "sex", reason: "is categorical; strategy median needs numbers (use mostFrequent or constant)")) {
            _ = try SimpleImputer(strategy: .median).fit(table)
        }
    }

    @Test func refusesInfinityButAcceptsNaN() throws {
        let table = try Table(columns: [.numeric("a", [1, .nan, 3]), .numeric("b", [1, 2, -.infinity])])
        #expect(throws: EstimatorError.nonFiniteValue(row: 2, column: 1)) { _ = try SimpleImputer().fit(table) }
        let model = try SimpleImputer().fit(try table.selecting(["a"]))
        #expect(try model.transform(try Matrix([[.nan], [5]])).elements.array == [2, 5])
    }

    @Test func pipelineImputesEncodesNothingAndClassifiesATable() throws {
        // A numeric table with missing cells: imputer -> scaler -> logistic regression, fitted on
        // the table, predicting a table whose columns are reordered, saved and reloaded.
        let reference = try Self.reference.get()
        let train = try reference.trainTable
        let features = try train.selecting(["bill_length_mm", "body_mass_g", "flipper_mm"])
        let labels = try #require(try train.column(named: "species").categoricalValues).map { $0 ?? "?" }
        let pipeline = Pipeline(steps: [
            ("impute", .transformer(SimpleImputer(strategy: .median, addIndicator: true))),
            ("scale", .transformer(StandardScaler())),
            ("classify", .classifier(LogisticRegression())),
        ])
        #expect(pipeline.tags.allowsMissingValues)
        let model: PipelineModel<String> = try pipeline.fit(features, labels)
        #expect(model.featureNames == ["bill_length_mm", "body_mass_g", "flipper_mm"])
        // The steps after the imputer were fitted with the imputer's output names.
        #expect(try model.step(named: "scale").featureNames == ["bill_length_mm", "body_mass_g", "flipper_mm",
                                                                "missingindicator_bill_length_mm", "missingindicator_body_mass_g"])
        // Fitting the steps by hand on the imputed matrix gives the same predictions.
        let imputed = try SimpleImputer(strategy: .median, addIndicator: true).fit(features).transform(features)
        let scaled = try StandardScaler().fit(imputed).transform(imputed)
        let direct = try LogisticRegression().fit(scaled, labels).predictProbabilities(scaled)
        let viaPipeline = try model.predictProbabilities(try Table(columns: features.columns.reversed()))
        #expect(viaPipeline.elements.array.map(\.bitPattern) == direct.elements.array.map(\.bitPattern))
        let archive = try PipelineModel<String>.archive(of: model)
        let decoded = try #require(try ModelRegistry.shared.decode(archive) as? PipelineModel<String>)
        #expect(try decoded.predict(features) == (try model.predict(features)))
    }

    @Test func pipelineOnATableWithTextRefusesTheTextAtTheNumericStep() throws {
        let table = try Table(columns: [.numeric("a", [1, .nan, 3, 4]), .categorical("c", ["x", nil, "y", "x"])])
        let pipeline = Pipeline(steps: [
            ("impute", .transformer(SimpleImputer(strategy: .mostFrequent))),
            ("classify", .classifier(LogisticRegression())),
        ])
        #expect(throws: EstimatorError.nonNumericFeature("c")) { _ = try pipeline.fit(table, [0, 1, 0, 1]) }
    }

    @Test func hostileArchivesAreRefused() throws {
        let table = try Table(columns: [.numeric("a", [1, .nan, 3]), .categorical("c", ["x", nil, "y"]), .numeric("e", [.nan, .nan, .nan])])
        let model = try SimpleImputer(strategy: .mostFrequent, addIndicator: true).fit(table)
        let good = try PipelineModel<Never>.archive(of: model)
        let decoded = try SimpleImputerModel.decode(from: good)
        #expect(decoded.outputColumnNames == ["a", "c", "missingindicator_a", "missingindicator_c", "missingindicator_e"])
        #expect(try decoded.transformTable(table) == (try model.transformTable(table)))
        var mutations: [(String, (inout ModelArchive) -> Void)] = [
            ("unknown strategy", { $0.hyperparameters = .object(["strategy": .string("mode"), "numericFillValue": .double(0), "categoricalFillValue": .string("m"), "addIndicator": .bool(true)]) }),
            ("kinds too short", { $0.attributes["columnKinds"] = .array([.string("numeric")]) }),
            ("unknown kind", { $0.attributes["columnKinds"] = .array([.string("numeric"), .string("text"), .string("numeric")]) }),
            ("text statistic on a numeric column", { $0.attributes["categoricalStatistics"] = .array([.string("x"), .string("x"), .null]) }),
            ("statistic not a string", { $0.attributes["categoricalStatistics"] = .array([.null, .int(3), .null]) }),
            ("indicators out of order", { $0.attributes["indicatorColumns"] = .array([.int(1), .int(0)]) }),
            ("indicator out of range", { $0.attributes["indicatorColumns"] = .array([.int(3)]) }),
            ("indicator repeated", { $0.attributes["indicatorColumns"] = .array([.int(0), .int(0)]) }),
            ("infinite statistic", { $0.setArray("numericStatistics", .float64(DenseArray([Double.infinity, 0, 0]))) }),
            ("NaN statistic", { $0.setArray("numericStatistics", .float64(DenseArray([Double.nan, 0, 0]))) }),
            ("text column listed empty but with a statistic", { $0.attributes["emptyColumns"] = .array([.int(1)]) }),
            ("empty column given a statistic", { $0.setArray("numericStatistics", .float64(DenseArray([2.0, 0, 7]))) }),
            ("empty columns out of range", { $0.attributes["emptyColumns"] = .array([.int(5)]) }),
            ("statistics too short", { $0.setArray("numericStatistics", .float64(DenseArray([2.0]))) }),
            ("numeric statistic on a text column", { $0.setArray("numericStatistics", .float64(DenseArray([2.0, 1.0, 0]))) }),
            ("names of the wrong count", { $0.featureNames = ["a"] }),
            ("huge text", { $0.attributes["categoricalStatistics"] = .array([.null, .string(String(repeating: "y", count: SimpleImputer.maximumFillTextLength + 1)), .null]) }),
        ]
        mutations.append(("no feature count", { $0.attributes["featureCount"] = nil }))
        for (name, mutate) in mutations {
            var archive = good
            mutate(&archive)
            #expect(throws: PersistenceError.self, "\(name)") { _ = try SimpleImputerModel.decode(from: archive) }
        }
    }
}
