import XCTest
@testable import Parquet

/// Dremel assembly from levels computed by hand from the schema (max levels in comments).
final class RecordAssemblerTests: XCTestCase {
    private func assemble(_ fields: [ParquetField], _ columns: [(ColumnValues, def: [Int16], rep: [Int16])], rows: Int) throws -> [[ParquetValue]] {
        let schema = ParquetSchema(fields: fields)
        let data = zip(schema.columns, columns).map { descriptor, column in
            ColumnData(descriptor: descriptor, values: column.0, definitionLevels: column.def, repetitionLevels: column.rep)
        }
        var assembler = try RecordAssembler(fields: fields, columns: data)
        return try assembler.assembleRows(rows)
    }

    func testThreeLevelList() throws {
        // optional group a (LIST) { repeated group list { optional int32 element } }: max def 3, max rep 1.
        // rows: [1, null], [], null, [2]
        let field = ParquetField(name: "a", repetition: .optional, logicalType: .list, children: [
            ParquetField(name: "list", repetition: .repeated, children: [
                ParquetField(name: "element", type: .int32, repetition: .optional),
            ]),
        ])
        let rows = try assemble([field], [(.int32([1, 2]), def: [3, 2, 1, 0, 3], rep: [0, 1, 0, 0, 0])], rows: 4)
        XCTAssertEqual(rows, [[.list([.int32(1), .null])], [.list([])], [.null], [.list([.int32(2)])]])
    }

    func testLegacyTwoLevelList() throws {
        // optional group a (LIST) { repeated int32 array }: max def 2, max rep 1. rows: [1, 2], [], null
        let field = ParquetField(name: "a", repetition: .optional, convertedType: .list, children: [
            ParquetField(name: "array", type: .int32, repetition: .repeated),
        ])
        let rows = try assemble([field], [(.int32([1, 2]), def: [2, 2, 1, 0], rep: [0, 1, 0, 0])], rows: 3)
        XCTAssertEqual(rows, [[.list([.int32(1), .int32(2)])], [.list([])], [.null]])
    }

    func testUnannotatedRepeatedFieldIsAList() throws {
        // repeated int32 r: max def 1, max rep 1. rows: [5, 6], []
        let field = ParquetField(name: "r", type: .int32, repetition: .repeated)
        let rows = try assemble([field], [(.int32([5, 6]), def: [1, 1, 0], rep: [0, 1, 0])], rows: 2)
        XCTAssertEqual(rows, [[.list([.int32(5), .int32(6)])], [.list([])]])
    }

    func testMapWithStructSiblings() throws {
        // required group m (MAP) { repeated group key_value { required binary key (STRING); optional int32 value } }
        // key: max def 1, rep 1; value: max def 2, rep 1. Plus required int64 n. rows: {a:1, b:null} n=7; {} n=8
        let map = ParquetField(name: "m", repetition: .required, logicalType: .map, children: [
            ParquetField(name: "key_value", repetition: .repeated, children: [
                ParquetField(name: "key", type: .byteArray, repetition: .required, logicalType: .string),
                ParquetField(name: "value", type: .int32, repetition: .optional),
            ]),
        ])
        let n = ParquetField(name: "n", type: .int64, repetition: .required)
        let rows = try assemble([map, n], [
            (.byteArray([[0x61], [0x62]]), def: [1, 1, 0], rep: [0, 1, 0]),
            (.int32([1]), def: [2, 1, 0], rep: [0, 1, 0]),
            (.int64([7, 8]), def: [], rep: []),
        ], rows: 2)
        XCTAssertEqual(rows, [
            [.map([(.string("a"), .int32(1)), (.string("b"), .null)]), .int64(7)],
            [.map([]), .int64(8)],
        ])
    }

    func testLeftoverOrMissingLevelsAreErrors() {
        let field = ParquetField(name: "r", type: .int32, repetition: .repeated)
        XCTAssertThrowsError(try assemble([field], [(.int32([5]), def: [1, 0], rep: [0, 0])], rows: 1))
        XCTAssertThrowsError(try assemble([field], [(.int32([5]), def: [1], rep: [0])], rows: 2))
        // a definition level announcing a value that is not there
        XCTAssertThrowsError(try assemble([field], [(.int32([]), def: [1], rep: [0])], rows: 1))
    }
}
