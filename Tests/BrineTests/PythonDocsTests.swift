import Foundation
import Testing

/// docs/PYTHON.md's code, checked: every ```` ```python ```` block runs, in order, as one script in a
/// scratch folder shaped like the repository (with `iris.brine` trained by the `brine` binary
/// first), so what the guide shows is what the package does. Fragments that are not meant to run
/// on their own (a template to fill in) are fenced as ```` ```py ```` and left out.
@Suite final class PythonDocsTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("brine-python-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["Sources", "python", "Tests"] {
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(name), withDestinationURL: ReadmeTests.root.appendingPathComponent(name))
        }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The fenced blocks of `language` in docs/PYTHON.md, in order.
    static func blocks(_ language: String) throws -> [String] {
        let text = try String(contentsOf: ReadmeTests.root.appendingPathComponent("docs/PYTHON.md"), encoding: .utf8)
        var blocks: [String] = [], current: [Substring]? = nil
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```" + language { current = [] }
            else if let lines = current, line == "```" { blocks.append(lines.joined(separator: "\n") + "\n"); current = nil }
            else if current != nil { current?.append(line) }
        }
        return blocks
    }

    func shell(_ command: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func pythonBlocksRunInOrder() throws {
        let blocks = try Self.blocks("python")
        #expect(blocks.count >= 2, "docs/PYTHON.md should show runnable Python")
        let train = try shell("'\(ReadmeTests.brine.path)' train --dataset iris --model scaler+logreg --out iris.brine --quiet")
        #expect(train.status == 0, "\(train.output)")
        let script = folder.appendingPathComponent("python_docs.py")
        try blocks.joined(separator: "\n").write(to: script, atomically: true, encoding: .utf8)
        let result = try shell("python3 python_docs.py")
        #expect(result.status == 0, "docs/PYTHON.md's Python blocks failed:\n\(result.output)")
    }
}
