// Writes one column chunk of a flat column: chooses dictionary or PLAIN, cuts the rows into v1
// data pages at the configured size and row limits, and returns the chunk's bytes together with
// the `ColumnMetaData` that describes them (offsets are absolute file offsets, so the chunk's
// start offset is an input).
//
// Page body (v1): [definition levels: u32 LE length + RLE hybrid, only for optional columns]
// then the values: PLAIN, or for dictionary pages one bit-width byte and RLE-hybrid indices.
// A dictionary larger than `dictionaryPageSizeLimit` makes the whole chunk fall back to PLAIN.

/// The bytes and metadata of one finished column chunk.
struct WrittenColumnChunk {
    var bytes: [UInt8]
    var metadata: ColumnMetaData
}

/// Encodes one column of one row group.
struct ColumnChunkWriter {
    let column: ColumnDescriptor
    let settings: ColumnSettings

    /// Encodes `batch` as a chunk starting at file offset `startOffset`.
    func write(_ batch: ColumnBatch, startOffset: Int) throws -> WrittenColumnChunk {
        let name = column.dottedPath
        let dictionary = settings.useDictionary
            ? DictionaryEncoder(batch.values, maxDictionaryBytes: settings.dictionaryPageSizeLimit)
            : nil
        var bytes: [UInt8] = []
        var uncompressedTotal = 0
        var encodings: Set<Int32> = []
        var dictionaryPageOffset: Int?
        if let dictionary {
            let page = try PageWriter.dictionaryPage(
                body: PlainEncoder.encode(dictionary.dictionary), entryCount: dictionary.dictionary.count,
                codec: settings.codec, snappyMode: settings.snappyMode, column: name)
            dictionaryPageOffset = startOffset
            bytes += page.bytes
            uncompressedTotal += page.uncompressedSize
            encodings.insert(Encoding.plain.rawValue)
        }
        let dataPageOffset = startOffset + bytes.count
        let valueEncoding: Encoding = dictionary == nil ? .plain : .rleDictionary
        encodings.insert(valueEncoding.rawValue)
        let levelWidth = RLEHybrid.bitWidth(forMaxValue: UInt32(column.maxDefinitionLevel))
        if column.maxDefinitionLevel > 0 { encodings.insert(Encoding.rle.rawValue) }

        var firstValue = 0
        for rows in pageRowRanges(batch, dictionary: dictionary) {
            var body = ByteWriter()
            var valueCount = rows.count
            if column.maxDefinitionLevel > 0 {
                let flags = batch.validity.map { Array($0[rows]) } ?? Array(repeating: true, count: rows.count)
                valueCount = flags.lazy.filter { $0 }.count
                let levels = RLEHybrid.encode(flags.map { $0 ? 1 : 0 }, bitWidth: levelWidth)
                body.writeUInt32LE(UInt32(levels.count))
                body.writeBytes(levels)
            }
            let values = firstValue..<(firstValue + valueCount)
            if let dictionary {
                body.writeBytes(dictionary.encodedIndices(values))
            } else {
                body.writeBytes(PlainEncoder.encode(batch.values.slice(values)))
            }
            firstValue += valueCount
            let page = try PageWriter.dataPage(
                body: body.bytes, levelCount: rows.count, encoding: valueEncoding, codec: settings.codec,
                snappyMode: settings.snappyMode, column: name)
            bytes += page.bytes
            uncompressedTotal += page.uncompressedSize
        }

        let statistics = settings.writeStatistics
            ? ColumnStatistics.compute(values: batch.values, nullCount: batch.nullCount, field: column.field)
            : nil
        let metadata = ColumnMetaData(
            type: column.physicalType, encodings: encodings.sorted().map(Encoding.init(rawValue:)),
            pathInSchema: column.path, codec: settings.codec, numValues: Int64(batch.rowCount),
            totalUncompressedSize: Int64(uncompressedTotal), totalCompressedSize: Int64(bytes.count),
            dataPageOffset: Int64(dataPageOffset), dictionaryPageOffset: dictionaryPageOffset.map(Int64.init),
            statistics: statistics)
        return WrittenColumnChunk(bytes: bytes, metadata: metadata)
    }

    /// Row ranges of the data pages: a page ends when its estimated encoded size reaches the
    /// page size limit or it holds the row limit. Flat columns have one level entry per row.
    private func pageRowRanges(_ batch: ColumnBatch, dictionary: DictionaryEncoder?) -> [Range<Int>] {
        let rowCount = batch.rowCount
        guard rowCount > 0 else { return [0..<0] }
        let indexBytes = dictionary.map { max(1, $0.indexBitWidth / 8) }
        var ranges: [Range<Int>] = []
        var pageStart = 0
        var pageBytes = 0
        var valueIndex = 0
        for row in 0..<rowCount {
            if batch.validity?[row] ?? true {
                pageBytes += indexBytes ?? batch.values.plainSize(at: valueIndex)
                valueIndex += 1
            }
            let rowsInPage = row + 1 - pageStart
            if pageBytes >= settings.dataPageSizeLimit || rowsInPage >= settings.dataPageRowLimit {
                ranges.append(pageStart..<(row + 1))
                pageStart = row + 1
                pageBytes = 0
            }
        }
        if pageStart < rowCount { ranges.append(pageStart..<rowCount) }
        return ranges
    }
}
