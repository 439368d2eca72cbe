// How `flights query` reads the hourly files, late materialisation in three steps:
//
// 1. Positions. Row groups whose latitude or longitude statistics rule out the box are
//    skipped; of the others, `latitude` and `longitude` are read alone, only from the pages
//    the latitude page index cannot rule out, and the box is applied to them.
// 2. Keys. For the rows inside the box only (the other columns read through their offset
//    index, only the pages holding those rows), the columns of the other filters and of the
//    sort: icao24, the times (`last_contact` only where a row has no position time), and the
//    sort key. Text columns stay dictionary numbers.
// 3. The page. After sorting, only the rows of the page asked for (`--limit`, 100 by default)
//    are read whole and become `FlightObservation`s.
//
// A query over a day of 2.9 million rows thus decodes two columns of every row, a few of the
// rows in the box, and all of a hundred.

import Foundation
import Parquet

extension FlightQuery {
    /// A row that passed every filter: where it is, and what it sorts by. Plain numbers only,
    /// so tens of thousands of them sort without reference counting.
    struct Match {
        var file: Int32
        var group: Int32
        var row: Int32
        var icao24: ICAO24
        /// Observation time: position time, or last contact without one.
        var time: Int64
        var snapshotTime: Int64
        /// The sort key when it is a number (altitude, velocity, quality score).
        var number: Double?
        /// The sort key when it is text (callsign): its rank among the texts of the matches
        /// (`Texts.rank`), nil for none.
        var text: Int32?
    }

    /// The callsigns of the matches, each once, numbered as they come and ranked as Strings
    /// compare once all are in.
    struct Texts {
        private var numbers: [String: Int32] = [:]
        private var values: [String] = []

        mutating func number(_ text: String) -> Int32 {
            if let known = numbers[text] { return known }
            let number = Int32(values.count)
            values.append(text)
            numbers[text] = number
            return number
        }

        /// Per number, its rank in String order (equal Strings have equal numbers).
        func ranks() -> [Int32] {
            var ranks = [Int32](repeating: 0, count: values.count)
            for (rank, number) in values.indices.sorted(by: { values[$0] < values[$1] }).enumerated() { ranks[number] = Int32(rank) }
            return ranks
        }
    }

    /// The columns the filters and the sort need besides the positions (and `last_contact`,
    /// read only for rows without a position time).
    private var keyFields: [HourlyField] {
        var fields: Set<HourlyField> = [.icao24, .timePosition, .snapshotTime]
        if callsign != nil || sort == .callsign { fields.insert(.callsign) }
        if minAltitudeFeet != nil || maxAltitudeFeet != nil || sort == .altitude { fields.insert(.altitudeFeet) }
        if onGround != nil { fields.insert(.onGround) }
        if sort == .velocity { fields.insert(.velocityKnots) }
        if sort == .quality { fields.insert(.qualityScore) }
        return HourlyField.allCases.filter(fields.contains)
    }

    /// The rows of one file that pass every filter.
    func matches(in reader: ParquetFileReader, path: String, file: Int, texts: inout Texts) throws -> [Match] {
        var groups = Array(reader.rowGroups.indices)
        if let box {
            let lat = Set(try reader.rowGroups(matching: .between("latitude", .double(box.latMin), .double(box.latMax))))
            let lon = Set(try reader.rowGroups(matching: .between("longitude", .double(box.lonMin), .double(box.lonMax))))
            groups = groups.filter { lat.contains($0) && lon.contains($0) }
        }
        guard !groups.isEmpty else { return [] }
        try HourlyRowGroup.checkSchema(reader, path: path)
        var found: [Match] = []
        for group in groups {
            let rows = try rowsInBox(reader, path: path, group: group)
            guard !rows.isEmpty else { continue }
            let c = try HourlyRowGroup(reader, path: path, group: group, fields: keyFields, rows: rows)
            let timePosition = try c.optionalInt64s(.timePosition)
            let lastContact = timePosition.isPresent.contains(false)
                ? try HourlyRowGroup(reader, path: path, group: group, fields: [.lastContact], rows: rows).int64s(.lastContact) : nil
            try found += matches(c, rows: rows, file: file, timePosition: timePosition, lastContact: lastContact, texts: &texts)
        }
        return found
    }

