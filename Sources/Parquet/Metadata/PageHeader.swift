/// The Thrift header in front of every page (`PageHeader`): its kind, body sizes (excluding the
/// header) and the kind-specific header. `crc` is CRC-32 of the stored body as a signed i32.
public struct PageHeader: Sendable, Equatable {
    public var type: PageType
    public var uncompressedPageSize: Int32
    public var compressedPageSize: Int32
    public var crc: Int32?
    public var dataPageHeader: DataPageHeader?
    public var dictionaryPageHeader: DictionaryPageHeader?
    public var dataPageHeaderV2: DataPageHeaderV2?

    public init(
        type: PageType, uncompressedPageSize: Int32, compressedPageSize: Int32, crc: Int32? = nil,
        dataPageHeader: DataPageHeader? = nil, dictionaryPageHeader: DictionaryPageHeader? = nil,
        dataPageHeaderV2: DataPageHeaderV2? = nil
    ) {
        self.type = type
        self.uncompressedPageSize = uncompressedPageSize
        self.compressedPageSize = compressedPageSize
        self.crc = crc
        self.dataPageHeader = dataPageHeader
        self.dictionaryPageHeader = dictionaryPageHeader
        self.dataPageHeaderV2 = dataPageHeaderV2
    }
}

extension PageHeader: ThriftStruct {
    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var type: PageType?, uncompressed: Int32?, compressed: Int32?
        var header = PageHeader(type: .dataPage, uncompressedPageSize: 0, compressedPageSize: 0)
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32): type = PageType(rawValue: try reader.readI32())
            case (2, .i32): uncompressed = try reader.readI32()
            case (3, .i32): compressed = try reader.readI32()
            case (4, .i32): header.crc = try reader.readI32()
            case (5, .structure): header.dataPageHeader = try DataPageHeader(from: &reader)
            case (7, .structure): header.dictionaryPageHeader = try DictionaryPageHeader(from: &reader)
            case (8, .structure): header.dataPageHeaderV2 = try DataPageHeaderV2(from: &reader)
            default: try reader.skip(field)
            }
        }
        header.type = try type.required("PageHeader", "type")
        header.uncompressedPageSize = try uncompressed.required("PageHeader", "uncompressed_page_size")
        header.compressedPageSize = try compressed.required("PageHeader", "compressed_page_size")
        self = header
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: type.rawValue)
        writer.writeField(2, i32: uncompressedPageSize)
        writer.writeField(3, i32: compressedPageSize)
        writer.writeField(4, i32: crc)
        writer.writeField(5, struct: dataPageHeader)
        writer.writeField(7, struct: dictionaryPageHeader)
        writer.writeField(8, struct: dataPageHeaderV2)
        writer.endStruct()
    }
}

/// Header of a v1 data page: `numValues` counts level entries, nulls included.
public struct DataPageHeader: Sendable, Equatable {
    public var numValues: Int32
    public var encoding: Encoding
    public var definitionLevelEncoding: Encoding
    public var repetitionLevelEncoding: Encoding
    public var statistics: Statistics?

    public init(
        numValues: Int32, encoding: Encoding, definitionLevelEncoding: Encoding = .rle,
        repetitionLevelEncoding: Encoding = .rle, statistics: Statistics? = nil
    ) {
        self.numValues = numValues
        self.encoding = encoding
        self.definitionLevelEncoding = definitionLevelEncoding
        self.repetitionLevelEncoding = repetitionLevelEncoding
        self.statistics = statistics
    }
}

extension DataPageHeader: ThriftStruct {
    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var numValues: Int32?, encoding: Encoding?, definition = Encoding.rle, repetition = Encoding.rle
        var statistics: Statistics?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32): numValues = try reader.readI32()
            case (2, .i32): encoding = Encoding(rawValue: try reader.readI32())
            case (3, .i32): definition = Encoding(rawValue: try reader.readI32())
            case (4, .i32): repetition = Encoding(rawValue: try reader.readI32())
            case (5, .structure): statistics = try Statistics(from: &reader)
            default: try reader.skip(field)
            }
        }
        self.init(
            numValues: try numValues.required("DataPageHeader", "num_values"),
            encoding: try encoding.required("DataPageHeader", "encoding"),
            definitionLevelEncoding: definition, repetitionLevelEncoding: repetition, statistics: statistics)
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: numValues)
        writer.writeField(2, i32: encoding.rawValue)
        writer.writeField(3, i32: definitionLevelEncoding.rawValue)
        writer.writeField(4, i32: repetitionLevelEncoding.rawValue)
        writer.writeField(5, struct: statistics)
        writer.endStruct()
    }
}

