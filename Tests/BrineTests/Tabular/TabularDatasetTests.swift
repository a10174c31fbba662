import Foundation
import Testing
@testable import Brine

@Suite struct TabularDatasetTests {
    @Test func rawCSVSplitsLikeTheNumericDataset() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("brine-tabular-\(UInt64.random(in: 0...UInt64.max)).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        var text = "sex,mass,species\n"
        for i in 0..<40 { text += "\(i % 3 == 0 ? "NA" : (i % 2 == 0 ? "male" : "female")),\(i % 5 == 0 ? "" : String(3000 + i)),\(i % 2 == 0 ? "Adelie" : "Gentoo")\n" }
        try Data(text.utf8).write(to: url)
        let data = try TabularDataset<String>(contentsOf: url, targetColumn: "species")
        #expect(data.features.columnNames == ["sex", "mass"])
        #expect(data.features.columns[0].kind == .categorical && data.features.columns[1].kind == .numeric)
        #expect(data.features.columns[0].missingCount == 14 && data.features.columns[1].missingCount == 8)
        let (train, test) = try TrainTestSplit.split(data, testFraction: 0.25, seed: 7)
        let expected = try TrainTestSplit.indices(for: data.targets, testFraction: 0.25, seed: 7)
        #expect(test.targets == expected.test.map { data.targets[$0] })
        #expect(train.sampleCount == 30 && test.sampleCount == 10)
        #expect(try test.features.column(named: "mass").numericValues?.map(\.bitPattern)
                == expected.test.map { (try? data.features.column(named: "mass").numericValues?[$0].bitPattern) ?? 0 })
    }
}
