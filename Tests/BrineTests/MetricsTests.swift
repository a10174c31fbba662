import Foundation
import Testing
@testable import Brine

@Suite struct MetricsTests {
    static let reference = Result { try ScalerMetricsReference.load() }

    /// Runs `body` with the case's labels decoded as Int or String.
    func withLabels(_ type: String, _ intBody: () throws -> Void, _ stringBody: () throws -> Void) rethrows {
        if type == "int" { try intBody() } else { try stringBody() }
    }

    func decode<L: ClassLabel>(_ values: [JSONValue], as type: L.Type) throws -> [L] {
        try values.map { try $0.decode(as: L.self) }
    }

    @Test func classificationReportTextMatchesScikitLearn() throws {
        let reference = try Self.reference.get()
        #expect(reference.reports.count >= 12)
        for item in reference.reports {
            func check<L: ClassLabel>(_ type: L.Type) throws {
                let truth = try decode(item.truth, as: L.self)
                let predicted = try decode(item.predicted, as: L.self)
                let report = try ClassificationReport(truth: truth, predicted: predicted, targetNames: item.target_names)
                #expect(report.text == item.report, "report \(item.name):\n\(report.text)\nscikit-learn:\n\(item.report)")
                #expect(report.description == item.report)
                #expect(report.labels == (try decode(item.labels, as: L.self)))
                #expect(report.accuracy == item.accuracy, "\(item.name)")
                #expect(try Metrics.accuracy(truth, predicted) == item.accuracy, "\(item.name)")
                let matrix = try ConfusionMatrix(truth: truth, predicted: predicted)
                #expect(matrix.counts == item.confusion, "\(item.name)")
                #expect(matrix.labels == report.labels)
                #expect(matrix.total == truth.count)
            }
            if item.label_type == "int" { try check(Int.self) } else { try check(String.self) }
        }
    }

    @Test func reportValuesForZeroDivisionCase() throws {
        // truth [0,0,1,1,2,2], predicted [0,0,0,0,0,3]: classes 1, 2 never predicted, 3 never true.
        let report = try ClassificationReport(truth: [0, 0, 1, 1, 2, 2], predicted: [0, 0, 0, 0, 0, 3])
        #expect(report.labels == [0, 1, 2, 3])
        #expect(report.classes.map(\.precision) == [0.4, 0, 0, 0])
        #expect(report.classes.map(\.recall) == [1, 0, 0, 0])
        #expect(report.classes.map(\.support) == [2, 2, 2, 0])
        #expect(report.classes[0].f1 == 4.0 / 7.0)
        #expect(report.macroAverage.recall == 0.25)
        #expect(report.weightedAverage.precision == (0.4 * 2) / 6)
        #expect(report.accuracy == 2.0 / 6.0)
    }

    @Test func logLossMatchesScikitLearn() throws {
        let reference = try Self.reference.get()
        #expect(reference.log_loss.count == 6)
        for item in reference.log_loss {
            func check<L: ClassLabel>(_ type: L.Type) throws {
                let truth = try decode(item.truth, as: L.self)
                let classes = try decode(item.classes, as: L.self)
                let value = try Metrics.logLoss(truth, probabilities: try Matrix(item.probabilities), classes: classes)
                #expect(abs(value - item.log_loss) <= 1e-14 * item.log_loss, "\(item.name): \(value) vs \(item.log_loss)")
            }
            if item.label_type == "int" { try check(Int.self) } else { try check(String.self) }
        }
    }

    @Test func logLossClipsAtMachineEpsilon() throws {
        // A zero probability for the true class costs −log(ε) = 52·log 2, not infinity.
        let loss = try Metrics.logLoss([1], probabilities: try Matrix([[1, 0]]), classes: [0, 1])
        #expect(loss == -log(Double.ulpOfOne))
        #expect(abs(loss - 52 * log(2)) < 1e-12)
        // A probability of exactly 1 costs −log(1 − ε), not 0.
        let perfect = try Metrics.logLoss([0], probabilities: try Matrix([[1, 0]]), classes: [0, 1])
        #expect(perfect == -log(1 - Double.ulpOfOne) && perfect > 0)
    }

