import XCTest
@testable import Parquet

/// Property tests: random seeded schemas, values and writer options, written and read back with
/// the module's reader; the values and null positions must come back exactly (floats bit for bit).
final class ParquetWriterRoundTripTests: XCTestCase {
    func testRandomTablesRoundTrip() throws {
        for seed in UInt64(1)...40 {
            var random = SeededGenerator(seed: seed)
            let rows = [1, 2, 7, 100, 1_000, 3_000].randomElement(using: &random) ?? 1
            let table = RandomTable(rows: rows, columns: Int.random(in: 1...8, using: &random), random: &random)
            try assertRoundTrip(table, options: randomOptions(&random), context: "seed \(seed), \(rows) rows")
        }
    }

    func testAMillionRows() throws {
        var random = SeededGenerator(seed: 1_000_000)
        let table = RandomTable(rows: 1_000_000, columns: 2, random: &random)
        try assertRoundTrip(table, options: ParquetWriterOptions(), context: "1 000 000 rows")
    }

    private func randomOptions(_ random: inout SeededGenerator) -> ParquetWriterOptions {
        var options = ParquetWriterOptions()
        options.codec = PageCompression.supportedCodecs.randomElement(using: &random) ?? .snappy
        options.useDictionary = Bool.random(using: &random)
        options.dictionaryPageSizeLimit = [64, 4_096, 1 << 20].randomElement(using: &random) ?? 1 << 20
        options.dataPageSizeLimit = [100, 8_192, 1 << 20].randomElement(using: &random) ?? 1 << 20
        options.dataPageRowLimit = [10, 1_000, 20_000].randomElement(using: &random) ?? 20_000
        options.rowGroupSizeLimit = [2_000, 50_000, 128 << 20].randomElement(using: &random) ?? 128 << 20
        return options
    }

    private func assertRoundTrip(_ table: RandomTable, options: ParquetWriterOptions, context: String) throws {
        let writer = try ParquetWriter(schema: table.schema, options: options)
        try writer.write(batch: table.batches)
        try writer.finish()
        let reader = try ParquetFileReader(bytes: writer.bytes)
        XCTAssertEqual(reader.schema, table.schema, context)
        XCTAssertEqual(reader.metadata.numRows, Int64(table.rows), context)
        for (index, expected) in table.batches.enumerated() {
            let column = table.schema.columns[index]
            var values = ColumnValues.empty(column.physicalType)
            var levels: [Int16] = []
            for group in reader.rowGroups.indices {
                let data = try reader.readRowGroup(group, columnIndices: [index])[0]
                try values.append(data.values, column: column.dottedPath)
                levels += data.definitionLevels
            }
            let name = "\(context), column \(column.dottedPath) (\(column.physicalType))"
            XCTAssertTrue(bitwiseEqual(values, expected.values), "\(name): values differ")
            if column.maxDefinitionLevel == 0 {
                XCTAssertTrue(levels.isEmpty, name)
            } else {
                let validity = expected.validity ?? Array(repeating: true, count: expected.rowCount)
                XCTAssertEqual(levels, validity.map { $0 ? 1 : 0 }, "\(name): nulls differ")
            }
        }
    }

    private func bitwiseEqual(_ left: ColumnValues, _ right: ColumnValues) -> Bool {
        switch (left, right) {
        case let (.float(a), .float(b)): return a.map(\.bitPattern) == b.map(\.bitPattern)
        case let (.double(a), .double(b)): return a.map(\.bitPattern) == b.map(\.bitPattern)
        default: return left == right
        }
    }
}

/// A random flat table: every supported physical and logical type, about a fifth of the
/// optional rows null, some columns all null, and the awkward values (extremes, NaN, ±0, empty
/// and long strings) mixed in.
struct RandomTable {
    let rows: Int
    let schema: ParquetSchema
    let batches: [ColumnBatch]

    init(rows: Int, columns: Int, random: inout SeededGenerator) {
        self.rows = rows
        var fields: [ParquetField] = []
        var batches: [ColumnBatch] = []
        for index in 0..<columns {
            let repetition: Repetition = Bool.random(using: &random) ? .optional : .required
            // Percent of null rows: none, some, or all (an all-null column).
            let nullPercent = repetition == .required ? 0 : [0, 20, 20, 100].randomElement(using: &random) ?? 20
            let validity = (0..<rows).map { _ in Int.random(in: 0..<100, using: &random) >= nullPercent }
            let present = validity.filter { $0 }.count
            let (field, values) = Self.column(name: "c\(index)", repetition: repetition, count: present, random: &random)
            fields.append(field)
            batches.append(repetition == .required ? ColumnBatch(values) : ColumnBatch(values, validity: validity))
        }
        schema = ParquetSchema(fields: fields)
        self.batches = batches
    }