/// Header of a v2 data page: levels are stored uncompressed before the values, with their byte
/// lengths here; `isCompressed` (absent means true) says whether the values section is compressed.
public struct DataPageHeaderV2: Sendable, Equatable {
    public var numValues: Int32
    public var numNulls: Int32
    public var numRows: Int32
    public var encoding: Encoding
    public var definitionLevelsByteLength: Int32
    public var repetitionLevelsByteLength: Int32
    public var isCompressed: Bool?
    public var statistics: Statistics?

    public init(
        numValues: Int32, numNulls: Int32, numRows: Int32, encoding: Encoding,
        definitionLevelsByteLength: Int32, repetitionLevelsByteLength: Int32,
        isCompressed: Bool? = nil, statistics: Statistics? = nil
    ) {
        self.numValues = numValues
        self.numNulls = numNulls
        self.numRows = numRows
        self.encoding = encoding
        self.definitionLevelsByteLength = definitionLevelsByteLength
        self.repetitionLevelsByteLength = repetitionLevelsByteLength
        self.isCompressed = isCompressed
        self.statistics = statistics
    }
}

extension DataPageHeaderV2: ThriftStruct {
    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var numValues: Int32?, numNulls: Int32 = 0, numRows: Int32?, encoding: Encoding?
        var definitionLength: Int32?, repetitionLength: Int32?, isCompressed: Bool?, statistics: Statistics?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32): numValues = try reader.readI32()
            case (2, .i32): numNulls = try reader.readI32()
            case (3, .i32): numRows = try reader.readI32()
            case (4, .i32): encoding = Encoding(rawValue: try reader.readI32())
            case (5, .i32): definitionLength = try reader.readI32()
            case (6, .i32): repetitionLength = try reader.readI32()
            case (7, .bool): isCompressed = field.boolValue
            case (8, .structure): statistics = try Statistics(from: &reader)
            default: try reader.skip(field)
            }
        }
        let name = "DataPageHeaderV2"
        self.init(
            numValues: try numValues.required(name, "num_values"), numNulls: numNulls,
            numRows: try numRows.required(name, "num_rows"), encoding: try encoding.required(name, "encoding"),
            definitionLevelsByteLength: try definitionLength.required(name, "definition_levels_byte_length"),
            repetitionLevelsByteLength: try repetitionLength.required(name, "repetition_levels_byte_length"),
            isCompressed: isCompressed, statistics: statistics)
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: numValues)
        writer.writeField(2, i32: numNulls)
        writer.writeField(3, i32: numRows)
        writer.writeField(4, i32: encoding.rawValue)
        writer.writeField(5, i32: definitionLevelsByteLength)
        writer.writeField(6, i32: repetitionLevelsByteLength)
        writer.writeField(7, bool: isCompressed)
        writer.writeField(8, struct: statistics)
        writer.endStruct()
    }
}

/// Header of the dictionary page that may open a column chunk; its body is PLAIN-encoded values.
public struct DictionaryPageHeader: Sendable, Equatable {
    public var numValues: Int32
    public var encoding: Encoding
    public var isSorted: Bool?

    public init(numValues: Int32, encoding: Encoding = .plain, isSorted: Bool? = nil) {
        self.numValues = numValues
        self.encoding = encoding
        self.isSorted = isSorted
    }
}

extension DictionaryPageHeader: ThriftStruct {
    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var numValues: Int32?, encoding = Encoding.plain, isSorted: Bool?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32): numValues = try reader.readI32()
            case (2, .i32): encoding = Encoding(rawValue: try reader.readI32())
            case (3, .bool): isSorted = field.boolValue
            default: try reader.skip(field)
            }
        }
        self.init(numValues: try numValues.required("DictionaryPageHeader", "num_values"), encoding: encoding, isSorted: isSorted)
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: numValues)
        writer.writeField(2, i32: encoding.rawValue)
        writer.writeField(3, bool: isSorted)
        writer.endStruct()
    }
}
