// A column chunk as the reader returns it on the columnar path: values in `ColumnBuffer`s and
// levels next to them, exactly as Parquet stores a column. A dictionary-encoded chunk can stay
// dictionary-encoded (the distinct values once, plus one index per value), so a string column
// of a few hundred distinct values costs one small buffer and 4 bytes a row instead of a string
// per row. `ColumnData` (boxed values) is derived from this for the older API.

/// The non-null values, levels and descriptor of one column chunk read back.
public struct ColumnVector: Sendable, Equatable {
    /// How the non-null values are held.
    public enum Storage: Sendable, Equatable {
        /// The values themselves, in row order.
        case buffer(ColumnBuffer)
        /// The chunk's dictionary and, per value in row order, its index (each < `entries.count`).
        case dictionary(entries: ColumnBuffer, indices: [UInt32])
    }

    public let descriptor: ColumnDescriptor
    public var storage: Storage
    /// Empty when the column's max definition level is 0 (every slot holds a value).
    public var definitionLevels: [Int16]
    /// Empty when the column's max repetition level is 0 (one slot per row).
    public var repetitionLevels: [Int16]

    public init(descriptor: ColumnDescriptor, storage: Storage, definitionLevels: [Int16], repetitionLevels: [Int16]) {
        self.descriptor = descriptor
        self.storage = storage
        self.definitionLevels = definitionLevels
        self.repetitionLevels = repetitionLevels
    }

    /// Number of non-null values.
    public var valueCount: Int {
        switch storage {
        case let .buffer(buffer): return buffer.count
        case let .dictionary(_, indices): return indices.count
        }
    }

    /// Number of level entries (rows, for flat columns).
    public var entryCount: Int {
        max(definitionLevels.count, repetitionLevels.count, definitionLevels.isEmpty && repetitionLevels.isEmpty ? valueCount : 0)
    }

    /// The values in row order, resolving dictionary indices (a copy per value for a dictionary).
    public var buffer: ColumnBuffer {
        switch storage {
        case let .buffer(buffer):
            return buffer
        case let .dictionary(entries, indices):
            // The reader checks every index against the dictionary when it decodes a page; a
            // vector built by hand must keep the same invariant (documented on the case).
            do {
                return try entries.gathering(indices, column: descriptor.dottedPath)
            } catch {
                preconditionFailure("ColumnVector.Storage.dictionary holds an index outside its entries: \(error)")
            }
        }
    }

    /// The boxed form of the older API.
    public var columnData: ColumnData {
        ColumnData(descriptor: descriptor, values: buffer.columnValues,
                   definitionLevels: definitionLevels, repetitionLevels: repetitionLevels)
    }
}
