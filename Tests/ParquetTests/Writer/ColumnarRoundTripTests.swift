import XCTest
@testable import Parquet

/// Every physical type through the buffer API (`ColumnBatch(buffer:)`) and back through
/// `readColumns`, with and without dictionaries, nulls and several pages per chunk.
final class ColumnarRoundTripTests: XCTestCase {
    private let rows = 2_500

    /// One optional column per physical type; every third row null; few distinct values so the
    /// dictionary is used when enabled.
    private func table() -> (schema: ParquetSchema, batches: [ColumnBatch]) {
        let validity = (0..<rows).map { $0 % 3 != 0 }
        let present = validity.filter { $0 }.count
        var random = SeededGenerator(seed: 11)
        func pick<T>(_ choices: [T]) -> [T] { (0..<present).map { _ in choices.randomElement(using: &random)! } }
        let strings = ByteArrayBuffer(pick([[], Array("alpha".utf8), Array("beta".utf8), [0xFF, 0, 0x80], random.bytes(300)]))
        let fixed = ByteArrayBuffer(pick([[0, 0, 0, 1], [0xFF, 0xFF, 0xFF, 0xFF], [0x80, 0, 0, 0]]))
        let columns: [(ParquetField, ColumnBuffer)] = [
            (ParquetField(name: "b", type: .boolean, repetition: .optional), .boolean(pick([true, false]))),
            (ParquetField(name: "i32", type: .int32, repetition: .optional), .int32(pick([Int32.min, -1, 0, 7, Int32.max]))),
            (ParquetField(name: "i64", type: .int64, repetition: .optional), .int64(pick([Int64.min, -1, 0, 1 << 40]))),
            (ParquetField(name: "i96", type: .int96, repetition: .optional),
             .int96(pick([Int96(nanosOfDay: 0, julianDay: 2_440_588), Int96(nanosOfDay: -1, julianDay: 0)]))),
            (ParquetField(name: "f", type: .float, repetition: .optional), .float(pick([-0.0, 0.0, .nan, 1.5, -.infinity]))),
            (ParquetField(name: "d", type: .double, repetition: .optional), .double(pick([-0.0, .nan, 2.25, .greatestFiniteMagnitude]))),
            (ParquetField(name: "s", type: .byteArray, repetition: .optional, logicalType: .string), .byteArray(strings)),
            (ParquetField(name: "x", type: .fixedLenByteArray, repetition: .optional, typeLength: 4), .fixedLenByteArray(fixed)),
        ]
        return (ParquetSchema(fields: columns.map(\.0)), columns.map { ColumnBatch(buffer: $0.1, validity: validity) })
    }

    func testEveryPhysicalTypeRoundTripsThroughBuffers() throws {
        let (schema, batches) = table()
        for (codec, dictionary) in [(CompressionCodec.snappy, true), (.uncompressed, false), (.zstd, true), (.gzip, false)] {
            var options = ParquetWriterOptions()
            options.codec = codec
            options.useDictionary = dictionary
            options.dataPageRowLimit = 700  // several pages per chunk
            let writer = try ParquetWriter(schema: schema, options: options)
            try writer.write(batch: batches)
            try writer.finish()
            let reader = try ParquetFileReader(bytes: writer.bytes)
            for keep in [false, true] {
                let columns = try reader.readColumns(rowGroup: 0, keepDictionary: keep)
                XCTAssertEqual(columns.count, batches.count)
                for (column, expected) in zip(columns, batches) {
                    let name = "\(codec) dictionary \(dictionary) keep \(keep): \(column.descriptor.dottedPath)"
                    XCTAssertTrue(bitwiseEqual(column.buffer, expected.buffer), name)
                    XCTAssertEqual(column.definitionLevels, expected.validity?.map { $0 ? 1 : 0 }, name)
                    let isDictionary: Bool
                    if case .dictionary = column.storage { isDictionary = true } else { isDictionary = false }
                    XCTAssertEqual(isDictionary, keep && dictionary && column.descriptor.physicalType != .boolean, name)
                }
            }
        }
    }

    func testDictionaryColumnIsReadAsEntriesAndIndices() throws {
        let schema = ParquetSchema(fields: [ParquetField(name: "s", type: .byteArray, repetition: .required, logicalType: .string)])
        let words = (0..<10_000).map { Array("word-\($0 % 3)".utf8) }
        let writer = try ParquetWriter(schema: schema)
        try writer.write(batch: [ColumnBatch(buffer: .byteArray(ByteArrayBuffer(words)))])
        try writer.finish()
        let reader = try ParquetFileReader(bytes: writer.bytes)
        let column = try XCTUnwrap(reader.readColumns(rowGroup: 0, keepDictionary: true).first)
        guard case let .dictionary(entries, indices) = column.storage else { return XCTFail("\(column.storage)") }
        XCTAssertEqual(entries, .byteArray(ByteArrayBuffer([Array("word-0".utf8), Array("word-1".utf8), Array("word-2".utf8)])))
        XCTAssertEqual(indices, (0..<10_000).map { UInt32($0 % 3) })
        XCTAssertEqual(try reader.rows(rowGroup: 0)[4], [.string("word-1")])
    }

    func testProjectionReadsOnlyTheNamedColumns() throws {
        let (schema, batches) = table()
        let writer = try ParquetWriter(schema: schema)
        try writer.write(batch: batches)
        try writer.finish()
        let reader = try ParquetFileReader(bytes: writer.bytes)
        let columns = try reader.readColumns(rowGroup: 0, columns: ["s", "i32"])
        XCTAssertEqual(columns.map(\.descriptor.dottedPath), ["i32", "s"], "schema order")
        XCTAssertTrue(bitwiseEqual(columns[1].buffer, batches[6].buffer))
        XCTAssertThrowsError(try reader.readColumns(rowGroup: 0, columns: ["nope"])) { error in
            XCTAssertEqual(error as? ParquetError, .columnNotFound("nope"))
        }
    }

    private func bitwiseEqual(_ left: ColumnBuffer, _ right: ColumnBuffer) -> Bool {
        switch (left, right) {
        case let (.float(a), .float(b)): return a.map(\.bitPattern) == b.map(\.bitPattern)
        case let (.double(a), .double(b)): return a.map(\.bitPattern) == b.map(\.bitPattern)
        default: return left == right
        }
    }
}
