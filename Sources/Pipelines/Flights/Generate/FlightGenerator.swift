// `lakemake gen flights` (flights.md §11): snapshots in the served OpenSky layout, one every
// `interval` seconds, of a fleet flying great-circle legs between the reference airports with
// climb, cruise and descent profiles and callsigns of the reference airlines. A fraction of rows
// carry injected faults (null island, out-of-range values, a bad icao24, stale and future
// contacts, a missing position, duplicates) so every validation rule is exercised. The output
// depends only on the arguments and the reference tables: same seed, same bytes.

import LakeFormats

/// The settings of one generated sample.
public struct FlightGeneratorSettings: Sendable {
    public var date: String
    public var hours: Int
    public var aircraft: Int
    public var interval: Int
    public var seed: UInt64
    public var badRows: Double

    public init(date: String, hours: Int = 24, aircraft: Int = 300, interval: Int = 300, seed: UInt64 = 7, badRows: Double = 0.02) {
        self.date = date
        self.hours = hours
        self.aircraft = aircraft
        self.interval = interval
        self.seed = seed
        self.badRows = badRows
    }
}

/// Generates snapshot files.
public struct FlightGenerator {
    public let settings: FlightGeneratorSettings
    private let dayStart: Int64
    private var fleet: [(icao24: String, airline: Airline, schedule: FlightSchedule)] = []

    /// Plans the fleet's day. Airports are the table's large and medium airports; aircraft
    /// come from the aircraft table first (so the hourly Parquet can enrich them), then
    /// synthetic addresses.
    public init(settings: FlightGeneratorSettings, airports: AirportTable, airlines: AirlineTable, aircraft: AircraftTable) throws(FlightsError) {
        self.settings = settings
        guard let start = UTCTime.startOfDay(settings.date) else {
            throw .invalidParameter(name: "date", value: settings.date, expected: "a date YYYY-MM-DD")
        }
        guard airports.airports.count >= 2, !airlines.airlines.isEmpty else {
            throw .unreadableReference(path: "reference/airports.csv", reason: "the generator needs at least two large or medium airports and one airline")
        }
        dayStart = start
        var random = SplitMix64(seed: settings.seed)
        let hubs = airports.airports
        let end = start + Int64(settings.hours) * 3600
        for index in 0..<settings.aircraft {
            let icao24: String
            var airline = airlines.airlines[random.int(airlines.airlines.count)]
            if index < aircraft.icao24s.count {
                icao24 = aircraft.icao24s[index]
                if let code = aircraft[icao24]?.operatorICAO, let known = airlines[code] { airline = known }
            } else {
                icao24 = Self.hex(0x500000 + index)
            }
            let home = hubs[random.int(hubs.count)]
            let schedule = FlightSchedule(home: home, airline: airline, airports: hubs, start: start - 4 * 3600, end: end, random: &random)
            fleet.append((icao24, airline, schedule))
        }
    }

    /// Every snapshot as (lake-relative path, bytes), in time order.
    public func snapshots() -> [(path: String, bytes: [UInt8])] {
        var files: [(path: String, bytes: [UInt8])] = []
        let count = settings.hours * 3600 / max(settings.interval, 1)
        for k in 0..<count {
            let t = dayStart + Int64(k * settings.interval) + 3
            let time = UTCTime(unixSeconds: t)
            let path = "raw/flights/date=\(time.date)/hour=\(time.hourText)/flight_data_\(time.compact).json"
            files.append((path, snapshot(at: t, index: k)))
        }
        return files
    }

    /// One snapshot: `{"time": t, "states": [[17 values], …]}`.
    func snapshot(at t: Int64, index: Int) -> [UInt8] {
        var random = SplitMix64(seed: settings.seed &* 1_000_003 &+ UInt64(index))
        var w = JSONWriter(style: .compact)
        w.beginObject()
        w.key("time"); w.int(t)
        w.key("states")
        w.beginArray()
        for aircraft in fleet {
            let jitter = random.double(-1...1)
            let p = aircraft.schedule.state(at: t, jitter: jitter)
            var row = GeneratedRow(icao24: aircraft.icao24, position: p, country: aircraft.airline.country ?? "Unknown",
                                   time: t, age: Int64(random.int(12)), squawk: Self.squawk(aircraft.icao24))
            var copies = 1
            if random.unit() < settings.badRows {
                copies = row.injectFault(random.int(GeneratedRow.faultKinds), time: t)
            }
            for _ in 0..<copies { row.write(to: &w) }
        }
        w.endArray()
        w.endObject()
        return w.bytes
    }

    static func hex(_ value: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// A stable four-digit octal transponder code per aircraft.
    static func squawk(_ icao24: String) -> String {
        var h: UInt32 = 2166136261
        for b in icao24.utf8 { h = (h ^ UInt32(b)) &* 16777619 }
        return (0..<4).map { String((h >> (3 * UInt32($0))) & 7) }.joined()
    }
}
