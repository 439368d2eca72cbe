// Opening a file: check `PAR1` at both ends (`PARE` means an encrypted footer), read the 4-byte
// footer length, check that the footer fits between the two magics, decode FileMetaData, rebuild
// the schema and check that every row group has one chunk per leaf column. Column chunks are read
// only when a row group is requested, each as one ranged read.

/// Reads a Parquet file: its metadata and schema at once, column chunks on demand.
///
/// `readRowGroup` gives columnar `ColumnData` (values plus levels); `rows(rowGroup:)` and
/// `makeRowIterator()` give assembled rows of `ParquetValue`.
public final class ParquetFileReader: Sendable {
    public let metadata: FileMetaData
    public let schema: ParquetSchema
    /// Ceiling for one decompressed page body.
    public let decompressedPageLimit: Int
    private let source: ParquetByteSource
    /// Offset where the footer starts; column chunks must end before it.
    private let footerStart: Int

    public var rowGroups: [RowGroup] { metadata.rowGroups }

    /// Opens the file at `path`; only the footer is read now.
    public convenience init(path: String, decompressedPageLimit: Int = PageCompression.defaultDecompressedLimit) throws {
        try self.init(source: .file(OpenFile(path: path)), decompressedPageLimit: decompressedPageLimit)
    }

    /// Reads a whole file held in memory.
    public convenience init(bytes: [UInt8], decompressedPageLimit: Int = PageCompression.defaultDecompressedLimit) throws {
        try self.init(source: .memory(bytes), decompressedPageLimit: decompressedPageLimit)
    }

    private static let magic: [UInt8] = Array("PAR1".utf8)
    private static let encryptedMagic: [UInt8] = Array("PARE".utf8)

    private init(source: ParquetByteSource, decompressedPageLimit: Int) throws {
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
    public func columnIndices(_ names: [String]?) throws -> [Int] {
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

    /// Reads the chunks of row group `index` for the projected `columns` (nil = all), in schema order.
    public func readRowGroup(_ index: Int, columns: [String]? = nil) throws -> [ColumnData] {
        try readRowGroup(index, columnIndices: columnIndices(columns))
    }

    /// Reads the chunks of row group `index` for the given leaf column indices.
    public func readRowGroup(_ index: Int, columnIndices: [Int]) throws -> [ColumnData] {
        guard metadata.rowGroups.indices.contains(index) else {
            throw ParquetError.rowGroupOutOfRange(index: index, count: metadata.rowGroups.count)
        }
        let group = metadata.rowGroups[index]
        return try columnIndices.map { column in
            guard schema.columns.indices.contains(column) else {
                throw ParquetError.columnNotFound("#\(column)")
            }
            return try readColumnChunk(group.columns[column], descriptor: schema.columns[column])
        }
    }

    private func readColumnChunk(_ chunk: ColumnChunk, descriptor: ColumnDescriptor) throws -> ColumnData {
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
        if meta.numValues == 0 {
            // pyarrow writes empty row groups whose chunk holds only a dictionary page and
            // data_page_offset 0: there is nothing to read.
            return ColumnData(descriptor: descriptor, values: .empty(descriptor.physicalType), definitionLevels: [], repetitionLevels: [])
        }
        let range = try chunkRange(meta, column: name)
        let reader = ColumnChunkReader(descriptor: descriptor, metadata: meta, decompressedLimit: decompressedPageLimit)
        return try reader.read(try source.read(range))
    }

    /// The byte range of a chunk: from the dictionary page when `dictionary_page_offset` is
    /// present and > 0 (0 is a known writer bug), else from the first data page, for
    /// `total_compressed_size` bytes, never past the footer.
    private func chunkRange(_ meta: ColumnMetaData, column: String) throws -> Range<Int> {
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
