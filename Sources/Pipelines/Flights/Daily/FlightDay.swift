// A day of kept observations for the daily actions (flights.md §4–§6, §8), column by column,
// and only the columns an action uses: each action declares its `fields`, and the day's hourly
// files are read for those alone (Parquet projection), row group by row group. Text columns
// hold each distinct value once for the whole day (a number per row), the icao24 its 24-bit
// number: a day of 2.9 million rows costs a few bytes a row per column, not a struct of
// Strings per row.
//
// Rows keep file order (hours in order, rows in file order), so sums and first-seen names come
// out as they did row by row. Reading a column that was not loaded is a programming error.

import Parquet

/// Some columns of a day's kept observations.
public struct FlightDay {
    /// The columns loaded.
    public let fields: Set<HourlyField>
    public private(set) var count = 0
    /// Unix seconds.
    private(set) var snapshotTime: [Int64] = []
    private(set) var icao24: [ICAO24] = []
    private(set) var callsign = TextColumn()
    private(set) var originCountry = TextColumn()
    /// Unix seconds.
    private(set) var timePosition = OptionalColumn<Int64>(placeholder: 0)
    private(set) var lastContact: [Int64] = []
    private(set) var latitude: [Double] = []
    private(set) var longitude: [Double] = []
    private(set) var onGround: [Bool] = []
    private(set) var altitudeFeet = OptionalColumn<Double>(placeholder: 0)
    private(set) var velocityKnots = OptionalColumn<Double>(placeholder: 0)
    /// `ColumnCode`s of `AltitudeBand`, `SpeedBand`, `FlightPhase`.
    private(set) var altitudeBand: [UInt8] = []
    private(set) var speedBand: [UInt8] = []
    private(set) var phase: [UInt8] = []
    private(set) var airlineICAO = TextColumn()
    private(set) var airlineName = TextColumn()
    private(set) var qualityScore: [Double] = []
    private(set) var qualityGrade = TextColumn()

    /// The columns a day can hold.
    public static let supported: Set<HourlyField> = [
        .snapshotTime, .icao24, .callsign, .originCountry, .timePosition, .lastContact, .latitude, .longitude, .onGround,
        .altitudeFeet, .velocityKnots, .altitudeBand, .speedBand, .phase, .airlineICAO, .airlineName, .qualityScore, .qualityGrade,
    ]

    /// Numbers of the day's distinct texts, per text column.
    private var textNumbers: [HourlyField: [String: Int32]] = [:]

    /// An empty day that will hold `fields`.
    public init(fields: Set<HourlyField>) {
        precondition(fields.isSubset(of: Self.supported), "a day holds only \(Self.supported.map(\.name))")
        self.fields = fields
    }

    /// Checks that the day holds every column of `needed` (an action's declared fields).
    func require(_ needed: Set<HourlyField>) {
        precondition(needed.isSubset(of: fields), "columns \(needed.subtracting(fields).map(\.name)) were not read")
    }

    /// The time the row describes: its position time, or its last contact without one.
    func observationTime(_ row: Int) -> Int64 {
        timePosition.isPresent[row] ? timePosition.values[row] : lastContact[row]
    }

    /// Appends every row group of an hourly file, reading only this day's columns.
    mutating func append(_ reader: ParquetFileReader, path: String) throws(FlightsError) {
        try HourlyRowGroup.checkSchema(reader, path: path)
        let fields = HourlyField.allCases.filter(self.fields.contains)
        for group in reader.rowGroups.indices {
            try append(HourlyRowGroup(reader, path: path, group: group, fields: fields))
        }
    }

