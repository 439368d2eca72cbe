import XCTest
@testable import Pipelines

final class ReferenceTablesTests: XCTestCase {
    /// The newer OpenSky header: camelCase names and values in single quotes.
    func testAircraftCamelCaseQuotedHeader() throws {
        let csv = """
            'icao24','timestamp','built','manufacturerIcao','manufacturerName','model','operator','registration','typecode'
            '4ca7b3','2024-01-01 00:00:00','2015-01-01','BOEING','Boeing','737-8AS','Ryanair','EI-FOB','B738'

            """
        let table = try AircraftTable(path: "aircraft.csv", bytes: Array(csv.utf8))
        XCTAssertEqual(table["4ca7b3"], AircraftRecord(registration: "EI-FOB", typecode: "B738", model: "737-8AS", manufacturer: "Boeing", operatorName: "Ryanair"))
    }

    /// In the single-quoted format a comma or an apostrophe may sit inside a value; a quote
    /// closes a value only before a comma or the end of the line.
    func testAircraftSingleQuotedValuesWithCommasAndApostrophes() throws {
        let csv = "'icao24','manufacturerName','model','operator','registration','typecode'\r\n"
            + "'a1b2c3','Cessna Aircraft Company, The','172S','O'Hare Flying Club','N172SP','C172'\r\n"
            + "'d4e5f6','','','','',''\r\n"
            + "'0a0b0c','Piper',PA-28,'Smith, J.','N28',P28A"
        let table = try AircraftTable(path: "aircraft.csv", bytes: Array(csv.utf8))
        XCTAssertEqual(table["a1b2c3"], AircraftRecord(registration: "N172SP", typecode: "C172", model: "172S",
                                                       manufacturer: "Cessna Aircraft Company, The", operatorName: "O'Hare Flying Club"))
        XCTAssertEqual(table["d4e5f6"], AircraftRecord(registration: nil, typecode: nil, model: nil, manufacturer: nil, operatorName: nil))
        XCTAssertEqual(table["0a0b0c"], AircraftRecord(registration: "N28", typecode: "P28A", model: "PA-28", manufacturer: "Piper", operatorName: "Smith, J."))
        XCTAssertEqual(table.count, 3)
    }

    /// Any bytes in that format are read to the end: no trap, no endless loop, and every value
    /// lands in exactly one value (only quotes, commas and line ends are taken out).
    func testSingleQuotedReaderOnArbitraryBytes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("',\r\nab ".utf8) + [0xC3, 0xA9, 0xFF]
        for _ in 0..<2000 {
            let length = Int.random(in: 0..<40, using: &generator)
            let bytes = [UInt8(ascii: "'")] + (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
            let table = SingleQuotedCSV.parse(bytes)
            let letters = table.header.joined() + table.rows.flatMap(\.fields).joined()
            XCTAssertEqual(letters.utf8.filter { $0 == UInt8(ascii: "a") }.count, bytes.filter { $0 == UInt8(ascii: "a") }.count, "\(bytes)")
        }
    }

    func testAircraftWithoutICAOColumnFails() {
        XCTAssertThrowsError(try AircraftTable(path: "aircraft.csv", bytes: Array("registration\nD-AIBD\n".utf8))) {
            XCTAssertEqual($0 as? FlightsError, .missingReferenceColumn(path: "aircraft.csv", column: "icao24"))
        }
    }

    /// OurAirports rows: only large and medium airports are kept; `icao_code` is optional.
    func testAirportsWithAndWithoutICAOCode() throws {
        let withCode = """
            "id","ident","type","name","latitude_deg","longitude_deg","elevation_ft","continent","iso_country","iso_region","municipality","scheduled_service","icao_code","iata_code","gps_code","local_code"
            2212,"EDDF","large_airport","Frankfurt am Main Airport",50.036249,8.559294,364,"EU","DE","DE-HE","Frankfurt am Main","yes","EDDF","FRA","EDDF",""
            9999,"DE-0001","small_airport","Somewhere",50.1,8.6,100,"EU","DE","DE-HE","","no","","","",""

            """
        let a = try AirportTable(path: "airports.csv", bytes: Array(withCode.utf8))
        XCTAssertEqual(a.airports.map(\.code), ["EDDF"])
        XCTAssertEqual(a.airports.first?.iata, "FRA")
        let withoutCode = """
            "id","ident","type","name","latitude_deg","longitude_deg","elevation_ft","continent","iso_country","iso_region","municipality","scheduled_service","gps_code","iata_code","local_code"
            3682,"KSFO","large_airport","San Francisco International Airport",37.619,-122.375,13,"NA","US","US-CA","San Francisco","yes","KSFO","SFO",""

            """
        let b = try AirportTable(path: "airports.csv", bytes: Array(withoutCode.utf8))
        XCTAssertEqual(b.airports.map(\.code), ["KSFO"])
        // Frankfurt's runway threshold is ~2 km from the reference point: within 25 km.
        XCTAssertEqual(a.nearest(latitude: 50.04, longitude: 8.58, limitKm: 25)?.airport.code, "EDDF")
        XCTAssertNil(a.nearest(latitude: 51.0, longitude: 8.58, limitKm: 25))
    }

    func testAirlineCallsignPattern() {
        let table = AirlineTable(airlines: [Airline(icao: "BAW", iata: "BA", name: "British Airways", callsign: "SPEEDBIRD", country: "United Kingdom")])
        XCTAssertEqual(table.airline(forCallsign: "BAW123")?.name, "British Airways")
        XCTAssertEqual(table.airline(forCallsign: "BAW9ABCD")?.name, "British Airways")
        XCTAssertNil(table.airline(forCallsign: "BAW9ABCDE"))
        XCTAssertNil(table.airline(forCallsign: "BAWX12"))
        XCTAssertNil(table.airline(forCallsign: "EZY123"))
        XCTAssertNil(table.airline(forCallsign: nil))
    }

    /// 1° of longitude at the equator, between latitudes 0 and 1: R²·sin(1°)·π/180 ≈ 12 364 km².
    func testCellArea() {
        XCTAssertEqual(GreatCircle.cellAreaKm2(latMin: 0, latMax: 1, lonMin: 0, lonMax: 1), 12_364, accuracy: 5)
        // Paris CDG → London Heathrow is about 348 km.
        XCTAssertEqual(GreatCircle.distanceKm(49.0097, 2.5479, 51.4700, -0.4543), 348, accuracy: 3)
    }

    func testUTCTime() {
        let t = UTCTime(unixSeconds: 1_758_211_407)
        XCTAssertEqual(t.iso8601, "2025-09-18T16:03:27Z")
        XCTAssertEqual(UTCTime.startOfDay("2025-09-18"), 1_758_153_600)
        XCTAssertNil(UTCTime.startOfDay("2025-02-30"))
        XCTAssertEqual(UTCTime(unixSeconds: 951_782_400).date, "2000-02-29")
    }
}
