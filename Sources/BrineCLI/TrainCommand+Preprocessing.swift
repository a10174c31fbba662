import Brine

/// `brine train` on a raw table: the plan becomes a ``ColumnTransformer`` saved as the first step
/// of the model's pipeline, so `predict` and `evaluate` take raw rows.
extension TrainCommand {
    /// The preprocessing of `plan`: mean imputation (then standardisation for logistic regression
    /// and `scaler+…`) of the numeric columns; most-frequent imputation then one-hot encoding,
    /// unknown categories ignored, of the categorical ones; every other column dropped.
    func preprocessor(_ plan: PreprocessingPlan) -> ColumnTransformer {
        var numericSteps: [(String, PipelineStep<Never>)] = [("impute", .transformer(SimpleImputer(strategy: .mean)))]
        if plan.scalesNumbers { numericSteps.append(("scale", .transformer(StandardScaler()))) }
        var entries: [ColumnTransformer.Entry] = []
        if !plan.numeric.isEmpty {
            entries.append(.init(name: "num", step: .transformer(Pipeline<Never>(steps: numericSteps)), columns: .names(plan.numeric)))
        }
        if !plan.categorical.isEmpty {
            entries.append(.init(name: "cat", step: .transformer(Pipeline<Never>(steps: [
                ("impute", .transformer(SimpleImputer(strategy: .mostFrequent))),
                ("onehot", .transformer(OneHotEncoder(handleUnknown: .ignore))),
            ])), columns: .names(plan.categorical)))
        }
        return ColumnTransformer(entries, remainder: .drop)
    }

    /// A raw table split as asked; the model is `preprocess` (the plan's column transformer) then
    /// the classifier, fitted on the transformer's output with its `name__feature` column names.
    func rawJob(_ raw: TabularDataset<String>, plan: PreprocessingPlan) throws -> TrainingJob {
        let full = try TabularDataset(features: try raw.features.selecting(plan.keptColumns(of: raw.features)),
                                      targets: raw.targets, targetColumn: raw.targetColumn, source: raw.source)
        var train = full, test: TabularDataset<String>? = nil
        if testSize > 0 {
            let parts = try TrainTestSplit.split(full, testFraction: testSize, seed: seed, stratified: true)
            (train, test) = (parts.train, parts.test)
        }
        let preprocessor = preprocessor(plan)
        let stepName = classifierStepName
        return TrainingJob(
            source: full.source, rows: full.sampleCount, featureNames: full.features.columnNames, trainRows: train.sampleCount,
            testTruth: test?.targets,
            fit: { progress in
                let preprocess = try preprocessor.fitTableTransformer(train.features)
                let x = try preprocess.transform(train.features)
                let classifier = try fitClassifier(x, train.targets, preprocess.outputColumnNames, progress)
                return try PipelineModel<String>(steps: [
                    .init(name: "preprocess", model: .transformer(preprocess)),
                    .init(name: stepName, model: .classifier(classifier)),
                ])
            },
            predictTest: { model in try test.map { try model.predict($0.features) } ?? [] })
    }
}
