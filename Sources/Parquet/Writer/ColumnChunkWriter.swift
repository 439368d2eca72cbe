// Writes one column chunk of a flat column straight to the output, page by page:
//
//   1. dictionary: hash every value of the batch's buffer into `DictionaryEncoder` (indices,
//      4 bytes a value) or fall back to PLAIN when the dictionary outgrows its limit; the
//      dictionary page is written first;
//   2. data pages: cut at the page size and row limits; each page's levels and values are
//      encoded into one reused body buffer, compressed and written before the next page is
//      started, so the chunk's encoded bytes are never held in memory all at once;
//   3. statistics: per page (for the column index) and for the chunk, as positions in the
//      value buffer (or dictionary) that only the winners are encoded from.
//
// It returns the `ColumnMetaData` and the page index of the chunk (offsets are absolute file
// offsets). Page body (v1): [definition levels: u32 LE length + RLE hybrid, only for optional
// columns] then the values: PLAIN, or one bit-width byte and RLE-hybrid dictionary indices.

/// The metadata and page index of one finished column chunk.
struct WrittenColumnChunk {
    var metadata: ColumnMetaData
    var offsetIndex: OffsetIndex
    /// Nil for columns without a defined order (INT96, FLOAT16, BYTE_ARRAY decimals).
    var columnIndex: ColumnIndex?
}

/// Encodes one column of one row group.
struct ColumnChunkWriter {
    /// Binary min/max in the column index are cut to this many bytes (as pyarrow does), so
    /// long values do not bloat the footer area; the chunk statistics keep exact values.
    static let columnIndexTruncation = 64

    let column: ColumnDescriptor
    let settings: ColumnSettings

