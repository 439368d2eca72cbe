// `metrics/flights/daily/date=….json` (flights.md §4), from the day's hourly Parquet and hourly
// counts. Every list is in a fixed order: hours 00–23, bands and phases in spec order, top
// lists by count then name. Altitude and speed ranges are over airborne observations. Reads
// only the columns in `fields`.

import LakeFormats

/// The daily statistics document.
public enum DailyStatistics {
    /// The columns the statistics read.
    public static let fields: Set<HourlyField> = HourSummary.fields.union([
        .snapshotTime, .originCountry, .airlineICAO, .airlineName, .altitudeFeet, .velocityKnots, .qualityGrade, .qualityScore,
    ])

    /// The statistics of hand-built observations (tests, small callers).
    public static func encode(date: String, observations: [FlightObservation], hours: [HourlyCounts]) -> [UInt8] {
        encode(date: date, day: FlightDay(observations), hours: hours)
    }

    public static func encode(date: String, day: FlightDay, hours: [HourlyCounts]) -> [UInt8] {
        day.require(fields)
        var totals = HourlyCounts()
        for h in hours {
            totals.snapshots += h.snapshots
            totals.rejectedFiles += h.rejectedFiles
            totals.rowsRead += h.rowsRead
            totals.kept += h.kept
            totals.rejectedRows += h.rejectedRows
            totals.duplicates += h.duplicates
            for (k, v) in h.reasonCounts { totals.reasonCounts[k, default: 0] += v }
        }
        let summary = HourSummary(day)
        var byHour = Array(repeating: [Int](), count: 24)
        for row in 0..<day.count { byHour[UTCTime.hour(ofUnixSeconds: day.snapshotTime[row])].append(row) }

        var w = JSONWriter(style: .pretty)
        w.beginObject()
        w.key("date"); w.string(date)
        w.key("snapshots"); w.int(totals.snapshots)
        w.key("rejected_files"); w.int(totals.rejectedFiles)
        w.key("rows_read"); w.int(totals.rowsRead)
        w.key("kept"); w.int(totals.kept)
        w.key("rejected"); w.int(totals.rejectedRows)
        w.key("duplicates"); w.int(totals.duplicates)
        w.key("balanced"); w.bool(totals.kept + totals.rejectedRows + totals.duplicates == totals.rowsRead)
        w.key("rejected_by_reason")
        w.beginObject()
        for r in RejectReason.allCases { w.key(r.rawValue); w.int(totals.reasonCounts[r.rawValue] ?? 0) }
        w.endObject()
        w.key("observations"); w.int(summary.observations)
        w.key("unique_aircraft"); w.int(summary.uniqueAircraft)
        w.key("airborne"); w.int(summary.airborne)
        w.key("on_ground"); w.int(summary.onGround)
        w.key("hourly")
        w.beginArray()
        for (hour, rows) in byHour.enumerated() {
            let s = HourSummary(day, rows: rows)
            w.beginObject()
            w.key("hour"); w.int(hour)
            w.key("observations"); w.int(s.observations)
            w.key("unique_aircraft"); w.int(s.uniqueAircraft)
            w.endObject()
        }
        w.endArray()
        writeCounts(&w, "altitude_bands", HourSummary.altitudeBandNames, summary.altitudeBands)
        writeCounts(&w, "speed_bands", HourSummary.speedBandNames, summary.speedBands)
        writeCounts(&w, "flight_phases", FlightPhase.allCases.map(\.rawValue), summary.phases)
        writeTop(&w, "top_origin_countries", day, keys: day.originCountry, names: day.originCountry)
        writeTop(&w, "top_airlines", day, keys: day.airlineICAO, names: day.airlineName)
        let airborne = (0..<day.count).filter { !day.onGround[$0] }
        writeRange(&w, "altitude_ft", airborne.compactMap { day.altitudeFeet.isPresent[$0] ? day.altitudeFeet.values[$0] : nil })
        writeRange(&w, "speed_kt", airborne.compactMap { day.velocityKnots.isPresent[$0] ? day.velocityKnots.values[$0] : nil })
        let grades = ["A", "B", "C", "D", "F"]
        var gradeCounts = [Int](repeating: 0, count: grades.count)
        let gradeOfEntry = day.qualityGrade.entries.map { grades.firstIndex(of: $0) }
        for code in day.qualityGrade.codes { if code >= 0, let g = gradeOfEntry[Int(code)] { gradeCounts[g] += 1 } }
        writeCounts(&w, "quality_grades", grades, gradeCounts)
        w.key("mean_quality_score")
        let mean = day.count == 0 ? 0 : day.qualityScore.reduce(0, +) / Double(day.count)
        w.double((mean * 10_000).rounded() / 10_000)
        w.endObject()
        return w.bytes
    }

    private static func writeCounts(_ w: inout JSONWriter, _ key: String, _ names: [String], _ counts: [Int]) {
        w.key(key)
        w.beginObject()
        for (name, count) in zip(names, counts) { w.key(name); w.int(count) }
        w.endObject()
    }

    /// The ten keys with the most distinct aircraft (then observations, then key), each with
    /// its name: the `names` value of the first row of the key (the key itself without one).
    private static func writeTop(_ w: inout JSONWriter, _ key: String, _ day: FlightDay, keys: TextColumn, names: TextColumn) {
        let n = keys.entries.count
        var aircraft = Array(repeating: Set<ICAO24>(), count: n), count = Array(repeating: 0, count: n)
        var name = [String?](repeating: nil, count: n)
        for row in 0..<day.count {
            let k = keys.codes[row]
            guard k >= 0 else { continue }
            aircraft[Int(k)].insert(day.icao24[row])
            count[Int(k)] += 1
            if name[Int(k)] == nil { name[Int(k)] = names.value(row) ?? keys.entries[Int(k)] }
        }
        let top = (0..<n).filter { count[$0] > 0 }.sorted {
            let a = (aircraft[$0].count, count[$0]), b = (aircraft[$1].count, count[$1])
            return a != b ? a > b : keys.entries[$0] < keys.entries[$1]
        }.prefix(10)
        w.key(key)
        w.beginArray()
        for k in top {
            w.beginObject()
            w.key("code"); w.string(keys.entries[k])
            w.key("name"); w.string(name[k] ?? keys.entries[k])
            w.key("aircraft"); w.int(aircraft[k].count)
            w.key("observations"); w.int(count[k])
            w.endObject()
        }
        w.endArray()
    }

    private static func writeRange(_ w: inout JSONWriter, _ key: String, _ values: [Double]) {
        let sorted = values.sorted()
        w.key(key)
        w.beginObject()
        for (name, value) in [("min", sorted.first), ("p50", NearestRank.percentile(sorted, 50)),
                              ("p95", NearestRank.percentile(sorted, 95)), ("max", sorted.last)] {
            w.key(name)
            if let value { w.double((value * 10).rounded() / 10) } else { w.null() }
        }
        w.endObject()
    }
}
