// `lakemake gen flights`: OpenSky-style snapshots for a day, written into raw/flights/ of the
// lake from the lake's own reference tables (flights.md §11).

import Arguments
import Foundation
import Pipelines

enum GenFlightsCommand: LakemakeCommand {
    /// The options of `lakemake gen flights`.
    enum Options {
        static let date: Option<String> = .value(
            "date", valueName: "D", defaultValue: "2025-09-18", help: "The UTC day to generate (YYYY-MM-DD).") { text throws(ValidationError) in
            guard UTCTime.startOfDay(text) != nil else { throw ValidationError("--date \(text) is not a calendar date", hint: "use YYYY-MM-DD") }
            return text
        }
        static let hours: Option<Int> = .integer(
            "hours", valueName: "N", defaultValue: 24, in: 1...24, help: "Hours to generate from 00:00 UTC (1–24).")
        static let aircraft: Option<Int> = .integer(
            "aircraft", valueName: "N", defaultValue: 300, in: 1...100_000, help: "Aircraft in every snapshot.")
        static let interval: Option<Int> = .integer(
            "interval", valueName: "SECONDS", defaultValue: 300, in: 10...3600, help: "Seconds between snapshots (10–3600).")
        static let seed: Option<Int> = .integer("seed", valueName: "N", defaultValue: 7, in: 0...Int.max, help: "Random seed.")
        static let badRows: Option<Double> = .value(
            "bad-rows", valueName: "FRACTION", defaultValue: "0.02", help: "Share of rows with an injected fault (0–1).") { text throws(ValidationError) in
            guard let bad = Double(text), (0...1).contains(bad) else {
                throw ValidationError("--bad-rows \(text) is not a fraction between 0 and 1")
            }
            return bad
        }
    }

    static let spec = CommandSpec(
        name: "flights",
        abstract: "Write generated OpenSky snapshots into raw/flights/.",
        discussion: "Aircraft fly great-circle legs between the large and medium airports of reference/airports.csv, with callsigns of reference/airlines.csv airlines and the fleet of reference/aircraft.csv. --bad-rows injects faults (null island, out-of-range values, bad icao24, stale and future contacts, missing positions, duplicates). Files of the same name are overwritten; the same arguments always write the same bytes.",
        options: [
            Options.date.spec, Options.hours.spec, Options.aircraft.spec, Options.interval.spec, Options.seed.spec,
            Options.badRows.spec,
        ],
        examples: [.init("lakemake gen flights --date 2025-09-18 --hours 24 --aircraft 300 --interval 300 --seed 7")])

    static func run(_ inv: Invocation) throws -> Int32 {
        let p = inv.parsed
        let date = p[Options.date]
        try inv.requireLake()
        let references = try FlightReferenceFiles(lake: inv.lake)
        let generator = try FlightGenerator(
            settings: FlightGeneratorSettings(date: date, hours: p[Options.hours], aircraft: p[Options.aircraft],
                                              interval: p[Options.interval], seed: UInt64(p[Options.seed]),
                                              badRows: p[Options.badRows]),
            airports: references.airports, airlines: references.airlines, aircraft: references.aircraft)
        let writer = RawFileWriter(lake: inv.lake)
        var bytes = 0, files = 0
        for file in generator.snapshots() {
            try writer.write(file.bytes, to: file.path, replace: true)
            bytes += file.bytes.count
            files += 1
        }
        inv.output.print("wrote \(files) snapshots (\(bytes) bytes) for \(date) into raw/flights/")
        return 0
    }
}

extension FlightsError: UserFacingError {
    var suggestion: String? { hint }
    var exitStatus: Int32 { 1 }
}
