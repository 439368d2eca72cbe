/// The Thrift compact protocol's wire type ids, as used in field headers and list headers.
///
/// Booleans have two ids on the wire (1 = true, 2 = false in field headers); both map to `.bool`
/// here and the field's value is carried separately by `ThriftField.boolValue`.
public enum ThriftCompactType: UInt8, Sendable {
    case stop = 0
    case bool = 1
    case i8 = 3
    case i16 = 4
    case i32 = 5
    case i64 = 6
    case double = 7
    case binary = 8
    case list = 9
    case set = 10
    case map = 11
    case structure = 12
    case uuid = 13

    /// Maps a 4-bit wire nibble to a type; 2 (BOOLEAN_FALSE) is also `.bool`.
    init?(wireNibble: UInt8) {
        if wireNibble == 2 {
            self = .bool
        } else {
            self.init(rawValue: wireNibble)
        }
    }
}

/// One decoded field header: its id, wire type, and for booleans the value in the header itself.
public struct ThriftField: Sendable {
    public let id: Int16
    public let type: ThriftCompactType
    /// For `.bool` fields: the value carried by the header's type nibble.
    public let boolValue: Bool
}
