import Brine
import Foundation

/// A raw CSV file read for a model that takes tables (`predict` and `evaluate`): columns matched by
/// name (any order, extra columns ignored), missing cells and unseen categories left to the
/// model's imputers and encoders, each column read as the kind the model was fitted on.
enum ModelInput {
    /// The rows of `file` for `model`, with `target` (when given) read as text labels.
    ///
    /// Kinds come from the plan `brine train` recorded (so a categorical column whose cells all
    /// look like numbers stays text, and text in a numeric column is an error naming its row and
    /// column); for a model without a plan, a column read with the wrong kind is read again as the
    /// kind the model reports.
    ///
    /// - Throws: ``CLIError/missingColumns(file:missing:)`` listing every column the model needs
    ///   and the file lacks, ``DatasetError`` for a missing target column or malformed CSV.
    static func table(file: String, model: LoadedModel, target: String?) throws -> Table {
        let url = URL(fileURLWithPath: file)
        let plan = model.plan
        var categorical = plan?.categorical ?? []
        var numeric = plan?.numeric ?? []
        if let target {
            categorical.removeAll { $0 == target }
            numeric.removeAll { $0 == target }
            categorical.append(target)
        }
        let table: Table
        do {
            table = try CSVLoader.table(contentsOf: url, options: CSVReadOptions(categorical: categorical, numeric: numeric))
        } catch let DatasetError.unknownColumn(_, available) where !categorical.isEmpty || !numeric.isEmpty {
            // An override named a column the file lacks: report every such column at once.
            let header = Set(available)
            let missing = model.featureNames.filter { !header.contains($0) }
            if !missing.isEmpty { throw CLIError.missingColumns(file: file, missing: missing) }
            let absent = (categorical + numeric).filter { !header.contains($0) }
            throw DatasetError.unknownColumn(name: absent.first ?? "", available: available)
        }
        let missing = model.featureNames.filter { table.position(of: $0) == nil }
        guard missing.isEmpty else { throw CLIError.missingColumns(file: file, missing: missing) }
        return table
    }

    /// Runs `body` on the table of `file`; when the model refuses a column because it was read as
    /// numbers but fitted as text (a model without a recorded plan), reads the file again with
    /// that column as text, at most once per feature.
    ///
    /// - Parameter read: the table already read by ``table(file:model:target:)``, if any.
    static func withTable<Result>(file: String, model: LoadedModel, target: String?, read: Table? = nil,
                                  _ body: (Table) throws -> Result) throws -> Result {
        var table = try read ?? table(file: file, model: model, target: target)
        var asText: [String] = target.map { [$0] } ?? []
        for _ in 0...model.featureNames.count {
            do { return try body(table) } catch let EstimatorError.columnKindMismatch(column, expected, actual)
                where expected == .categorical && actual == .numeric && !asText.contains(column) && model.plan == nil {
                asText.append(column)
                table = try CSVLoader.table(contentsOf: URL(fileURLWithPath: file), options: CSVReadOptions(categorical: asText))
            }
        }
        return try body(table)
    }
}
