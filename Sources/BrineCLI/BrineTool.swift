import ArgumentParser
import Brine
import Foundation

/// `brine`: train, predict, inspect and evaluate Brine models from the shell.
@main
struct BrineTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brine",
        abstract: "Train, use and inspect Brine models (safe, checksummed, memory-mappable model files).",
        version: Brine.libraryVersion,
        subcommands: [TrainCommand.self, PredictCommand.self, InspectCommand.self, EvaluateCommand.self, DemoCommand.self])

    /// Runs the command; user mistakes end with one line on standard error and exit code 1, never a crash trace.
    ///
    /// Parsing errors (unknown flags, `--help`, `--version`) go to ArgumentParser's own reporting;
    /// every error thrown while running, from any layer, is printed as its one-line description.
    static func main() {
        var command: ParsableCommand
        do { command = try parseAsRoot() } catch { exit(withError: error) }
        do {
            try command.run()
        } catch where String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
            exit(withError: error)  // help, version, ExitCode, ValidationError: ArgumentParser's own output
        } catch {
            fail(oneLine(error))
        }
    }

    /// The error's own description (every Brine error has one), on one line.
    static func oneLine(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("brine: error: \(message)\n".utf8))
        Foundation.exit(1)
    }
}
