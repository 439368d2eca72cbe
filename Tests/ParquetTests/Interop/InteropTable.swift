import Parquet

/// One column of the interop table: what the writer gets, and what every engine must report.
struct InteropColumn {
    var field: ParquetField
    var batch: ColumnBatch
    /// Per row, the value as read_parquet.py normalises it (nil for null).
    var expected: [String?]
    /// Type names as pyarrow, DuckDB and polars print them for this Parquet annotation.
    var pyarrowType: String
    var duckdbType: String
    var polarsType: String
}

/// A table with every physical and logical type the writer supports, nulls, extremes and
/// repeats (so dictionaries pay off), built from a seed. Expected values come from the inputs.
enum InteropTable {
    static func columns(rows: Int, seed: UInt64) -> [InteropColumn] {
        var random = SeededGenerator(seed: seed)
        var columns: [InteropColumn] = []

        let flags = (0..<rows).map { _ in Bool.random(using: &random) }
        columns.append(required("bool_req", .boolean, .boolean(flags), flags.map(text), ("bool", "BOOLEAN", "Boolean")))
        let maybeFlags = nullable(rows, &random) { _, random in Bool.random(using: &random) }
        columns.append(optional("bool_opt", .boolean, maybeFlags, { .boolean($0) }, text, ("bool", "BOOLEAN", "Boolean")))

        let int32Extremes: [Int32] = [.min, .max, 0, -1, 1]
        let int32s = (0..<rows).map { row in
            row < int32Extremes.count ? int32Extremes[row] : Int32.random(in: -50...50, using: &random)
        }
        columns.append(required("i32", .int32, .int32(int32s), int32s.map { String($0) }, ("int32", "INTEGER", "Int32")))

        let int64Extremes: [Int64] = [.min, .max, 0]
        let maybeInt64s = nullable(rows, &random) { row, random in
            row < int64Extremes.count ? int64Extremes[row] : Int64.random(in: -1_000_000...1_000_000, using: &random)
        }
        columns.append(optional("i64_opt", .int64, maybeInt64s, { .int64($0) }, { String($0) }, ("int64", "BIGINT", "Int64")))

        let floatSpecials: [Float?] = [0.0, -0.0, .nan, nil, 1.5]
        let maybeFloats = nullable(rows, &random) { row, random -> Float in
            Float(Int.random(in: 0...1000, using: &random)) / 8
        }.enumerated().map { row, value in row < floatSpecials.count ? floatSpecials[row] : value }
        columns.append(optional("f32", .float, maybeFloats, { .float($0) }, { text(Double($0)) }, ("float", "FLOAT", "Float32")))

        let doubleSpecials: [Double] = [.nan, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        let doubles = (0..<rows).map { row in
            row < doubleSpecials.count ? doubleSpecials[row] : Double(Int.random(in: -999...999, using: &random)) / 7
        }
        columns.append(required("f64", .double, .double(doubles), doubles.map(text), ("double", "DOUBLE", "Float64")))

        let stringSpecials = ["", "é", "e\u{301}", "日本語", "🙂", String(repeating: "long ", count: 1000)]
        let maybeStrings = nullable(rows, &random) { row, random in
            row < stringSpecials.count ? stringSpecials[row] : "s\(Int.random(in: 0...30, using: &random))"
        }
        columns.append(InteropColumn(
            field: ParquetField(name: "str_opt", type: .byteArray, repetition: .optional, logicalType: .string),
            batch: batch(maybeStrings) { .byteArray($0.map { Array($0.utf8) }) },
            expected: maybeStrings, pyarrowType: "string", duckdbType: "VARCHAR", polarsType: "String"))

        let blobs = (0..<rows).map { row -> [UInt8] in
            row == 0 ? [] : (0..<Int.random(in: 0...6, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        }
        columns.append(required("bin", .byteArray, .byteArray(blobs), blobs.map(hexText), ("binary", "BLOB", "Binary")))

        let maybeFixed = nullable(rows, &random) { _, random in
            (0..<4).map { _ in UInt8.random(in: 0...3, using: &random) * 85 }
        }
        columns.append(InteropColumn(
            field: ParquetField(name: "flba", type: .fixedLenByteArray, repetition: .optional, typeLength: 4),
            batch: batch(maybeFixed) { .fixedLenByteArray($0) }, expected: maybeFixed.map { $0.map(hexText) },
            pyarrowType: "fixed_size_binary[4]", duckdbType: "BLOB", polarsType: "Binary"))

        let maybeDays = nullable(rows, &random) { _, random in Int32.random(in: -25_000...45_000, using: &random) }
        columns.append(InteropColumn(
            field: ParquetField(name: "date", type: .int32, repetition: .optional, logicalType: .date),
            batch: batch(maybeDays) { .int32($0) }, expected: maybeDays.map { $0.map { String($0) } },
            pyarrowType: "date32[day]", duckdbType: "DATE", polarsType: "Date"))

        let millis = (0..<rows).map { _ in Int64.random(in: -2_000_000_000_000...4_000_000_000_000, using: &random) }
        columns.append(InteropColumn(
            field: ParquetField(name: "ts_ms_utc", type: .int64, repetition: .required,
                                logicalType: .timestamp(isAdjustedToUTC: true, unit: .millis)),
            batch: ColumnBatch(.int64(millis)), expected: millis.map { String($0 * 1000) },
            pyarrowType: "timestamp[ms, tz=UTC]", duckdbType: "TIMESTAMP WITH TIME ZONE",
            polarsType: "Datetime(time_unit='ms', time_zone='UTC')"))

        let maybeMicros = nullable(rows, &random) { _, random in
            Int64.random(in: -2_000_000_000_000_000...4_000_000_000_000_000, using: &random)
        }
        columns.append(InteropColumn(
            field: ParquetField(name: "ts_us_local", type: .int64, repetition: .optional,
                                logicalType: .timestamp(isAdjustedToUTC: false, unit: .micros)),
            batch: batch(maybeMicros) { .int64($0) }, expected: maybeMicros.map { $0.map { String($0) } },
            pyarrowType: "timestamp[us]", duckdbType: "TIMESTAMP", polarsType: "Datetime(time_unit='us', time_zone=None)"))

        let cents = (0..<rows).map { row in row == 0 ? 999_999_999 : Int32.random(in: -99_999...99_999, using: &random) }
        columns.append(InteropColumn(
            field: ParquetField(name: "dec32", type: .int32, repetition: .required,
                                logicalType: .decimal(scale: 2, precision: 9)),
            batch: ColumnBatch(.int32(cents)), expected: cents.map { decimalText(Int64($0), scale: 2) },
            pyarrowType: "decimal128(9, 2)", duckdbType: "DECIMAL(9,2)", polarsType: "Decimal(precision=9, scale=2)"))

        let maybeUnscaled64 = nullable(rows, &random) { row, random in
            row == 0 ? -999_999_999_999_999_999 : Int64.random(in: -10_000_000...10_000_000, using: &random)
        }
        columns.append(InteropColumn(
            field: ParquetField(name: "dec64", type: .int64, repetition: .optional,
                                logicalType: .decimal(scale: 4, precision: 18)),
            batch: batch(maybeUnscaled64) { .int64($0) },
            expected: maybeUnscaled64.map { $0.map { decimalText($0, scale: 4) } },
            pyarrowType: "decimal128(18, 4)", duckdbType: "DECIMAL(18,4)", polarsType: "Decimal(precision=18, scale=4)"))

        let maybeUnscaledWide = nullable(rows, &random) { row, random in
            row == 0 ? Int64.min : Int64.random(in: -5_000_000...5_000_000, using: &random)
        }
        columns.append(InteropColumn(
            field: ParquetField(name: "dec_flba", type: .fixedLenByteArray, repetition: .optional,
                                logicalType: .decimal(scale: 3, precision: 20), typeLength: 9),
            batch: batch(maybeUnscaledWide) { .fixedLenByteArray($0.map { bigEndian($0, width: 9) }) },
            expected: maybeUnscaledWide.map { $0.map { decimalText($0, scale: 3) } },
            pyarrowType: "decimal128(20, 3)", duckdbType: "DECIMAL(20,3)", polarsType: "Decimal(precision=20, scale=3)"))

        let integerTypes: [(String, Int8, ClosedRange<Int32>, (String, String, String))] = [
            ("int8", 8, -128...127, ("int8", "TINYINT", "Int8")),
            ("int16", 16, -32_768...32_767, ("int16", "SMALLINT", "Int16")),
            ("int32", 32, Int32.min...Int32.max, ("int32", "INTEGER", "Int32")),
        ]
        for (name, width, range, types) in integerTypes {
            let numbers = (0..<rows).map { row in
                row == 0 ? range.lowerBound : row == 1 ? range.upperBound : Int32.random(in: range, using: &random)
            }
            columns.append(InteropColumn(
                field: ParquetField(name: name, type: .int32, repetition: .required,
                                    logicalType: .integer(bitWidth: width, isSigned: true)),
                batch: ColumnBatch(.int32(numbers)), expected: numbers.map { String($0) },
                pyarrowType: types.0, duckdbType: types.1, polarsType: types.2))
        }
        let maybeInt64s2 = nullable(rows, &random) { row, random in
            row == 0 ? Int64.max : Int64.random(in: .min ... .max, using: &random)
        }
        columns.append(InteropColumn(
            field: ParquetField(name: "int64", type: .int64, repetition: .optional,
                                logicalType: .integer(bitWidth: 64, isSigned: true)),
            batch: batch(maybeInt64s2) { .int64($0) }, expected: maybeInt64s2.map { $0.map { String($0) } },
            pyarrowType: "int64", duckdbType: "BIGINT", polarsType: "Int64"))

        let allNull = [Int64?](repeating: nil, count: rows)
        columns.append(optional("all_null", .int64, allNull, { .int64($0) }, { String($0) }, ("int64", "BIGINT", "Int64")))
        return columns
    }

    // MARK: Builders

    private static func required(_ name: String, _ type: PhysicalType, _ values: ColumnValues, _ expected: [String],
                                 _ types: (String, String, String)) -> InteropColumn {
        InteropColumn(field: ParquetField(name: name, type: type, repetition: .required), batch: ColumnBatch(values),
                      expected: expected, pyarrowType: types.0, duckdbType: types.1, polarsType: types.2)
    }

    private static func optional<Value>(
        _ name: String, _ type: PhysicalType, _ values: [Value?], _ wrap: ([Value]) -> ColumnValues,
        _ render: (Value) -> String, _ types: (String, String, String)
    ) -> InteropColumn {
        InteropColumn(field: ParquetField(name: name, type: type, repetition: .optional), batch: batch(values, wrap),
                      expected: values.map { $0.map(render) }, pyarrowType: types.0, duckdbType: types.1,
                      polarsType: types.2)
    }

    /// About one row in five is null.
    private static func nullable<Value>(
        _ rows: Int, _ random: inout SeededGenerator, _ make: (Int, inout SeededGenerator) -> Value
    ) -> [Value?] {
        (0..<rows).map { row in
            Int.random(in: 0..<5, using: &random) == 0 ? nil : make(row, &random)
        }
    }

    static func batch<Value>(_ values: [Value?], _ wrap: ([Value]) -> ColumnValues) -> ColumnBatch {
        ColumnBatch(wrap(values.compactMap { $0 }), validity: values.map { $0 != nil })
    }

    // MARK: Expected text, as read_parquet.py renders values

    static func text(_ flag: Bool) -> String { flag ? "true" : "false" }

    static func text(_ number: Double) -> String {
        number.isNaN ? "nan" : String(Int64(bitPattern: number.bitPattern))
    }

    static func hexText(_ bytes: [UInt8]) -> String {
        "0x" + bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    /// `unscaled × 10^-scale` as plain text without trailing fractional zeros ("-1.5", "0", "12").
    static func decimalText(_ unscaled: Int64, scale: Int) -> String {
        let negative = unscaled < 0
        let digits = String(unscaled.magnitude).leftPadded(to: scale + 1)
        var integer = String(digits.dropLast(scale))
        var fraction = String(digits.suffix(scale))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        if integer.isEmpty { integer = "0" }
        let body = fraction.isEmpty ? integer : integer + "." + fraction
        return negative && body != "0" ? "-" + body : body
    }

    /// Two's-complement big-endian bytes of `value`, sign-extended to `width` bytes.
    static func bigEndian(_ value: Int64, width: Int) -> [UInt8] {
        (0..<width).reversed().map { byteIndex in
            byteIndex >= 8 ? (value < 0 ? 0xFF : 0x00) : UInt8(truncatingIfNeeded: value >> (8 * byteIndex))
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
