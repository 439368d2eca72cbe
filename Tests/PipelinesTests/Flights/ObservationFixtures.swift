// Hand-built kept observations for the daily analytics tests.

@testable import Pipelines

enum ObservationFixtures {
    /// 2025-09-18T00:00:00Z
    static let dayStart: Int64 = 1_758_153_600

    static func observation(_ icao24: String, _ callsign: String?, at t: Int64, lat: Double, lon: Double,
                            feet: Double?, knots: Double? = 300, onGround: Bool = false, country: String = "Germany",
                            airline: Airline? = nil, grade: String = "A") -> FlightObservation {
        FlightObservation(
            snapshotTime: t, icao24: icao24, callsign: callsign, originCountry: country, timePosition: t, lastContact: t,
            longitude: lon, latitude: lat, baroAltitudeMetres: feet.map { $0 / UnitConversion.feetPerMetre }, geoAltitudeMetres: nil,
            onGround: onGround, velocityMetresPerSecond: knots.map { $0 / UnitConversion.knotsPerMetrePerSecond }, trueTrack: nil,
            verticalRateMetresPerSecond: 0, squawk: nil, spi: false, positionSource: 0, category: nil,
            altitudeFeet: feet, velocityKnots: knots, verticalRateFPM: 0,
            altitudeBand: AltitudeBand.classify(onGround: onGround, altitudeFeet: feet), speedBand: SpeedBand.classify(knots: knots),
            phase: FlightPhase.classify(onGround: onGround, altitudeFeet: feet, speedKnots: knots, verticalRateFPM: 0),
            airline: airline, aircraft: nil, qualityScore: 1.0, qualityGrade: grade, qualityFlags: [])
    }
}