    /// Encodes `batch` and writes it to `output` at its current offset.
    func write(_ batch: ColumnBatch, to output: ParquetOutput) throws(ParquetError) -> WrittenColumnChunk {
        let name = column.dottedPath
        let buffer = batch.buffer
        let order = StatisticsOrder(field: column.field)
        let dictionary = settings.useDictionary
            ? DictionaryEncoder(buffer: buffer, maxDictionaryBytes: settings.dictionaryPageSizeLimit)
            : nil
        var compressedTotal = 0
        var uncompressedTotal = 0
        var encodings: Set<Int32> = []
        var dictionaryPageOffset: Int?
        var body = ByteWriter(reservingCapacity: settings.dataPageSizeLimit + 1024)
        var ranking: (sorted: [Int], ranks: [Int32])?
        if let dictionary {
            PlainEncoder.encode(dictionary.entries, range: 0..<dictionary.entries.count, into: &body)
            let page = try PageWriter.dictionaryPage(
                body: body.bytes, entryCount: dictionary.entries.count,
                codec: settings.codec, snappyMode: settings.snappyMode, column: name)
            dictionaryPageOffset = output.offset
            try write(page, to: output, compressed: &compressedTotal, uncompressed: &uncompressedTotal)
            encodings.insert(Encoding.plain.rawValue)
            if settings.writeStatistics, let sorted = ColumnStatistics.sortedEntries(dictionary.entries, order: order) {
                ranking = (sorted, ColumnStatistics.ranks(sorted: sorted, entryCount: dictionary.entries.count))
            }
        }
        let dataPageOffset = output.offset
        let valueEncoding: Encoding = dictionary == nil ? .plain : .rleDictionary
        encodings.insert(valueEncoding.rawValue)
        let levelWidth = RLEHybrid.bitWidth(forMaxValue: UInt32(column.maxDefinitionLevel))
        if column.maxDefinitionLevel > 0 { encodings.insert(Encoding.rle.rawValue) }

        var pages = PageIndexBuilder()
        var chunkExtremes: [Int] = []
        var firstValue = 0
        for rows in pageRowRanges(batch, dictionary: dictionary) {
            body.removeAll()
            var valueCount = rows.count
            if column.maxDefinitionLevel > 0 {
                let lengthAt = body.count
                body.writeUInt32LE(0)
                if let validity = batch.validity {
                    valueCount = validity[rows].reduce(0) { $0 + ($1 ? 1 : 0) }
                    RLEHybrid.encode(validity[rows].lazy.map { $0 ? 1 : 0 }, bitWidth: levelWidth, into: &body.bytes)
                } else {
                    RLEHybrid.encode(repeatElement(UInt32(1), count: rows.count), bitWidth: levelWidth, into: &body.bytes)
                }
                body.patchUInt32LE(UInt32(body.count - lengthAt - 4), at: lengthAt)
            }
            let values = firstValue..<(firstValue + valueCount)
            firstValue += valueCount
            var extremes: Extremes?
            if let dictionary {
                dictionary.appendIndices(values, to: &body.bytes)
                if let ranking {
                    extremes = ColumnStatistics.extremes(indices: dictionary.indices[values], ranks: ranking.ranks, sorted: ranking.sorted)
                }
            } else {
                PlainEncoder.encode(buffer, range: values, into: &body)
                if settings.writeStatistics { extremes = ColumnStatistics.extremes(buffer, values, order: order) }
            }
            let page = try PageWriter.dataPage(
                body: body.bytes, levelCount: rows.count, encoding: valueEncoding, codec: settings.codec,
                snappyMode: settings.snappyMode, column: name)
            pages.locations.append(PageLocation(
                offset: Int64(output.offset), compressedPageSize: Int32(clamping: page.compressedSize),
                firstRowIndex: Int64(rows.lowerBound)))
            try write(page, to: output, compressed: &compressedTotal, uncompressed: &uncompressedTotal)
            if settings.writeStatistics {
                let space = dictionary?.entries ?? buffer
                pages.add(extremes.map { truncatedBounds(space, $0) }, nullCount: rows.count - valueCount, valueCount: valueCount)
                if let extremes { chunkExtremes += [extremes.min, extremes.max] }
            }
        }

        var statistics: Statistics?
        if settings.writeStatistics {
            let space = dictionary?.entries ?? buffer
            let extremes = ColumnStatistics.extremes(space, chunkExtremes, order: order)
            statistics = ColumnStatistics.statistics(
                space, extremes: extremes, nullCount: batch.nullCount,
                nanCount: ColumnStatistics.nanCount(buffer), order: order)
        }
        let metadata = ColumnMetaData(
            type: column.physicalType, encodings: encodings.sorted().map(Encoding.init(rawValue:)),
            pathInSchema: column.path, codec: settings.codec, numValues: Int64(batch.rowCount),
            totalUncompressedSize: Int64(uncompressedTotal), totalCompressedSize: Int64(compressedTotal),
            dataPageOffset: Int64(dataPageOffset), dictionaryPageOffset: dictionaryPageOffset.map(Int64.init),
            statistics: statistics)
        let columnIndex = settings.writeStatistics && order != .undefined ? pages.columnIndex() : nil
        return WrittenColumnChunk(metadata: metadata, offsetIndex: OffsetIndex(pageLocations: pages.locations),
                                  columnIndex: columnIndex)
    }

    private func write(_ page: WrittenPage, to output: ParquetOutput, compressed: inout Int, uncompressed: inout Int) throws(ParquetError) {
        try output.write(page.header)
        try output.write(page.body)
        compressed += page.compressedSize
        uncompressed += page.uncompressedSize
    }

    /// PLAIN bounds of a page for the column index; byte strings longer than
    /// `columnIndexTruncation` are cut, the maximum rounded up so it still bounds the page.
    private func truncatedBounds(_ space: ColumnBuffer, _ extremes: Extremes) -> (min: [UInt8], max: [UInt8]) {
        let (low, high) = ColumnStatistics.encodedBounds(space, extremes)
        guard case .byteArray = space else { return (low, high) }
        let limit = Self.columnIndexTruncation
        return (low.count > limit ? Array(low.prefix(limit)) : low,
                high.count > limit ? Self.roundedUpPrefix(high, limit) ?? high : high)
    }

