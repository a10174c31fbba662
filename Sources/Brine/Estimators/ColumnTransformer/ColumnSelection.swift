/// Which columns of a table a ``ColumnTransformer`` entry takes: a list of names, or every column
/// of one kind (scikit-learn's `make_column_selector(dtype_include=np.number)` for
/// ``ColumnKind/numeric``, `dtype_include=object` for ``ColumnKind/categorical``).
///
/// A selection is resolved to concrete column names when the column transformer is fitted; the
/// fitted ``ColumnTransformerModel`` keeps (and saves) the names, so a kind selection does not
/// change meaning on the rows it transforms later.
public enum ColumnSelection: Sendable, Hashable, Codable {
    /// These columns, in this order (an empty list selects nothing, as in scikit-learn).
    case names([String])
    /// Every column of this kind, in table order (possibly none).
    case kind(ColumnKind)

    /// The names this selection picks among columns called `names` of kinds `kinds`, in order.
    ///
    /// A `.names` selection is returned as given; the caller checks that each name exists.
    func resolve(names: [String], kinds: [ColumnKind]) -> [String] {
        switch self {
        case let .names(selected): return selected
        case let .kind(kind): return zip(names, kinds).filter { $0.1 == kind }.map(\.0)
        }
    }

    /// The selection as manifest JSON: `{"names": [...]}` or `{"kind": "numeric" | "categorical"}`.
    var json: JSONValue {
        switch self {
        case let .names(names): return .object(["names": .array(names.map(JSONValue.string))])
        case let .kind(kind): return .object(["kind": .string(kind.rawValue)])
        }
    }

    /// The selection written by ``json``, or `nil` for anything else.
    init?(json: JSONValue) {
        guard let object = json.objectValue, object.count == 1 else { return nil }
        if let names = object["names"]?.arrayValue {
            var strings: [String] = []
            strings.reserveCapacity(names.count)
            for value in names {
                guard let name = value.stringValue else { return nil }
                strings.append(name)
            }
            self = .names(strings)
        } else if let kind = object["kind"]?.stringValue.flatMap(ColumnKind.init(rawValue:)) {
            self = .kind(kind)
        } else {
            return nil
        }
    }
}
