import Testing
@testable import Brine

/// The one-row, by-name and label-inferring conveniences give exactly what the matrix API gives.
@Suite struct ConvenienceAPITests {
    static func fitted() throws -> (model: LogisticRegressionModel<Int>, test: Dataset<Int>) {
        let (train, test) = try BundledDatasets.loadSplit("iris")
        let model = try LogisticRegression(maxIterations: 500).fit(train.features, train.targets, featureNames: train.featureNames)
        return (model, test)
    }

    static func row(_ matrix: Matrix, _ i: Int) -> [Double] { (0..<matrix.columns).map { matrix[i, $0] } }

    @Test func oneRowPredictionsEqualTheMatrixOnes() throws {
        let (model, test) = try Self.fitted()
        let labels = try model.predict(test.features)
        let probabilities = try model.predictProbabilities(test.features)
        for i in 0..<test.sampleCount {
            let row = Self.row(test.features, i)
            #expect(try model.predict(row: row) == labels[i])
            let byClass = try model.predictProbabilities(row: row)
            #expect(Set(byClass.keys) == Set(model.classes))
            for (c, label) in model.classes.enumerated() {
                #expect(byClass[label]?.bitPattern == probabilities[i, c].bitPattern)
            }
        }
        #expect(throws: EstimatorError.featureCountMismatch(expected: 4, actual: 3)) { try model.predict(row: [1, 2, 3]) }
    }

    @Test func tablesAreMatchedByColumnName() throws {
        let (model, test) = try Self.fitted()
        let names = test.featureNames
        let table = try Table(test.features, columnNames: names)
        // Reversed columns plus an extra text column: the same predictions as the matrix.
        var columns = Array(table.columns.reversed())
        columns.append(TableColumn.categorical("note", Array(repeating: "x", count: test.sampleCount)))
        let shuffled = try Table(columns: columns)
        #expect(try model.predict(shuffled) == model.predict(test.features))
        #expect(try model.predictProbabilities(shuffled) == model.predictProbabilities(test.features))

        let missing = try table.dropping([names[1], names[3]])
        #expect(throws: EstimatorError.missingFeatures([names[1], names[3]], available: [names[0], names[2]])) {
            try model.predict(missing)
        }
        var textColumns = try table.dropping([names[0]]).columns
        textColumns.append(TableColumn.categorical(names[0], Array(repeating: "5.1", count: test.sampleCount)))
        #expect(throws: EstimatorError.nonNumericFeature(names[0])) { try model.predict(try Table(columns: textColumns)) }
    }

    @Test func transformersTakeRowsAndTables() throws {
        let (train, test) = try BundledDatasets.loadSplit("wine")
        let scaler = try StandardScaler().fit(train.features, featureNames: train.featureNames)
        let whole = try scaler.transform(test.features)
        #expect(try scaler.transform(row: Self.row(test.features, 3)).map(\.bitPattern) == Self.row(whole, 3).map(\.bitPattern))
        let table = try Table(test.features, columnNames: test.featureNames)
        let reordered = try table.selecting(test.featureNames.reversed())
        #expect(try scaler.transform(reordered) == whole)
    }

    @Test func pipelinesInferTheirLabelType() throws {
        let (train, test) = try BundledDatasets.loadSplit("breast_cancer")
        let inferred = Pipeline(steps: [
            ("scaler", .transformer(StandardScaler())),
            ("logreg", .classifier(LogisticRegression(maxIterations: 1000))),
        ])
        let model: PipelineModel<Int> = try inferred.fit(train)
        let typed = try Pipeline<Int>(steps: [
            ("scaler", .transformer(StandardScaler())),
            ("logreg", .classifier(LogisticRegression(maxIterations: 1000))),
        ]).fit(train.features, train.targets, featureNames: train.featureNames)
        #expect(try model.predictProbabilities(test.features) == typed.predictProbabilities(test.features))
        #expect(model.featureNames == train.featureNames)
        let stringLabels = test.targets.map { "class \($0)" }
        let stringModel = try inferred.fit(test.features, stringLabels)
        #expect(stringModel.classes == ["class 0", "class 1"])
    }

    @Test func forestImportancesByName() throws {
        let (train, _) = try BundledDatasets.loadSplit("wine")
        let forest = try RandomForestClassifier(nEstimators: 20, seed: 3).fit(train.features, train.targets, featureNames: train.featureNames)
        let ranked = forest.rankedFeatureImportances
        #expect(ranked.count == train.featureNames.count)
        #expect(zip(ranked, ranked.dropFirst()).allSatisfy { $0.importance >= $1.importance })
        for (name, importance) in ranked {
            let index = try #require(train.featureNames.firstIndex(of: name))
            #expect(importance.bitPattern == forest.featureImportances[index].bitPattern)
            #expect(forest.featureImportancesByName[name]?.bitPattern == importance.bitPattern)
        }
        let unnamed = try RandomForestClassifier(nEstimators: 5, seed: 3).fit(train.features, train.targets)
        #expect(unnamed.resolvedFeatureNames.prefix(3) == ["x0", "x1", "x2"])
    }

    @Test func jsonValuesPrintAsJSON() {
        #expect("\(JSONValue.double(0.9))" == "0.9")
        #expect("\(JSONValue.string("iris"))" == "\"iris\"")
        let metadata: [String: JSONValue] = ["accuracy": .double(0.25)]
        #expect("\(metadata)" == "[\"accuracy\": 0.25]")
        #expect("\(JSONValue.object(["b": .int(2), "a": .array([.bool(true), .null])]))" == "{\"a\":[true,null],\"b\":2}")
    }
}
