// Writes the fuzzers' seed corpus (`make fuzz-corpus`): small valid files of every model type and
// layout, plain and gzip, into fuzz/corpus/load, and CSV files into fuzz/corpus/csv (each CSV seed
// starts with the control byte the CSV fuzzer reads: delimiter and kind options).
//
//     BrineFuzzSeeds OUTPUT_FOLDER
import Brine
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: BrineFuzzSeeds OUTPUT_FOLDER\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments[1])
let loadFolder = root.appendingPathComponent("load"), csvFolder = root.appendingPathComponent("csv")
do {
    for folder in [loadFolder, csvFolder] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    // Iris, 30 rows (every fifth), 4 features: files of a few kilobytes.
    let iris = try BundledDatasets.load("iris").subset(Array(stride(from: 0, to: 150, by: 5)))
    let x = iris.features, y = iris.targets
    let names = iris.targetNames ?? ["setosa", "versicolor", "virginica"]
    let labels = y.map { names[$0] }
    let smallForest = { (precision: InputPrecision) in
        RandomForestClassifier(nEstimators: 3, maxDepth: 3, seed: 7, threadCount: 1, inputPrecision: precision)
    }
    let models: [(String, any Persistable)] = [
        ("scaler", try StandardScaler().fit(x, featureNames: iris.featureNames)),
        ("logreg_int", try LogisticRegression(maxIterations: 200).fit(x, y, featureNames: iris.featureNames)),
        ("logreg_string", try LogisticRegression(maxIterations: 200).fit(x, labels)),
        ("forest_int_float32", try smallForest(.float32).fit(x, y, featureNames: iris.featureNames)),
        ("forest_string_float64", try smallForest(.float64).fit(x, labels)),
        ("pipeline_int", try Pipeline<Int>(steps: [
            ("scaler", .transformer(StandardScaler())),
            ("logreg", .classifier(LogisticRegression(maxIterations: 200))),
        ]).fit(x, y, featureNames: iris.featureNames)),
        ("pipeline_string_nested", try Pipeline<String>(steps: [
            ("prep", .transformer(Pipeline<Never>(steps: [("scaler", .transformer(StandardScaler()))]))),
            ("forest", .classifier(smallForest(.float32))),
        ]).fit(x, labels)),
        ("pipeline_transformers", try Pipeline<Never>(steps: [("scaler", .transformer(StandardScaler()))]).fitTransformers(x)),
        ("value", StoredValue(.object(["threshold": .double(0.5), "labels": .array([.string("a"), .string("b")])]))),
    ]
    for (name, model) in models {
        try model.save(to: loadFolder.appendingPathComponent("\(name).brine"), overwrite: true, compression: Compression.none)
        try model.save(to: loadFolder.appendingPathComponent("\(name).brine.gz"), overwrite: true, compression: .gzip(level: 6))
    }
    let csvSeeds: [(String, UInt8, String)] = [
        ("numbers", 0, "a,b,c\n1,2.5,-3e2\n4,,inf\n7,8,NaN\n"),
        ("quoted", 0, "id,note,value\r\n1,\"multi\nline \"\"q\"\"\",0.5\r\n2,,1\r\n"),
        ("semicolon", 1, "x;y;label\n1,5;2;a\n3;4;b\n"),
        ("tab_categorical", 2 | (1 << 2), "name\tscore\nalice\t1\nbob\t2\n"),
        ("numeric_override", 2 << 2, "v,w\n1,x\n2,y\n"),
        ("missing_tokens", 3 << 2, "a,b\n?,1\nNA,2\n,3\n"),
        ("bom_crlf", 0, "\u{FEFF}a,b\r\n1,2\r\n"),
    ]
    for (name, control, text) in csvSeeds {
        try Data([control] + Array(text.utf8)).write(to: csvFolder.appendingPathComponent("\(name).csv"))
    }
    let iriscsv = try Data(contentsOf: BundledDatasets.directory().appendingPathComponent("iris.csv"))
    try Data([0] + Array(iriscsv.prefix(2048))).write(to: csvFolder.appendingPathComponent("iris_head.csv"))
    print("wrote \(models.count * 2) model files to \(loadFolder.path) and \(csvSeeds.count + 1) CSV files to \(csvFolder.path)")
} catch {
    FileHandle.standardError.write(Data("BrineFuzzSeeds: \(error)\n".utf8))
    exit(1)
}
