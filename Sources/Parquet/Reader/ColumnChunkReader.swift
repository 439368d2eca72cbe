// Reads one column chunk: walks its pages (an optional dictionary page first, then data pages
// v1 or v2, skipping index pages and unknown kinds), decompresses them, and decodes levels and
// values into one ColumnVector (contiguous buffers; dictionary indices kept on request). The walk stops when the chunk's `num_values` level entries are
// read or its bytes end, so a `total_compressed_size` that leaves out a header (PARQUET-816) or
// extra bytes after the last page do not matter. Every size from a header is checked before use.

/// Decodes the pages of one column chunk held in memory.
struct ColumnChunkReader {
    /// Most level entries (or dictionary entries) accepted in one page, which bounds what a
    /// corrupt header can make the decoder allocate (a real page holds ~20 000 rows).
    static let maxValuesPerPage = 1 << 24

    let descriptor: ColumnDescriptor
    let metadata: ColumnMetaData
    /// Limit handed to the codecs for one decompressed page.
    let decompressedLimit: Int

    private var column: String { descriptor.dottedPath }

    private func corrupt(_ reason: String) -> ParquetError {
        .corruptPage(column: column, reason: reason)
    }

    /// Decodes all pages in `bytes` (the chunk's byte range). With `keepDictionary`, a chunk
    /// whose data pages are all dictionary-encoded comes back as its dictionary plus indices;
    /// a chunk that falls back to PLAIN mid-way is resolved to values from that page on.
    func read(_ bytes: [UInt8], keepDictionary: Bool = false) throws(ParquetError) -> ColumnVector {
        var reader = ByteReader(bytes)
        var dictionary: ColumnBuffer?
        var values = Accumulated.buffer(.empty(descriptor.physicalType))
        var definitionLevels: [Int16] = []
        var repetitionLevels: [Int16] = []
        var levelCount = 0
        while levelCount < metadata.numValues, !reader.isAtEnd {
            var thrift = ThriftCompactReader(reader)
            let header = try PageHeader(from: &thrift)
            reader = thrift.bytes
            let storedSize = try size(header.compressedPageSize, "compressed_page_size")
            let rawSize = try size(header.uncompressedPageSize, "uncompressed_page_size")
            let body = try reader.readBytes(storedSize)
            let page: DecodedLevels
            switch header.type {
            case .dictionaryPage:
                guard dictionary == nil else { throw corrupt("more than one dictionary page") }
                dictionary = try readDictionary(header, body: body, rawSize: rawSize)
                if keepDictionary, case let .buffer(buffer) = values, buffer.count == 0, let dictionary {
                    values = .dictionary(entries: dictionary, indices: [])
                }
                continue
            case .dataPage:
                page = try readDataPageV1(header, body: body, rawSize: rawSize, dictionary: dictionary, into: &values)
            case .dataPageV2:
                page = try readDataPageV2(header, body: body, rawSize: rawSize, dictionary: dictionary, into: &values)
            default:
                continue  // index pages and unknown kinds carry no values
            }
            guard Int64(levelCount + page.levelCount) <= metadata.numValues else {
                throw corrupt("pages hold more values than the chunk's num_values \(metadata.numValues)")
            }
            definitionLevels += page.definitionLevels
            repetitionLevels += page.repetitionLevels
            levelCount += page.levelCount
        }
        guard levelCount >= metadata.numValues else {
            throw corrupt("chunk ends after \(levelCount) of \(metadata.numValues) values")
        }
        return ColumnVector(descriptor: descriptor, storage: values.storage,
                            definitionLevels: definitionLevels, repetitionLevels: repetitionLevels)
    }

    /// The values of the pages read so far: plain values, or dictionary indices while every
    /// data page has been dictionary-encoded (and the caller wants to keep them so).
    private enum Accumulated {
        case buffer(ColumnBuffer)
        case dictionary(entries: ColumnBuffer, indices: [UInt32])

        var storage: ColumnVector.Storage {
            switch self {
            case let .buffer(buffer): return .buffer(buffer)
            case let .dictionary(entries, indices): return .dictionary(entries: entries, indices: indices)
            }
        }

        /// Decodes a page's values section into the accumulated values: indices stay indices
        /// while the chunk is kept dictionary-encoded; a PLAIN (or other) page after them
        /// resolves what came before; values are appended to the one buffer in place.
        mutating func decode(
            encoding: Encoding, descriptor: ColumnDescriptor, count: Int, dictionary: ColumnBuffer?,
            from reader: inout ByteReader
        ) throws(ParquetError) {
            let column = descriptor.dottedPath
            if ValueDecoder.isDictionary(encoding) {
                let more = try ValueDecoder.indices(descriptor: descriptor, count: count, dictionary: dictionary, from: &reader)
                switch self {
                case .dictionary(let entries, var indices):
                    self = .buffer(.boolean([]))  // release the array so it grows in place
                    indices += more
                    self = .dictionary(entries: entries, indices: indices)
                case var .buffer(buffer):
                    guard let dictionary else { return }  // `indices` has thrown already
                    self = .buffer(.boolean([]))
                    try buffer.appendGathered(from: dictionary, more, column: column)
                    self = .buffer(buffer)
                }
                return
            }
            if case let .dictionary(entries, indices) = self {
                self = .buffer(try entries.gathering(indices, column: column))
            }
            guard case var .buffer(buffer) = self else { return }
            self = .buffer(.boolean([]))
            defer { self = .buffer(buffer) }
            try ValueDecoder.decodeValues(encoding: encoding, descriptor: descriptor, count: count, from: &reader,
                                          appendingTo: &buffer)
        }
    }

