// `metrics/flights/daily/date=….json` (flights.md §4), from the day's hourly Parquet and hourly
// counts. Every list is in a fixed order: hours 00–23, bands and phases in spec order, top
// lists by count then name. Altitude and speed ranges are over airborne observations.

import LakeFormats

/// The daily statistics document.
public enum DailyStatistics {
    public static func encode(date: String, observations: [FlightObservation], hours: [HourlyCounts]) -> [UInt8] {
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
        let day = HourSummary(observations)
        var byHour = Array(repeating: [FlightObservation](), count: 24)
        for o in observations { byHour[UTCTime(unixSeconds: o.snapshotTime).hour].append(o) }

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
        w.key("observations"); w.int(day.observations)
        w.key("unique_aircraft"); w.int(day.uniqueAircraft)
        w.key("airborne"); w.int(day.airborne)
        w.key("on_ground"); w.int(day.onGround)
        w.key("hourly")
        w.beginArray()
        for (hour, rows) in byHour.enumerated() {
            let s = HourSummary(rows)
            w.beginObject()
            w.key("hour"); w.int(hour)
            w.key("observations"); w.int(s.observations)
            w.key("unique_aircraft"); w.int(s.uniqueAircraft)
            w.endObject()
        }
        w.endArray()
        writeCounts(&w, "altitude_bands", HourSummary.altitudeBandNames, day.altitudeBands)
        writeCounts(&w, "speed_bands", HourSummary.speedBandNames, day.speedBands)
        writeCounts(&w, "flight_phases", FlightPhase.allCases.map(\.rawValue), day.phases)
        writeTop(&w, "top_origin_countries", observations.map { ($0.originCountry, $0.originCountry, $0.icao24) })
        writeTop(&w, "top_airlines", observations.map { ($0.airline?.icao, $0.airline?.name, $0.icao24) })
        let airborne = observations.filter { !$0.onGround }
        writeRange(&w, "altitude_ft", airborne.compactMap(\.altitudeFeet))
        writeRange(&w, "speed_kt", airborne.compactMap(\.velocityKnots))
        let grades = ["A", "B", "C", "D", "F"]
        writeCounts(&w, "quality_grades", grades, grades.map { g in observations.filter { $0.qualityGrade == g }.count })
        w.key("mean_quality_score")
        let mean = observations.isEmpty ? 0 : observations.map(\.qualityScore).reduce(0, +) / Double(observations.count)
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

    /// The ten keys with the most distinct aircraft (then observations, then key), each with its name.
    private static func writeTop(_ w: inout JSONWriter, _ key: String, _ rows: [(String?, String?, String)]) {
        var aircraft: [String: Set<String>] = [:], count: [String: Int] = [:], names: [String: String] = [:]
        for (k, name, icao24) in rows {
            guard let k else { continue }
            aircraft[k, default: []].insert(icao24)
            count[k, default: 0] += 1
            if names[k] == nil { names[k] = name ?? k }
        }
        let top = aircraft.keys.sorted {
            let a = (aircraft[$0]?.count ?? 0, count[$0] ?? 0), b = (aircraft[$1]?.count ?? 0, count[$1] ?? 0)
            return a != b ? a > b : $0 < $1
        }.prefix(10)
        w.key(key)
        w.beginArray()
        for k in top {
            w.beginObject()
            w.key("code"); w.string(k)
            w.key("name"); w.string(names[k] ?? k)
            w.key("aircraft"); w.int(aircraft[k]?.count ?? 0)
            w.key("observations"); w.int(count[k] ?? 0)
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
