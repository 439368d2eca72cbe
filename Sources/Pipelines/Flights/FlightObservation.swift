// A kept row of the hourly Parquet (flights.md §3): the state as served, its converted and
// derived columns, enrichment from the reference tables, and its quality. This is the row form,
// with a String per text field: what `flights query` prints and what tests build by hand. The
// hourly action never makes one: it judges each `StateRow` in place (`StateRow.judge`) and
// appends the result to `HourlyColumns`.

/// One kept observation of one aircraft.
public struct FlightObservation: Sendable, Equatable {
    /// Unix seconds of the snapshot that carried the row.
    public var snapshotTime: Int64
    public var icao24: String
    public var callsign: String?
    public var originCountry: String?
    public var timePosition: Int64?
    public var lastContact: Int64
    public var longitude: Double
    public var latitude: Double
    public var baroAltitudeMetres: Double?
    public var geoAltitudeMetres: Double?
    public var onGround: Bool
    public var velocityMetresPerSecond: Double?
    public var trueTrack: Double?
    public var verticalRateMetresPerSecond: Double?
    public var squawk: String?
    public var spi: Bool
    public var positionSource: Int32?
    public var category: Int32?
    public var altitudeFeet: Double?
    public var velocityKnots: Double?
    public var verticalRateFPM: Double?
    public var altitudeBand: AltitudeBand?
    public var speedBand: SpeedBand?
    public var phase: FlightPhase
    public var airline: Airline?
    public var aircraft: AircraftRecord?
    public var qualityScore: Double
    public var qualityGrade: String
    public var qualityFlags: [QualityFlag]

    /// The time the row describes: position time, or last contact without one.
    public var observationTime: Int64 { timePosition ?? lastContact }
}

/// The outcome of judging one row.
public enum RowJudgement: Sendable {
    case kept(FlightObservation)
    /// Every problem found, each with its reason code, field and value.
    case rejected([RowProblem])
}

/// The reference tables the hourly action enriches rows with.
public struct FlightReferences: Sendable {
    public var airlines: AirlineTable
    public var aircraft: AircraftTable

    public init(airlines: AirlineTable, aircraft: AircraftTable) {
        self.airlines = airlines
        self.aircraft = aircraft
    }

    public static let empty = FlightReferences(airlines: AirlineTable(airlines: []), aircraft: AircraftTable(records: [:]))
}

/// What judging a row found when the row is kept: its derived values, and where its text is.
struct KeptRow {
    var icao24: ICAO24
    var latitude: Double
    var longitude: Double
    var lastContact: Int64
    var measurements: ConvertedMeasurements
    var score: Double
    var phase: FlightPhase
    var altitudeBand: AltitudeBand?
    var speedBand: SpeedBand?
    /// The callsign trimmed and upper-cased, in the row's `text`; nil when null or blank.
    var callsign: Range<Int>?
    /// The airline's number in `FlightReferences.airlines`.
    var airline: Int?
    /// The aircraft's number in `FlightReferences.aircraft`.
    var aircraft: Int?
}

extension StateRow {
    /// The outcome of judging a row.
    enum Judgement {
        case kept(KeptRow)
        /// Every problem found, each with its reason code, field and value.
        case rejected([RowProblem])
    }

    /// Validates, converts, scores, classifies and enriches the row (flights.md §2–§3). Adds
    /// the normalised callsign to `text`.
    mutating func judge(snapshotTime: Int64, references: FlightReferences) -> Judgement {
        let icao = icao24.flatMap { ICAO24(normalizing: text[$0]) }
        let problems = RowValidation.problems(self, icao24: icao, snapshotTime: snapshotTime)
        guard problems.isEmpty, let icao, let latitude, let longitude, let lastContact else {
            return .rejected(problems.isEmpty ? [RowProblem(.badShape)] : problems)
        }
        let callsign = normalizedCallsign()
        let m = ConvertedMeasurements(self, hasCallsign: callsign != nil)
        let score = QualityScore(self, measurements: m, hasCallsign: callsign != nil, snapshotTime: snapshotTime)
        return .kept(KeptRow(
            icao24: icao, latitude: latitude, longitude: longitude, lastContact: lastContact, measurements: m,
            score: score.value,
            // The converted values: as received, with an invalid one already unknown (nil).
            phase: FlightPhase.classify(onGround: onGround, altitudeFeet: m.altitudeFeet,
                                        speedKnots: m.velocityKnots, verticalRateFPM: m.verticalRateFPM),
            altitudeBand: AltitudeBand.classify(onGround: onGround, altitudeFeet: m.altitudeFeet),
            speedBand: SpeedBand.classify(knots: m.velocityKnots),
            callsign: callsign,
            airline: callsign.flatMap { references.airlines.index(forCallsign: text[$0]) },
            aircraft: references.aircraft.index(of: icao)))
    }

    /// Appends the callsign without the ASCII spaces and tabs around it, ASCII letters
    /// upper-cased, to `text`; its range, or nil when the callsign is null or blank.
    private mutating func normalizedCallsign() -> Range<Int>? {
        guard let raw = callsign else { return nil }
        var start = raw.lowerBound, end = raw.upperBound
        while start < end, text[start] == 0x20 || text[start] == 0x09 { start += 1 }
        while end > start, text[end - 1] == 0x20 || text[end - 1] == 0x09 { end -= 1 }
        guard start < end else { return nil }
        let first = text.count
        for i in start..<end {
            let byte = text[i]
            text.append(byte &- 97 < 26 ? byte - 32 : byte)  // a…z → A…Z
        }
        return first..<text.count
    }
}

extension RowJudgement {
    /// Validates, converts, scores, classifies and enriches one row (flights.md §2–§3).
    public static func judge(_ state: StateVector, snapshotTime: Int64, references: FlightReferences) -> RowJudgement {
        var row = StateRow(state)
        switch row.judge(snapshotTime: snapshotTime, references: references) {
        case .rejected(let problems):
            return .rejected(problems)
        case .kept(let k):
            let m = k.measurements
            return .kept(FlightObservation(
                snapshotTime: snapshotTime, icao24: k.icao24.text, callsign: row.string(k.callsign),
                originCountry: state.originCountry, timePosition: state.timePosition, lastContact: k.lastContact,
                longitude: k.longitude, latitude: k.latitude, baroAltitudeMetres: m.baroAltitudeMetres,
                geoAltitudeMetres: state.geoAltitude, onGround: state.onGround,
                velocityMetresPerSecond: m.velocityMetresPerSecond, trueTrack: state.trueTrack,
                verticalRateMetresPerSecond: m.verticalRateMetresPerSecond, squawk: state.squawk, spi: state.spi,
                positionSource: state.positionSource, category: state.category,
                altitudeFeet: m.altitudeFeet, velocityKnots: m.velocityKnots, verticalRateFPM: m.verticalRateFPM,
                altitudeBand: k.altitudeBand, speedBand: k.speedBand, phase: k.phase,
                airline: k.airline.map { references.airlines.airlines[$0] },
                aircraft: k.aircraft.map { references.aircraft.record(at: $0) },
                qualityScore: k.score, qualityGrade: QualityScore.grade(k.score), qualityFlags: m.flags.list))
        }
    }
}
