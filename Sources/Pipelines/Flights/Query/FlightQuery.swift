// `lakemake flights query` (flights.md §9) over the hourly Parquet: filters, one sort key,
// pagination. Each file's row groups are first pruned by their latitude and longitude
// statistics, so groups that cannot hold a row inside the box are never decoded. Ties in the
// sort are broken by (icao24, observation time, snapshot time), so pages never overlap.

import Foundation
import Parquet

/// A bounding box in degrees, validated.
public struct BoundingBox: Sendable, Equatable {
    public var latMin: Double, lonMin: Double, latMax: Double, lonMax: Double

    /// Parses `LAMIN,LOMIN,LAMAX,LOMAX`.
    public init(parsing text: String) throws(FlightQueryError) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 4, let a = parts[0], let b = parts[1], let c = parts[2], let d = parts[3],
              a.isFinite, b.isFinite, c.isFinite, d.isFinite else {
            throw .invalidBoundingBox(text, reason: "expected four numbers LAMIN,LOMIN,LAMAX,LOMAX")
        }
        guard abs(a) <= 90, abs(c) <= 90 else { throw .invalidBoundingBox(text, reason: "latitudes must be within ±90") }
        guard abs(b) <= 180, abs(d) <= 180 else { throw .invalidBoundingBox(text, reason: "longitudes must be within ±180") }
        guard a < c else { throw .invalidBoundingBox(text, reason: "LAMIN must be less than LAMAX") }
        guard b < d else { throw .invalidBoundingBox(text, reason: "LOMIN must be less than LOMAX") }
        (latMin, lonMin, latMax, lonMax) = (a, b, c, d)
    }

    public func contains(latitude: Double, longitude: Double) -> Bool {
        latitude >= latMin && latitude <= latMax && longitude >= lonMin && longitude <= lonMax
    }
}

/// Why a query cannot run.
public enum FlightQueryError: Error, Sendable, Equatable {
    case invalidBoundingBox(String, reason: String)
    case invalidSort(String)
    case invalidValue(option: String, value: String, expected: String)
    case noData(date: String?)

    public var message: String {
        switch self {
        case let .invalidBoundingBox(text, reason): return "--bbox \(text): \(reason)"
        case let .invalidSort(text): return "--sort \(text): unknown sort key"
        case let .invalidValue(option, value, expected): return "--\(option) \(value): expected \(expected)"
        case let .noData(date): return date.map { "no hourly flight data for \($0)" } ?? "no hourly flight data in the lake"
        }
    }

    public var hint: String? {
        switch self {
        case .invalidBoundingBox: return "for example --bbox 45,5,50,10 (south, west, north, east)"
        case .invalidSort: return "use one of " + FlightQuery.SortKey.allCases.map(\.rawValue).joined(separator: ", ") + ", with '-' for descending"
        case .invalidValue: return nil
        case .noData: return "run 'lakemake build' after snapshots land in raw/flights/"
        }
    }
}

/// One query: filters, order and page.
public struct FlightQuery: Sendable {
    public enum SortKey: String, Sendable, CaseIterable {
        case time, altitude, velocity, callsign, icao24, quality
    }

    public var box: BoundingBox?
    public var icao24: String?
    public var callsign: String?
    public var minAltitudeFeet: Double?
    public var maxAltitudeFeet: Double?
    public var onGround: Bool?
    public var sort: SortKey = .time
    public var descending = false
    public var limit = 100
    public var offset = 0

    public init() {}

    /// Parses `time`, `-altitude`, ….
    public mutating func setSort(_ text: String) throws(FlightQueryError) {
        let descending = text.hasPrefix("-")
        guard let key = SortKey(rawValue: descending ? String(text.dropFirst()) : text) else { throw .invalidSort(text) }
        sort = key
        self.descending = descending
    }

    /// The result page.
    public struct Page: Sendable {
        public var flights: [FlightObservation]
        public var total: Int
        public var limit: Int
        public var offset: Int
        public var hasMore: Bool { offset + flights.count < total }
        public var nextOffset: Int? { hasMore ? offset + flights.count : nil }
    }

    /// Runs the query over open hourly files (in hour order).
    public func run(_ files: [(path: String, reader: ParquetFileReader)]) throws -> Page {
        var found: [FlightObservation] = []
        for file in files {
            var groups = Array(file.reader.rowGroups.indices)
            if let box {
                let lat = Set(try file.reader.rowGroups(matching: .between("latitude", .double(box.latMin), .double(box.latMax))))
                let lon = Set(try file.reader.rowGroups(matching: .between("longitude", .double(box.lonMin), .double(box.lonMax))))
                groups = groups.filter { lat.contains($0) && lon.contains($0) }
            }
            guard !groups.isEmpty else { continue }
            let keep: ((Double, Double) -> Bool)? = box.map { b in { b.contains(latitude: $0, longitude: $1) } }
            found += try HourlyParquet.decode(file.reader, rowGroups: groups, path: file.path, keep: keep).filter(matches)
        }
        found.sort(by: ordered)
        let start = min(offset, found.count)
        return Page(flights: Array(found[start..<min(found.count, start + limit)]), total: found.count, limit: limit, offset: offset)
    }

    func matches(_ o: FlightObservation) -> Bool {
        if let box, !box.contains(latitude: o.latitude, longitude: o.longitude) { return false }
        if let icao24, o.icao24 != icao24.lowercased() { return false }
        if let callsign, o.callsign != callsign.trimmingCharacters(in: .whitespaces).uppercased() { return false }
        if let minAltitudeFeet { guard let feet = o.altitudeFeet, feet >= minAltitudeFeet else { return false } }
        if let maxAltitudeFeet { guard let feet = o.altitudeFeet, feet <= maxAltitudeFeet else { return false } }
        if let onGround, o.onGround != onGround { return false }
        return true
    }

    /// Sort order; missing values sort last in either direction.
    func ordered(_ a: FlightObservation, _ b: FlightObservation) -> Bool {
        let primary: Int
        switch sort {
        case .time: primary = Self.compare(a.observationTime, b.observationTime)
        case .altitude: primary = Self.compare(a.altitudeFeet, b.altitudeFeet, descending: descending)
        case .velocity: primary = Self.compare(a.velocityKnots, b.velocityKnots, descending: descending)
        case .callsign: primary = Self.compare(a.callsign, b.callsign, descending: descending)
        case .icao24: primary = Self.compare(a.icao24, b.icao24)
        case .quality: primary = Self.compare(a.qualityScore, b.qualityScore)
        }
        if primary != 0 {
            let nullOrdered = [.altitude, .velocity, .callsign].contains(sort)
            return nullOrdered ? primary < 0 : (descending ? primary > 0 : primary < 0)
        }
        return (a.icao24, a.observationTime, a.snapshotTime) < (b.icao24, b.observationTime, b.snapshotTime)
    }

    static func compare<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }

    /// Compares optionals with nil last; the sign is already flipped for descending order.
    static func compare<T: Comparable>(_ a: T?, _ b: T?, descending: Bool) -> Int {
        switch (a, b) {
        case (nil, nil): return 0
        case (nil, _): return 1
        case (_, nil): return -1
        case let (x?, y?): return descending ? compare(y, x) : compare(x, y)
        }
    }
}

