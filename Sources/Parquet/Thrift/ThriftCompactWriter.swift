// Encoder for the Thrift compact protocol. Field headers use the short form (id delta 1…15 in
// the high nibble) when possible and the long form otherwise; callers must write fields in
// ascending id order, which the precondition enforces since it is our own invariant.

/// Writes Thrift compact-protocol values; `bytes` is the encoded output.
public struct ThriftCompactWriter: Sendable {
    private var output = ByteWriter()
    /// Previous field id of each open struct.
    private var lastFieldIds: [Int16] = []

    public init() {}

    /// The bytes encoded so far.
    public var bytes: [UInt8] { output.bytes }

    public mutating func beginStruct() {
        lastFieldIds.append(0)
    }

    /// Writes the STOP byte and leaves the struct.
    public mutating func endStruct() {
        precondition(!lastFieldIds.isEmpty, "endStruct without beginStruct")
        output.writeUInt8(0)
        lastFieldIds.removeLast()
    }

    /// Writes a field header; for booleans pass the wire nibble via `writeField(_:bool:)` instead.
    public mutating func writeFieldHeader(_ id: Int16, _ type: ThriftCompactType) {
        writeFieldHeader(id, wireNibble: type.rawValue)
    }

    private mutating func writeFieldHeader(_ id: Int16, wireNibble: UInt8) {
        guard let previous = lastFieldIds.last else {
            preconditionFailure("field written outside a struct")
        }
        precondition(id > previous, "Thrift fields must be written in ascending id order")
        let delta = Int(id) - Int(previous)
        if delta <= 15 {
            output.writeUInt8(UInt8(delta) << 4 | wireNibble)
        } else {
            output.writeUInt8(wireNibble)
            output.writeZigZagInt32(Int32(id))
        }
        lastFieldIds[lastFieldIds.count - 1] = id
    }

    // MARK: Bare values (list elements and field payloads)

    public mutating func writeI8(_ value: Int8) { output.writeInt8(value) }
    public mutating func writeI16(_ value: Int16) { output.writeZigZagInt32(Int32(value)) }
    public mutating func writeI32(_ value: Int32) { output.writeZigZagInt32(value) }
    public mutating func writeI64(_ value: Int64) { output.writeZigZagInt64(value) }
    public mutating func writeDouble(_ value: Double) { output.writeDoubleLE(value) }

    public mutating func writeBinary(_ value: [UInt8]) {
        output.writeVarUInt64(UInt64(value.count))
        output.writeBytes(value)
    }

    public mutating func writeString(_ value: String) { writeBinary(Array(value.utf8)) }

    /// A bool list element: 1 for true, 2 for false (what the Java and C++ implementations write).
    public mutating func writeBoolElement(_ value: Bool) { output.writeUInt8(value ? 1 : 2) }

    /// A list header: short form for 0…14 elements, long form with a varint size otherwise.
    public mutating func writeListHeader(_ elementType: ThriftCompactType, count: Int) {
        precondition(count >= 0, "negative list size")
        if count < 15 {
            output.writeUInt8(UInt8(count) << 4 | elementType.rawValue)
        } else {
            output.writeUInt8(0xF0 | elementType.rawValue)
            output.writeVarUInt64(UInt64(count))
        }
    }

    // MARK: Fields (nil optionals are omitted)

    public mutating func writeField(_ id: Int16, bool value: Bool?) {
        guard let value else { return }
        writeFieldHeader(id, wireNibble: value ? 1 : 2)
    }

    public mutating func writeField(_ id: Int16, i8 value: Int8?) {
        guard let value else { return }
        writeFieldHeader(id, .i8)
        writeI8(value)
    }

    public mutating func writeField(_ id: Int16, i16 value: Int16?) {
        guard let value else { return }
        writeFieldHeader(id, .i16)
        writeI16(value)
    }

    public mutating func writeField(_ id: Int16, i32 value: Int32?) {
        guard let value else { return }
        writeFieldHeader(id, .i32)
        writeI32(value)
    }

    public mutating func writeField(_ id: Int16, i64 value: Int64?) {
        guard let value else { return }
        writeFieldHeader(id, .i64)
        writeI64(value)
    }

    public mutating func writeField(_ id: Int16, double value: Double?) {
        guard let value else { return }
        writeFieldHeader(id, .double)
        writeDouble(value)
    }

    public mutating func writeField(_ id: Int16, binary value: [UInt8]?) {
        guard let value else { return }
        writeFieldHeader(id, .binary)
        writeBinary(value)
    }

    public mutating func writeField(_ id: Int16, string value: String?) {
        guard let value else { return }
        writeFieldHeader(id, .binary)
        writeString(value)
    }

    public mutating func writeField<T: ThriftStruct>(_ id: Int16, struct value: T?) {
        guard let value else { return }
        writeFieldHeader(id, .structure)
        value.encode(to: &self)
    }

    public mutating func writeField<T: ThriftStruct>(_ id: Int16, structList values: [T]?) {
        guard let values else { return }
        writeFieldHeader(id, .list)
        writeListHeader(.structure, count: values.count)
        for value in values { value.encode(to: &self) }
    }

    public mutating func writeField(_ id: Int16, i32List values: [Int32]?) {
        guard let values else { return }
        writeFieldHeader(id, .list)
        writeListHeader(.i32, count: values.count)
        for value in values { writeI32(value) }
    }

    public mutating func writeField(_ id: Int16, i64List values: [Int64]?) {
        guard let values else { return }
        writeFieldHeader(id, .list)
        writeListHeader(.i64, count: values.count)
        for value in values { writeI64(value) }
    }

    public mutating func writeField(_ id: Int16, stringList values: [String]?) {
        guard let values else { return }
        writeFieldHeader(id, .list)
        writeListHeader(.binary, count: values.count)
        for value in values { writeString(value) }
    }

    public mutating func writeField(_ id: Int16, binaryList values: [[UInt8]]?) {
        guard let values else { return }
        writeFieldHeader(id, .list)
        writeListHeader(.binary, count: values.count)
        for value in values { writeBinary(value) }
    }

    public mutating func writeField(_ id: Int16, boolList values: [Bool]?) {
        guard let values else { return }
        writeFieldHeader(id, .list)
        writeListHeader(.bool, count: values.count)
        for value in values { writeBoolElement(value) }
    }

    /// An empty struct as a field value (the members of unions such as `TimeUnit`).
    public mutating func writeEmptyStructField(_ id: Int16) {
        writeFieldHeader(id, .structure)
        output.writeUInt8(0)
    }
}
