// Notebook 10 — memory mapping: a large forest loaded copied and memory-mapped; time and resident memory.
// Reproduces the seed snippet "10-memory-mapping" (Python):
//     joblib.dump(big_forest, "large.joblib"); joblib.load("large.joblib", mmap_mode="r")
// Run: swift run -c release 10-memory-mapping        (ROWS=2000 TREES=10 for a quick run)
import Brine
import Foundation

/// Prints the claim when it holds; otherwise says so and stops with exit status 1.
func check(_ holds: Bool, _ claim: String) {
    guard holds else { print("FAILED: \(claim)"); exit(1) }
    print("✓ \(claim)")
}

/// The process's resident memory in MB, from /proc/self/statm (0 where unavailable).
func residentMB() -> Double {
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
          let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1e6
}

/// `body`'s result, the milliseconds it took and the resident memory it added.
func measured<T>(_ body: () throws -> T) rethrows -> (T, String) {
    let (start, before) = (Date(), residentMB())
    let result = try body()
    return (result, String(format: "%8.2f ms, resident memory +%.1f MB", Date().timeIntervalSince(start) * 1000, max(0, residentMB() - before)))
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brine-notebook-10")
try? FileManager.default.removeItem(at: folder)
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
let rows = Int(ProcessInfo.processInfo.environment["ROWS"] ?? "") ?? 20_000
let trees = Int(ProcessInfo.processInfo.environment["TREES"] ?? "") ?? 100

// A synthetic problem with noisy labels, which grows large trees.
var random = SplitMix64(seed: 10)
let x = Matrix(rows: rows, columns: 20) { out in
    for index in out.indices { out[index] = random.nextDouble() * 2 - 1 }
}
let y = (0..<rows).map { row in
    x[row, 0] + 0.5 * x[row, 1] - x[row, 2] * x[row, 3] + 0.6 * (random.nextDouble() - 0.5) > 0 ? 1 : 0
}
let forest = try RandomForestClassifier(nEstimators: trees, seed: 1).fit(x, y)
let url = folder.appendingPathComponent("large_forest.brine")
try forest.save(to: url)
let megabytes = Double(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0) / 1e6
print("\(forest.treeCount) trees, \(forest.nodeCount) nodes, file \(String(format: "%.2f", megabytes)) MB")
let probe = try x.selectingRows(Array(0..<min(rows, 500)))
let expected = try forest.predictProbabilities(probe)

let (copied, copyCost) = try measured { try RandomForestClassifierModel<Int>.load(from: url) }
let (mapped, mapCost) = try measured { try RandomForestClassifierModel<Int>.load(from: url, memoryMap: true) }
let (unchecked, uncheckedCost) = try measured { try RandomForestClassifierModel<Int>.load(from: url, memoryMap: true, verifyChecksums: false) }
print("copied load:                  \(copyCost)")
print("memory-mapped load:           \(mapCost) (pages shared with the page cache)")
print("memory-mapped, no checksums:  \(uncheckedCost) (header only; traversal stays bounds-checked)")
check(try copied.predictProbabilities(probe) == expected, "the copied forest predicts as the original")
check(try mapped.predictProbabilities(probe) == expected, "so does the memory-mapped one")
check(try unchecked.predictProbabilities(probe) == expected, "and the unchecked memory-mapped one")

try FileManager.default.removeItem(at: folder)
