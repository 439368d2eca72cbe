// `lakemake flights query` (flights.md §9) over the hourly Parquet: filters, one sort key,
// pagination. Ties in the sort are broken by (icao24, observation time, snapshot time), so
// pages never overlap. How the files are read (positions first, then only what the matching
// rows need) is in `FlightQuery+Scan.swift`.

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

    /// Runs the query over open hourly files (in hour order): see `FlightQuery+Scan.swift`.
    public func run(_ files: [(path: String, reader: ParquetFileReader)]) throws -> Page {
        var found: [Match] = []
        var texts = Texts()
        for (number, file) in files.enumerated() {
            found += try matches(in: file.reader, path: file.path, file: number, texts: &texts)
        }
        if sort == .callsign {
            let ranks = texts.ranks()
            for i in found.indices { found[i].text = found[i].text.map { ranks[Int($0)] } }
        }
        found.sort(by: ordering())
        let start = min(offset, found.count)
        let page = Array(found[start..<min(found.count, start + limit)])
        return Page(flights: try observations(page, files), total: found.count, limit: limit, offset: offset)
    }

    /// Sort order; missing values sort last in either direction.
    func ordering() -> (Match, Match) -> Bool {
        let sort = sort, descending = descending
        // Keys that may be missing carry the direction in their comparison already.
        let nullOrdered = sort == .altitude || sort == .velocity || sort == .callsign
        return { a, b in
            let primary: Int
            switch sort {
            case .time: primary = Self.compare(a.time, b.time)
            case .altitude, .velocity: primary = Self.compare(a.number, b.number, descending: descending)
            case .callsign: primary = Self.compare(a.text, b.text, descending: descending)
            case .icao24: primary = Self.compare(a.icao24, b.icao24)
            case .quality: primary = Self.compare(a.number ?? 0, b.number ?? 0)
            }
            if primary != 0 { return nullOrdered ? primary < 0 : (descending ? primary > 0 : primary < 0) }
            return (a.icao24, a.time, a.snapshotTime) < (b.icao24, b.time, b.snapshotTime)
        }
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

