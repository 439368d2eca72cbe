// Coastlines for the density map: polylines of (longitude, latitude) read from GeoJSON, such as
// the repository's `reference/ne_110m_coastline.geojson` (Natural Earth 1:110m, public domain).
// Line strings, polygons (their rings) and the multi- and collection forms of both are read,
// so a user may drop in another outline (land polygons, country borders) of the same format.

import LakeFormats

/// Polylines in degrees, as read.
struct Coastline: Sendable {
    typealias Point = (lon: Double, lat: Double)
    var lines: [[Point]] = []

    init(lines: [[Point]]) { self.lines = lines }

    /// Parses a GeoJSON geometry, Feature or FeatureCollection.
    init(geoJSON bytes: [UInt8], path: String) throws(FlightsError) {
        let root: JSONValue
        do throws(JSONError) { root = try JSONValue.parse(bytes) } catch {
            throw .unreadableReference(path: path, reason: error.message)
        }
        try collect(root, path: path)
        if lines.isEmpty { throw .unreadableReference(path: path, reason: "no line strings or polygons in it") }
    }

    private mutating func collect(_ value: JSONValue, path: String) throws(FlightsError) {
        guard case .string(let type)? = value["type"] else { throw .unreadableReference(path: path, reason: "a GeoJSON object without a type") }
        switch type {
        case "FeatureCollection":
            if case .array(let features)? = value["features"] { for f in features { try collect(f, path: path) } }
        case "Feature":
            if let geometry = value["geometry"], case .object = geometry { try collect(geometry, path: path) }
        case "GeometryCollection":
            if case .array(let geometries)? = value["geometries"] { for g in geometries { try collect(g, path: path) } }
        case "LineString":
            lines.append(try Self.points(value["coordinates"], path: path))
        case "MultiLineString", "Polygon":
            for line in try Self.list(value["coordinates"], path: path) { lines.append(try Self.points(line, path: path)) }
        case "MultiPolygon":
            for polygon in try Self.list(value["coordinates"], path: path) {
                for ring in try Self.list(polygon, path: path) { lines.append(try Self.points(ring, path: path)) }
            }
        default:
            break  // points carry no outline
        }
    }

    private static func list(_ value: JSONValue?, path: String) throws(FlightsError) -> [JSONValue] {
        guard case .array(let items)? = value else { throw .unreadableReference(path: path, reason: "coordinates are not an array") }
        return items
    }

    private static func points(_ value: JSONValue?, path: String) throws(FlightsError) -> [Point] {
        var out: [Point] = []
        for p in try list(value, path: path) {
            guard case .array(let pair) = p, pair.count >= 2, case .number(let lon) = pair[0], case .number(let lat) = pair[1],
                  let x = lon.double(), let y = lat.double(), (-180...180).contains(x), (-90...90).contains(y) else {
                throw .unreadableReference(path: path, reason: "a position is not [longitude, latitude] in degrees")
            }
            out.append((x, y))
        }
        return out
    }

    /// The parts of every line inside the box, cut where they cross its edges (Liang–Barsky).
    func clipped(lonMin: Double, lonMax: Double, latMin: Double, latMax: Double) -> [[Point]] {
        var pieces: [[Point]] = []
        for line in lines {
            var current: [Point] = []
            for (a, b) in zip(line, line.dropFirst()) {
                guard let (p, q) = Self.clip(a, b, lonMin, lonMax, latMin, latMax) else {
                    if current.count > 1 { pieces.append(current) }
                    current = []
                    continue
                }
                if let last = current.last, last.lon == p.lon, last.lat == p.lat {
                    current.append(q)
                } else {
                    if current.count > 1 { pieces.append(current) }
                    current = [p, q]
                }
                // A segment that leaves the box ends the piece.
                if q.lon != b.lon || q.lat != b.lat {
                    pieces.append(current)
                    current = []
                }
            }
            if current.count > 1 { pieces.append(current) }
        }
        return pieces
    }

    private static func clip(_ a: Point, _ b: Point, _ x0: Double, _ x1: Double, _ y0: Double, _ y1: Double) -> (Point, Point)? {
        let dx = b.lon - a.lon, dy = b.lat - a.lat
        var t0 = 0.0, t1 = 1.0
        for (p, q) in [(-dx, a.lon - x0), (dx, x1 - a.lon), (-dy, a.lat - y0), (dy, y1 - a.lat)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let r = q / p
                if p < 0 { if r > t1 { return nil } else if r > t0 { t0 = r } }
                else { if r < t0 { return nil } else if r < t1 { t1 = r } }
            }
        }
        let start = t0 == 0 ? a : (a.lon + t0 * dx, a.lat + t0 * dy)
        let end = t1 == 1 ? b : (a.lon + t1 * dx, a.lat + t1 * dy)
        return (start, end)
    }
}
