// `lakemake flights query` (flights.md §9): the bounding-box API of the serverless design,
// answered from processed/flights/date=…/hour=…/data.parquet. Always prints JSON.

import Arguments
import Foundation
import Parquet
import Pipelines

enum FlightsQueryCommand: LakemakeCommand {
    /// The options of `lakemake flights query`.
    enum Options {
        static let bbox: Option<BoundingBox?> = .value(
            "bbox", valueName: "LAMIN,LOMIN,LAMAX,LOMAX", help: "Bounding box in degrees (south, west, north, east).") { text throws(ValidationError) in
            do throws(FlightQueryError) { return try BoundingBox(parsing: text) } catch { throw ValidationError(error) }
        }
        static let date: Option<String?> = .value(
            "date", valueName: "D", help: "The day (YYYY-MM-DD); default: the latest day that has rows.") { text throws(ValidationError) in
            guard UTCTime.startOfDay(text) != nil else {
                throw ValidationError(FlightQueryError.invalidValue(option: "date", value: text, expected: "a date YYYY-MM-DD"))
            }
            return text
        }
        static let hour: Option<Int?> = .integer("hour", valueName: "H", in: 0...23, help: "Only this UTC hour (0–23).")
        static let icao24: Option<String?> = .value("icao24", valueName: "X", help: "Only this aircraft (6 hex digits).")
        static let callsign: Option<String?> = .value("callsign", valueName: "C", help: "Only this callsign.")
        static let minAltitude: Option<Double?> = feet("min-alt-ft", help: "Minimum barometric altitude in feet.")
        static let maxAltitude: Option<Double?> = feet("max-alt-ft", help: "Maximum barometric altitude in feet.")
        static let onGround: Option<String?> = .value(
            "on-ground", valueName: "BOOL", choices: ["true", "false"], help: "Only aircraft on the ground, or only airborne ones.")
        static let sort: Option<(key: FlightQuery.SortKey, descending: Bool)> = .value(
            "sort", valueName: "KEY", defaultValue: "time",
            help: "time, altitude, velocity, callsign, icao24 or quality; prefix '-' for descending (--sort=-altitude).") { text throws(ValidationError) in
            var query = FlightQuery()
            do throws(FlightQueryError) { try query.setSort(text) } catch { throw ValidationError(error) }
            return (query.sort, query.descending)
        }
        static let limit: Option<Int> = .integer("limit", valueName: "N", defaultValue: 100, in: 1...1000, help: "Flights per page (1–1000).")
        static let offset: Option<Int> = .integer(
            "offset", valueName: "N", defaultValue: 0, in: 0...Int.max, help: "Flights to skip (from next_offset).")
        static let json: Option<Bool> = .flag("json", help: "Print JSON (the only format; accepted for symmetry with other commands).")

        /// A number of feet.
        private static func feet(_ long: String, help: String) -> Option<Double?> {
            .value(long, valueName: "FT", help: help) { text throws(ValidationError) in
                guard let value = Double(text), value.isFinite else {
                    throw ValidationError(FlightQueryError.invalidValue(option: long, value: text, expected: "a number of feet"))
                }
                return value
            }
        }
    }

    static let spec = CommandSpec(
        name: "query",
        abstract: "Observations inside a box, filtered, sorted and paginated, as JSON.",
        discussion: "Reads the hourly Parquet of one day (the latest by default) and skips row groups whose latitude and longitude statistics cannot match the box. Output: {flights, total, limit, offset, has_more, next_offset}.",
        options: [
            Options.bbox.spec, Options.date.spec, Options.hour.spec, Options.icao24.spec, Options.callsign.spec,
            Options.minAltitude.spec, Options.maxAltitude.spec, Options.onGround.spec, Options.sort.spec,
            Options.limit.spec, Options.offset.spec, Options.json.spec,
        ],
        examples: [.init("lakemake flights query --bbox 45,5,50,10 --min-alt-ft 30000 --sort=-altitude --limit 20")])

    static func run(_ inv: Invocation) throws -> Int32 {
        let p = inv.parsed
        var query = FlightQuery()
        query.limit = p[Options.limit]
        query.offset = p[Options.offset]
        query.box = p[Options.bbox]
        (query.sort, query.descending) = p[Options.sort]
        query.icao24 = p[Options.icao24]
        query.callsign = p[Options.callsign]
        query.minAltitudeFeet = p[Options.minAltitude]
        query.maxAltitudeFeet = p[Options.maxAltitude]
        query.onGround = p[Options.onGround].map { $0 == "true" }
        try inv.requireLake()
        let files = try FlightQuery.hourlyFiles(lake: inv.lake, date: p[Options.date], hour: p[Options.hour])
        let page = try query.run(try files.map { ($0, try ParquetFileReader(path: inv.lake + "/" + $0)) })
        inv.output.print(page.json().trimmingCharacters(in: .newlines))
        return 0
    }
}

extension FlightQueryError: UserFacingError {
    var suggestion: String? { hint }
    var exitStatus: Int32 {
        if case .noData = self { return 1 }
        return 2
    }
}
