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
        return DocumentationChecks.fencedBlocks(language, in: text)
    }

    func shell(_ command: String) throws -> (status: Int32, output: String) {
        try DocumentationChecks.shell(command, in: folder)
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
