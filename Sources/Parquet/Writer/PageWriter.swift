// A page is a Thrift `PageHeader` followed by the (compressed) body. This file turns a finished
// page body into those bytes and reports the sizes the column chunk metadata sums up: both
// totals include the header, as readers expect (PARQUET-816).

/// The bytes of one page and its contribution to the column chunk's size totals.
struct WrittenPage {
    /// The Thrift page header.
    var header: [UInt8]
    /// The stored (compressed) body, written right after the header.
    var body: [UInt8]
    /// Header size plus uncompressed body size.
    var uncompressedSize: Int
    /// Header size plus stored body size.
    var compressedSize: Int { header.count + body.count }
}

/// Builds data pages (v1) and dictionary pages from encoded bodies.
enum PageWriter {
    /// A v1 data page whose body holds `levelCount` level entries and values in `encoding`.
    static func dataPage(body: [UInt8], levelCount: Int, encoding: Encoding, codec: CompressionCodec,
                         snappyMode: Snappy.Mode, column: String) throws(ParquetError) -> WrittenPage {
        guard let count = Int32(exactly: levelCount) else {
            throw ParquetError.invalidWriterUse(reason: "column '\(column)': \(levelCount) values do not fit one page")
        }
        let header = DataPageHeader(numValues: count, encoding: encoding)
        return try page(body: body, codec: codec, snappyMode: snappyMode, column: column) { uncompressed, compressed in
            PageHeader(type: .dataPage, uncompressedPageSize: uncompressed, compressedPageSize: compressed,
                       dataPageHeader: header)
        }
    }

    /// The dictionary page: `entryCount` distinct values, PLAIN-encoded in `body`.
    static func dictionaryPage(body: [UInt8], entryCount: Int, codec: CompressionCodec,
                               snappyMode: Snappy.Mode, column: String) throws(ParquetError) -> WrittenPage {
        guard let count = Int32(exactly: entryCount) else {
            throw ParquetError.invalidWriterUse(reason: "column '\(column)': dictionary of \(entryCount) entries is too large")
        }
        let header = DictionaryPageHeader(numValues: count, encoding: .plain)
        return try page(body: body, codec: codec, snappyMode: snappyMode, column: column) { uncompressed, compressed in
            PageHeader(type: .dictionaryPage, uncompressedPageSize: uncompressed, compressedPageSize: compressed,
                       dictionaryPageHeader: header)
        }
    }

    private static func page(body: [UInt8], codec: CompressionCodec, snappyMode: Snappy.Mode, column: String,
                             header makeHeader: (Int32, Int32) -> PageHeader) throws(ParquetError) -> WrittenPage {
        let tooLarge = ParquetError.invalidWriterUse(
            reason: "column '\(column)': a page of \(body.count) bytes is above Parquet's 2 GiB page limit")
        guard let uncompressed = Int32(exactly: body.count) else { throw tooLarge }
        let stored = try PageCompression.compress(body, codec: codec, snappyMode: snappyMode)
        guard let compressed = Int32(exactly: stored.count) else { throw tooLarge }
        let header = makeHeader(uncompressed, compressed).thriftBytes()
        return WrittenPage(header: header, body: stored, uncompressedSize: header.count + body.count)
    }
}
