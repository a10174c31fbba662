// libFuzzer target for the CSV reader (`make fuzz`; built only when BRINE_FUZZ=1).
//
// The first byte picks the delimiter and whether the kinds are inferred or the first column is
// forced categorical / numeric; the rest is the CSV, read from memory and from a memory-mapped
// file. Anything but a typed `CSVError` (or a table) is a bug.
import Brine
import Foundation

private let scratchFile: URL = {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let path = "\(base)/brine-fuzz-csv-\(getpid()).csv"
    atexit { unlink("/dev/shm/brine-fuzz-csv-\(getpid()).csv") }
    return URL(fileURLWithPath: path)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func brineFuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let control = data[0]
    let body = UnsafeBufferPointer(start: data + 1, count: size - 1)
    var options = CSVReadOptions()
    options.delimiter = CSVReadOptions.Delimiter.allCases[Int(control % 3)]
    if let newline = body.firstIndex(of: 10) {
        let firstName = String(decoding: body[..<newline].prefix(while: { $0 != options.delimiter.rawValue }), as: UTF8.self)
        switch (control >> 2) % 4 {
        case 1: options.categorical = [firstName]
        case 2: options.numeric = [firstName]
        case 3: options.missingValues = ["?", ""]
        default: break
        }
    }
    if let table = try? CSVReader.read(data: body, options: options) {
        for column in table.columns { _ = column.name }
        _ = try? table.selecting(Array(table.columnNames.reversed()))
    }
    let descriptor = open(scratchFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    if descriptor >= 0 {
        if let base = body.baseAddress { _ = write(descriptor, base, body.count) }
        close(descriptor)
        _ = try? CSVReader.read(contentsOf: scratchFile, options: options)
    }
    return 0
}
