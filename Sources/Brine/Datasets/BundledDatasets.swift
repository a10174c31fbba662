import Foundation

/// The datasets shipped with the library (iris, wine, breast_cancer, digits), loaded by name,
/// with the fixed train/test split every comparison with scikit-learn uses.
///
/// The files are SwiftPM resources of the `Brine` target (`Sources/Brine/Resources/Datasets`):
/// SwiftPM copies them, as the bundle `Brine_Brine.resources`, beside every executable that links
/// Brine (a dependent package's, a test runner, `swift run`), so they are found from any working
/// directory and in any checkout. The folder is looked up, in order, at `$BRINE_DATASETS`, in that
/// bundle beside the running executable, and in `../share/brine/Datasets` beside it (where
/// `make install` puts them). SwiftPM's generated `Bundle.module` looks in the same place first
/// but then stops the program when the bundle is missing, so it is not used: a copied executable
/// without its bundle gets a ``DatasetError`` naming the places looked in.
public enum BundledDatasets {
    /// The names of the bundled datasets.
    public static let names = ["iris", "wine", "breast_cancer", "digits"]

    /// The name of the resource bundle SwiftPM builds for the `Brine` target.
    static let resourceBundleName = "Brine_Brine.resources"

    /// The folder holding the dataset files.
    ///
    /// - Throws: ``DatasetError/fileNotFound(path:)`` when no candidate folder holds `iris.csv`.
    public static func directory() throws -> URL {
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["BRINE_DATASETS"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        let executableFolder = Bundle.main.bundleURL
        candidates.append(executableFolder.appendingPathComponent(resourceBundleName).appendingPathComponent("Datasets"))
        candidates.append(executableFolder.deletingLastPathComponent().appendingPathComponent("share/brine/Datasets"))
        for candidate in candidates
        where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("iris.csv").path) {
            return candidate
        }
        throw DatasetError.fileNotFound(path: candidates.map(\.path).joined(separator: " or "))
    }

    /// Loads the bundled dataset `name` with integer class indices as targets.
    ///
    /// - Throws: ``DatasetError/unknownDataset(name:available:)`` for an unknown name, or a
    ///   ``DatasetError`` if the files cannot be read.
    public static func load(_ name: String) throws -> Dataset<Int> {
        guard names.contains(name) else { throw DatasetError.unknownDataset(name: name, available: names) }
        let folder = try directory()
        let raw: Dataset<Int> = try CSVLoader(targetColumn: "target").load(folder.appendingPathComponent("\(name).csv"))
        let targetNames = try? metadata(name)["target_names"]?.arrayValue?.compactMap(\.stringValue)
        return try Dataset(
            features: raw.features, targets: raw.targets, featureNames: raw.featureNames,
            targetNames: targetNames, source: name)
    }

    /// The bundled dataset `name` as a ``Table`` (its feature columns and the integer `target`
    /// column, all numeric), read with ``CSVReader``.
    ///
    /// - Throws: ``DatasetError`` for an unknown name or an unreadable file.
    public static func table(_ name: String) throws -> Table {
        guard names.contains(name) else { throw DatasetError.unknownDataset(name: name, available: names) }
        return try CSVLoader.table(contentsOf: try directory().appendingPathComponent("\(name).csv"))
    }

    /// The dataset's `.meta.json` (feature and target names, source, citation).
    ///
    /// - Throws: ``DatasetError`` when the file is missing or not JSON.
    public static func metadata(_ name: String) throws -> JSONValue {
        guard names.contains(name) else { throw DatasetError.unknownDataset(name: name, available: names) }
        let url = try directory().appendingPathComponent("\(name).meta.json")
        guard let data = FileManager.default.contents(atPath: url.path) else { throw DatasetError.fileNotFound(path: url.path) }
        do { return try JSONDecoder().decode(JSONValue.self, from: data) } catch {
            throw DatasetError.corruptDataset(name: name, reason: "\(name).meta.json is not valid JSON")
        }
    }

    /// The fixed train/test row indices of `name` (scikit-learn's `train_test_split(test_size=0.25,
    /// random_state=42, stratify=y)`), as shipped in `<name>.split.json`.
    ///
    /// - Throws: ``DatasetError`` when the file is missing or malformed.
    public static func fixedSplit(_ name: String) throws -> (train: [Int], test: [Int]) {
        guard names.contains(name) else { throw DatasetError.unknownDataset(name: name, available: names) }
        let url = try directory().appendingPathComponent("\(name).split.json")
        guard let data = FileManager.default.contents(atPath: url.path) else { throw DatasetError.fileNotFound(path: url.path) }
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: data),
              let train = json["train"]?.arrayValue?.compactMap(\.intValue),
              let test = json["test"]?.arrayValue?.compactMap(\.intValue)
        else { throw DatasetError.corruptDataset(name: name, reason: "\(name).split.json lacks integer train/test arrays") }
        return (train, test)
    }

    /// The bundled dataset `name` split into its fixed train and test parts.
    ///
    /// - Throws: ``DatasetError`` when the files are missing, malformed or disagree.
    public static func loadSplit(_ name: String) throws -> (train: Dataset<Int>, test: Dataset<Int>) {
        let dataset = try load(name)
        let split = try fixedSplit(name)
        for index in split.train + split.test where index < 0 || index >= dataset.sampleCount {
            throw DatasetError.corruptDataset(name: name, reason: "split index \(index) is outside 0..<\(dataset.sampleCount)")
        }
        return (try dataset.subset(split.train), try dataset.subset(split.test))
    }
}
