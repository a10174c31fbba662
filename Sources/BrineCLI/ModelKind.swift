import ArgumentParser

/// The models `brine train` can fit.
enum ModelKind: String, CaseIterable, ExpressibleByArgument {
    /// StandardScaler → LogisticRegression.
    case scalerLogreg = "scaler+logreg"
    /// LogisticRegression alone.
    case logreg
    /// RandomForestClassifier alone.
    case forest
    /// StandardScaler → RandomForestClassifier.
    case scalerForest = "scaler+forest"

    /// Whether the model starts with a StandardScaler step.
    var scales: Bool { self == .scalerLogreg || self == .scalerForest }
    /// Whether the final estimator is a forest.
    var isForest: Bool { self == .forest || self == .scalerForest }
}
