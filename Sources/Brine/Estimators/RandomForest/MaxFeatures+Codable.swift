extension MaxFeatures: Codable {
    private enum CodingKeys: String, CodingKey {
        case count, fraction
    }

    /// Decodes `"sqrt"`, `"log2"`, `"all"`, `{"count": n}` or `{"fraction": f}`.
    public init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let name = try? single.decode(String.self) {
            switch name {
            case "sqrt": self = .sqrt
            case "log2": self = .log2
            case "all": self = .all
            default:
                throw DecodingError.dataCorruptedError(
                    in: single, debugDescription: "maxFeatures must be \"sqrt\", \"log2\", \"all\", {\"count\": n} or {\"fraction\": f}, found \"\(name)\"")
            }
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let count = try container.decodeIfPresent(Int.self, forKey: .count) {
            self = .count(count)
        } else {
            self = .fraction(try container.decode(Double.self, forKey: .fraction))
        }
    }

    /// Encodes as described on ``MaxFeatures``.
    public func encode(to encoder: Encoder) throws {
        switch self {
        case .sqrt:
            var single = encoder.singleValueContainer()
            try single.encode("sqrt")
        case .log2:
            var single = encoder.singleValueContainer()
            try single.encode("log2")
        case .all:
            var single = encoder.singleValueContainer()
            try single.encode("all")
        case let .count(n):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(n, forKey: .count)
        case let .fraction(f):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(f, forKey: .fraction)
        }
    }
}
