import Brine
import Testing

@Suite struct TableTests {
    let table: Table

    init() throws {
        table = try Table(columns: [
            .numeric("age", [22, .nan, 38]),
            .categorical("sex", ["male", "female", nil]),
            .numeric("fare", [7.25, 71.3, 8.05]),
        ])
    }

    @Test func selectsColumnsByNameInTheOrderAsked() throws {
        let selected = try table.selecting(["fare", "age"])
        #expect(selected.columnNames == ["fare", "age"])
        #expect(selected.columns[0].numericValues == [7.25, 71.3, 8.05])
        #expect(table.columnNames(ofKind: .categorical) == ["sex"])
        #expect(try table.column(named: "sex").missingCount == 1)
    }

    @Test func rowSubsetsKeepMissingCells() throws {
        let rows = try table.rows([1, 0])
        #expect(rows.rowCount == 2)
        #expect(try rows.column(named: "sex").categoricalValues == ["female", "male"])
        #expect(try rows.column(named: "age").numericValues?[0].isNaN == true)
        #expect(throws: TableError.rowOutOfRange(index: 3, rowCount: 3)) { try table.rows([3]) }
    }

    @Test func numericConversionNamesTheFirstCategoricalColumn() throws {
        #expect(throws: TableError.nonNumericColumn("sex")) { try table.numericMatrix() }
        let matrix = try table.dropping(["sex"]).numericMatrix()
        #expect(matrix.rows == 3 && matrix.columns == 2)
        #expect(matrix[2, 1] == 8.05)
        #expect(matrix[1, 0].isNaN)
        let back = try Table(matrix, columnNames: ["age", "fare"])
        #expect(back == (try table.dropping(["sex"])))
    }

    @Test func refusesBadConstruction() {
        #expect(throws: TableError.duplicateColumnName("a", positions: (0, 1))) {
            try Table(columns: [.numeric("a", [1]), .numeric("a", [2])])
        }
        #expect(throws: TableError.emptyColumnName(position: 0)) { try Table(columns: [.numeric("", [1])]) }
        #expect(throws: TableError.columnLengthMismatch(column: "b", expected: 1, actual: 2)) {
            try Table(columns: [.numeric("a", [1]), .categorical("b", ["x", "y"])])
        }
    }

    @Test func unknownColumnMessagesAreBounded() {
        let names = (0..<100_000).map { "column_\($0)" }
        let error = TableError.unknownColumns(names, available: names)
        #expect(error.description.count < 1_000)
        #expect(error.description.contains("… and 99992 more"))
        #expect(MessageQuoting.quote(String(repeating: "x", count: 10_000_000)).count < 200)
    }
}
