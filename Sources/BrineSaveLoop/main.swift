// The child process of the crash-consistency test (PersistenceCrashConsistencyTests): loads two
// models and saves them alternately over one path, forever, until it is killed.
//
//     BrineSaveLoop FIRST.brine SECOND.brine TARGET.brine
//
// Prints "ready" once both models are loaded, then one line per completed save.
import Brine
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 4 else {
    FileHandle.standardError.write(Data("usage: BrineSaveLoop FIRST.brine SECOND.brine TARGET.brine\n".utf8))
    exit(2)
}
do {
    let models = try [Brine.load(from: URL(fileURLWithPath: arguments[1])),
                      Brine.load(from: URL(fileURLWithPath: arguments[2]))]
    let target = URL(fileURLWithPath: arguments[3])
    FileHandle.standardOutput.write(Data("ready\n".utf8))
    var index = Int.random(in: 0...1)
    while true {
        try models[index % 2].save(to: target, overwrite: true)
        index += 1
        FileHandle.standardOutput.write(Data("\(index)\n".utf8))
    }
} catch {
    FileHandle.standardError.write(Data("BrineSaveLoop: \(error)\n".utf8))
    exit(1)
}
