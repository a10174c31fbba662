#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import Brine

/// Issue 11, defect 1: a save killed at any moment leaves the old or the new model and, once the
/// next save of the same file has run, no temporary file.
@Suite struct PersistenceCrashConsistencyTests {
    /// The child process: `Sources/BrineSaveLoop`, built beside the test bundle.
    static var saveLoop: URL {
        Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("BrineSaveLoop")
    }

    /// Two models of the same type with different contents, about 120 KB each (so each save takes a
    /// while and a kill usually lands inside one).
    static func models() throws -> [StandardScalerModel] {
        let columns = 5_000
        let first = try Matrix([[Double](repeating: 1, count: columns), (0..<columns).map(Double.init)])
        let second = try Matrix([[Double](repeating: 2, count: columns), (0..<columns).map { -Double($0) }])
        return [try StandardScaler().fit(first), try StandardScaler().fit(second)]
    }

    /// Whether `name` is one of the temporaries a save of `target` creates (`.NAME.PID.RANDOM.tmp`).
    static func isTemporary(_ name: String, of target: String) -> Bool {
        name.hasPrefix(".\(target).") && name.hasSuffix(".tmp")
    }

    @Test func killedSavesLeaveOneOfTheTwoModelsAndNoTemporary() throws {
        let executable = Self.saveLoop.path
        try #require(FileManager.default.isExecutableFile(atPath: executable), "build BrineSaveLoop first (swift build --build-tests)")
        let sources = try TemporaryFolder()
        let folder = try TemporaryFolder()
        let models = try Self.models()
        let paths = [sources.file("first.brine"), sources.file("second.brine")]
        for (model, path) in zip(models, paths) { try model.save(to: path) }
        let expected = try paths.map { try Data(contentsOf: $0) }
        let target = folder.file("target.brine")
        try models[0].save(to: target)

        let kills = 60
        var savesCompleted = 0
        var seen: Set<Int> = []
        var leftoversSeen = 0
        for _ in 0..<kills {
            let process = Process()
            process.executableURL = Self.saveLoop
            process.arguments = paths.map(\.path) + [target.path]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            // Wait until the child has loaded its models, then kill it 0–40 ms into its saves.
            var text = ""
            while !text.contains("ready\n") {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            try #require(text.contains("ready\n"), "the child did not start: \(text)")
            usleep(UInt32.random(in: 0...40_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)
            text += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            savesCompleted += text.split(separator: "\n").count - 1

            // Exactly one of the two models, complete and verified.
            let contents = try Data(contentsOf: target)
            let which = expected.firstIndex(of: contents)
            #expect(which != nil, "the target holds neither model (\(contents.count) bytes)")
            if let which { seen.insert(which) }
            let loaded = try StandardScalerModel.load(from: target)
            #expect(loaded.mean?.count == 5_000)
            // Anything else in the folder can only be a temporary of this target.
            let others = folder.contents.filter { $0 != "target.brine" }
            #expect(others.allSatisfy { Self.isTemporary($0, of: "target.brine") }, "unexpected files \(others)")
            leftoversSeen += others.count
        }
        // The children did save (both models were on disk at some point), so the kills hit saves.
        #expect(savesCompleted > 0)
        #expect(seen == [0, 1])
        // With anonymous temporaries a kill can leave a name only between linkat and rename, and the
        // next save removes the temporaries of dead writers: after one more save nothing is left.
        try models[1].save(to: target, overwrite: true)
        #expect(try Data(contentsOf: target) == expected[1])
        #expect(folder.contents == ["target.brine"])
        print("crash consistency: \(kills) kills, \(savesCompleted) completed saves, \(leftoversSeen) temporaries seen after kills")
    }

    @Test func aSaveRemovesStaleTemporariesOfItsTargetOnly() throws {
        let folder = try TemporaryFolder()
        // Above Linux's largest pid_max (2^22): no such process can exist.
        let deadPID = (1 << 22) + 1
        let stale = ".m.brine.\(deadPID).k3j2h1.tmp"
        let live = ".m.brine.\(getpid()).abc123.tmp"
        let otherTarget = ".other.brine.\(deadPID).k3j2h1.tmp"
        let unrelated = ".m.brine.notes.tmp"
        for name in [stale, live, otherTarget, unrelated] {
            try Data(repeating: 7, count: 100).write(to: folder.file(name))
        }
        try TestModel.make().save(to: folder.file("m.brine"))
        #expect(folder.contents == [live, unrelated, otherTarget, "m.brine"].sorted())
    }

    @Test(arguments: [true, false])
    func temporaryIsAnonymousWhileWriting(anonymous: Bool) throws {
        let folder = try TemporaryFolder()
        let url = folder.file("m.brine")
        var during: [String] = []
        try AtomicFileWriter.$usesAnonymousTemporaries.withValue(anonymous) {
            try AtomicFileWriter.write(to: url, overwrite: false) { sink in
                try [UInt8](repeating: 1, count: 1000).withUnsafeBytes { try sink.write($0) }
                during = folder.contents
            }
        }
        #if os(Linux)
        if anonymous {
            // O_TMPFILE: nothing has a name until the file is complete.
            #expect(during == [])
        } else {
            #expect(during.count == 1 && Self.isTemporary(during[0], of: "m.brine"))
        }
        #endif
        #expect(folder.contents == ["m.brine"])
        #expect(try Data(contentsOf: url) == Data(repeating: 1, count: 1000))
        // Overwriting goes through a temporary name and rename; nothing is left either way.
        try AtomicFileWriter.$usesAnonymousTemporaries.withValue(anonymous) {
            try AtomicFileWriter.write(to: url, overwrite: true) { sink in
                try [UInt8](repeating: 2, count: 10).withUnsafeBytes { try sink.write($0) }
            }
            #expect(throws: PersistenceError.fileExists(path: url.path)) {
                try AtomicFileWriter.write(to: url, overwrite: false) { _ in }
            }
        }
        #expect(folder.contents == ["m.brine"])
        #expect(try Data(contentsOf: url) == Data(repeating: 2, count: 10))
    }
}