    private func size(_ value: Int32, _ name: String) throws(ParquetError) -> Int {
        guard value >= 0 else { throw corrupt("negative \(name) \(value)") }
        return Int(value)
    }

    private func count(_ value: Int32, _ name: String) throws(ParquetError) -> Int {
        guard value >= 0, Int(value) <= Self.maxValuesPerPage else {
            throw corrupt("\(name) \(value) outside 0…\(Self.maxValuesPerPage)")
        }
        return Int(value)
    }

    private func decompress(_ body: [UInt8], rawSize: Int) throws(ParquetError) -> [UInt8] {
        try PageCompression.decompress(body, codec: metadata.codec, uncompressedSize: rawSize, limit: decompressedLimit)
    }

    private func readDictionary(_ header: PageHeader, body: [UInt8], rawSize: Int) throws(ParquetError) -> ColumnBuffer {
        guard let dictionaryHeader = header.dictionaryPageHeader else { throw corrupt("dictionary page without its header") }
        guard dictionaryHeader.encoding == .plain || dictionaryHeader.encoding == .plainDictionary else {
            throw ParquetError.unsupportedEncoding(encoding: "\(dictionaryHeader.encoding) for a dictionary page", column: column)
        }
        let entries = try count(dictionaryHeader.numValues, "dictionary num_values")
        var reader = ByteReader(try decompress(body, rawSize: rawSize))
        return try PlainDecoder.decode(
            descriptor.physicalType, count: entries, typeLength: descriptor.field.typeLength, from: &reader)
    }

    /// Levels of one data page (its values went into the chunk's accumulated values).
    private struct DecodedLevels {
        var repetitionLevels: [Int16]
        var definitionLevels: [Int16]
        var levelCount: Int
    }

    /// Number of slots holding a value: definition level at its maximum.
    private func nonNullCount(_ definitionLevels: [Int16], levelCount: Int) -> Int {
        guard descriptor.maxDefinitionLevel > 0 else { return levelCount }
        let full = Int16(descriptor.maxDefinitionLevel)
        return definitionLevels.reduce(0) { $0 + ($1 == full ? 1 : 0) }
    }

    private func readDataPageV1(
        _ header: PageHeader, body: [UInt8], rawSize: Int, dictionary: ColumnBuffer?, into values: inout Accumulated
    ) throws(ParquetError) -> DecodedLevels {
        guard let dataHeader = header.dataPageHeader else { throw corrupt("data page without its header") }
        let levelCount = try count(dataHeader.numValues, "num_values")
        var reader = ByteReader(try decompress(body, rawSize: rawSize))
        var repetition: [Int16] = []
        var definition: [Int16] = []
        if descriptor.maxRepetitionLevel > 0 {
            repetition = try LevelDecoder.decodeV1(
                &reader, encoding: dataHeader.repetitionLevelEncoding, maxLevel: descriptor.maxRepetitionLevel,
                count: levelCount, column: column)
        }
        if descriptor.maxDefinitionLevel > 0 {
            definition = try LevelDecoder.decodeV1(
                &reader, encoding: dataHeader.definitionLevelEncoding, maxLevel: descriptor.maxDefinitionLevel,
                count: levelCount, column: column)
        }
        try values.decode(
            encoding: dataHeader.encoding, descriptor: descriptor,
            count: nonNullCount(definition, levelCount: levelCount), dictionary: dictionary, from: &reader)
        return DecodedLevels(repetitionLevels: repetition, definitionLevels: definition, levelCount: levelCount)
    }

    private func readDataPageV2(
        _ header: PageHeader, body: [UInt8], rawSize: Int, dictionary: ColumnBuffer?, into values: inout Accumulated
    ) throws(ParquetError) -> DecodedLevels {
        guard let dataHeader = header.dataPageHeaderV2 else { throw corrupt("v2 data page without its header") }
        let levelCount = try count(dataHeader.numValues, "num_values")
        let repetitionLength = try size(dataHeader.repetitionLevelsByteLength, "repetition_levels_byte_length")
        let definitionLength = try size(dataHeader.definitionLevelsByteLength, "definition_levels_byte_length")
        var reader = ByteReader(body)
        let repetitionBytes = try reader.readBytes(repetitionLength)
        let definitionBytes = try reader.readBytes(definitionLength)
        let repetition = descriptor.maxRepetitionLevel > 0
            ? try LevelDecoder.decodeRLE(repetitionBytes, maxLevel: descriptor.maxRepetitionLevel, count: levelCount, column: column)
            : []
        let definition = descriptor.maxDefinitionLevel > 0
            ? try LevelDecoder.decodeRLE(definitionBytes, maxLevel: descriptor.maxDefinitionLevel, count: levelCount, column: column)
            : []
        var valueBytes = try reader.readRemaining()
        let rawValueSize = rawSize - repetitionLength - definitionLength
        guard rawValueSize >= 0 else { throw corrupt("uncompressed_page_size smaller than its level sections") }
        // An empty values section (all nulls) is never handed to the codec: zero bytes is not valid Snappy.
        if dataHeader.isCompressed ?? true, metadata.codec != .uncompressed, !(valueBytes.isEmpty && rawValueSize == 0) {
            valueBytes = try decompress(valueBytes, rawSize: rawValueSize)
        }
        var valueReader = ByteReader(valueBytes)
        try values.decode(
            encoding: dataHeader.encoding, descriptor: descriptor,
            count: nonNullCount(definition, levelCount: levelCount), dictionary: dictionary, from: &valueReader)
        return DecodedLevels(repetitionLevels: repetition, definitionLevels: definition, levelCount: levelCount)
    }
}
