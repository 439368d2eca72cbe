// The JSON answer of `flights query`: `{flights: [...], total, limit, offset, has_more,
// next_offset}`, each flight with its identifying, positional, derived and quality fields.

import LakeFormats

extension FlightQuery.Page {
    public func json() -> String {
        var w = JSONWriter(style: .pretty)
        w.beginObject()
        w.key("flights")
        w.beginArray()
        for f in flights { Self.write(f, &w) }
        w.endArray()
        w.key("total"); w.int(total)
        w.key("limit"); w.int(limit)
        w.key("offset"); w.int(offset)
        w.key("has_more"); w.bool(hasMore)
        w.key("next_offset")
        if let nextOffset { w.int(nextOffset) } else { w.null() }
        w.endObject()
        return w.text
    }

    static func write(_ f: FlightObservation, _ w: inout JSONWriter) {
        func optional(_ key: String, _ value: String?) { w.key(key); if let value { w.string(value) } else { w.null() } }
        func optional(_ key: String, _ value: Double?) { w.key(key); if let value { w.double(value) } else { w.null() } }
        w.beginObject()
        w.key("icao24"); w.string(f.icao24)
        optional("callsign", f.callsign)
        optional("origin_country", f.originCountry)
        w.key("snapshot_time"); w.string(UTCTime(unixSeconds: f.snapshotTime).iso8601)
        optional("time_position", f.timePosition.map { UTCTime(unixSeconds: $0).iso8601 })
        w.key("last_contact"); w.string(UTCTime(unixSeconds: f.lastContact).iso8601)
        w.key("latitude"); w.double(f.latitude)
        w.key("longitude"); w.double(f.longitude)
        optional("baro_altitude_ft", f.altitudeFeet)
        optional("velocity_kt", f.velocityKnots)
        optional("vertical_rate_fpm", f.verticalRateFPM)
        optional("true_track", f.trueTrack)
        w.key("on_ground"); w.bool(f.onGround)
        optional("squawk", f.squawk)
        w.key("flight_phase"); w.string(f.phase.rawValue)
        optional("altitude_band", f.altitudeBand?.rawValue)
        optional("speed_band", f.speedBand?.rawValue)
        optional("airline_icao", f.airline?.icao)
        optional("airline_name", f.airline?.name)
        optional("registration", f.aircraft?.registration)
        optional("typecode", f.aircraft?.typecode)
        w.key("quality_score"); w.double(f.qualityScore)
        w.key("quality_grade"); w.string(f.qualityGrade)
        w.endObject()
    }
}
