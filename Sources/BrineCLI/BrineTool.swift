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
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as CLIError {
            fail(error.description)
        } catch let error as PersistenceError {
            fail(error.description)
        } catch let error as DatasetError {
            fail(error.description)
        } catch let error as EstimatorError {
            fail(error.description)
        } catch let error as MetricError {
            fail(error.description)
        } catch {
            exit(withError: error)
        }
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("brine: error: \(message)\n".utf8))
        Foundation.exit(1)
    }
}
