// One row group of the hourly Parquet gathered from `HourlyColumns`: the rows given, in the
// order given, as the 34 column batches of `HourlyParquet.schema`. Each column is one pass over
// the row numbers; byte strings are copied from buffer to buffer, the derived texts (bands,
// phase, grade, flags, airline and aircraft fields) from their one stored copy.
//
// A column with no null among these rows is handed over without validity flags, as every other
// writer of the pipeline does, so the bytes are those the row-by-row writer gave.

import Parquet

extension HourlyColumns {
    /// The column batches of `rows` (row numbers of these columns), in schema order.
    func batches(_ rows: ArraySlice<Int32>) -> [ColumnBatch] {
        let g = Gather(rows: rows)
        return [
            g.timestamps(snapshotTime), g.icao24(icao24), g.strings(callsign), g.strings(originCountry),
            g.timestamps(timePosition), g.timestamps(lastContact), g.doubles(longitude), g.doubles(latitude),
            g.doubles(baroAltitudeMetres), g.doubles(geoAltitudeMetres), g.booleans(onGround), g.doubles(velocityMetresPerSecond),
            g.doubles(trueTrack), g.doubles(verticalRateMetresPerSecond), g.strings(squawk), g.booleans(spi),
            g.int32s(positionSource), g.int32s(category),
            g.doubles(altitudeFeet), g.doubles(velocityKnots), g.doubles(verticalRateFPM),
            g.coded(altitudeBand, HourlyNames.altitudeBands), g.coded(speedBand, HourlyNames.speedBands),
            g.coded(phase, HourlyNames.phases),
            g.referenced(airline, airlines.fields[0]), g.referenced(airline, airlines.fields[1]),
            g.referenced(aircraft, aircraftRecords.fields[0]), g.referenced(aircraft, aircraftRecords.fields[1]),
            g.referenced(aircraft, aircraftRecords.fields[2]), g.referenced(aircraft, aircraftRecords.fields[3]),
            g.referenced(aircraft, aircraftRecords.fields[4]),
            g.doubles(qualityScore), g.letters(qualityGrade), g.flags(qualityFlags),
        ]
    }
}

/// The texts of the coded columns, stored once.
enum HourlyNames {
    static let altitudeBands = ByteArrayBuffer(AltitudeBand.allCases.map { Array($0.rawValue.utf8) })
    static let speedBands = ByteArrayBuffer(SpeedBand.allCases.map { Array($0.rawValue.utf8) })
    static let phases = ByteArrayBuffer(FlightPhase.allCases.map { Array($0.rawValue.utf8) })
    /// The `quality_flags` text of every set of flags, by the set's raw value.
    static let flagSets = ByteArrayBuffer((0..<(1 << QualityFlag.allCases.count)).map {
        Array(QualityFlags(rawValue: UInt8($0)).text.utf8)
    })
    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}

/// Gathers the values of some rows, in order, out of whole columns.
private struct Gather {
    let rows: ArraySlice<Int32>

    private func map<T, U>(_ values: [T], _ transform: (T) -> U) -> [U] {
        var result: [U] = []
        result.reserveCapacity(rows.count)
        for row in rows { result.append(transform(values[Int(row)])) }
        return result
    }

    /// The present values and, when some row has none, the validity flags.
    private func optional<T, U>(_ column: OptionalColumn<T>, _ transform: (T) -> U) -> (values: [U], validity: [Bool]?) {
        var values: [U] = [], validity: [Bool] = []
        values.reserveCapacity(rows.count)
        validity.reserveCapacity(rows.count)
        for row in rows {
            let i = Int(row)
            validity.append(column.isPresent[i])
            if column.isPresent[i] { values.append(transform(column.values[i])) }
        }
        return (values, values.count == rows.count ? nil : validity)
    }

    private func batch(_ buffer: ColumnBuffer, _ validity: [Bool]?) -> ColumnBatch {
        validity.map { ColumnBatch(buffer: buffer, validity: $0) } ?? ColumnBatch(buffer: buffer)
    }

