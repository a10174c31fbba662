import Brine

/// How `brine train` split its data, stored in the model's metadata under ``metadataKey`` so that
/// `brine evaluate` can recognise the training data and find its held-out rows again.
///
/// The split is ``TrainTestSplit`` (stratified): the same labels, test size and seed give the same
/// rows, so the held-out rows of the training file are recomputed rather than stored.
struct SplitRecord: Codable, Equatable {
    /// The metadata key.
    static let metadataKey = "split"

    /// The seed of the split (`--seed`).
    let seed: UInt64
    /// The held-out fraction (`--test-size`); 0 when the model was trained on every row.
    let testSize: Double
    /// Whether the split kept each class's share (always true for `brine train`).
    let stratified: Bool
    /// The number of rows of the training data (train and test parts together).
    let rows: Int
    /// The number of rows the model was fitted on.
    let trainRows: Int
    /// The bundled dataset's name, when the data was one.
    let dataset: String?
    /// The data file's fingerprint, when the data was a file.
    let file: FileFingerprint?

    enum CodingKeys: String, CodingKey {
        case seed, testSize = "test_size", stratified, rows, trainRows = "train_rows", dataset, file
    }

    init(seed: UInt64, testSize: Double, stratified: Bool, rows: Int, trainRows: Int, dataset: String?, file: FileFingerprint?) {
        (self.seed, self.testSize, self.stratified, self.rows, self.trainRows, self.dataset, self.file) =
            (seed, testSize, stratified, rows, trainRows, dataset, file)
    }

    /// Decodes a record; the seed is a JSON integer, or decimal text when it exceeds `Int.max`.
    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let small = try? container.decode(Int.self, forKey: .seed), small >= 0 { seed = UInt64(small) }
        else if let large = UInt64(try container.decode(String.self, forKey: .seed)) { seed = large }
        else { throw DecodingError.dataCorruptedError(forKey: .seed, in: container, debugDescription: "not a seed") }
        testSize = try container.decode(Double.self, forKey: .testSize)
        stratified = try container.decode(Bool.self, forKey: .stratified)
        rows = try container.decode(Int.self, forKey: .rows)
        trainRows = try container.decode(Int.self, forKey: .trainRows)
        dataset = try container.decodeIfPresent(String.self, forKey: .dataset)
        file = try container.decodeIfPresent(FileFingerprint.self, forKey: .file)
    }

    /// Encodes the record (the seed as text when it exceeds `Int.max`, which JSON numbers cannot hold exactly).
    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let small = Int(exactly: seed) { try container.encode(small, forKey: .seed) } else { try container.encode(String(seed), forKey: .seed) }
        try container.encode(testSize, forKey: .testSize)
        try container.encode(stratified, forKey: .stratified)
        try container.encode(rows, forKey: .rows)
        try container.encode(trainRows, forKey: .trainRows)
        try container.encodeIfPresent(dataset, forKey: .dataset)
        try container.encodeIfPresent(file, forKey: .file)
    }

    /// The record in `metadata`, or `nil` when the model was not trained by a `brine train` that records it.
    static func read(from metadata: [String: JSONValue]) -> SplitRecord? {
        try? metadata[metadataKey]?.decode(as: SplitRecord.self)
    }

    /// The record as a metadata value.
    func metadataValue() throws -> JSONValue { try JSONValue(encoding: self) }

    /// The row indices the model was fitted on, out of data holding `targets` (the training data).
    func trainingRows(targets: [String]) throws -> (train: [Int], test: [Int]) {
        guard testSize > 0 else { return (Array(0..<targets.count), []) }
        return try TrainTestSplit.indices(for: targets, testFraction: testSize, seed: seed, stratified: stratified)
    }
}
