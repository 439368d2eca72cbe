// Opening a file: check `PAR1` at both ends (`PARE` means an encrypted footer), read the 4-byte
// footer length, check that the footer fits between the two magics, decode FileMetaData, rebuild
// the schema and check that every row group has one chunk per leaf column. Column chunks are read
// only when a row group is requested, each as one ranged read.

/// Reads a Parquet file: its metadata and schema at once, column chunks on demand.
///
/// `readColumns` gives the projected chunks in contiguous buffers (`ColumnVector`, optionally
/// still dictionary-encoded); `readRowGroup` the same as boxed `ColumnData`; `rows(rowGroup:)`
/// and `makeRowIterator()` give assembled rows of `ParquetValue`.
public final class ParquetFileReader: Sendable {
    public let metadata: FileMetaData
    public let schema: ParquetSchema
    /// Ceiling for one decompressed page body.
    public let decompressedPageLimit: Int
    let source: ParquetByteSource
    /// Offset where the footer starts; column chunks must end before it.
    let footerStart: Int

    public var rowGroups: [RowGroup] { metadata.rowGroups }

    /// Opens the file at `path`; only the footer is read now.
    public convenience init(path: String, decompressedPageLimit: Int = PageCompression.defaultDecompressedLimit) throws(ParquetError) {
        try self.init(source: .file(OpenFile(path: path)), decompressedPageLimit: decompressedPageLimit)
    }

    /// Reads a whole file held in memory.
    public convenience init(bytes: [UInt8], decompressedPageLimit: Int = PageCompression.defaultDecompressedLimit) throws(ParquetError) {
        try self.init(source: .memory(bytes), decompressedPageLimit: decompressedPageLimit)
    }

    private static let magic: [UInt8] = Array("PAR1".utf8)
    private static let encryptedMagic: [UInt8] = Array("PARE".utf8)

    private init(source: ParquetByteSource, decompressedPageLimit: Int) throws(ParquetError) {
        let size = source.count
        guard size >= 12 else {
            throw ParquetError.notParquet(reason: "the file has \(size) bytes, fewer than the 12 of an empty Parquet file")
        }
        var tail = ByteReader(try source.read((size - 8)..<size))
        let footerLength = try tail.readUInt32LE()
        let trailingMagic = try tail.readBytes(4)
        if trailingMagic == Self.encryptedMagic { throw ParquetError.encryptedFile }
        guard trailingMagic == Self.magic else { throw ParquetError.notParquet(reason: "no PAR1 magic at the end") }
        guard try source.read(0..<4) == Self.magic else { throw ParquetError.notParquet(reason: "no PAR1 magic at the start") }
        guard let length = Int(exactly: footerLength), length + 12 <= size else {
            throw ParquetError.invalidFooter(reason: "footer length \(footerLength) does not fit in a file of \(size) bytes")
        }
        footerStart = size - 8 - length
        metadata = try FileMetaData(thriftBytes: try source.read(footerStart..<(size - 8)))
        schema = try ParquetSchema(elements: metadata.schema)
        for (index, group) in metadata.rowGroups.enumerated() {
            guard group.columns.count == schema.columns.count else {
                throw ParquetError.invalidMetadata(
                    reason: "row group \(index) has \(group.columns.count) column chunks for \(schema.columns.count) columns")
            }
            guard group.numRows >= 0 else {
                throw ParquetError.invalidMetadata(reason: "row group \(index) has \(group.numRows) rows")
            }
        }
        self.source = source
        self.decompressedPageLimit = decompressedPageLimit
    }

    /// Indices of the leaf columns selected by `names` (dotted leaf paths or top-level field
    /// names, which select all their leaves), in schema order; nil selects every column.
    public func columnIndices(_ names: [String]?) throws(ParquetError) -> [Int] {
        guard let names else { return Array(schema.columns.indices) }
        var selected = Set<Int>()
        for name in names {
            let matches = schema.columns.indices.filter {
                schema.columns[$0].dottedPath == name || schema.columns[$0].path.first == name
            }
            guard !matches.isEmpty else { throw ParquetError.columnNotFound(name) }
            selected.formUnion(matches)
        }
        return schema.columns.indices.filter { selected.contains($0) }
    }

    /// Reads the chunks of row group `index` for the projected `columns` (nil = all), in schema
    /// order, as boxed `ColumnData`.
    public func readRowGroup(_ index: Int, columns: [String]? = nil) throws(ParquetError) -> [ColumnData] {
        try readRowGroup(index, columnIndices: columnIndices(columns))
    }

