// Notebook 04 — compression: one forest (digits) uncompressed, at gzip 3 and 9, and by a .gz name.
// Reproduces the seed snippet "04-compression" (Python):
//     joblib.dump(forest, "forest.joblib", compress=0 / 3 / 9); joblib.dump(forest, "forest.joblib.gz")
//     print(os.path.getsize(...))   # and the save/load times
// Run: swift run 04-compression        (TREES=10 for a quick run)
import Brine
import Foundation

/// Prints the claim when it holds; otherwise says so and stops with exit status 1.
func check(_ holds: Bool, _ claim: String) {
    guard holds else { print("FAILED: \(claim)"); exit(1) }
    print("✓ \(claim)")
}

/// Seconds taken by `body`.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = Date()
    try body()
    return Date().timeIntervalSince(start)
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brine-notebook-04")
try? FileManager.default.removeItem(at: folder)
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
let trees = Int(ProcessInfo.processInfo.environment["TREES"] ?? "") ?? 100

let (train, test) = try BundledDatasets.loadSplit("digits")
let forest = try RandomForestClassifier(nEstimators: trees, seed: 0).fit(train.features, train.targets)
let expected = try forest.predictProbabilities(test.features)

print("setting          bytes      save ms   load ms")
var sizes: [Int] = []
for (setting, name, compression) in [("none (level 0)", "forest.brine", Compression.none),
                                     ("gzip level 3", "forest-3.brine", .gzip(level: 3)),
                                     ("gzip level 9", "forest-9.brine", .gzip(level: 9)),
                                     ("by .gz name", "forest.brine.gz", nil)] {
    let url = folder.appendingPathComponent(name)
    let saveTime = try seconds { try forest.save(to: url, compression: compression) }
    var loaded: RandomForestClassifierModel<Int>?
    let loadTime = try seconds { loaded = try RandomForestClassifierModel<Int>.load(from: url) }
    check(try loaded?.predictProbabilities(test.features) == expected, "\(setting): the loaded forest gives the same probabilities")
    let bytes = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
    sizes.append(bytes)
    print(setting.padding(toLength: 16, withPad: " ", startingAt: 0) + String(format: " %9d %9.2f %9.2f", bytes, saveTime * 1000, loadTime * 1000))
}
check(sizes[1] < sizes[0] && sizes[2] <= sizes[1], "gzip makes the file smaller, level 9 at least as small as level 3")
let magic = try Data(contentsOf: folder.appendingPathComponent("forest.brine.gz")).prefix(2)
check(magic == Data([0x1F, 0x8B]) && sizes[3] < sizes[0], "a .gz name compresses by default (as joblib does)")

try FileManager.default.removeItem(at: folder)
