/// Feature importances by name, as one would build with pandas from scikit-learn's
/// `feature_importances_` and `feature_names_in_`.
extension RandomForestClassifierModel {
    /// The name of each feature: ``featureNames`` when the model was fitted with names, otherwise
    /// scikit-learn's default output names `x0`, `x1`, ….
    public var resolvedFeatureNames: [String] {
        featureNames ?? (0..<featureCount).map { "x\($0)" }
    }

    /// Each feature's importance keyed by its name (see ``resolvedFeatureNames``).
    public var featureImportancesByName: [String: Double] {
        Dictionary(zip(resolvedFeatureNames, featureImportances), uniquingKeysWith: { first, _ in first })
    }

    /// `(name, importance)` pairs, most important first; ties keep the features' order.
    public var rankedFeatureImportances: [(name: String, importance: Double)] {
        zip(resolvedFeatureNames, featureImportances).enumerated()
            .sorted { $0.element.1 != $1.element.1 ? $0.element.1 > $1.element.1 : $0.offset < $1.offset }
            .map { (name: $0.element.0, importance: $0.element.1) }
    }
}
