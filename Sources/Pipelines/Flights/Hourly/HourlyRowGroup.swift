// Reading an hourly file column by column: the columns a reader names, of one row group, for
// all its rows or only some (`ParquetFileReader.readColumns(rowGroup:columnIndices:rows:)`
// decodes only the pages that hold them), as plain typed arrays. Text columns stay in the
// dictionary form the writer gave them: each distinct value becomes one String, each row a
// number. The files are flat (definition level 0 or 1), so a row holds a value exactly where
// its level is 1.
//
// Only files this pipeline wrote are read here: a file without the hourly columns, a column of
// another type, or a null in a required column is an unreadable input, not a crash.

import Parquet

/// The columns of the hourly Parquet, in schema order: `rawValue` is the leaf column's index.
public enum HourlyField: Int, CaseIterable, Sendable {
    case snapshotTime, icao24, callsign, originCountry, timePosition, lastContact, longitude, latitude
    case baroAltitudeMetres, geoAltitudeMetres, onGround, velocityMetresPerSecond, trueTrack, verticalRateMetresPerSecond
    case squawk, spi, positionSource, category, altitudeFeet, velocityKnots, verticalRateFPM
    case altitudeBand, speedBand, phase, airlineICAO, airlineName
    case registration, typecode, model, manufacturer, operatorName
    case qualityScore, qualityGrade, qualityFlags

    /// The column's name in the file.
    public var name: String { HourlyParquet.schema.columns[rawValue].dottedPath }
}

/// The values of a text column: each distinct value once, and per row its number (-1: null).
struct TextColumn {
    var entries: [String] = []
    var codes: [Int32] = []

    func value(_ row: Int) -> String? {
        let code = codes[row]
        return code < 0 ? nil : entries[Int(code)]
    }
}

/// Some columns of some rows of one row group of an hourly file.
struct HourlyRowGroup {
    let path: String
    let group: Int
    /// Rows read.
    let count: Int
    private let vectors: [HourlyField: ColumnVector]

    /// Reads `fields` of row group `group` of the hourly file `reader` (at `path`), for the
    /// rows `rows` (sorted, disjoint; nil for all), in row order.
    init(_ reader: ParquetFileReader, path: String, group: Int, fields: [HourlyField], rows: [Range<Int>]? = nil) throws(FlightsError) {
        self.path = path
        self.group = group
        do {
            guard let total = Int(exactly: reader.rowGroups[group].numRows) else { throw FlightsError.unreadableInput(path: path, reason: "row group \(group) is too large") }
            let wanted = rows ?? [0..<total]
            let selection = try reader.readColumns(rowGroup: group, columnIndices: fields.map(\.rawValue), rows: wanted, keepDictionary: true)
            count = wanted.reduce(0) { $0 + $1.count }
            var vectors: [HourlyField: ColumnVector] = [:]
            for (field, vector) in zip(fields, selection.columns) {
                guard vector.entryCount == count else {
                    throw FlightsError.unreadableInput(path: path, reason: "column \(field.name) of row group \(group) has \(vector.entryCount) of \(count) rows")
                }
                vectors[field] = vector
            }
            self.vectors = vectors
        } catch let error as FlightsError {
            throw error
        } catch {
            throw .unreadableInput(path: path, reason: "\(error)")
        }
    }

    /// Checks that `reader` holds an hourly flights file.
    static func checkSchema(_ reader: ParquetFileReader, path: String) throws(FlightsError) {
        guard reader.schema.columns.map(\.dottedPath) == HourlyParquet.schema.columns.map(\.dottedPath) else {
            throw .unreadableInput(path: path, reason: "not an hourly flights Parquet file (unexpected columns)")
        }
    }

    private func vector(_ field: HourlyField) -> ColumnVector {
        guard let vector = vectors[field] else { preconditionFailure("column \(field.name) was not read") }
        return vector
    }

    private func unreadable(_ field: HourlyField, _ problem: String) -> FlightsError {
        .unreadableInput(path: path, reason: "column \(field.name) of row group \(group) \(problem)")
    }

    /// Per row, whether it holds a value; nil when every row does.
    private func presence(_ vector: ColumnVector) -> [Bool]? {
        guard !vector.definitionLevels.isEmpty, vector.valueCount != count else { return nil }
        let full = Int16(vector.descriptor.maxDefinitionLevel)
        return vector.definitionLevels.map { $0 == full }
    }

    /// The values of a column with a value in every row.
    private func required<T>(_ field: HourlyField, _ values: (ColumnBuffer) -> [T]?) throws(FlightsError) -> [T] {
        let vector = vector(field)
        guard let result = values(vector.buffer) else { throw unreadable(field, "has an unexpected type") }
        guard result.count == count else { throw unreadable(field, "has a missing required value") }
        return result
    }

    /// The values of an optional column, a placeholder where a row has none.
    private func optional<T>(_ field: HourlyField, placeholder: T, _ values: (ColumnBuffer) -> [T]?) throws(FlightsError) -> OptionalColumn<T> {
        let vector = vector(field)
        guard let present = values(vector.buffer) else { throw unreadable(field, "has an unexpected type") }
        var column = OptionalColumn<T>(placeholder: placeholder)
        guard let flags = presence(vector) else {
            guard present.count == count else { throw unreadable(field, "has levels and values that disagree") }
            column.values = present
            column.isPresent = Array(repeating: true, count: count)
            return column
        }
        guard flags.lazy.filter({ $0 }).count == present.count else { throw unreadable(field, "has levels and values that disagree") }
        column.values.reserveCapacity(count)
        var next = 0
        for flag in flags {
            if flag { column.values.append(present[next]); next += 1 } else { column.values.append(placeholder) }
        }
        column.isPresent = flags
        return column
    }

