import Brine

/// What `brine train` fits, once the data is read and split: numbers straight into the model, or
/// a raw table through its preprocessing (see ``PreprocessingPlan``).
struct TrainingJob {
    /// Where the data came from (a path or a bundled dataset's name).
    let source: String
    /// The rows of the data, both parts.
    let rows: Int
    /// The columns the model reads.
    let featureNames: [String]
    /// The rows the model is fitted on.
    let trainRows: Int
    /// The labels of the held-out rows, or `nil` with `--test-size 0`.
    let testTruth: [String]?
    /// Fits the model on the training rows, reporting progress.
    let fit: (FitProgress?) throws -> any Classifier<String>
    /// The fitted model's predictions for the held-out rows.
    let predictTest: (any Classifier<String>) throws -> [String]
}