    private mutating func append(_ g: HourlyRowGroup) throws(FlightsError) {
        for field in HourlyField.allCases where fields.contains(field) {
            switch field {
            case .snapshotTime: snapshotTime += try g.int64s(field).map { $0 / 1000 }
            case .icao24: icao24 += try g.addresses()
            case .callsign: try append(g.texts(field), to: \.callsign, field)
            case .originCountry: try append(g.texts(field), to: \.originCountry, field)
            case .timePosition:
                let column = try g.optionalInt64s(field)
                timePosition.values += column.values.map { $0 / 1000 }
                timePosition.isPresent += column.isPresent
            case .lastContact: lastContact += try g.int64s(field).map { $0 / 1000 }
            case .latitude: latitude += try g.doubles(field)
            case .longitude: longitude += try g.doubles(field)
            case .onGround: onGround += try g.booleans(field)
            case .altitudeFeet: Self.append(try g.optionalDoubles(field), to: &altitudeFeet)
            case .velocityKnots: Self.append(try g.optionalDoubles(field), to: &velocityKnots)
            case .altitudeBand: altitudeBand += try g.codes(field, as: AltitudeBand.self, required: false)
            case .speedBand: speedBand += try g.codes(field, as: SpeedBand.self, required: false)
            case .phase: phase += try g.codes(field, as: FlightPhase.self, required: true)
            case .airlineICAO: try append(g.texts(field), to: \.airlineICAO, field)
            case .airlineName: try append(g.texts(field), to: \.airlineName, field)
            case .qualityScore: qualityScore += try g.doubles(field)
            case .qualityGrade: try append(g.requiredTexts(field), to: \.qualityGrade, field)
            default: preconditionFailure("a day holds no \(field.name)")
            }
        }
        count += g.count
    }

    private static func append<T>(_ column: OptionalColumn<T>, to day: inout OptionalColumn<T>) {
        day.values += column.values
        day.isPresent += column.isPresent
    }

    /// Appends a row group's text column, numbering its distinct values in the day's.
    private mutating func append(_ column: TextColumn, to keyPath: WritableKeyPath<FlightDay, TextColumn>, _ field: HourlyField) {
        var numbers = textNumbers[field] ?? [:]
        var day = self[keyPath: keyPath]
        self[keyPath: keyPath] = TextColumn()
        let renumbered = column.entries.map { entry -> Int32 in
            if let known = numbers[entry] { return known }
            let number = Int32(day.entries.count)
            day.entries.append(entry)
            numbers[entry] = number
            return number
        }
        day.codes.reserveCapacity(day.codes.count + column.codes.count)
        for code in column.codes { day.codes.append(code < 0 ? -1 : renumbered[Int(code)]) }
        self[keyPath: keyPath] = day
        textNumbers[field] = numbers
    }
}

extension FlightDay {
    /// A day holding every supported column of `observations`, in order (hand-built rows, for
    /// tests and small callers).
    public init(_ observations: [FlightObservation]) {
        self.init(fields: Self.supported)
        func text(_ value: String?, _ keyPath: WritableKeyPath<FlightDay, TextColumn>, _ field: HourlyField) {
            append(TextColumn(entries: value.map { [$0] } ?? [], codes: [value == nil ? -1 : 0]), to: keyPath, field)
        }
        for o in observations {
            snapshotTime.append(o.snapshotTime)
            guard let address = ICAO24(o.icao24) else { preconditionFailure("an observation's icao24 is six hex digits: \(o.icao24)") }
            icao24.append(address)
            text(o.callsign, \.callsign, .callsign)
            text(o.originCountry, \.originCountry, .originCountry)
            timePosition.append(o.timePosition)
            lastContact.append(o.lastContact)
            latitude.append(o.latitude)
            longitude.append(o.longitude)
            onGround.append(o.onGround)
            altitudeFeet.append(o.altitudeFeet)
            velocityKnots.append(o.velocityKnots)
            altitudeBand.append(ColumnCode.of(o.altitudeBand))
            speedBand.append(ColumnCode.of(o.speedBand))
            phase.append(ColumnCode.of(o.phase))
            text(o.airline?.icao, \.airlineICAO, .airlineICAO)
            text(o.airline?.name, \.airlineName, .airlineName)
            qualityScore.append(o.qualityScore)
            text(o.qualityGrade, \.qualityGrade, .qualityGrade)
            count += 1
        }
    }
}
