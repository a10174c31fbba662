// Notebook 12 — raw tabular data: a CSV with text columns and missing cells, trained through a
// ColumnTransformer (impute + one-hot for text, impute for numbers) and a forest, saved with its
// preprocessing, reloaded, predicting raw rows matched by column name.
// The scikit-learn equivalent:
//     pre = ColumnTransformer([("num", SimpleImputer(strategy="mean"), ["weight_kg", "age"]),
//                              ("cat", make_pipeline(SimpleImputer(strategy="most_frequent"),
//                                                    OneHotEncoder(handle_unknown="ignore")), ["sound", "indoor"])])
//     model = make_pipeline(pre, RandomForestClassifier()).fit(frame.drop(columns="animal"), frame["animal"])
//     joblib.dump(model, "pets.joblib"); joblib.load("pets.joblib").predict(raw_rows)
// Run: swift run 12-raw-tabular-data
import Brine
import Foundation

/// Prints the claim when it holds; otherwise says so and stops with exit status 1.
func check(_ holds: Bool, _ claim: String) {
    guard holds else { print("FAILED: \(claim)"); exit(1) }
    print("✓ \(claim)")
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brine-notebook-12")
try? FileManager.default.removeItem(at: folder)
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

// A raw CSV as exported from a spreadsheet: text columns, NA and empty cells.
let csv = folder.appendingPathComponent("pets.csv")
try """
    animal,weight_kg,sound,indoor,age
    cat,4.1,meow,yes,3
    cat,3.6,purr,yes,NA
    cat,NA,meow,yes,7
    cat,5.2,,yes,2
    cat,4.4,meow,no,9
    cat,3.9,purr,yes,4
    cat,4.8,meow,,1
    cat,5.5,purr,yes,12
    dog,22.0,woof,no,5
    dog,18.5,bark,no,NA
    dog,NA,woof,no,3
    dog,30.2,bark,yes,8
    dog,15.7,,no,2
    dog,25.1,woof,no,11
    dog,19.9,bark,NA,6
    dog,27.3,woof,no,4

    """.write(to: csv, atomically: true, encoding: .utf8)

let data = try TabularDataset<String>(contentsOf: csv, targetColumn: "animal")
print("columns: numeric \(data.features.columnNames(ofKind: .numeric)), categorical \(data.features.columnNames(ofKind: .categorical))")

let preprocess = ColumnTransformer([
    .init(name: "num", step: .transformer(SimpleImputer(strategy: .mean)), columns: .kind(.numeric)),
    .init(name: "cat", step: .transformer(Pipeline<Never>(steps: [
        ("impute", .transformer(SimpleImputer(strategy: .mostFrequent))),
        ("onehot", .transformer(OneHotEncoder(handleUnknown: .ignore))),
    ])), columns: .kind(.categorical)),
], remainder: .drop)
let pipeline = Pipeline<String>(steps: [
    ("preprocess", .transformer(preprocess)),
    ("forest", .classifier(RandomForestClassifier(nEstimators: 50, seed: 12))),
])
let model = try pipeline.fit(data.features, data.targets)

let url = folder.appendingPathComponent("pets.brine")
try model.save(to: url)
let loaded = try PipelineModel<String>.load(from: url)
print("reloaded steps: \(loaded.stepNames.joined(separator: " → ")); the forest reads \(try loaded.step(named: "forest").featureNames ?? [])")

// New raw rows: another column order, an extra column, a missing weight, an unseen "sometimes".
let rows = try CSVReader.read(text: """
    name,indoor,sound,age,weight_kg
    Rex,no,woof,4,
    Tom,sometimes,meow,NA,4.0

    """)
let predictions = try loaded.predict(rows)
print("predictions for Rex and Tom: \(predictions)")
check(predictions == ["dog", "cat"], "the reloaded model predicts raw rows by name: dog, cat")
check(try loaded.predictProbabilities(rows).elements.array == (try model.predictProbabilities(rows)).elements.array,
      "with the probabilities of the model before saving")

try FileManager.default.removeItem(at: folder)
