// `lakemake flights query` (flights.md §9): the bounding-box API of the serverless design,
// answered from processed/flights/date=…/hour=…/data.parquet. Always prints JSON.

import Arguments
import Foundation
import Parquet
import Pipelines

enum FlightsQueryCommand: LakemakeCommand {
    static let spec = CommandSpec(
        name: "query",
        abstract: "Observations inside a box, filtered, sorted and paginated, as JSON.",
        discussion: "Reads the hourly Parquet of one day (the latest by default) and skips row groups whose latitude and longitude statistics cannot match the box. Output: {flights, total, limit, offset, has_more, next_offset}.",
        options: [
            .value("bbox", valueName: "LAMIN,LOMIN,LAMAX,LOMAX", help: "Bounding box in degrees (south, west, north, east)."),
            .value("date", valueName: "D", help: "The day (YYYY-MM-DD); default: the latest day that has rows."),
            .value("hour", valueName: "H", help: "Only this UTC hour (0–23)."),
            .value("icao24", valueName: "X", help: "Only this aircraft (6 hex digits)."),
            .value("callsign", valueName: "C", help: "Only this callsign."),
            .value("min-alt-ft", valueName: "FT", help: "Minimum barometric altitude in feet."),
            .value("max-alt-ft", valueName: "FT", help: "Maximum barometric altitude in feet."),
            .value("on-ground", valueName: "BOOL", choices: ["true", "false"], help: "Only aircraft on the ground, or only airborne ones."),
            .value("sort", valueName: "KEY", defaultValue: "time",
                   help: "time, altitude, velocity, callsign, icao24 or quality; prefix '-' for descending (--sort=-altitude)."),
            .value("limit", valueName: "N", defaultValue: "100", help: "Flights per page (1–1000)."),
            .value("offset", valueName: "N", defaultValue: "0", help: "Flights to skip (from next_offset)."),
            .flag("json", help: "Print JSON (the only format; accepted for symmetry with other commands)."),
        ],
        examples: [.init("lakemake flights query --bbox 45,5,50,10 --min-alt-ft 30000 --sort=-altitude --limit 20")])

    static func run(_ inv: Invocation) throws -> Int32 {
        let p = inv.parsed
        var query = FlightQuery()
        query.limit = try p.int("limit", in: 1...1000) ?? 100
        query.offset = try p.int("offset", in: 0...Int.max) ?? 0
        if let text = p.value("bbox") { query.box = try BoundingBox(parsing: text) }
        try query.setSort(p.value("sort") ?? "time")
        query.icao24 = p.value("icao24")
        query.callsign = p.value("callsign")
        query.minAltitudeFeet = try feet(p, "min-alt-ft")
        query.maxAltitudeFeet = try feet(p, "max-alt-ft")
        query.onGround = p.value("on-ground").map { $0 == "true" }
        let hour = try p.int("hour", in: 0...23)
        if let date = p.value("date"), UTCTime.startOfDay(date) == nil {
            throw FlightQueryError.invalidValue(option: "date", value: date, expected: "a date YYYY-MM-DD")
        }
        try inv.requireLake()
        let files = try FlightQuery.hourlyFiles(lake: inv.lake, date: p.value("date"), hour: hour)
        let page = try query.run(try files.map { ($0, try ParquetFileReader(path: inv.lake + "/" + $0)) })
        inv.output.print(page.json().trimmingCharacters(in: .newlines))
        return 0
    }

    private static func feet(_ p: ParsedArguments, _ option: String) throws -> Double? {
        guard let text = p.value(option) else { return nil }
        guard let value = Double(text), value.isFinite else {
            throw FlightQueryError.invalidValue(option: option, value: text, expected: "a number of feet")
        }
        return value
    }
}

extension FlightQueryError: UserFacingError {
    var suggestion: String? { hint }
    var exitStatus: Int32 {
        if case .noData = self { return 1 }
        return 2
    }
}
