// QuickSight export of flights.md §8: per day one NDJSON line per hour (hourly counts and
// bands) and one per route, plus a manifest per dataset that lists the latest `keep` days
// (as in the sales pipeline: `{"fileLocations":[{"URIs":[…]}],"globalUploadSettings":{"format":"JSON"}}`).

import LakeFormats

/// The QuickSight datasets of the flight pipeline.
public enum FlightsQuickSightExport {
    /// The columns the hourly lines read.
    public static let hourlyFields: Set<HourlyField> = HourSummary.fields.union([.snapshotTime])

    /// The hourly lines of hand-built observations (tests, small callers).
    public static func hourly(date: String, observations: [FlightObservation]) -> [UInt8] {
        hourly(date: date, day: FlightDay(observations))
    }

    /// One line per hour 00–23 of the day, empty hours included.
    public static func hourly(date: String, day: FlightDay) -> [UInt8] {
        day.require(hourlyFields)
        var byHour = Array(repeating: [Int](), count: 24)
        for row in 0..<day.count { byHour[UTCTime.hour(ofUnixSeconds: day.snapshotTime[row])].append(row) }
        var out: [UInt8] = []
        for (hour, rows) in byHour.enumerated() {
            let s = HourSummary(day, rows: rows)
            var w = JSONWriter(style: .compact)
            w.beginObject()
            w.key("date"); w.string(date)
            w.key("hour"); w.int(hour)
            w.key("observations"); w.int(s.observations)
            w.key("unique_aircraft"); w.int(s.uniqueAircraft)
            w.key("airborne"); w.int(s.airborne)
            w.key("on_ground"); w.int(s.onGround)
            for (name, count) in zip(HourSummary.altitudeBandNames, s.altitudeBands) { w.key("altitude_" + name); w.int(count) }
            for (name, count) in zip(HourSummary.speedBandNames, s.speedBands) { w.key("speed_" + name); w.int(count) }
            w.endObject()
            out += w.bytes + [0x0A]
        }
        return out
    }

    /// One line per route of the day's routes document.
    public static func routes(date: String, routesDocument: JSONValue) -> [UInt8] {
        guard case .array(let routes)? = routesDocument["routes"] else { return [] }
        var out: [UInt8] = []
        for (rank, r) in routes.enumerated() {
            var w = JSONWriter(style: .compact)
            w.beginObject()
            w.key("date"); w.string(date)
            w.key("rank"); w.int(rank + 1)
            for key in ["origin", "destination", "origin_name", "destination_name"] {
                w.key(key); w.string(FlightsDailyReportData.string(r[key]))
            }
            w.key("flights"); w.int(FlightsDailyReportData.int(r["flights"]))
            w.key("percentage"); w.double(FlightsDailyReportData.double(r["percentage"]))
            w.endObject()
            out += w.bytes + [0x0A]
        }
        return out
    }
}
