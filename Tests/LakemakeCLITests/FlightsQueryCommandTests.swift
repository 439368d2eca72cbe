import Foundation
import LakeFormats
import TestSupport
import XCTest

final class FlightsQueryCommandTests: XCTestCase {
    override class func tearDown() {
        FlightsLake.builtLake?.remove()
        FlightsLake.builtLake = nil
    }

    private func query(_ args: String...) throws -> (RunResult, JSONValue?) {
        let lake = try FlightsLake.built()
        let result = try Lakemake.run(["flights", "query"] + args, in: lake.root)
        return (result, try? JSONValue.parse(Array(result.stdout.utf8)))
    }

    private func int(_ v: JSONValue?) -> Int? {
        if case .number(let n)? = v, let x = n.int64() { return Int(x) }
        return nil
    }

    private func flights(_ doc: JSONValue?) -> [JSONValue] {
        if case .array(let list)? = doc?["flights"] { return list }
        return []
    }

    func testInvalidBoxes() throws {
        let cases = [
            ("95,5,50,10", "lakemake: error: --bbox 95,5,50,10: latitudes must be within ±90"),
            ("45,5,50,181", "lakemake: error: --bbox 45,5,50,181: longitudes must be within ±180"),
            ("50,5,45,10", "lakemake: error: --bbox 50,5,45,10: LAMIN must be less than LAMAX"),
            ("45,10,50,10", "lakemake: error: --bbox 45,10,50,10: LOMIN must be less than LOMAX"),
            ("45,5,50", "lakemake: error: --bbox 45,5,50: expected four numbers LAMIN,LOMIN,LAMAX,LOMAX"),
            ("a,b,c,d", "lakemake: error: --bbox a,b,c,d: expected four numbers LAMIN,LOMIN,LAMAX,LOMAX"),
        ]
        for (box, message) in cases {
            let (result, _) = try query("--bbox", box)
            XCTAssertEqual(result.status, 2, box)
            XCTAssertEqual(result.stderr.split(separator: "\n").first.map(String.init), message)
        }
    }

    func testInvalidLimitsAndSort() throws {
        for limit in ["0", "1001", "x"] {
            let (result, _) = try query("--limit", limit)
            XCTAssertEqual(result.status, 2, limit)
            XCTAssertTrue(result.stderr.hasPrefix("lakemake: error: "), result.stderr)
        }
        let (sort, _) = try query("--sort", "speed")
        XCTAssertEqual(sort.status, 2)
        XCTAssertEqual(sort.stderr.split(separator: "\n").first.map(String.init), "lakemake: error: --sort speed: unknown sort key")
    }

    /// Walking the pages with next_offset gives exactly the rows of one big page, in order.
    func testPagination() throws {
        let (all, allDoc) = try query("--bbox", "35,-10,60,30", "--limit", "1000")
        XCTAssertEqual(all.status, 0, all.stderr)
        let total = int(allDoc?["total"]) ?? 0
        XCTAssertGreaterThan(total, 20)
        let expected = flights(allDoc).prefix(total)
        var collected: [JSONValue] = []
        var offset: Int? = 0
        var pages = 0
        while let next = offset, pages < 200, next < 1000 {
            let (_, doc) = try query("--bbox", "35,-10,60,30", "--limit", "7", "--offset", String(next))
            collected += flights(doc)
            XCTAssertEqual(int(doc?["total"]), total)
            XCTAssertEqual(int(doc?["limit"]), 7)
            XCTAssertEqual(int(doc?["offset"]), next)
            let hasMore = doc?["has_more"] == .bool(true)
            XCTAssertEqual(hasMore, next + 7 < total)
            offset = int(doc?["next_offset"])
            XCTAssertEqual(offset == nil, !hasMore)
            pages += 1
            if total > 1000 { break }
        }
        if total <= 1000 { XCTAssertEqual(collected, Array(expected)) }
        // Past the end: an empty page.
        let (_, past) = try query("--bbox", "35,-10,60,30", "--offset", String(total + 5))
        XCTAssertEqual(flights(past).count, 0)
        XCTAssertEqual(past?["has_more"], .bool(false))
        XCTAssertEqual(past?["next_offset"], .null)
    }

    /// Every sort key, ascending and descending, orders the page by that field (nulls last).
    func testEverySortKey() throws {
        let fields = ["time": "time_position", "altitude": "baro_altitude_ft", "velocity": "velocity_kt",
                      "callsign": "callsign", "icao24": "icao24", "quality": "quality_score"]
        for key in ["time", "altitude", "velocity", "callsign", "icao24", "quality"] {
            for descending in [false, true] {
                let (result, doc) = try query("--sort=" + (descending ? "-" : "") + key, "--limit", "300")
                XCTAssertEqual(result.status, 0, result.stderr)
                let values = flights(doc).map { $0[fields[key] ?? ""] ?? .null }
                XCTAssertEqual(values.count, 300)
                var seenNull = false
                for (a, b) in zip(values, values.dropFirst()) {
                    if a == .null { seenNull = true }
                    if seenNull { XCTAssertEqual(b, .null, "\(key): nulls must come last"); continue }
                    if b == .null { continue }
                    let order = compare(a, b)
                    XCTAssertTrue(descending ? order >= 0 : order <= 0, "\(key) \(descending ? "desc" : "asc"): \(a) then \(b)")
                }
            }
        }
    }

    private func compare(_ a: JSONValue, _ b: JSONValue) -> Int {
        switch (a, b) {
        case let (.number(x), .number(y)):
            let (p, q) = (x.double() ?? 0, y.double() ?? 0)
            return p < q ? -1 : (p == q ? 0 : 1)
        case let (.string(x), .string(y)):
            return x < y ? -1 : (x == y ? 0 : 1)
        default: return 0
        }
    }

    /// The same rows as DuckDB reading the same Parquet with the same filter.
    func testSameRowsAsDuckDB() throws {
        let python = try InteropPython.path(for: "DuckDB")
        let lake = try FlightsLake.built()
        let (result, doc) = try query("--bbox", "40,-5,55,20", "--min-alt-ft", "20000", "--on-ground", "false", "--sort=-altitude", "--limit", "1000")
        XCTAssertEqual(result.status, 0, result.stderr)
        let ours = flights(doc).map { f -> String in
            guard case .string(let icao)? = f["icao24"], case .string(let t)? = f["snapshot_time"] else { return "" }
            return icao + " " + t
        }
        let script = """
            import duckdb, sys
            rows = duckdb.sql(f\"\"\"
              SELECT icao24, strftime(snapshot_time AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ')
              FROM read_parquet('{sys.argv[1]}/processed/flights/date=2025-09-18/hour=*/data.parquet')
              WHERE latitude BETWEEN 40 AND 55 AND longitude BETWEEN -5 AND 20
                AND baro_altitude_ft >= 20000 AND NOT on_ground
              ORDER BY baro_altitude_ft DESC, icao24, coalesce(time_position, last_contact), snapshot_time
              LIMIT 1000\"\"\").fetchall()
            for icao, t in rows: print(icao, t)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, lake.lake]
        var env = ProcessInfo.processInfo.environment
        env["TZ"] = "UTC"
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let theirs = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        XCTAssertGreaterThan(theirs.count, 0)
        XCTAssertEqual(ours, theirs)
    }
}
