import XCTest
import LakeFormats
@testable import Pipelines

final class DensityGridTests: XCTestCase {
    private let t = ObservationFixtures.dayStart

    /// Cell [50,51)×[8,9): aaa twice and bbb once (3 observations, 2 aircraft); cell [-1,0)×[-1,0):
    /// one aircraft; a ground row in the first cell is not counted.
    func testHandBuiltCellCounts() throws {
        let rows = [
            ObservationFixtures.observation("aaaaaa", "X1", at: t, lat: 50.2, lon: 8.1, feet: 30_000),
            ObservationFixtures.observation("aaaaaa", "X1", at: t + 60, lat: 50.9, lon: 8.9, feet: 30_000),
            ObservationFixtures.observation("bbbbbb", "X2", at: t, lat: 50.5, lon: 8.5, feet: 20_000),
            ObservationFixtures.observation("cccccc", "X3", at: t, lat: 50.5, lon: 8.5, feet: 0, knots: 0, onGround: true),
            ObservationFixtures.observation("dddddd", "X4", at: t, lat: -0.5, lon: -0.5, feet: 35_000),
        ]
        let grid = DensityGrid(observations: rows, gridSize: 1.0)
        XCTAssertEqual(grid.cells, [
            DensityCell(row: -1, column: -1, observations: 1, aircraft: 1),
            DensityCell(row: 50, column: 8, observations: 3, aircraft: 2),
        ])
        // Cell area between 50° and 51° N, 1° wide: R²·(sin 51° − sin 50°)·π/180 = 7 864.6 km² (R = 6371.0088 km).
        let density = grid.density(grid.cells[1])
        XCTAssertEqual(density, 2 / (7_864.6 / 10_000), accuracy: 0.001)

        let doc = try JSONValue.parse(grid.encode(date: "2025-09-18"))
        XCTAssertEqual(doc["total_cells"], .number(JSONNumber("2")!))
        XCTAssertEqual(doc["bounds"]?["lat_min"], .number(JSONNumber("-1.0")!))
        XCTAssertEqual(doc["bounds"]?["lat_max"], .number(JSONNumber("51.0")!))
        XCTAssertEqual(doc["cells"]?[1]?["aircraft"], .number(JSONNumber("2")!))
        XCTAssertEqual(doc["cells"]?[1]?["lon_min"], .number(JSONNumber("8.0")!))
    }

    /// A fine grid: edges are exact multiples of the size, without binary noise.
    func testFineGridEdges() throws {
        let rows = [ObservationFixtures.observation("aaaaaa", nil, at: t, lat: 0.35, lon: 0.75, feet: 10_000)]
        let doc = try JSONValue.parse(DensityGrid(observations: rows, gridSize: 0.1).encode(date: "d"))
        XCTAssertEqual(doc["cells"]?[0]?["lat_min"], .number(JSONNumber("0.3")!))
        XCTAssertEqual(doc["cells"]?[0]?["lat_max"], .number(JSONNumber("0.4")!))
        XCTAssertEqual(doc["cells"]?[0]?["lon_min"], .number(JSONNumber("0.7")!))
    }

    /// The pole and the antimeridian fall into the last cell, not a cell beyond the map.
    func testEdgesOfTheWorld() {
        let rows = [ObservationFixtures.observation("aaaaaa", nil, at: t, lat: 90, lon: 180, feet: 10_000)]
        XCTAssertEqual(DensityGrid(observations: rows, gridSize: 1).cells, [DensityCell(row: 89, column: 179, observations: 1, aircraft: 1)])
    }
}
