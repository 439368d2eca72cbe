// One CSV record as `ParquetCSVRecords` hands it out: every field's bytes back to back in one
// buffer plus where each field ends, reused from record to record, so reading a record
// allocates nothing once the buffers have grown to the longest record.

/// The fields of one CSV record (quotes removed, doubled quotes undone).
struct ParquetCSVRecord {
    /// The fields' bytes, back to back.
    private(set) var bytes: [UInt8] = []
    /// One past the last byte of each field in `bytes`.
    private(set) var ends: [Int] = []

    /// Number of fields.
    var count: Int { ends.count }

    /// The bytes of field `index` (a view into `bytes`, no copy).
    subscript(index: Int) -> ArraySlice<UInt8> {
        bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    /// Every field as text (for the header line).
    var strings: [String] {
        (0..<count).map { String(decoding: self[$0], as: UTF8.self) }
    }

    /// Bytes of the field being read so far.
    var openFieldLength: Int { bytes.count - (ends.last ?? 0) }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func append(_ run: ArraySlice<UInt8>) { bytes.append(contentsOf: run) }

    /// Ends the field being read.
    mutating func endField() { ends.append(bytes.count) }
}
