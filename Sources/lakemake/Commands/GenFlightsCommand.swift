// `lakemake gen flights`: OpenSky-style snapshots for a day, written into raw/flights/ of the
// lake from the lake's own reference tables (flights.md §11).

import Arguments
import Foundation
import Pipelines

enum GenFlightsCommand: LakemakeCommand {
    static let spec = CommandSpec(
        name: "flights",
        abstract: "Write generated OpenSky snapshots into raw/flights/.",
        discussion: "Aircraft fly great-circle legs between the large and medium airports of reference/airports.csv, with callsigns of reference/airlines.csv airlines and the fleet of reference/aircraft.csv. --bad-rows injects faults (null island, out-of-range values, bad icao24, stale and future contacts, missing positions, duplicates). Files of the same name are overwritten; the same arguments always write the same bytes.",
        options: [
            .value("date", valueName: "D", defaultValue: "2025-09-18", help: "The UTC day to generate (YYYY-MM-DD)."),
            .value("hours", valueName: "N", defaultValue: "24", help: "Hours to generate from 00:00 UTC (1–24)."),
            .value("aircraft", valueName: "N", defaultValue: "300", help: "Aircraft in every snapshot."),
            .value("interval", valueName: "SECONDS", defaultValue: "300", help: "Seconds between snapshots (10–3600)."),
            .value("seed", valueName: "N", defaultValue: "7", help: "Random seed."),
            .value("bad-rows", valueName: "FRACTION", defaultValue: "0.02", help: "Share of rows with an injected fault (0–1)."),
        ],
        examples: [.init("lakemake gen flights --date 2025-09-18 --hours 24 --aircraft 300 --interval 300 --seed 7")])

    static func run(_ inv: Invocation) throws -> Int32 {
        let p = inv.parsed
        let date = p.value("date") ?? "2025-09-18"
        guard UTCTime.startOfDay(date) != nil else {
            throw CommandError.invalid("--date \(date) is not a calendar date", hint: "use YYYY-MM-DD")
        }
        let hours = try p.int("hours", in: 1...24) ?? 24
        let aircraft = try p.int("aircraft", in: 1...100_000) ?? 300
        let interval = try p.int("interval", in: 10...3600) ?? 300
        let seed = try p.int("seed", in: 0...Int.max) ?? 7
        let badText = p.value("bad-rows") ?? "0.02"
        guard let bad = Double(badText), (0...1).contains(bad) else {
            throw CommandError.invalid("--bad-rows \(badText) is not a fraction between 0 and 1", hint: nil)
        }
        try inv.requireLake()
        let references = try FlightReferenceFiles(lake: inv.lake)
        let generator = try FlightGenerator(
            settings: FlightGeneratorSettings(date: date, hours: hours, aircraft: aircraft, interval: interval,
                                              seed: UInt64(seed), badRows: bad),
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
