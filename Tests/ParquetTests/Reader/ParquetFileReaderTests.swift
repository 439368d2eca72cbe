import XCTest
@testable import Parquet

/// Opening, projection and footer validation, mostly on the 293-byte golden file whose contents
/// are documented in Fixtures/INDEX.md: required int32 `id` = 3, 1, 2, -5 and optional string
/// `name` = "b", "a", null, "c".
final class ParquetFileReaderTests: XCTestCase {
    private let goldenName = "handmade/parquet-minimal-example.parquet"

    private func golden() throws -> [UInt8] { try FixtureFiles.bytes(goldenName) }

    private func assertThrows(_ bytes: [UInt8], _ expected: ParquetError, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try ParquetFileReader(bytes: bytes), file: file, line: line) { error in
            XCTAssertEqual(error as? ParquetError, expected, file: file, line: line)
        }
    }

    /// `bytes` with the first occurrence of `pattern` replaced by `replacement` (same length).
    private func patched(_ bytes: [UInt8], _ pattern: [UInt8], _ replacement: [UInt8]) throws -> [UInt8] {
        let start = try XCTUnwrap((0...(bytes.count - pattern.count)).first { Array(bytes[$0..<($0 + pattern.count)]) == pattern })
        var copy = bytes
        copy.replaceSubrange(start..<(start + pattern.count), with: replacement)
        return copy
    }

    func testGoldenFileRows() throws {
        let reader = try ParquetFileReader(path: FixtureFiles.url(goldenName).path)
        XCTAssertEqual(reader.schema.fields.map(\.name), ["id", "name"])
        XCTAssertEqual(reader.schema.columns.map(\.maxDefinitionLevel), [0, 1])
        XCTAssertEqual(try reader.rows(rowGroup: 0), [
            [.int32(3), .string("b")], [.int32(1), .string("a")], [.int32(2), .null], [.int32(-5), .string("c")],
        ])
    }

    func testGoldenFileColumns() throws {
        let columns = try ParquetFileReader(bytes: try golden()).readRowGroup(0)
        XCTAssertEqual(columns.count, 2)
        XCTAssertEqual(columns[0].values, .int32([3, 1, 2, -5]))
        XCTAssertEqual(columns[0].definitionLevels, [])
        XCTAssertEqual(columns[1].values, .byteArray([[0x62], [0x61], [0x63]]))
        XCTAssertEqual(columns[1].definitionLevels, [1, 1, 0, 1])
        XCTAssertEqual(columns[1].repetitionLevels, [])
    }

    func testProjection() throws {
        let reader = try ParquetFileReader(bytes: try golden())
        let columns = try reader.readRowGroup(0, columns: ["name"])
        XCTAssertEqual(columns.map(\.descriptor.path), [["name"]])
        XCTAssertEqual(try reader.rows(rowGroup: 0, columns: ["name"]).map(\.first), [.string("b"), .string("a"), .null, .string("c")])
        XCTAssertThrowsError(try reader.readRowGroup(0, columns: ["nope"])) { error in
            XCTAssertEqual(error as? ParquetError, .columnNotFound("nope"))
        }
        XCTAssertThrowsError(try reader.readRowGroup(1)) { error in
            XCTAssertEqual(error as? ParquetError, .rowGroupOutOfRange(index: 1, count: 1))
        }
    }

    func testRowIteratorCrossesRowGroups() throws {
        // int96_from_spark has 6 rows; the iterator must deliver them all whatever the grouping.
        let reader = try ParquetFileReader(path: FixtureFiles.url("int96_from_spark.parquet").path)
        var iterator = reader.makeRowIterator()
        var count = 0
        while try iterator.next() != nil { count += 1 }
        XCTAssertEqual(count, 6)
        XCTAssertNil(try iterator.next())
    }

    func testTooShortFile() {
        assertThrows(Array("PAR1PAR1".utf8), .notParquet(reason: "the file has 8 bytes, fewer than the 12 of an empty Parquet file"))
    }

    func testWrongMagic() throws {
        var bytes = try golden()
        bytes[bytes.count - 1] = 0x32
        assertThrows(bytes, .notParquet(reason: "no PAR1 magic at the end"))
        var start = try golden()
        start[0] = 0x51
        assertThrows(start, .notParquet(reason: "no PAR1 magic at the start"))
    }

    func testEncryptedMagic() throws {
        var bytes = try golden()
        bytes[bytes.count - 1] = UInt8(ascii: "E")
        assertThrows(bytes, .encryptedFile)
    }

    func testFooterLengthPastTheStart() throws {
        var bytes = try golden()
        // footer length 282 + 12 = 294 > 293 bytes
        bytes.replaceSubrange((bytes.count - 8)..<(bytes.count - 4), with: [0x1A, 0x01, 0, 0])
        assertThrows(bytes, .invalidFooter(reason: "footer length 282 does not fit in a file of 293 bytes"))
        bytes.replaceSubrange((bytes.count - 8)..<(bytes.count - 4), with: [0xFF, 0xFF, 0xFF, 0xFF])
        XCTAssertThrowsError(try ParquetFileReader(bytes: bytes))
    }

    func testTruncatedFooterAndEveryTruncation() throws {
        let bytes = try golden()
        for length in 0..<bytes.count {
            XCTAssertThrowsError(try ParquetFileReader(bytes: Array(bytes.prefix(length)))) { error in
                XCTAssertTrue(error is ParquetError, "length \(length): \(error)")
            }
        }
        // Keep the tail but cut the footer short: the footer length now points into page data.
        var cut = Array(bytes.prefix(0x4D + 100))
        cut += Array(bytes.suffix(8))
        XCTAssertThrowsError(try ParquetFileReader(bytes: cut).rows(rowGroup: 0)) { error in
            XCTAssertTrue(error is ParquetError)
        }
    }

    func testPageLengthPastTheChunkEnd() throws {
        // First page header of `id`: {1:0, 2:16, 3:16, ...}; make compressed_page_size 63.
        let bytes = try patched(try golden(), [0x15, 0x00, 0x15, 0x20, 0x15, 0x20], [0x15, 0x00, 0x15, 0x20, 0x15, 0x7E])
        let reader = try ParquetFileReader(bytes: bytes)
        XCTAssertThrowsError(try reader.readRowGroup(0)) { error in
            XCTAssertEqual(error as? ParquetError, .truncated(offset: 17, needed: 63))  // after the 17-byte page header
        }
    }

    func testColumnChunkPastTheFooter() throws {
        // `id` metadata: total_uncompressed_size 33 (0x42), total_compressed_size 33 → 1000 (zigzag 2000 = D0 0F).
        let bytes = try patched(try golden(), [0x16, 0x42, 0x16, 0x42, 0x26, 0x08], [0x16, 0x42, 0x16, 0xD0, 0x0F, 0x26])
        XCTAssertThrowsError(try ParquetFileReader(bytes: bytes).readRowGroup(0)) { error in
            XCTAssertTrue(error is ParquetError, "\(error)")
        }
    }

    func testEmptyChunkWithDataPageOffsetZeroIsNotRead() throws {
        // `id` metadata: num_values 4 → 0 and data_page_offset 4 → 0, as pyarrow writes for empty row groups.
        let bytes = try patched(try golden(), [0x16, 0x08, 0x16, 0x42, 0x16, 0x42, 0x26, 0x08], [0x16, 0x00, 0x16, 0x42, 0x16, 0x42, 0x26, 0x00])
        let columns = try ParquetFileReader(bytes: bytes).readRowGroup(0, columns: ["id"])
        XCTAssertEqual(columns.first?.values, .int32([]))
    }

    func testUnsupportedCodec() throws {
        // `id` metadata: path ["id"] then field 4 codec 0 → 3 (LZO, zigzag 6).
        let bytes = try patched(try golden(), [0x18, 0x02, 0x69, 0x64, 0x15, 0x00], [0x18, 0x02, 0x69, 0x64, 0x15, 0x06])
        XCTAssertThrowsError(try ParquetFileReader(bytes: bytes).readRowGroup(0, columns: ["id"])) { error in
            XCTAssertEqual(error as? ParquetError, .unsupportedCodec("LZO"))
        }
    }

    func testPathAndBytesAgree() throws {
        let fromPath = try ParquetFileReader(path: FixtureFiles.url("nested_maps.snappy.parquet").path)
        let fromBytes = try ParquetFileReader(bytes: try FixtureFiles.bytes("nested_maps.snappy.parquet"))
        XCTAssertEqual(fromPath.metadata, fromBytes.metadata)
        XCTAssertEqual(try fromPath.rows(rowGroup: 0), try fromBytes.rows(rowGroup: 0))
    }

    func testMissingFileIsAnIOError() {
        XCTAssertThrowsError(try ParquetFileReader(path: "/nonexistent/file.parquet")) { error in
            guard case .io(_, "open", _)? = error as? ParquetError else { return XCTFail("\(error)") }
        }
    }
}
