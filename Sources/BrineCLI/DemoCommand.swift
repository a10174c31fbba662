import ArgumentParser
import Brine
import Foundation

/// `brine demo`: the main job of `make demo` — train, save, inspect, load (copied and memory-mapped), compare.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Train every estimator on a bundled dataset, save, inspect, reload and compare.")

    @Option(help: "The bundled dataset.") var dataset = "breast_cancer"
    @Option(help: "Where to write the model files (default: a temporary folder, removed afterwards).") var directory: String?

    func run() throws {
        let folder = directory.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("brine-demo-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if directory == nil { try? FileManager.default.removeItem(at: folder) } }

        let (train, test) = try BundledDatasets.loadSplit(dataset)
        print("Brine \(Brine.libraryVersion) demo on \(dataset): \(train.sampleCount) training rows, \(test.sampleCount) test rows, \(train.features.columns) features\n")
        var rows: [[String]] = []

        let scaler = try timed { try StandardScaler().fit(train.features, featureNames: train.featureNames) }
        rows.append(try exercise("StandardScaler", scaler, folder: folder, fitSeconds: scaler.seconds, accuracy: nil) {
            try $0.transform(test.features).elements.array
        })
        let scaledTrain = try scaler.value.transform(train.features), scaledTest = try scaler.value.transform(test.features)

        let logreg = try timed { try LogisticRegression(maxIterations: 1000).fit(scaledTrain, train.targets, featureNames: train.featureNames) }
        rows.append(try exercise("LogisticRegression", logreg, folder: folder, fitSeconds: logreg.seconds,
                                 accuracy: try Metrics.accuracy(test.targets, try logreg.value.predict(scaledTest))) {
            try $0.predictProbabilities(scaledTest).elements.array
        })

        let forest = try timed { try RandomForestClassifier(nEstimators: 100, seed: 0).fit(train.features, train.targets, featureNames: train.featureNames) }
        rows.append(try exercise("RandomForest (100 trees)", forest, folder: folder, fitSeconds: forest.seconds,
                                 accuracy: try Metrics.accuracy(test.targets, try forest.value.predict(test.features))) {
            try $0.predictProbabilities(test.features).elements.array
        })

        let pipeline = try timed {
            try Pipeline<Int>(steps: [("scaler", .transformer(StandardScaler())), ("logreg", .classifier(LogisticRegression(maxIterations: 1000)))])
                .fit(train.features, train.targets, featureNames: train.featureNames)
        }
        rows.append(try exercise("Pipeline scaler→logreg", pipeline, folder: folder, fitSeconds: pipeline.seconds,
                                 accuracy: try Metrics.accuracy(test.targets, try pipeline.value.predict(test.features))) {
            try $0.predictProbabilities(test.features).elements.array
        })

        let header = ["model", "fit", "test acc.", "file", "gzip -3", "save", "load", "mmap load", "agree"]
        print(Self.table([header] + rows))
        let info = try Brine.inspect(folder.appendingPathComponent("Pipeline scaler→logreg.brine"))
        print("\nbrine inspect of the pipeline file (header only, no array read):")
        print(info.description.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        print("\nEvery model reloaded (copied, memory-mapped and from gzip) predicts exactly as the fitted one.")
    }

    /// Saves `fitted` plain and gzipped, loads it back three ways, and checks `outputs` agree bit for bit.
    private func exercise<Model: Persistable>(
        _ name: String, _ fitted: (value: Model, seconds: Double), folder: URL, fitSeconds: Double, accuracy: Double?,
        outputs: (Model) throws -> [Double]
    ) throws -> [String] {
        let url = folder.appendingPathComponent("\(name).brine"), gzipURL = folder.appendingPathComponent("\(name).brine.gz")
        let expected = try outputs(fitted.value)
        let save = try timed { try fitted.value.save(to: url, overwrite: true) }
        try fitted.value.save(to: gzipURL, overwrite: true, compression: .gzip(level: 3))
        let copied = try timed { try Model.load(from: url) }
        let mapped = try timed { try Model.load(from: url, memoryMap: true) }
        let unzipped = try Model.load(from: gzipURL)
        for (how, model) in [("copied", copied.value), ("memory-mapped", mapped.value), ("gzip", unzipped)] {
            let got = try outputs(model)
            guard got.count == expected.count, zip(got, expected).allSatisfy({ $0.bitPattern == $1.bitPattern }) else {
                throw CLIError.demoFailed("\(name) loaded \(how) disagrees with the fitted model")
            }
        }
        _ = try Brine.inspect(url)
        return [name, Self.ms(fitSeconds), accuracy.map { String(format: "%.4f", $0) } ?? "—",
                Self.bytes(url), Self.bytes(gzipURL), Self.ms(save.seconds), Self.ms(copied.seconds), Self.ms(mapped.seconds), "yes"]
    }

    private func timed<T>(_ body: () throws -> T) rethrows -> (value: T, seconds: Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    private static func ms(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }

    private static func bytes(_ url: URL) -> String {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
        return size >= 1_000_000 ? String(format: "%.2f MB", Double(size) / 1e6) : String(format: "%.1f kB", Double(size) / 1e3)
    }

    private static func table(_ rows: [[String]]) -> String {
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.enumerated().map { index, row in
            let line = row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
            return index == 0 ? line + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") : line
        }.joined(separator: "\n")
    }
}
