// `metrics/flights/routes/date=….json` (flights.md §6). A track is the observations of one
// icao24 and callsign in time order, split where two observations are more than 30 minutes
// apart. Its origin is the nearest large or medium airport within 25 km of its first point when
// that point is on the ground or below 3000 ft; the destination likewise for its last point.
// A track that starts and ends at the same airport is not a route (an aircraft parked all day).

import Foundation
import LakeFormats

/// One aircraft's continuous track.
public struct Track: Sendable, Equatable {
    public var icao24: String
    public var callsign: String?
    public var points: [FlightObservation]
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

    public init(observations: [FlightObservation], airports: AirportTable) {
        let ordered = observations.sorted {
            ($0.icao24, $0.callsign ?? "", $0.observationTime, $0.snapshotTime) < ($1.icao24, $1.callsign ?? "", $1.observationTime, $1.snapshotTime)
        }
        var tracks: [Track] = []
        for o in ordered {
            if var last = tracks.last, last.icao24 == o.icao24, last.callsign == o.callsign,
               let previous = last.points.last, o.observationTime - previous.observationTime <= Self.gapSeconds {
                last.points.append(o)
                tracks[tracks.count - 1] = last
            } else {
                tracks.append(Track(icao24: o.icao24, callsign: o.callsign, points: [o]))
            }
        }
        var counts: [String: Route] = [:]
        var both = 0
        for track in tracks {
            guard let first = track.points.first, let last = track.points.last,
                  let origin = Self.airport(at: first, airports), let destination = Self.airport(at: last, airports) else { continue }
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

    /// The airport at an end point, if the aircraft is low enough there to be at one.
    static func airport(at point: FlightObservation, _ airports: AirportTable) -> Airport? {
        guard point.onGround || (point.altitudeFeet.map { $0 < endAltitudeFeet } ?? false) else { return nil }
        return airports.nearest(latitude: point.latitude, longitude: point.longitude, limitKm: airportRadiusKm)?.airport
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
