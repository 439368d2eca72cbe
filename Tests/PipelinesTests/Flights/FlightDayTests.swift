import XCTest
import LakeBuild
import Parquet
@testable import Pipelines

/// The daily actions read only the columns they declare, and compute from them what they
/// compute from whole rows.
final class FlightDayTests: XCTestCase {
    private let t = ObservationFixtures.dayStart
    private let dlh = Airline(icao: "DLH", iata: "LH", name: "Lufthansa", callsign: nil, country: "Germany")

    /// Two hours of hand-built rows, as two hourly files.
    private func hours() throws -> [(path: String, rows: [FlightObservation], bytes: [UInt8])] {
        let first = [
            ObservationFixtures.observation("aaaaaa", "DLH1", at: t + 60, lat: 50.04, lon: 8.56, feet: 0, knots: 10, onGround: true, airline: dlh),
            ObservationFixtures.observation("aaaaaa", "DLH1", at: t + 1200, lat: 50.5, lon: 5.0, feet: 35_000, airline: dlh),
            ObservationFixtures.observation("bbbbbb", nil, at: t + 600, lat: -33.9, lon: 151.2, feet: 12_000, country: "Australia", grade: "C"),
        ]
        let second = [
            ObservationFixtures.observation("aaaaaa", "DLH1", at: t + 3600 + 1200, lat: 51.46, lon: -0.40, feet: 1500, airline: dlh),
            ObservationFixtures.observation("cccccc", "BAW9", at: t + 3600 + 300, lat: 52.0, lon: 0.0, feet: 37_000, country: "United Kingdom"),
        ]
        return [("processed/flights/date=2025-09-18/hour=00/data.parquet", first, try HourlyParquet.encode(first)),
                ("processed/flights/date=2025-09-18/hour=01/data.parquet", second, try HourlyParquet.encode(second))]
    }

    private func day(_ fields: Set<HourlyField>) throws -> FlightDay {
        var day = FlightDay(fields: fields)
        for hour in try hours() { try day.append(ParquetFileReader(bytes: hour.bytes), path: hour.path) }
        return day
    }

    func testADayHoldsOnlyTheColumnsAsked() throws {
        let day = try day(DensityGrid.fields)
        XCTAssertEqual(day.count, 5)
        XCTAssertEqual(day.latitude, [50.04, 50.5, -33.9, 51.46, 52.0])
        XCTAssertEqual(day.icao24.map(\.text), ["aaaaaa", "aaaaaa", "bbbbbb", "aaaaaa", "cccccc"])
        XCTAssertTrue(day.snapshotTime.isEmpty)
        XCTAssertTrue(day.callsign.codes.isEmpty)
        XCTAssertTrue(day.qualityScore.isEmpty)
    }

    /// A text read from several files is one entry of the day, numbered where it first came.
    func testTextsAreNumberedOnceForTheDay() throws {
        let day = try day([.callsign, .originCountry])
        XCTAssertEqual(day.callsign.entries, ["DLH1", "BAW9"])
        XCTAssertEqual(day.callsign.codes, [0, 0, -1, 0, 1])
        XCTAssertEqual(day.originCountry.entries, ["Germany", "Australia", "United Kingdom"])
    }

    /// Each action, run on the hourly files (reading its own columns), gives the bytes its
    /// computation gives on the whole rows.
    func testActionsOnTheFilesMatchTheRows() throws {
        let hours = try hours()
        let rows = hours.flatMap(\.rows)
        var files = Dictionary(uniqueKeysWithValues: hours.map { ($0.path, $0.bytes) })
        let metrics = ["metrics/flights/hourly/date=2025-09-18/hour=00.json", "metrics/flights/hourly/date=2025-09-18/hour=01.json"]
        for path in metrics { files[path] = HourlyMetrics.encode(HourlyCounts(), date: "2025-09-18", hour: "00") }
        files["reference/airports.csv"] = Array("ident,type,name,latitude_deg,longitude_deg,iata_code\nEDDF,large_airport,Frankfurt,50.0333,8.5706,FRA\nEGLL,large_airport,Heathrow,51.4706,-0.4619,LHR\n".utf8)
        let parquet = hours.map(\.path)
        func run(_ action: Action, _ inputs: [[String]], _ parameters: [Parameter] = []) throws -> [UInt8] {
            guard case .outputs(let outputs, _) = try FlightFixtures.run(
                action, binding: ["date": "2025-09-18"], inputs: inputs, outputs: ["out"], files: files, parameters: parameters) else {
                XCTFail("\(action.name) did not run"); return []
            }
            return outputs[0]
        }
        XCTAssertEqual(try run(.flightsDaily, [parquet, metrics]),
                       DailyStatistics.encode(date: "2025-09-18", observations: rows, hours: [HourlyCounts(), HourlyCounts()]))
        XCTAssertEqual(try run(.flightsDensity, [parquet]), DensityGrid(observations: rows, gridSize: 1.0).encode(date: "2025-09-18"))
        let airports = try AirportTable(path: "reference/airports.csv", bytes: files["reference/airports.csv"] ?? [])
        let routes = RouteFinder(observations: rows, airports: airports)
        XCTAssertEqual(routes.tracksWithBothEnds, 1)
        XCTAssertEqual(try run(.flightsRoutes, [parquet, ["reference/airports.csv"]]), routes.encode(date: "2025-09-18"))
        XCTAssertEqual(try run(.flightsQuickSightHourly, [parquet]), FlightsQuickSightExport.hourly(date: "2025-09-18", observations: rows))
    }

    func testEachActionDeclaresOnlyWhatItUses() {
        XCTAssertEqual(DensityGrid.fields, [.latitude, .longitude, .onGround, .icao24])
        XCTAssertEqual(FlightsQuickSightExport.hourlyFields, [.snapshotTime, .icao24, .onGround, .altitudeBand, .speedBand, .phase])
        for fields in [DailyStatistics.fields, RouteFinder.fields, DensityGrid.fields, FlightsQuickSightExport.hourlyFields] {
            XCTAssertTrue(fields.isSubset(of: FlightDay.supported))
            XCTAssertFalse(fields.contains(.registration))
        }
    }
}
