/// A Parquet metadata struct that converts to and from the Thrift compact protocol.
///
/// Decoders skip unknown fields and fields whose wire type differs from the IDL; encoders write
/// fields in ascending id order and omit unset optionals.
public protocol ThriftStruct: Sendable {
    init(from reader: inout ThriftCompactReader) throws(ParquetError)
    func encode(to writer: inout ThriftCompactWriter)
}

extension ThriftStruct {
    /// Decodes one struct from the start of `bytes`.
    public init(thriftBytes bytes: [UInt8]) throws(ParquetError) {
        var reader = ThriftCompactReader(bytes)
        try self.init(from: &reader)
    }

    /// The compact-protocol encoding of this struct.
    public func thriftBytes() -> [UInt8] {
        var writer = ThriftCompactWriter()
        encode(to: &writer)
        return writer.bytes
    }
}

extension ThriftCompactReader {
    /// Reads a nested struct value.
    public mutating func read<T: ThriftStruct>(_: T.Type) throws(ParquetError) -> T {
        try T(from: &self)
    }

    /// Reads a list of structs.
    public mutating func readStructList<T: ThriftStruct>(_: T.Type) throws(ParquetError) -> [T] {
        try readElements(of: .structure) { (reader: inout ThriftCompactReader) throws(ParquetError) in try T(from: &reader) }
    }
}
