import XCTest
@testable import Parquet

/// The library throws `ParquetError` by type: a `catch` sees a `ParquetError` without a cast,
/// so callers can switch on its cases (this file would not compile otherwise).
final class TypedErrorsTests: XCTestCase {
    func testReaderErrorsNeedNoCast() {
        do {
            _ = try ParquetFileReader(bytes: Array("PAR1 not really PAR1".utf8))
            XCTFail("expected an error")
        } catch {
            let typed: ParquetError = error
            switch typed {
            case .invalidFooter, .notParquet, .truncated: break
            default: XCTFail("\(typed)")
            }
        }
    }

    func testWriterMisuseNeedsNoCast() throws {
        let writer = try ParquetWriter(schema: ParquetSchema(fields: [ParquetField(name: "n", type: .int32, repetition: .required)]))
        do {
            try writer.write(batch: [ColumnBatch(.int64([1]))])
            XCTFail("expected an error")
        } catch {
            guard case let .invalidWriterUse(reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("INT32"), reason)
        }
    }

    func testBufferValidationIsTyped() {
        do {
            _ = try ByteArrayBuffer(offsets: [0, 5], values: [1])
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error, .invalidWriterUse(reason: "byte array offsets must ascend from 0 to the values' size"))
        }
    }
}
