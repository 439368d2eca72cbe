/// Where a column chunk's pages are and how they are stored (`ColumnMetaData` in parquet.thrift).
///
/// `numValues` counts level entries (nulls and empty lists included), and both sizes include
/// page headers. Readers start at `dictionaryPageOffset` only when it is present and > 0.
public struct ColumnMetaData: Sendable, Equatable {
    public var type: PhysicalType
    public var encodings: [Encoding]
    public var pathInSchema: [String]
    public var codec: CompressionCodec
    public var numValues: Int64
    public var totalUncompressedSize: Int64
    public var totalCompressedSize: Int64
    public var keyValueMetadata: [KeyValue]?
    public var dataPageOffset: Int64
    public var indexPageOffset: Int64?
    public var dictionaryPageOffset: Int64?
    public var statistics: Statistics?
    public var encodingStats: [PageEncodingStats]?
    public var bloomFilterOffset: Int64?
    public var bloomFilterLength: Int32?

    public init(
        type: PhysicalType, encodings: [Encoding], pathInSchema: [String], codec: CompressionCodec,
        numValues: Int64, totalUncompressedSize: Int64, totalCompressedSize: Int64,
        keyValueMetadata: [KeyValue]? = nil, dataPageOffset: Int64, indexPageOffset: Int64? = nil,
        dictionaryPageOffset: Int64? = nil, statistics: Statistics? = nil,
        encodingStats: [PageEncodingStats]? = nil, bloomFilterOffset: Int64? = nil, bloomFilterLength: Int32? = nil
    ) {
        self.type = type
        self.encodings = encodings
        self.pathInSchema = pathInSchema
        self.codec = codec
        self.numValues = numValues
        self.totalUncompressedSize = totalUncompressedSize
        self.totalCompressedSize = totalCompressedSize
        self.keyValueMetadata = keyValueMetadata
        self.dataPageOffset = dataPageOffset
        self.indexPageOffset = indexPageOffset
        self.dictionaryPageOffset = dictionaryPageOffset
        self.statistics = statistics
        self.encodingStats = encodingStats
        self.bloomFilterOffset = bloomFilterOffset
        self.bloomFilterLength = bloomFilterLength
    }
}

extension ColumnMetaData: ThriftStruct {
    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var type: PhysicalType?, codec: CompressionCodec?
        var encodings: [Encoding] = [], path: [String]?
        var numValues: Int64?, uncompressed: Int64 = 0, compressed: Int64 = 0, dataPageOffset: Int64?
        var keyValues: [KeyValue]?, indexOffset: Int64?, dictionaryOffset: Int64?, statistics: Statistics?
        var encodingStats: [PageEncodingStats]?, bloomOffset: Int64?, bloomLength: Int32?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32): type = try reader.readClosedEnum(PhysicalType.self, "physical type")
            case (2, .list): encodings = try reader.readElements(of: .i32) { (reader: inout ThriftCompactReader) throws(ParquetError) in Encoding(rawValue: try reader.readI32()) }
            case (3, .list): path = try reader.readElements(of: .binary) { (reader: inout ThriftCompactReader) throws(ParquetError) in try reader.readString() }
            case (4, .i32): codec = CompressionCodec(rawValue: try reader.readI32())
            case (5, .i64): numValues = try reader.readI64()
            case (6, .i64): uncompressed = try reader.readI64()
            case (7, .i64): compressed = try reader.readI64()
            case (8, .list): keyValues = try reader.readStructList(KeyValue.self)
            case (9, .i64): dataPageOffset = try reader.readI64()
            case (10, .i64): indexOffset = try reader.readI64()
            case (11, .i64): dictionaryOffset = try reader.readI64()
            case (12, .structure): statistics = try Statistics(from: &reader)
            case (13, .list): encodingStats = try reader.readStructList(PageEncodingStats.self)
            case (14, .i64): bloomOffset = try reader.readI64()
            case (15, .i32): bloomLength = try reader.readI32()
            default: try reader.skip(field)
            }
        }
        self.init(
            type: try type.required("ColumnMetaData", "type"), encodings: encodings,
            pathInSchema: try path.required("ColumnMetaData", "path_in_schema"),
            codec: try codec.required("ColumnMetaData", "codec"),
            numValues: try numValues.required("ColumnMetaData", "num_values"),
            totalUncompressedSize: uncompressed, totalCompressedSize: compressed, keyValueMetadata: keyValues,
            dataPageOffset: try dataPageOffset.required("ColumnMetaData", "data_page_offset"),
            indexPageOffset: indexOffset, dictionaryPageOffset: dictionaryOffset, statistics: statistics,
            encodingStats: encodingStats, bloomFilterOffset: bloomOffset, bloomFilterLength: bloomLength)
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: type.rawValue)
        writer.writeField(2, i32List: encodings.map(\.rawValue))
        writer.writeField(3, stringList: pathInSchema)
        writer.writeField(4, i32: codec.rawValue)
        writer.writeField(5, i64: numValues)
        writer.writeField(6, i64: totalUncompressedSize)
        writer.writeField(7, i64: totalCompressedSize)
        writer.writeField(8, structList: keyValueMetadata)
        writer.writeField(9, i64: dataPageOffset)
        writer.writeField(10, i64: indexPageOffset)
        writer.writeField(11, i64: dictionaryPageOffset)
        writer.writeField(12, struct: statistics)
        writer.writeField(13, structList: encodingStats)
        writer.writeField(14, i64: bloomFilterOffset)
        writer.writeField(15, i32: bloomFilterLength)
        writer.endStruct()
    }
}

/// How many pages of a chunk use a given page type and encoding (`PageEncodingStats`).
public struct PageEncodingStats: Sendable, Equatable {
    public var pageType: PageType
    public var encoding: Encoding
    public var count: Int32

    public init(pageType: PageType, encoding: Encoding, count: Int32) {
        self.pageType = pageType
        self.encoding = encoding
        self.count = count
    }
}

extension PageEncodingStats: ThriftStruct {
    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var pageType: PageType?, encoding: Encoding?, count: Int32?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32): pageType = PageType(rawValue: try reader.readI32())
            case (2, .i32): encoding = Encoding(rawValue: try reader.readI32())
            case (3, .i32): count = try reader.readI32()
            default: try reader.skip(field)
            }
        }
        self.init(
            pageType: try pageType.required("PageEncodingStats", "page_type"),
            encoding: try encoding.required("PageEncodingStats", "encoding"),
            count: try count.required("PageEncodingStats", "count"))
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: pageType.rawValue)
        writer.writeField(2, i32: encoding.rawValue)
        writer.writeField(3, i32: count)
        writer.endStruct()
    }
}