    /// The shortest prefix of at most `limit` bytes that sorts at or after `value`: the prefix
    /// with its last byte below 0xFF incremented (nil when every byte is 0xFF).
    static func roundedUpPrefix(_ value: [UInt8], _ limit: Int) -> [UInt8]? {
        var prefix = Array(value.prefix(limit))
        while let last = prefix.last {
            if last < 0xFF {
                prefix[prefix.count - 1] = last + 1
                return prefix
            }
            prefix.removeLast()
        }
        return nil
    }

    /// Row ranges of the data pages: a page ends when its estimated encoded size reaches the
    /// page size limit or it holds the row limit. Flat columns have one level entry per row.
    private func pageRowRanges(_ batch: ColumnBatch, dictionary: DictionaryEncoder?) -> [Range<Int>] {
        let rowCount = batch.rowCount
        guard rowCount > 0 else { return [0..<0] }
        let buffer = batch.buffer
        // Encoded size of values `first..<end`: O(1) for every type. Each case calls `cut` with
        // its own closure, so the closure is inlined into the loop over every row.
        if let dictionary {
            let width = max(1, dictionary.indexBitWidth / 8)
            return cut(batch) { first, end in (end - first) * width }
        } else if case let .byteArray(arrays) = buffer {
            return cut(batch) { first, end in (end - first) * 4 + arrays.offsets[end] - arrays.offsets[first] }
        } else if case .boolean = buffer {
            return cut(batch) { first, end in end - first }
        } else {
            let width = buffer.count > 0 ? buffer.plainSize(0..<1) : 1
            return cut(batch) { first, end in (end - first) * width }
        }
    }

    /// The page row ranges of `batch` for an encoded size of values `first..<end` of `size`.
    @inline(__always)
    private func cut(_ batch: ColumnBatch, size: (Int, Int) -> Int) -> [Range<Int>] {
        let rowCount = batch.rowCount
        var ranges: [Range<Int>] = []
        var pageStart = 0
        var firstValue = 0
        var value = 0
        let sizeLimit = settings.dataPageSizeLimit, rowLimit = settings.dataPageRowLimit
        @inline(__always) func close(after row: Int) {
            if size(firstValue, value) >= sizeLimit || row + 1 - pageStart >= rowLimit {
                ranges.append(pageStart..<(row + 1))
                pageStart = row + 1
                firstValue = value
            }
        }
        if let validity = batch.validity {
            for row in 0..<rowCount {
                if validity[row] { value += 1 }
                close(after: row)
            }
        } else {
            for row in 0..<rowCount {
                value += 1
                close(after: row)
            }
        }
        if pageStart < rowCount { ranges.append(pageStart..<rowCount) }
        return ranges
    }
}

/// Collects the page index of a chunk as its pages are written.
private struct PageIndexBuilder {
    var locations: [PageLocation] = []
    private var nullPages: [Bool] = []
    private var minValues: [[UInt8]] = []
    private var maxValues: [[UInt8]] = []
    private var nullCounts: [Int64] = []
    /// False once a page holds values but no bounds (only NaN), which the index cannot express.
    private var describable = true

    /// Adds a page's bounds (nil when it holds no comparable value).
    mutating func add(_ bounds: (min: [UInt8], max: [UInt8])?, nullCount: Int, valueCount: Int) {
        nullPages.append(valueCount == 0)
        minValues.append(bounds?.min ?? [])
        maxValues.append(bounds?.max ?? [])
        nullCounts.append(Int64(nullCount))
        if valueCount > 0, bounds == nil { describable = false }
    }

    /// The column index, or nil when some page cannot be described.
    func columnIndex() -> ColumnIndex? {
        guard describable else { return nil }
        return ColumnIndex(nullPages: nullPages, minValues: minValues, maxValues: maxValues,
                           boundaryOrder: .unordered, nullCounts: nullCounts)
    }
}
