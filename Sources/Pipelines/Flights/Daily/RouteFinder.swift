// `metrics/flights/routes/date=….json` (flights.md §6). A track is the observations of one
// icao24 and callsign in time order, split where two observations are more than 30 minutes
// apart. Its origin is the nearest large or medium airport within 25 km of its first point when
// that point is on the ground or below 3000 ft; the destination likewise for its last point.
// A track that starts and ends at the same airport is not a route (an aircraft parked all day).
// Reads only the columns in `fields`.

import Foundation
import LakeFormats

/// One aircraft's continuous track.
public struct Track: Sendable, Equatable {
    public var icao24: ICAO24
    public var callsign: String?
    /// Row numbers in the day of its first and last observation.
    public var first: Int
    public var last: Int
    /// Observations in the track.
    public var count: Int
}

/// One origin–destination pair and how many tracks flew it.
public struct Route: Sendable, Equatable {
    public var origin: Airport
    public var destination: Airport
    public var flights: Int
}

/// Tracks and routes of one day.
public struct RouteFinder: Sendable {
    public static let gapSeconds: Int64 = 1800
    public static let endAltitudeFeet = 3000.0
    public static let airportRadiusKm = 25.0

    public let tracks: [Track]
    public let routes: [Route]
    public let tracksWithBothEnds: Int

    /// The columns the routes read.
    public static let fields: Set<HourlyField> = [
        .icao24, .callsign, .timePosition, .lastContact, .snapshotTime, .onGround, .altitudeFeet, .latitude, .longitude,
    ]

    /// The routes of hand-built observations (tests, small callers).
    public init(observations: [FlightObservation], airports: AirportTable) {
        self.init(FlightDay(observations), airports: airports)
    }

    public init(_ day: FlightDay, airports: AirportTable) {
        day.require(Self.fields)
        // Rows in (icao24, callsign, observation time, snapshot time) order, callsigns compared
        // as Strings (a missing one as ""), through their rank among the day's callsigns.
        let callsigns = day.callsign.entries
        let byText = (callsigns.indices.map { $0 } + [callsigns.count]).sorted {
            ($0 < callsigns.count ? callsigns[$0] : "") < ($1 < callsigns.count ? callsigns[$1] : "")
        }
        var rankOf = [Int](repeating: 0, count: callsigns.count + 1)
        for (position, entry) in byText.enumerated() where position > 0 {
            let previous = byText[position - 1]
            let before = previous < callsigns.count ? callsigns[previous] : "", text = entry < callsigns.count ? callsigns[entry] : ""
            rankOf[entry] = rankOf[previous] + (before < text ? 1 : 0)
        }
        func rank(_ row: Int) -> Int { rankOf[day.callsign.codes[row] < 0 ? callsigns.count : Int(day.callsign.codes[row])] }
        let ordered = (0..<day.count).sorted {
            (day.icao24[$0], rank($0), day.observationTime($0), day.snapshotTime[$0])
                < (day.icao24[$1], rank($1), day.observationTime($1), day.snapshotTime[$1])
        }
        var tracks: [Track] = []
        for row in ordered {
            if let last = tracks.last, last.icao24 == day.icao24[row], day.callsign.codes[last.last] == day.callsign.codes[row],
               day.observationTime(row) - day.observationTime(last.last) <= Self.gapSeconds {
                tracks[tracks.count - 1].last = row
                tracks[tracks.count - 1].count += 1
            } else {
                tracks.append(Track(icao24: day.icao24[row], callsign: day.callsign.value(row), first: row, last: row, count: 1))
            }
        }
        var counts: [String: Route] = [:]
        var both = 0
        for track in tracks {
            guard let origin = Self.airport(at: track.first, day, airports), let destination = Self.airport(at: track.last, day, airports) else { continue }
            both += 1
            guard origin.code != destination.code else { continue }
            let key = origin.code + "\u{0}" + destination.code
            counts[key, default: Route(origin: origin, destination: destination, flights: 0)].flights += 1
        }
        self.tracks = tracks
        tracksWithBothEnds = both
        routes = counts.values.sorted {
            ($0.flights != $1.flights) ? $0.flights > $1.flights : ($0.origin.code, $0.destination.code) < ($1.origin.code, $1.destination.code)
        }
    }

    /// The airport at an end point (row `row` of `day`), if the aircraft is low enough there to be at one.
    static func airport(at row: Int, _ day: FlightDay, _ airports: AirportTable) -> Airport? {
        let low = day.altitudeFeet.isPresent[row] && day.altitudeFeet.values[row] < endAltitudeFeet
        guard day.onGround[row] || low else { return nil }
        return airports.nearest(latitude: day.latitude[row], longitude: day.longitude[row], limitKm: airportRadiusKm)?.airport
    }

    public func encode(date: String) -> [UInt8] {
        let total = routes.reduce(0) { $0 + $1.flights }
        var w = JSONWriter(style: .pretty)
        w.beginObject()
        w.key("date"); w.string(date)
        w.key("tracks"); w.int(tracks.count)
        w.key("tracks_with_both_ends"); w.int(tracksWithBothEnds)
        w.key("routed_flights"); w.int(total)
        w.key("routes")
        w.beginArray()
        for r in routes {
            w.beginObject()
            w.key("origin"); w.string(r.origin.code)
            w.key("destination"); w.string(r.destination.code)
            w.key("origin_name"); w.string(r.origin.name)
            w.key("destination_name"); w.string(r.destination.name)
            w.key("flights"); w.int(r.flights)
            w.key("percentage"); w.double(total == 0 ? 0 : (Double(r.flights) * 10_000 / Double(total)).rounded() / 100)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.bytes
    }
}
