import ArgumentParser
import Brine
import Foundation

/// `brine inspect`: the header of a model file, never its arrays.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: "Show a model file's type, versions, hyperparameters, metadata and array table.")

    @Argument(help: "The model file.") var modelFile: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let info: ModelInfo
        do { info = try Brine.inspect(URL(fileURLWithPath: modelFile)) } catch let error as PersistenceError {
            throw CLIError.modelFile(path: modelFile, reason: error)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(info) + Data("\n".utf8))
        } else {
            print(info.description)
        }
    }
}
