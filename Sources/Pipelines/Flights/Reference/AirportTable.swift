// `reference/airports.csv` in the OurAirports format (`id,ident,type,name,latitude_deg,
// longitude_deg,…,icao_code,iata_code,…`, with or without `icao_code`). Routes use the large
// and medium airports; the generator flies between them.

import Foundation

/// One airport of the reference table.
public struct Airport: Sendable, Equatable {
    /// The ICAO code when known, else the OurAirports ident.
    public var code: String
    public var iata: String?
    public var name: String
    public var type: String
    public var latitude: Double
    public var longitude: Double
    public var country: String?

    public init(code: String, iata: String? = nil, name: String, type: String, latitude: Double, longitude: Double, country: String? = nil) {
        self.code = code
        self.iata = iata
        self.name = name
        self.type = type
        self.latitude = latitude
        self.longitude = longitude
        self.country = country
    }
}

/// The large and medium airports of the reference table, in file order.
public struct AirportTable: Sendable {
    public static let routeTypes: Set<String> = ["large_airport", "medium_airport"]
    public let airports: [Airport]

    public init(airports: [Airport]) { self.airports = airports }

    /// Parses the CSV, keeping large and medium airports with valid coordinates.
    public init(path: String, bytes: [UInt8]) throws(FlightsError) {
        let csv = try ReferenceCSV(path: path, bytes: bytes)
        let ident = try csv.requiredColumn("ident"), type = try csv.requiredColumn("type")
        let lat = try csv.requiredColumn("latitude_deg"), lon = try csv.requiredColumn("longitude_deg")
        let name = csv.column("name"), icao = csv.column("icao_code"), gps = csv.column("gps_code")
        let iata = csv.column("iata_code"), country = csv.column("iso_country")
        var airports: [Airport] = []
        for row in csv.table.rows {
            guard let kind = ReferenceCSV.field(row, type), Self.routeTypes.contains(kind),
                  let latitude = ReferenceCSV.field(row, lat).flatMap(Double.init), abs(latitude) <= 90,
                  let longitude = ReferenceCSV.field(row, lon).flatMap(Double.init), abs(longitude) <= 180,
                  let code = ReferenceCSV.field(row, icao) ?? ReferenceCSV.field(row, gps) ?? ReferenceCSV.field(row, ident)
            else { continue }
            airports.append(Airport(
                code: code, iata: ReferenceCSV.field(row, iata), name: ReferenceCSV.field(row, name) ?? code,
                type: kind, latitude: latitude, longitude: longitude, country: ReferenceCSV.field(row, country)))
        }
        self.airports = airports
    }

    /// The nearest airport within `limitKm` of a point, ties broken by code.
    public func nearest(latitude: Double, longitude: Double, limitKm: Double) -> (airport: Airport, km: Double)? {
        var best: (airport: Airport, km: Double)?
        for airport in airports {
            // A cheap latitude filter first: one degree of latitude is ~111 km.
            guard abs(airport.latitude - latitude) * 111.0 <= limitKm + 1 else { continue }
            let km = GreatCircle.distanceKm(latitude, longitude, airport.latitude, airport.longitude)
            guard km <= limitKm else { continue }
            if let current = best, current.km < km || (current.km == km && current.airport.code <= airport.code) { continue }
            best = (airport, km)
        }
        return best
    }
}
