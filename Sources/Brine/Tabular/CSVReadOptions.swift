/// How ``CSVReader`` reads a file: the delimiter, per-column kind overrides and the tokens that
/// mean "missing".
public struct CSVReadOptions: Sendable, Equatable {
    /// The field separator.
    public enum Delimiter: UInt8, Sendable, Equatable, CaseIterable {
        /// `,`
        case comma = 44
        /// `;` (the CSV of spreadsheets in locales with a decimal comma)
        case semicolon = 59
        /// A tab (TSV).
        case tab = 9
    }

    /// pandas' default `na_values` (`pandas.read_csv` with `keep_default_na=True`), plus the empty field.
    public static let pandasMissingValues: [String] = [
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
        "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
    ]

    /// The field separator (comma by default).
    public var delimiter: Delimiter
    /// Columns read as categories even when every cell is a number (for example `area_code`).
    public var categorical: [String]
    /// Columns that must be numeric: a cell that is neither a number nor a missing token is an error.
    public var numeric: [String]
    /// Cells equal to one of these (after trimming spaces around an unquoted field) are missing:
    /// NaN in a numeric column, `nil` in a categorical one. The empty field is missing only when
    /// `""` is in the list (it is by default).
    public var missingValues: [String]

    /// Options with pandas' defaults: comma, kinds inferred, ``pandasMissingValues``.
    public init(delimiter: Delimiter = .comma, categorical: [String] = [], numeric: [String] = [],
                missingValues: [String] = CSVReadOptions.pandasMissingValues) {
        self.delimiter = delimiter
        self.categorical = categorical
        self.numeric = numeric
        self.missingValues = missingValues
    }
}