    /// Step 1: the rows of a row group inside the box (all rows without a box).
    private func rowsInBox(_ reader: ParquetFileReader, path: String, group: Int) throws -> [Range<Int>] {
        guard let box else { return [0..<Int(reader.rowGroups[group].numRows)] }
        let selection = try reader.readColumns(
            rowGroup: group, columns: [HourlyField.longitude.name, HourlyField.latitude.name],
            matching: .between("latitude", .double(box.latMin), .double(box.latMax)))
        // Projected columns come in schema order: longitude, then latitude.
        guard selection.columns.map(\.descriptor.dottedPath) == [HourlyField.longitude.name, HourlyField.latitude.name],
              case .double(let lon) = selection.columns[0].buffer, case .double(let lat) = selection.columns[1].buffer,
              lat.count == lon.count, lat.count == selection.rows.reduce(0, { $0 + $1.count }) else {
            throw FlightsError.unreadableInput(path: path, reason: "row group \(group) has unreadable positions")
        }
        var rows: [Range<Int>] = []
        var i = 0
        for range in selection.rows {
            for row in range {
                if box.contains(latitude: lat[i], longitude: lon[i]) {
                    if let last = rows.last, last.upperBound == row { rows[rows.count - 1] = last.lowerBound..<(row + 1) } else { rows.append(row..<(row + 1)) }
                }
                i += 1
            }
        }
        return rows
    }

    /// Step 2: of the rows `rows` (read as `c`), those passing the other filters, with their
    /// keys; `lastContact` is there when some row has no position time.
    private func matches(_ c: HourlyRowGroup, rows: [Range<Int>], file: Int,
                         timePosition: OptionalColumn<Int64>, lastContact: [Int64]?, texts: inout Texts) throws -> [Match] {
        let fields = Set(keyFields)
        let icao = try c.addresses(), snapshot = try c.int64s(.snapshotTime)
        let callsigns = fields.contains(.callsign) ? try c.texts(.callsign) : TextColumn()
        let feet = fields.contains(.altitudeFeet) ? try c.optionalDoubles(.altitudeFeet) : OptionalColumn(placeholder: 0)
        let ground = fields.contains(.onGround) ? try c.booleans(.onGround) : []
        let knots = fields.contains(.velocityKnots) ? try c.optionalDoubles(.velocityKnots) : OptionalColumn(placeholder: 0)
        let score = fields.contains(.qualityScore) ? try c.doubles(.qualityScore) : []
        // An icao24 other than six hex digits matches no row (the files hold only those): nil.
        let wantedICAO24: ICAO24? = icao24.flatMap { text in ICAO24(text.lowercased()).flatMap { $0.text == text.lowercased() ? $0 : nil } }
        let wantedCallsign = callsign.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        let callsignMatches = callsigns.entries.map { $0 == wantedCallsign }
        let callsignNumbers = sort == .callsign ? callsigns.entries.map { texts.number($0) } : []
        func value<T>(_ column: OptionalColumn<T>, _ i: Int) -> T? { column.isPresent[i] ? column.values[i] : nil }

        var found: [Match] = []
        var i = 0
        for range in rows {
            for row in range {
                defer { i += 1 }
                if icao24 != nil, icao[i] != wantedICAO24 { continue }
                if wantedCallsign != nil, !(callsigns.codes[i] >= 0 && callsignMatches[Int(callsigns.codes[i])]) { continue }
                if let minAltitudeFeet { guard let f = value(feet, i), f >= minAltitudeFeet else { continue } }
                if let maxAltitudeFeet { guard let f = value(feet, i), f <= maxAltitudeFeet else { continue } }
                if let onGround, ground[i] != onGround { continue }
                var match = Match(file: Int32(file), group: Int32(c.group), row: Int32(row), icao24: icao[i],
                                  time: (value(timePosition, i) ?? lastContact?[i] ?? 0) / 1000, snapshotTime: snapshot[i] / 1000)
                switch sort {
                case .altitude: match.number = value(feet, i)
                case .velocity: match.number = value(knots, i)
                case .quality: match.number = score[i]
                case .callsign: match.text = callsigns.codes[i] < 0 ? nil : callsignNumbers[Int(callsigns.codes[i])]
                case .time, .icao24: break
                }
                found.append(match)
            }
        }
        return found
    }

    /// Step 3: the observations of `page`, in its order, each row group read once for its rows.
    func observations(_ page: [Match], _ files: [(path: String, reader: ParquetFileReader)]) throws -> [FlightObservation] {
        var byGroup: [[Int]: [Int]] = [:]  // [file, group] → positions in the page
        for (position, match) in page.enumerated() { byGroup[[Int(match.file), Int(match.group)], default: []].append(position) }
        var result = [FlightObservation?](repeating: nil, count: page.count)
        for key in byGroup.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let positions = (byGroup[key] ?? []).sorted { page[$0].row < page[$1].row }
            let rows = positions.map { Int(page[$0].row) }
            var ranges: [Range<Int>] = []
            for row in rows where ranges.last?.contains(row) != true {
                if let last = ranges.last, last.upperBound == row { ranges[ranges.count - 1] = last.lowerBound..<(row + 1) } else { ranges.append(row..<(row + 1)) }
            }
            let file = files[key[0]]
            let read = try HourlyParquet.observations(file.reader, path: file.path, group: key[1], rows: ranges)
            for (position, observation) in zip(positions, read) { result[position] = observation }
        }
        return result.compactMap { $0 }
    }
}
