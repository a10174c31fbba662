import Brine
import Foundation
import Testing

/// Sizes BLAS cannot address are refused before any element is read.
@Suite struct InputValidationTests {
    /// Owns an inaccessible address range (PROT_NONE): any read of it would crash, so a typed
    /// error proves the check happens before the data is touched.
    final class ReservedRange: @unchecked Sendable {
        let base: UnsafeMutableRawPointer
        let length: Int
        init?(length: Int) {
            guard let pointer = mmap(nil, length, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0),
                  pointer != MAP_FAILED else { return nil }
            base = pointer
            self.length = length
        }
        deinit { munmap(base, length) }
    }

    @Test func moreRowsThanBLASAddressesIsATypedError() throws {
        let rows = Int(Int32.max) + 1
        let range = try #require(ReservedRange(length: rows * MemoryLayout<Double>.stride))
        let elements = DenseArray<Double>(
            borrowing: range.base.assumingMemoryBound(to: Double.self), count: rows, owner: range)
        let huge = try Matrix(rows: rows, columns: 1, storage: elements)
        let scaler = try StandardScaler().fit(try Matrix([[1.0], [2.0], [4.0]]))
        #expect(throws: EstimatorError.dataTooLarge(rows: rows, columns: 1)) { try scaler.transform(huge) }
        #expect(throws: EstimatorError.dataTooLarge(rows: rows, columns: 1)) {
            try LogisticRegression().fit(huge, [0, 1])
        }
    }
}
