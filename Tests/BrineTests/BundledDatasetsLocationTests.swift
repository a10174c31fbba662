import Brine
import Foundation
import Testing

/// The bundled datasets are SwiftPM resources: found beside a copied executable that carries its
/// resource bundle, in an installed `share/brine` layout, never through the source checkout.
@Suite final class BundledDatasetsLocationTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("brine-datasets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Where the build put the `brine` executable and the `Brine` resource bundle.
    static var buildFolder: URL { Bundle.module.bundleURL.deletingLastPathComponent() }

    /// Runs `executable train --dataset iris` from an unrelated working directory, without `BRINE_DATASETS`.
    func trainIris(with executable: URL) throws -> (status: Int32, error: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["train", "--dataset", "iris", "--model", "logreg", "--out", "iris.brine", "--quiet"]
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "BRINE_DATASETS" }
        let error = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = error
        try process.run()
        let data = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func copyExecutable(to directory: URL) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let target = directory.appendingPathComponent("brine")
        try FileManager.default.copyItem(at: Self.buildFolder.appendingPathComponent("brine"), to: target)
        return target
    }

    @Test func aCopiedExecutableWithItsBundleFindsTheDatasets() throws {
        let executable = try copyExecutable(to: folder.appendingPathComponent("copied"))
        try FileManager.default.copyItem(
            at: Self.buildFolder.appendingPathComponent("Brine_Brine.resources"),
            to: folder.appendingPathComponent("copied/Brine_Brine.resources"))
        let result = try trainIris(with: executable)
        #expect(result.status == 0, "\(result.error)")
        #expect(try Brine.inspect(folder.appendingPathComponent("iris.brine")).typeName == "Pipeline"
                || Brine.inspect(folder.appendingPathComponent("iris.brine")).typeName == "LogisticRegression")
    }

    @Test func anInstalledLayoutFindsTheDatasetsInShare() throws {
        let executable = try copyExecutable(to: folder.appendingPathComponent("prefix/bin"))
        let share = folder.appendingPathComponent("prefix/share/brine")
        try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Self.buildFolder.appendingPathComponent("Brine_Brine.resources/Datasets"), to: share.appendingPathComponent("Datasets"))
        let result = try trainIris(with: executable)
        #expect(result.status == 0, "\(result.error)")
    }

    @Test func aCopiedExecutableWithoutItsBundleSaysWhereItLooked() throws {
        let executable = try copyExecutable(to: folder.appendingPathComponent("alone"))
        let result = try trainIris(with: executable)
        #expect(result.status == 1)
        #expect(result.error.contains("Brine_Brine.resources"))
        #expect(result.error.split(separator: "\n").count == 1)
    }
}
