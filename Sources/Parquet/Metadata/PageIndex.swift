// The page index (PageIndex.md in parquet-format): per column chunk an `OffsetIndex` (where each
// data page starts, its stored size and its first row) and a `ColumnIndex` (per page: all-null
// flag, min and max, null count). Writers put both between the last row group and the footer
// and point to them from `ColumnChunk` fields 4–7; readers use them to skip pages whose min/max
// rule out a predicate, and to find a page without walking the headers before it.

/// Where one data page is (`PageLocation`).
public struct PageLocation: Sendable, Equatable {
    /// File offset of the page header.
    public var offset: Int64
    /// Header plus stored body size.
    public var compressedPageSize: Int32
    /// Index of the page's first row within its row group.
    public var firstRowIndex: Int64

    public init(offset: Int64, compressedPageSize: Int32, firstRowIndex: Int64) {
        self.offset = offset
        self.compressedPageSize = compressedPageSize
        self.firstRowIndex = firstRowIndex
    }
}

extension PageLocation: ThriftStruct {
    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var offset: Int64?, size: Int32?, firstRow: Int64?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i64): offset = try reader.readI64()
            case (2, .i32): size = try reader.readI32()
            case (3, .i64): firstRow = try reader.readI64()
            default: try reader.skip(field)
            }
        }
        self.init(offset: try offset.required("PageLocation", "offset"),
                  compressedPageSize: try size.required("PageLocation", "compressed_page_size"),
                  firstRowIndex: try firstRow.required("PageLocation", "first_row_index"))
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i64: offset)
        writer.writeField(2, i32: compressedPageSize)
        writer.writeField(3, i64: firstRowIndex)
        writer.endStruct()
    }
}

/// The data pages of one column chunk, in order (`OffsetIndex`).
public struct OffsetIndex: Sendable, Equatable {
    public var pageLocations: [PageLocation]

    public init(pageLocations: [PageLocation]) {
        self.pageLocations = pageLocations
    }
}

extension OffsetIndex: ThriftStruct {
    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var locations: [PageLocation]?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .list): locations = try reader.readStructList(PageLocation.self)
            default: try reader.skip(field)
            }
        }
        self.init(pageLocations: try locations.required("OffsetIndex", "page_locations"))
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, structList: pageLocations)
        writer.endStruct()
    }
}

/// Per data page of a column chunk: whether it holds only nulls, its min and max (PLAIN bytes
/// as in `Statistics`, empty for all-null pages) and its null count (`ColumnIndex`).
public struct ColumnIndex: Sendable, Equatable {
    /// Whether min/max ascend or descend from page to page (`BoundaryOrder`).
    public enum BoundaryOrder: Int32, Sendable {
        case unordered = 0
        case ascending = 1
        case descending = 2
    }

    public var nullPages: [Bool]
    public var minValues: [[UInt8]]
    public var maxValues: [[UInt8]]
    public var boundaryOrder: BoundaryOrder
    public var nullCounts: [Int64]?

    public init(nullPages: [Bool], minValues: [[UInt8]], maxValues: [[UInt8]],
                boundaryOrder: BoundaryOrder, nullCounts: [Int64]?) {
        self.nullPages = nullPages
        self.minValues = minValues
        self.maxValues = maxValues
        self.boundaryOrder = boundaryOrder
        self.nullCounts = nullCounts
    }
}

extension ColumnIndex: ThriftStruct {
    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var nullPages: [Bool]?, minValues: [[UInt8]]?, maxValues: [[UInt8]]?, order: Int32?, nullCounts: [Int64]?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .list): nullPages = try reader.readElements(of: .bool) { (reader: inout ThriftCompactReader) throws(ParquetError) in try reader.readBoolElement() }
            case (2, .list): minValues = try reader.readElements(of: .binary) { (reader: inout ThriftCompactReader) throws(ParquetError) in try reader.readBinary() }
            case (3, .list): maxValues = try reader.readElements(of: .binary) { (reader: inout ThriftCompactReader) throws(ParquetError) in try reader.readBinary() }
            case (4, .i32): order = try reader.readI32()
            case (5, .list): nullCounts = try reader.readElements(of: .i64) { (reader: inout ThriftCompactReader) throws(ParquetError) in try reader.readI64() }
            default: try reader.skip(field)
            }
        }
        let pages = try nullPages.required("ColumnIndex", "null_pages")
        let mins = try minValues.required("ColumnIndex", "min_values")
        let maxs = try maxValues.required("ColumnIndex", "max_values")
        guard mins.count == pages.count, maxs.count == pages.count, nullCounts.map({ $0.count == pages.count }) ?? true else {
            throw ParquetError.invalidMetadata(reason: "ColumnIndex lists of different lengths")
        }
        self.init(nullPages: pages, minValues: mins, maxValues: maxs,
                  boundaryOrder: BoundaryOrder(rawValue: try order.required("ColumnIndex", "boundary_order")) ?? .unordered,
                  nullCounts: nullCounts)
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, boolList: nullPages)
        writer.writeField(2, binaryList: minValues)
        writer.writeField(3, binaryList: maxValues)
        writer.writeField(4, i32: boundaryOrder.rawValue)
        writer.writeField(5, i64List: nullCounts)
        writer.endStruct()
    }
}
