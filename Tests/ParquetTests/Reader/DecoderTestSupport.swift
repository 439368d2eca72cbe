import XCTest
@testable import Parquet

/// Leaf descriptors for decoder tests that need a column to decode into.
enum DecoderTestSupport {
    static func column(_ type: PhysicalType, typeLength: Int32? = nil, maxDefinition: Int = 0) -> ColumnDescriptor {
        ColumnDescriptor(
            path: ["c"], field: ParquetField(name: "c", type: type, repetition: maxDefinition > 0 ? .optional : .required, typeLength: typeLength),
            maxDefinitionLevel: maxDefinition, maxRepetitionLevel: 0)
    }

    static func decode(_ bytes: [UInt8], _ encoding: Encoding, _ type: PhysicalType, count: Int,
                       typeLength: Int32? = nil, dictionary: ColumnValues? = nil) throws -> ColumnValues {
        var reader = ByteReader(bytes)
        let entries = dictionary.map { ColumnBuffer($0) }
        let descriptor = column(type, typeLength: typeLength)
        if ValueDecoder.isDictionary(encoding) {
            let indices = try ValueDecoder.indices(descriptor: descriptor, count: count, dictionary: entries, from: &reader)
            return try XCTUnwrap(entries).gathering(indices, column: "c").columnValues
        }
        var values = ColumnBuffer.empty(type)
        try ValueDecoder.decodeValues(encoding: encoding, descriptor: descriptor, count: count, from: &reader,
                                      appendingTo: &values)
        return values.columnValues
    }
}
