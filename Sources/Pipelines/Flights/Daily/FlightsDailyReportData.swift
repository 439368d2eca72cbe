// What the daily report shows, read back from the JSON documents the earlier rules wrote (the
// day's statistics, density and routes, and the statistics of the 7 previous days). Missing
// members read as zero so a report of an odd day still renders.

import LakeFormats

/// The figures of one daily report.
struct FlightsDailyReportData {
    struct Ranked { var code: String; var name: String; var aircraft: Int; var observations: Int }
    struct RouteLine { var origin: String; var destination: String; var originName: String; var destinationName: String; var flights: Int; var percentage: Double }
    struct Cell { var latMin: Double; var latMax: Double; var lonMin: Double; var lonMax: Double; var aircraft: Int; var density: Double }

    var date = ""
    var observations = 0, uniqueAircraft = 0, rowsRead = 0, kept = 0, rejected = 0, duplicates = 0, snapshots = 0
    var hourly: [Int] = Array(repeating: 0, count: 24)
    var hourlyAircraft: [Int] = Array(repeating: 0, count: 24)
    var airlines: [Ranked] = []
    var countries: [Ranked] = []
    var grades: [(String, Int)] = []
    var reasons: [(String, Int)] = []
    var meanQuality = 0.0
    var routes: [RouteLine] = []
    var tracks = 0, tracksWithBothEnds = 0
    var cells: [Cell] = []
    var gridSize = 1.0
    /// (date, unique aircraft) of the previous days that have statistics, oldest first.
    var window: [(String, Int)] = []

    init(daily: JSONValue, density: JSONValue?, routes routesDoc: JSONValue?, window previous: [JSONValue]) {
        date = Self.string(daily["date"])
        observations = Self.int(daily["observations"]); uniqueAircraft = Self.int(daily["unique_aircraft"])
        rowsRead = Self.int(daily["rows_read"]); kept = Self.int(daily["kept"]); rejected = Self.int(daily["rejected"])
        duplicates = Self.int(daily["duplicates"]); snapshots = Self.int(daily["snapshots"])
        if case .array(let hours)? = daily["hourly"] {
            for h in hours {
                let hour = Self.int(h["hour"])
                guard (0..<24).contains(hour) else { continue }
                hourly[hour] = Self.int(h["observations"]); hourlyAircraft[hour] = Self.int(h["unique_aircraft"])
            }
        }
        airlines = Self.ranked(daily["top_airlines"])
        countries = Self.ranked(daily["top_origin_countries"])
        grades = Self.pairs(daily["quality_grades"])
        reasons = Self.pairs(daily["rejected_by_reason"])
        meanQuality = Self.double(daily["mean_quality_score"])
        if let r = routesDoc {
            tracks = Self.int(r["tracks"]); tracksWithBothEnds = Self.int(r["tracks_with_both_ends"])
            if case .array(let lines)? = r["routes"] {
                routes = lines.map { RouteLine(origin: Self.string($0["origin"]), destination: Self.string($0["destination"]),
                                               originName: Self.string($0["origin_name"]), destinationName: Self.string($0["destination_name"]),
                                               flights: Self.int($0["flights"]), percentage: Self.double($0["percentage"])) }
            }
        }
        if let d = density {
            gridSize = Self.double(d["grid_size"])
            if case .array(let list)? = d["cells"] {
                cells = list.map { Cell(latMin: Self.double($0["lat_min"]), latMax: Self.double($0["lat_max"]),
                                        lonMin: Self.double($0["lon_min"]), lonMax: Self.double($0["lon_max"]),
                                        aircraft: Self.int($0["aircraft"]), density: Self.double($0["density"])) }
            }
        }
        window = previous.map { (Self.string($0["date"]), Self.int($0["unique_aircraft"])) }.sorted { $0.0 < $1.0 }
    }

    /// Mean unique aircraft of the window days, nil without any.
    var windowMean: Double? {
        window.isEmpty ? nil : Double(window.map(\.1).reduce(0, +)) / Double(window.count)
    }

    /// The busiest hours by observations, most first (ties by hour), at most three non-empty.
    var busiestHours: [(hour: Int, observations: Int)] {
        hourly.enumerated().filter { $0.element > 0 }.sorted { $0.element != $1.element ? $0.element > $1.element : $0.offset < $1.offset }
            .prefix(3).map { ($0.offset, $0.element) }
    }

    static func int(_ v: JSONValue?) -> Int {
        if case .number(let n)? = v { return n.int64().map { Int($0) } ?? Int(n.double() ?? 0) }
        return 0
    }

    static func double(_ v: JSONValue?) -> Double {
        if case .number(let n)? = v { return n.double() ?? 0 }
        return 0
    }

    static func string(_ v: JSONValue?) -> String {
        if case .string(let s)? = v { return s }
        return ""
    }

    static func pairs(_ v: JSONValue?) -> [(String, Int)] {
        guard case .object(let members)? = v else { return [] }
        return members.map { ($0.key, int($0.value)) }
    }

    static func ranked(_ v: JSONValue?) -> [Ranked] {
        guard case .array(let list)? = v else { return [] }
        return list.map { Ranked(code: string($0["code"]), name: string($0["name"]), aircraft: int($0["aircraft"]), observations: int($0["observations"])) }
    }
}