    private static func column(name: String, repetition: Repetition, count: Int,
                               random: inout SeededGenerator) -> (ParquetField, ColumnValues) {
        func pick<T>(_ specials: [T], _ make: (inout SeededGenerator) -> T) -> [T] {
            (0..<count).map { _ in
                Int.random(in: 0..<10, using: &random) == 0 ? specials.randomElement(using: &random) ?? make(&random) : make(&random)
            }
        }
        switch Int.random(in: 0..<14, using: &random) {
        case 0:
            return (ParquetField(name: name, type: .boolean, repetition: repetition),
                    .boolean(pick([true]) { Bool.random(using: &$0) }))
        case 1:
            return (ParquetField(name: name, type: .int32, repetition: repetition),
                    .int32(pick([.min, .max, 0, -1]) { Int32.random(in: -1000...1000, using: &$0) }))
        case 2:
            return (ParquetField(name: name, type: .int64, repetition: repetition),
                    .int64(pick([.min, .max, 0]) { Int64.random(in: .min ... .max, using: &$0) }))
        case 3:
            return (ParquetField(name: name, type: .float, repetition: repetition),
                    .float(pick([.nan, 0.0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude]) {
                        Float(Int.random(in: -500...500, using: &$0)) / 4
                    }))
        case 4:
            return (ParquetField(name: name, type: .double, repetition: repetition),
                    .double(pick([.nan, 0.0, -0.0, .infinity, .greatestFiniteMagnitude]) { Double.random(in: -1e6...1e6, using: &$0) }))
        case 5:
            let long = String(repeating: "ü", count: 5_000)
            return (ParquetField(name: name, type: .byteArray, repetition: repetition, logicalType: .string),
                    .byteArray(pick(["", long, "e\u{301}", "é"]) { "v\(Int.random(in: 0...50, using: &$0))" }.map { Array($0.utf8) }))
        case 6:
            return (ParquetField(name: name, type: .byteArray, repetition: repetition),
                    .byteArray(pick([[], [0xFF, 0x00]]) { random in
                        (0..<Int.random(in: 0...20, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                    }))
        case 7:
            let width = Int.random(in: 1...16, using: &random)
            return (ParquetField(name: name, type: .fixedLenByteArray, repetition: repetition, typeLength: Int32(width)),
                    .fixedLenByteArray(pick([Array(repeating: 0xFF, count: width)]) { random in
                        (0..<width).map { _ in UInt8.random(in: 0...3, using: &random) }
                    }))
        case 8:
            return (ParquetField(name: name, type: .int32, repetition: repetition, logicalType: .date),
                    .int32(pick([0, -1, .max]) { Int32.random(in: -100_000...100_000, using: &$0) }))
        case 9:
            let utc = Bool.random(using: &random)
            let unit: TimeUnit = Bool.random(using: &random) ? .millis : .micros
            return (ParquetField(name: name, type: .int64, repetition: repetition,
                                 logicalType: .timestamp(isAdjustedToUTC: utc, unit: unit)),
                    .int64(pick([0, .min, .max]) { Int64.random(in: -4_000_000_000_000...4_000_000_000_000, using: &$0) }))
        case 10:
            return (ParquetField(name: name, type: .int32, repetition: repetition, logicalType: .decimal(scale: 2, precision: 9)),
                    .int32(pick([999_999_999, -999_999_999]) { Int32.random(in: -10_000...10_000, using: &$0) }))
        case 11:
            return (ParquetField(name: name, type: .int64, repetition: repetition, logicalType: .decimal(scale: 6, precision: 18)),
                    .int64(pick([999_999_999_999_999_999]) { Int64.random(in: -1_000_000...1_000_000, using: &$0) }))
        case 12:
            return (ParquetField(name: name, type: .fixedLenByteArray, repetition: repetition,
                                 logicalType: .decimal(scale: 3, precision: 20), typeLength: 9),
                    .fixedLenByteArray(pick([Array(repeating: 0x80, count: 1) + Array(repeating: 0, count: 8)]) { random in
                        InteropTable.bigEndian(Int64.random(in: .min ... .max, using: &random), width: 9)
                    }))
        default:
            let width: Int8 = [8, 16].randomElement(using: &random) ?? 8
            let limit = width == 8 ? Int32(Int8.max) : Int32(Int16.max)
            return (ParquetField(name: name, type: .int32, repetition: repetition,
                                 logicalType: .integer(bitWidth: width, isSigned: true)),
                    .int32(pick([-limit - 1, limit]) { Int32.random(in: (-limit - 1)...limit, using: &$0) }))
        }
    }
}