    @Test func typedErrors() throws {
        #expect(throws: MetricError.lengthMismatch(truth: 2, predicted: 1)) { try Metrics.accuracy([1, 2], [1]) }
        #expect(throws: MetricError.emptyInput) { try Metrics.accuracy([Int](), []) }
        let p = try Matrix([[0.5, 0.5], [0.2, 0.8]])
        #expect(throws: MetricError.unknownLabel("7")) { try Metrics.logLoss([0, 7], probabilities: p, classes: [0, 1]) }
        #expect(throws: MetricError.classCountMismatch(classes: 3, columns: 2)) {
            try Metrics.logLoss([0, 1], probabilities: p, classes: [0, 1, 2])
        }
        #expect(throws: MetricError.lengthMismatch(truth: 1, predicted: 2)) {
            try Metrics.logLoss([0], probabilities: p, classes: [0, 1])
        }
        #expect(throws: MetricError.invalidClasses("the class 0 appears twice")) {
            try Metrics.logLoss([0, 0], probabilities: p, classes: [0, 0])
        }
        #expect(throws: MetricError.self) { try Metrics.logLoss([0, 0], probabilities: try Matrix([[1], [1]]), classes: [0]) }
    }

    @Test func probabilityValidation() throws {
        #expect(throws: MetricError.probabilityOutOfRange(row: 0, column: 0, value: -0.5)) {
            try Metrics.logLoss([0], probabilities: try Matrix([[-0.5, 1.5]]), classes: [0, 1])
        }
        #expect(throws: MetricError.self) {
            try Metrics.logLoss([0], probabilities: try Matrix([[Double.nan, 1]]), classes: [0, 1])
        }
        #expect(throws: MetricError.probabilitiesDoNotSumToOne(row: 1, sum: 0.9)) {
            try Metrics.logLoss([0, 1], probabilities: try Matrix([[0.5, 0.5], [0.4, 0.5]]), classes: [0, 1])
        }
        #expect(throws: MetricError.targetNameCountMismatch(labels: 2, names: 3)) {
            try ClassificationReport(truth: [0, 1], predicted: [1, 1], targetNames: ["a", "b", "c"])
        }
        #expect(throws: MetricError.invalidClasses("the label 1 appears twice")) {
            try ConfusionMatrix(truth: [0, 1], predicted: [1, 1], labels: [1, 1])
        }
    }

    @Test func confusionMatrixWithExplicitLabelsAndDescription() throws {
        let matrix = try ConfusionMatrix(truth: ["b", "a", "c", "a"], predicted: ["a", "a", "c", "b"], labels: ["c", "a"])
        // Rows/columns in the given order; pairs involving "b" are not counted.
        #expect(matrix.counts == [[1, 0], [0, 1]])
        #expect(matrix.total == 2)
        let full = try ConfusionMatrix(truth: [0, 1, 2, 2], predicted: [0, 2, 2, 10])
        #expect(full.labels == [0, 1, 2, 10])
        #expect(full.diagonal == [1, 0, 1, 0])
        #expect(full.description == """
            truth\\predicted  0  1  2 10
                          0  1  0  0  0
                          1  0  0  1  0
                          2  0  0  1  1
                         10  0  0  0  0
            """)
    }

    @Test func numpySummationOrder() throws {
        // Sums whose rounding depends on the order: numpy's blocked pairwise order is reproduced bit for bit.
        let reference = try Self.reference.get()
        #expect(reference.numpy_sums.count >= 10)
        var differsFromSequential = false
        for item in reference.numpy_sums {
            #expect(NumpySummation.sum(item.values) == item.sum, "np.sum of \(item.values.count) values")
            #expect(NumpySummation.mean(item.values) == item.mean, "np.mean of \(item.values.count) values")
            if item.values.reduce(0, +) != item.sum { differsFromSequential = true }
        }
        #expect(differsFromSequential, "the fixture should include sums where the order matters")
        #expect(NumpySummation.mean([]) == 0)
    }
}
