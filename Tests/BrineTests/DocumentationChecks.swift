import Foundation

/// What the tests that run the documentation share: fenced code blocks read from Markdown, and
/// shell commands run in a scratch folder with their output.
enum DocumentationChecks {
    /// The fenced code blocks of `language` (```` ```language ````) in `markdown`, in order, each
    /// ending with a newline.
    static func fencedBlocks(_ language: String, in markdown: String) -> [String] {
        var blocks: [String] = [], current: [Substring]? = nil
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```" + language { current = [] }
            else if let lines = current, line == "```" { blocks.append(lines.joined(separator: "\n") + "\n"); current = nil }
            else if current != nil { current?.append(line) }
        }
        return blocks
    }

    /// Runs `command` with `/bin/sh -c` in `folder` and returns its exit status and its standard
    /// output and error together.
    static func shell(_ command: String, in folder: URL) throws -> (status: Int32, output: String) {
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
}
