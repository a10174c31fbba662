/// The model types every Brine program can load. Add a new persistable estimator here.
public enum BuiltInModels {
    /// The built-in types, for `Int` and `String` labels where the model is a classifier.
    public static let types: [any Persistable.Type] = [
        // one line per type; keep this list sorted by name
        LogisticRegressionModel<Int>.self,
        LogisticRegressionModel<String>.self,
        ColumnTransformerModel.self,
        OneHotEncoderModel.self,
        OrdinalEncoderModel.self,
        PipelineModel<Int>.self,
        PipelineModel<Never>.self,
        PipelineModel<String>.self,
        RandomForestClassifierModel<Int>.self,
        RandomForestClassifierModel<String>.self,
        SimpleImputerModel.self,
        StandardScalerModel.self,
        StoredValue.self,
    ]
}