    /// Reads the chunks of row group `index` for the given leaf column indices, as boxed `ColumnData`.
    public func readRowGroup(_ index: Int, columnIndices: [Int]) throws(ParquetError) -> [ColumnData] {
        try readColumns(rowGroup: index, columnIndices: columnIndices).map(\.columnData)
    }

    /// Reads only the projected `columns` (nil = all) of row group `index`, in schema order,
    /// into contiguous buffers. With `keepDictionary`, dictionary-encoded chunks come back as
    /// their dictionary plus one index per value, without a value per row.
    public func readColumns(rowGroup index: Int, columns: [String]? = nil, keepDictionary: Bool = false) throws(ParquetError) -> [ColumnVector] {
        try readColumns(rowGroup: index, columnIndices: columnIndices(columns), keepDictionary: keepDictionary)
    }

    /// Reads the given leaf columns of row group `index`; see `readColumns(rowGroup:columns:keepDictionary:)`.
    public func readColumns(rowGroup index: Int, columnIndices: [Int], keepDictionary: Bool = false) throws(ParquetError) -> [ColumnVector] {
        let group = try rowGroup(index)
        return try columnIndices.map { (column: Int) throws(ParquetError) -> ColumnVector in
            guard schema.columns.indices.contains(column) else {
                throw ParquetError.columnNotFound("#\(column)")
            }
            return try readColumnChunk(group.columns[column], descriptor: schema.columns[column], keepDictionary: keepDictionary)
        }
    }

    /// Row group `index`, or `rowGroupOutOfRange`.
    func rowGroup(_ index: Int) throws(ParquetError) -> RowGroup {
        guard metadata.rowGroups.indices.contains(index) else {
            throw ParquetError.rowGroupOutOfRange(index: index, count: metadata.rowGroups.count)
        }
        return metadata.rowGroups[index]
    }

    /// The checked metadata of a chunk.
    func chunkMetadata(_ chunk: ColumnChunk, descriptor: ColumnDescriptor) throws(ParquetError) -> ColumnMetaData {
        let name = descriptor.dottedPath
        guard let meta = chunk.metaData else {
            throw ParquetError.invalidMetadata(reason: "column '\(name)' has no column metadata")
        }
        guard meta.type == descriptor.physicalType else {
            throw ParquetError.invalidMetadata(reason: "column '\(name)' is \(meta.type) in its chunk but \(descriptor.physicalType) in the schema")
        }
        guard meta.numValues >= 0, meta.totalCompressedSize >= 0 else {
            throw ParquetError.invalidMetadata(reason: "column '\(name)' has negative sizes")
        }
        return meta
    }

    private func readColumnChunk(_ chunk: ColumnChunk, descriptor: ColumnDescriptor, keepDictionary: Bool) throws(ParquetError) -> ColumnVector {
        let meta = try chunkMetadata(chunk, descriptor: descriptor)
        if meta.numValues == 0 {
            // pyarrow writes empty row groups whose chunk holds only a dictionary page and
            // data_page_offset 0: there is nothing to read.
            return ColumnVector(descriptor: descriptor, storage: .buffer(.empty(descriptor.physicalType)),
                                definitionLevels: [], repetitionLevels: [])
        }
        let range = try chunkRange(meta, column: descriptor.dottedPath)
        let reader = ColumnChunkReader(descriptor: descriptor, metadata: meta, decompressedLimit: decompressedPageLimit)
        return try reader.read(try source.read(range), keepDictionary: keepDictionary)
    }

    /// The byte range of a chunk: from the dictionary page when `dictionary_page_offset` is
    /// present and > 0 (0 is a known writer bug), else from the first data page, for
    /// `total_compressed_size` bytes, never past the footer.
    func chunkRange(_ meta: ColumnMetaData, column: String) throws(ParquetError) -> Range<Int> {
        var start = meta.dataPageOffset
        if let dictionaryOffset = meta.dictionaryPageOffset, dictionaryOffset > 0, dictionaryOffset < start || start <= 0 {
            start = dictionaryOffset
        }
        guard start >= 4, start <= Int64(footerStart) else {
            throw ParquetError.invalidMetadata(reason: "column '\(column)' starts at \(start), outside the data area 4…\(footerStart)")
        }
        let (end, overflow) = start.addingReportingOverflow(meta.totalCompressedSize)
        guard !overflow, end <= Int64(footerStart) else {
            throw ParquetError.invalidMetadata(
                reason: "column '\(column)' spans \(meta.totalCompressedSize) bytes from \(start), past the footer at \(footerStart)")
        }
        return Int(start)..<Int(end)
    }
}
