import Brine
import Foundation

let (train, test) = try BundledDatasets.loadSplit("breast_cancer")
let pipeline = Pipeline(steps: [
    ("scaler", .transformer(StandardScaler())),
    ("logreg", .classifier(LogisticRegression(c: 1.0, maxIterations: 1000))),
])
let model = try pipeline.fit(train)   // a PipelineModel<Int>: the label type comes from the data
let accuracy = try Metrics.accuracy(test.targets, try model.predict(test.features))

let url = URL(fileURLWithPath: "cancer.brine")
try model.save(to: url, overwrite: true, metadata: ["accuracy": .double(accuracy)])
let loaded = try PipelineModel<Int>.load(from: url, memoryMap: true)
let agrees = try loaded.predict(test.features) == model.predict(test.features)
print("test accuracy \(accuracy); the reloaded model agrees: \(agrees)")
print(try loaded.predictProbabilities(row: try test.features.row(0)))   // [0: …, 1: …]
print(try Brine.inspect(url))   // header only: type, versions, hyperparameters, metadata, arrays
if !agrees { exit(1) }
