// One generated state row in the served layout, and the faults the generator can inject into
// it. Values are rounded the way OpenSky serves them (4 decimals of a degree, 2 of a metre).

import LakeFormats

/// A row about to be written into a generated snapshot.
struct GeneratedRow {
    var icao24: String
    var callsign: String?
    var country: String
    var timePosition: Int64?
    var lastContact: Int64
    var latitude: Double?
    var longitude: Double?
    var baroMetres: Double?
    var onGround: Bool
    var velocity: Double?
    var track: Double
    var verticalRate: Double?
    var geoMetres: Double?
    var squawk: String

    init(icao24: String, position p: GeneratedPosition, country: String, time: Int64, age: Int64, squawk: String) {
        self.icao24 = icao24
        callsign = p.callsign.map { $0 + String(repeating: " ", count: max(0, 8 - $0.count)) }
        self.country = country
        lastContact = time - age
        timePosition = time - age - (p.onGround ? 2 : 0)
        latitude = p.latitude
        longitude = p.longitude
        baroMetres = p.onGround ? nil : p.altitudeFeet / UnitConversion.feetPerMetre
        onGround = p.onGround
        velocity = p.knots / UnitConversion.knotsPerMetrePerSecond
        track = p.track
        verticalRate = p.fpm / UnitConversion.feetPerMinutePerMetrePerSecond
        geoMetres = p.onGround ? nil : (p.altitudeFeet + 150) / UnitConversion.feetPerMetre
        self.squawk = squawk
    }

    static let faultKinds = 8

    /// Applies fault `kind`; returns how many copies of the row to write (2 for a duplicate).
    mutating func injectFault(_ kind: Int, time: Int64) -> Int {
        switch kind {
        case 0: latitude = 0; longitude = 0                       // null_island
        case 1: baroMetres = 25_000                                // invalid_altitude (82 021 ft)
        case 2: velocity = 600                                     // invalid_velocity (1166 kt)
        case 3: icao24 = "zz" + icao24.dropFirst(2)                // invalid_icao24
        case 4: lastContact = time - 3600; timePosition = lastContact  // stale
        case 5: lastContact = time + 900                           // future_contact
        case 6: latitude = nil                                     // missing_position
        default: return 2                                          // duplicate
        }
        return 1
    }

    func write(to w: inout JSONWriter) {
        w.beginArray()
        w.string(icao24)
        if let callsign { w.string(callsign) } else { w.null() }
        w.string(country)
        if let timePosition { w.int(timePosition) } else { w.null() }
        w.int(lastContact)
        Self.number(longitude, 4, &w)
        Self.number(latitude, 4, &w)
        Self.number(baroMetres, 2, &w)
        w.bool(onGround)
        Self.number(velocity, 2, &w)
        Self.number(track, 2, &w)
        Self.number(verticalRate, 2, &w)
        w.null()
        Self.number(geoMetres, 2, &w)
        w.string(squawk)
        w.bool(false)
        w.int(0)
        w.endArray()
    }

    private static func number(_ value: Double?, _ decimals: Int, _ w: inout JSONWriter) {
        guard let value else { return w.null() }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        w.double((value * scale).rounded() / scale)
    }
}
