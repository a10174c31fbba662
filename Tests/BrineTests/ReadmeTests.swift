import Foundation
import Testing

/// The README's code, checked: its Swift quick start is the example package `make test` builds and
/// runs, and its shell and Python lines run, in order, in a scratch folder shaped like the repository.
@Suite final class ReadmeTests {
    /// The repository root (this file is Tests/BrineTests/ReadmeTests.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The `brine` executable built beside the test bundle.
    static var brine: URL { Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("brine") }

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("brine-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["Sources", "python"] {
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(name), withDestinationURL: Self.root.appendingPathComponent(name))
        }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The fenced code blocks of `language` in the README section whose heading is `heading`.
    static func blocks(_ language: String, under heading: String) throws -> [String] {
        let text = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "\n## ").first { $0.hasPrefix(heading) || $0.hasPrefix("## " + heading) })
        return DocumentationChecks.fencedBlocks(language, in: section)
    }

    func shell(_ command: String) throws -> (status: Int32, output: String) {
        try DocumentationChecks.shell(command, in: folder)
    }

    @Test func quickStartIsTheExamplePackage() throws {
        let blocks = try Self.blocks("swift", under: "Quick start")
        #expect(blocks.count == 1)
        let example = try String(contentsOf: Self.root.appendingPathComponent("Examples/QuickStart/Sources/QuickStart/main.swift"), encoding: .utf8)
        #expect(blocks.first == example)
    }

    @Test func commandLineAndPythonLinesRun() throws {
        let commandLines = try Self.blocks("sh", under: "The command line").flatMap { $0.split(separator: "\n") }
        #expect(commandLines.count >= 4)
        for line in commandLines {
            #expect(line.hasPrefix("swift run -c release brine "), "unexpected README line: \(line)")
            let command = Self.brine.path + " " + line.dropFirst("swift run -c release brine ".count)
            let result = try shell(command)
            #expect(result.status == 0, "README line failed: \(line)\n\(result.output)")
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("predictions.csv").path))

        for block in try Self.blocks("python", under: "Reading a Brine file from Python") {
            let result = try shell("python3 - <<'README_PYTHON'\n\(block)README_PYTHON")
            #expect(result.status == 0, "README Python block failed:\n\(block)\n\(result.output)")
        }
        let pythonShell = try Self.blocks("sh", under: "Reading a Brine file from Python").flatMap { $0.split(separator: "\n") }
        #expect(!pythonShell.isEmpty)
        for line in pythonShell {
            let result = try shell(String(line))
            #expect(result.status == 0, "README line failed: \(line)\n\(result.output)")
            if line.hasPrefix("python3 -m brine predict") {
                // Three rows predicted, with a header.
                #expect(result.output.split(separator: "\n").count == 4, "\(result.output)")
            }
        }

        // Everything the README's commands created is ignored by git (issue 12: `.gitignore` covers them).
        let created = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !["Sources", "python"].contains($0) }.sorted()
        #expect(created.contains("iris.brine") && created.contains("predictions.csv") && created.contains("rows.csv"), "\(created)")
        for name in created {
            let check = try shell("git -C '\(Self.root.path)' check-ignore --no-index -q '\(name)'")
            #expect(check.status == 0, "the README creates \(name), which .gitignore does not cover")
        }
    }
}
