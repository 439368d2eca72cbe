// The generator's model of one aircraft's day: alternating ground time and flights between
// airports. A flight taxis out, climbs at 2000 ft/min to a cruise level that suits its
// distance, cruises at about 450 kt along the great circle, descends at 2000 ft/min and taxis
// in. `state(at:)` answers where the aircraft is at any second.

import LakeFormats
import Foundation

/// One leg between two airports.
struct FlightLeg {
    var origin: Airport
    var destination: Airport
    var callsign: String
    /// Unix seconds: leaving the stand, wheels up, wheels down, arriving at the stand.
    var offBlock: Int64
    var takeoff: Int64
    var landing: Int64
    var onBlock: Int64
    var cruiseFeet: Double
}

/// Where an aircraft is and what it is doing at one instant.
struct GeneratedPosition {
    var latitude: Double
    var longitude: Double
    var altitudeFeet: Double
    var knots: Double
    var track: Double
    var fpm: Double
    var onGround: Bool
    var callsign: String?
}

/// An aircraft's legs over the generated period.
struct FlightSchedule {
    static let taxiOut: Int64 = 8 * 60, taxiIn: Int64 = 6 * 60
    static let climbFPM = 2000.0, cruiseKnots = 450.0

    var home: Airport
    var legs: [FlightLeg]

    /// Plans legs from `start` until `end`, each to an airport 300–3000 km away.
    init(home: Airport, airline: Airline, airports: [Airport], start: Int64, end: Int64, random: inout SplitMix64) {
        self.home = home
        var legs: [FlightLeg] = []
        var at = home, clock = start + Int64(random.int(3 * 3600))
        while clock < end && legs.count < 12 {
            let candidates = airports.filter {
                let km = GreatCircle.distanceKm(at.latitude, at.longitude, $0.latitude, $0.longitude)
                return km >= 300 && km <= 3000
            }
            guard !candidates.isEmpty else { break }
            let to = candidates[random.int(candidates.count)]
            let km = GreatCircle.distanceKm(at.latitude, at.longitude, to.latitude, to.longitude)
            let airborne = Int64(km / (Self.cruiseKnots * 1.852 * 0.92) * 3600)
            let cruise = min(39_000, max(14_000, (km * 25 / 1000).rounded() * 1000))
            let number = 1 + random.int(2999)
            let leg = FlightLeg(
                origin: at, destination: to, callsign: airline.icao + String(number),
                offBlock: clock, takeoff: clock + Self.taxiOut, landing: clock + Self.taxiOut + airborne,
                onBlock: clock + Self.taxiOut + airborne + Self.taxiIn,
                cruiseFeet: min(cruise, Double(airborne) / 60 / 2 * Self.climbFPM * 0.9))
            legs.append(leg)
            at = to
            clock = leg.onBlock + 2700 + Int64(random.int(5400))
        }
        self.legs = legs
    }

    func state(at t: Int64, jitter: Double) -> GeneratedPosition {
        var parked = home
        for leg in legs {
            if t < leg.offBlock { break }
            parked = leg.destination
            if t >= leg.onBlock { continue }
            if t < leg.takeoff { return ground(leg.origin, knots: 12, callsign: leg.callsign, jitter: jitter) }
            if t >= leg.landing { return ground(leg.destination, knots: 14, callsign: leg.callsign, jitter: jitter) }
            return airborne(leg, at: t)
        }
        return ground(parked, knots: 0, callsign: nil, jitter: jitter)
    }

    private func ground(_ airport: Airport, knots: Double, callsign: String?, jitter: Double) -> GeneratedPosition {
        GeneratedPosition(latitude: airport.latitude + jitter * 0.01, longitude: airport.longitude - jitter * 0.01,
                          altitudeFeet: 0, knots: knots, track: 90 + jitter * 180, fpm: 0, onGround: true, callsign: callsign)
    }

    private func airborne(_ leg: FlightLeg, at t: Int64) -> GeneratedPosition {
        let total = Double(leg.landing - leg.takeoff), elapsed = Double(t - leg.takeoff)
        let climbed = elapsed / 60 * Self.climbFPM, remaining = (total - elapsed) / 60 * Self.climbFPM
        let altitude = min(leg.cruiseFeet, climbed, remaining)
        let fpm = altitude == climbed && climbed < leg.cruiseFeet ? Self.climbFPM
            : altitude == remaining && remaining < leg.cruiseFeet ? -Self.climbFPM : 0
        let knots = 160 + (Self.cruiseKnots - 160) * min(1, altitude / 10_000)
        let p = GreatCircle.interpolate(leg.origin.latitude, leg.origin.longitude, leg.destination.latitude,
                                        leg.destination.longitude, fraction: elapsed / total)
        let track = GreatCircle.bearing(p.lat, p.lon, leg.destination.latitude, leg.destination.longitude)
        return GeneratedPosition(latitude: p.lat, longitude: p.lon, altitudeFeet: altitude, knots: knots, track: track,
                                 fpm: fpm, onGround: false, callsign: leg.callsign)
    }
}
