import Testing
@testable import Brine

@Suite struct MatrixTests {
    @Test func productMatchesHandComputation() throws {
        let a = try Matrix([[1, 2], [3, 4], [5, 6]])
        let b = try Matrix([[7, 8, 9], [10, 11, 12]])
        let c = try a.multiplied(by: b)
        #expect(c.rows == 3 && c.columns == 3)
        #expect(Array(c.elements) == [27, 30, 33, 61, 68, 75, 95, 106, 117])
        let ct = try a.multiplied(by: a, transposeSelf: true)
        #expect(Array(ct.elements) == [35, 44, 44, 56])
    }

    @Test func shapeMismatchThrows() throws {
        let a = try Matrix([[1, 2], [3, 4]])
        #expect(throws: LinearAlgebraError.self) { try a.multiplied(by: [1, 2, 3]) }
        #expect(throws: LinearAlgebraError.self) { try Matrix(rows: 2, columns: 2, elements: [1, 2, 3]) }
        #expect(throws: LinearAlgebraError.self) { try Matrix([[1, 2], [3]]) }
    }

    @Test func solveRecoversKnownSolution() throws {
        let a = try Matrix([[4, 1], [2, 3]])
        let x = try a.solve(try Matrix([[1], [2]]))
        // 4x + y = 1, 2x + 3y = 2 → x = 0.1, y = 0.6
        #expect(abs(x[0, 0] - 0.1) < 1e-15 && abs(x[1, 0] - 0.6) < 1e-15)
        #expect(throws: LinearAlgebraError.singularMatrix(pivot: 2)) {
            try Matrix([[1, 2], [2, 4]]).solve(try Matrix([[1], [2]]))
        }
    }

    @Test func columnStatistics() throws {
        let a = try Matrix([[1, 10], [2, 20], [3, 60]])
        #expect(a.columnMeans() == [2, 30])
        let variances = a.columnVariances()
        #expect(abs(variances[0] - 2.0 / 3.0) < 1e-15)
        #expect(abs(variances[1] - 1400.0 / 3.0) < 1e-12)
    }

    @Test func bundledDatasetsLoadWithTheirSplit() throws {
        let iris = try BundledDatasets.load("iris")
        #expect(iris.features.rows == 150 && iris.features.columns == 4)
        #expect(iris.featureNames.first == "sepal length (cm)")
        let (train, test) = try BundledDatasets.loadSplit("digits")
        #expect(train.sampleCount == 1347 && test.sampleCount == 450)
        #expect(throws: DatasetError.self) { try BundledDatasets.load("mnist") }
    }
}
