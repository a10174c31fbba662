extension ColumnTransformerModel {
    /// One fitted entry of a ``ColumnTransformerModel``: its name, kind, selection, the columns the
    /// selection resolved to at fit, and (for a transformer that selected columns) the fitted model.
    public struct FittedEntry: Sendable {
        /// The entry name.
        public let name: String
        /// What the entry does.
        public let kind: EntryKind
        /// The selection as written in the ``ColumnTransformer``.
        public let selection: ColumnSelection
        /// The columns the selection resolved to at fit, in order.
        public let columns: [String]
        /// The fitted transformer: present exactly for a ``EntryKind/transformer`` entry with columns.
        public let model: (any Transformer)?

        /// Pairs the parts of an entry; ``ColumnTransformerModel``'s initialiser checks them.
        init(name: String, kind: EntryKind, selection: ColumnSelection, columns: [String], model: (any Transformer)?) {
            self.name = name
            self.kind = kind
            self.selection = selection
            self.columns = columns
            self.model = model
        }

        /// The entry's output names before the `<entry>__` prefix.
        var unprefixedOutputNames: [String] {
            guard kind != .drop else { return [] }
            guard kind == .transformer else { return columns }
            guard let model else { return [] }
            return ColumnTransformerModel.outputNames(of: model)
        }
    }
}
