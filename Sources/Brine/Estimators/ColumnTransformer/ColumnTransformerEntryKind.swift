extension ColumnTransformerModel {
    /// What a fitted entry does with its columns.
    public enum EntryKind: String, Sendable, Codable, CaseIterable {
        /// Its fitted transformer's output (nothing when it selected no column: it was not fitted).
        case transformer
        /// Its columns unchanged.
        case passthrough
        /// Nothing.
        case drop

        /// The kind of an unfitted step.
        init(_ step: ColumnTransformer.Step) {
            switch step {
            case .transformer: self = .transformer
            case .passthrough: self = .passthrough
            case .drop: self = .drop
            }
        }
    }
}