    func doubles(_ field: HourlyField) throws(FlightsError) -> [Double] {
        try required(field) { if case .double(let v) = $0 { v } else { nil } }
    }

    func int64s(_ field: HourlyField) throws(FlightsError) -> [Int64] {
        try required(field) { if case .int64(let v) = $0 { v } else { nil } }
    }

    func booleans(_ field: HourlyField) throws(FlightsError) -> [Bool] {
        try required(field) { if case .boolean(let v) = $0 { v } else { nil } }
    }

    func optionalDoubles(_ field: HourlyField) throws(FlightsError) -> OptionalColumn<Double> {
        try optional(field, placeholder: 0) { if case .double(let v) = $0 { v } else { nil } }
    }

    func optionalInt64s(_ field: HourlyField) throws(FlightsError) -> OptionalColumn<Int64> {
        try optional(field, placeholder: 0) { if case .int64(let v) = $0 { v } else { nil } }
    }

    func optionalInt32s(_ field: HourlyField) throws(FlightsError) -> OptionalColumn<Int32> {
        try optional(field, placeholder: 0) { if case .int32(let v) = $0 { v } else { nil } }
    }

    /// A text column: one String per distinct value of the chunk's dictionary (per value when
    /// the chunk was written without one).
    func texts(_ field: HourlyField) throws(FlightsError) -> TextColumn {
        let vector = vector(field)
        func strings(_ buffer: ByteArrayBuffer) -> [String] {
            (0..<buffer.count).map { String(decoding: buffer[$0], as: UTF8.self) }
        }
        var column = TextColumn()
        var present: [Int32]
        switch vector.storage {
        case .dictionary(.byteArray(let entries), let indices):
            column.entries = strings(entries)
            present = indices.map { Int32(bitPattern: $0) }  // each checked against the entries when decoded
        case .buffer(.byteArray(let values)):
            column.entries = strings(values)
            present = (0..<Int32(values.count)).map { $0 }
        default:
            throw unreadable(field, "has an unexpected type")
        }
        guard let flags = presence(vector) else {
            guard present.count == count else { throw unreadable(field, "has levels and values that disagree") }
            column.codes = present
            return column
        }
        guard flags.lazy.filter({ $0 }).count == present.count else { throw unreadable(field, "has levels and values that disagree") }
        column.codes.reserveCapacity(count)
        var next = 0
        for flag in flags {
            if flag { column.codes.append(present[next]); next += 1 } else { column.codes.append(-1) }
        }
        return column
    }

    /// A required text column.
    func requiredTexts(_ field: HourlyField) throws(FlightsError) -> TextColumn {
        let column = try texts(field)
        guard !column.codes.contains(-1) else { throw unreadable(field, "has a missing required value") }
        return column
    }

    /// The icao24 column as addresses, read from the bytes of each distinct value.
    func addresses() throws(FlightsError) -> [ICAO24] {
        let vector = vector(.icao24)
        guard vector.valueCount == count else { throw unreadable(.icao24, "has a missing required value") }
        func address(_ bytes: ArraySlice<UInt8>) throws(FlightsError) -> ICAO24 {
            guard let address = ICAO24(canonical: bytes) else {
                throw unreadable(.icao24, "holds \"\(String(decoding: bytes, as: UTF8.self))\", not six lower-case hex digits")
            }
            return address
        }
        switch vector.storage {
        case .dictionary(.byteArray(let entries), let indices):
            var byEntry: [ICAO24] = []
            byEntry.reserveCapacity(entries.count)
            for entry in 0..<entries.count { byEntry.append(try address(entries[entry])) }
            return indices.map { byEntry[Int($0)] }  // each checked against the entries when decoded
        case .buffer(.byteArray(let values)):
            var result: [ICAO24] = []
            result.reserveCapacity(values.count)
            for value in 0..<values.count { result.append(try address(values[value])) }
            return result
        default:
            throw unreadable(.icao24, "has an unexpected type")
        }
    }

    /// A column of enum cases by their raw values (`ColumnCode`s; `ColumnCode.none` for null).
    func codes<Case: CaseIterable & Equatable & RawRepresentable>(_ field: HourlyField, as type: Case.Type, required: Bool) throws(FlightsError) -> [UInt8]
    where Case.RawValue == String {
        let column = required ? try requiredTexts(field) : try texts(field)
        var byEntry: [UInt8] = []
        for entry in column.entries {
            // An unknown text reads as no value, as the row-by-row reader read it; a required one is an error.
            let code = ColumnCode.of(Case(rawValue: entry))
            if required && code == ColumnCode.none { throw unreadable(field, "holds \"\(entry)\", not a known value") }
            byEntry.append(code)
        }
        return column.codes.map { $0 < 0 ? ColumnCode.none : byEntry[Int($0)] }
    }
}
