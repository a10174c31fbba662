import Brine
import Foundation
import Testing

extension CommandLineTests {
    /// `brine train --solver newton-cholesky` fits with Newton–Cholesky and the file records it;
    /// an unknown solver is one line naming the flag.
    @Test func trainWithTheNewtonCholeskySolver() throws {
        let trained = try run("train", "--dataset", "wine", "--model", "scaler+logreg", "--solver", "newton-cholesky",
                              "--out", "wine.brine", "--quiet")
        #expect(trained.status == 0, "\(trained.standardError)")
        let info = try Brine.inspect(folder.appendingPathComponent("wine.brine"))
        let logistic = try #require(info.model.steps.first { $0.typeName == "LogisticRegression" })
        #expect(logistic.hyperparameters["solver"] == .string("newton-cholesky"))

        let bad = try run("train", "--dataset", "wine", "--model", "logreg", "--solver", "sag", "--out", "bad.brine")
        #expect(bad.status == 1)
        #expect(bad.errorLines.count == 1)
        #expect(bad.standardError.contains("--solver") && bad.standardError.contains("sag"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("bad.brine").path))
    }
}