    /// Unix seconds as TIMESTAMP(MILLIS) values.
    func timestamps(_ seconds: [Int64]) -> ColumnBatch { ColumnBatch(buffer: .int64(map(seconds) { $0 &* 1000 })) }

    func timestamps(_ seconds: OptionalColumn<Int64>) -> ColumnBatch {
        let (values, validity) = optional(seconds) { $0 &* 1000 }
        return batch(.int64(values), validity)
    }

    func doubles(_ values: [Double]) -> ColumnBatch { ColumnBatch(buffer: .double(map(values) { $0 })) }

    func doubles(_ column: OptionalColumn<Double>) -> ColumnBatch {
        let (values, validity) = optional(column) { $0 }
        return batch(.double(values), validity)
    }

    func int32s(_ column: OptionalColumn<Int32>) -> ColumnBatch {
        let (values, validity) = optional(column) { $0 }
        return batch(.int32(values), validity)
    }

    func booleans(_ values: [Bool]) -> ColumnBatch { ColumnBatch(buffer: .boolean(map(values) { $0 })) }

    func strings(_ column: OptionalStrings) -> ColumnBatch {
        var buffer = ByteArrayBuffer(), validity: [Bool] = []
        var bytes = 0
        for row in rows where column.isPresent[Int(row)] { bytes += column.values.length(at: Int(row)) }
        buffer.reserveCapacity(count: rows.count, bytes: bytes)
        validity.reserveCapacity(rows.count)
        for row in rows {
            let i = Int(row)
            validity.append(column.isPresent[i])
            if column.isPresent[i] { buffer.append(column.values, at: i) }
        }
        return batch(.byteArray(buffer), buffer.count == rows.count ? nil : validity)
    }

    /// The six lower-case hex digits of each address.
    func icao24(_ addresses: [ICAO24]) -> ColumnBatch {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows.count * 6)
        for row in rows {
            let value = addresses[Int(row)].value
            for shift in stride(from: 20, through: 0, by: -4) { bytes.append(HourlyNames.hexDigits[Int(value >> UInt32(shift) & 0xF)]) }
        }
        return ColumnBatch(buffer: .byteArray(ByteArrayBuffer(width: 6, values: bytes)))
    }

    /// The text of each code in `names`; null for `ColumnCode.none`.
    func coded(_ codes: [UInt8], _ names: ByteArrayBuffer) -> ColumnBatch {
        var buffer = ByteArrayBuffer(), validity: [Bool] = []
        validity.reserveCapacity(rows.count)
        for row in rows {
            let code = codes[Int(row)]
            validity.append(code != ColumnCode.none)
            if code != ColumnCode.none { buffer.append(names, at: Int(code)) }
        }
        return batch(.byteArray(buffer), buffer.count == rows.count ? nil : validity)
    }

    /// The field of each row's entry (by number, -1 for none) in a reference table.
    func referenced(_ numbers: [Int32], _ field: OptionalStrings) -> ColumnBatch {
        var buffer = ByteArrayBuffer(), validity: [Bool] = []
        validity.reserveCapacity(rows.count)
        for row in rows {
            let number = Int(numbers[Int(row)])
            let present = number >= 0 && field.isPresent[number]
            validity.append(present)
            if present { buffer.append(field.values, at: number) }
        }
        return batch(.byteArray(buffer), buffer.count == rows.count ? nil : validity)
    }

    /// One-letter texts from their ASCII letters.
    func letters(_ values: [UInt8]) -> ColumnBatch {
        ColumnBatch(buffer: .byteArray(ByteArrayBuffer(width: 1, values: map(values) { $0 })))
    }

    func flags(_ values: [QualityFlags]) -> ColumnBatch {
        var buffer = ByteArrayBuffer()
        for row in rows { buffer.append(HourlyNames.flagSets, at: Int(values[Int(row)].rawValue)) }
        return ColumnBatch(buffer: .byteArray(buffer))
    }
}
