// Coastlines read from GeoJSON and cut to a map's box, against positions worked out by hand.

@testable import Pipelines
import XCTest

final class CoastlineTests: XCTestCase {
    func parse(_ text: String) throws -> Coastline { try Coastline(geoJSON: Array(text.utf8), path: "reference/c.geojson") }

    func testEveryGeometryWithLinesIsRead() throws {
        let c = try parse("""
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "geometry": {"type": "MultiLineString", "coordinates": [[[0, 0], [1, 1]], [[2, 2], [3, 3], [4, 4]]]}},
              {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}},
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [5, 5]}},
              {"type": "Feature", "geometry": null}]}
            """)
        XCTAssertEqual(c.lines.map(\.count), [2, 3, 4])
        XCTAssertEqual(c.lines[1][2].lon, 4)
        XCTAssertEqual(c.lines[1][2].lat, 4)
    }

    func testTheRepositoryCoastlineIsTheWorld() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("lake/reference/ne_110m_coastline.geojson")
        let c = try Coastline(geoJSON: Array(try Data(contentsOf: file)), path: "reference/ne_110m_coastline.geojson")
        XCTAssertEqual(c.lines.count, 134, "Natural Earth 1:110m has 134 coastline features")
        let points = c.lines.flatMap { $0 }
        XCTAssertGreaterThan(points.count, 4000)
        XCTAssertEqual(points.map(\.lon).min(), -180)
        XCTAssertEqual(points.map(\.lon).max(), 180)
    }

    func testBadGeoJSONIsARefusedReference() {
        for text in ["[1, 2]", #"{"type": "LineString", "coordinates": [[0, 95], [0, 0]]}"#,
                     #"{"type": "LineString", "coordinates": "no"}"#, #"{"type": "Point", "coordinates": [0, 0]}"#, "{"] {
            XCTAssertThrowsError(try parse(text), text) { error in
                guard case FlightsError.unreadableReference(let path, _)? = error as? FlightsError else { return XCTFail("\(error)") }
                XCTAssertEqual(path, "reference/c.geojson")
            }
        }
    }

    func testLinesAreCutAtTheBox() throws {
        // Box 0…10 × 0…10. A line from (-5, 5) to (5, 5) to (5, 15): enters at (0, 5), leaves
        // at (5, 10). A line that passes by outside, and one that crosses the box twice.
        let c = Coastline(lines: [[(-5, 5), (5, 5), (5, 15)], [(20, 0), (20, 10)], [(-5, 2), (15, 2), (15, 8), (-5, 8)]])
        let pieces = c.clipped(lonMin: 0, lonMax: 10, latMin: 0, latMax: 10).map { $0.map { [$0.lon, $0.lat] } }
        XCTAssertEqual(pieces, [[[0, 5], [5, 5], [5, 10]], [[0, 2], [10, 2]], [[10, 8], [0, 8]]])
    }
}
