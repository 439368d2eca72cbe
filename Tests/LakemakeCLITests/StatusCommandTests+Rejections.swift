// Standing rejections through the binary. A sales upload rejected whole and a flight snapshot
// rejected inside an hour that still builds (a member rejection) must be listed alike by
// `status` (which exits 1 while any stands), by the build that rejected them and by the no-op
// build after it, and must disappear from all three once the file is fixed or deleted.

import Catalog
import Foundation
import XCTest

extension StatusCommandTests {
    static let hour = "raw/flights/date=2025-09-18/hour=00/"
    /// 00:30:03, between the generated snapshots of 00:00:03, 00:20:03 and 00:40:03.
    static let badSnapshot = hour + "flight_data_20250918_003003.json"
    static let validSnapshot = "{\"time\":1758155403,\"states\":[]}"
    static let badUpload = "raw/sales/store_0002_2025-11-27.json"

    /// The flight rules with one generated hour of 2025-09-18 plus a snapshot that cannot be
    /// parsed in that hour; with `sales`, also the sales rules, two stores' uploads of one day
    /// and store 0002's replaced by one that cannot be parsed. Not built.
    static func makeLakeWithBadFiles(sales: Bool) throws -> TemporaryLake {
        let lake = try FlightsLake.make()
        let gen = try lake.run("gen", "flights", "--date", "2025-09-18", "--hours", "1", "--aircraft", "20", "--interval", "1200", "--seed", "7")
        XCTAssertEqual(gen.status, 0, gen.stderr)
        try lake.write(Self.badSnapshot, "{\"time\":1758155403,\"states\":[")
        if sales {
            try FileManager.default.copyItem(atPath: FlightsLake.repository + "/rules/sales.rules", toPath: lake.root + "/rules/sales.rules")
            try lake.write("reference/stores.csv", "store_id,name,city,opened\n0001,A,X,2020-01-01\n0002,B,Y,2020-01-01\n")
            let salesGen = try lake.run("gen", "sales", "--stores", "2", "--days", "1", "--end", "2025-11-27", "--sales-per-day", "5")
            XCTAssertEqual(salesGen.status, 0, salesGen.stderr)
            XCTAssertTrue(lake.exists(Self.badUpload))
            try lake.write(Self.badUpload, "[{\"sale_id\": ")
        }
        return lake
    }

    /// Changes a lake made by `makeLakeWithBadFiles(sales: true)` and built: the bad upload
    /// corrected, a new upload, an upload and the bad snapshot deleted.
    static func changeLakeWithBadFiles(_ lake: TemporaryLake) throws {
        try lake.write(badUpload, "[]")
        try lake.write("raw/sales/store_0001_2025-11-28.json", "[]")
        try FileManager.default.removeItem(atPath: lake.lake + "/raw/sales/store_0001_2025-11-27.json")
        try FileManager.default.removeItem(atPath: lake.lake + "/" + badSnapshot)
    }

    /// The files listed under the text output's `standing rejections (N):` heading (the part of
    /// each line before ` (rule `), checked against N; empty when there is no heading.
    func standing(_ r: RunResult, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        guard let start = r.lines.firstIndex(where: { $0.hasPrefix("standing rejections (") }) else { return [] }
        let listed = r.lines[(start + 1)...].prefix { $0.hasPrefix("  ") }
        XCTAssertEqual(r.lines[start], "standing rejections (\(listed.count)):", r.stdout, file: file, line: line)
        return listed.map { entry in
            let text = entry.dropFirst(2)
            return String(text.range(of: " (rule ").map { text[..<$0.lowerBound] } ?? text)
        }
    }

    func testSnapshotAndUploadRejectionsStandInStatusAndEveryBuildSummaryUntilFixed() throws {
        let lake = try Self.makeLakeWithBadFiles(sales: true)
        defer { lake.remove() }
        let both = [Self.badSnapshot, Self.badUpload]

        let first = try lake.run("build")
        XCTAssertEqual(first.status, 1, first.stdout + first.stderr)
        XCTAssertTrue(lake.exists("processed/flights/date=2025-09-18/hour=00/data.parquet"), "the hour still builds")
        XCTAssertTrue(lake.exists("rejected/flights/date=2025-09-18/hour=00/flight_data_20250918_003003.json.error.json"))
        XCTAssertTrue(lake.exists("rejected/sales/store_0002_2025-11-27.json.error.json"))
        XCTAssertEqual(standing(first), both, "the build that rejected them")

        var status = try lake.run("status")
        XCTAssertEqual(status.status, 1, "exits 1 while a rejection stands: " + status.stdout + status.stderr)
        XCTAssertEqual(standing(status), both)
        XCTAssertTrue(status.lines.contains { $0.hasPrefix("  \(Self.badSnapshot) (rule flights_hourly): ") }, status.stdout)
        XCTAssertTrue(status.lines.contains { $0.hasPrefix("  \(Self.badUpload) (rule sales_parquet): ") }, status.stdout)

        let json = try lake.run("status", "--json")
        XCTAssertEqual(json.status, 1)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], json.stdout)
        let listed = try XCTUnwrap(object["standing_rejections"] as? [[String: Any]], json.stdout)
        XCTAssertEqual(listed.map { $0["file"] as? String }, both)
        XCTAssertEqual(listed.map { $0["rule"] as? String }, ["flights_hourly", "sales_parquet"])
        for entry in listed {
            let errors = try XCTUnwrap(entry["errors"] as? [[String: Any]])
            XCTAssertFalse((errors.first?["message"] as? String ?? "").isEmpty, "each rejection says why: \(entry)")
        }

        // The no-op build takes the stored-snapshot path and still lists both.
        let noOp = try lake.run("build", "--stats")
        XCTAssertEqual(noOp.status, 0, "standing rejections are not trouble of this run: " + noOp.stdout + noOp.stderr)
        XCTAssertTrue(noOp.stderr.contains("sqlStatements 1,"), "a no-op on the stored snapshot: " + noOp.stderr)
        XCTAssertEqual(standing(noOp), both, "the no-op build")
        let noOpJSON = try lake.run("build", "--json")
        let noOpObject = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(noOpJSON.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((noOpObject["standing_rejections"] as? [[String: Any]])?.map { $0["file"] as? String }, both)

        // Another snapshot in the same hour makes the hour stale; the bad one still stands.
        try lake.write(Self.hour + "flight_data_20250918_001003.json", "{\"time\":1758154203,\"states\":[]}")
        status = try lake.run("status")
        XCTAssertEqual(status.status, 1, status.stdout)
        XCTAssertEqual(standing(status), both)
        XCTAssertTrue(status.lines.contains { $0.hasPrefix("  processed/flights/date=2025-09-18/hour=00/data.parquet — ") }, status.stdout)

        // Fixed and deleted: nothing stands any more, even before the next build.
        try lake.write(Self.badSnapshot, Self.validSnapshot)
        try FileManager.default.removeItem(atPath: lake.lake + "/" + Self.badUpload)
        status = try lake.run("status")
        XCTAssertEqual(status.status, 0, status.stdout)
        XCTAssertEqual(standing(status), [])

        let fixed = try lake.run("build")
        XCTAssertEqual(fixed.status, 0, fixed.stdout + fixed.stderr)
        XCTAssertEqual(standing(fixed), [])
        XCTAssertFalse(lake.exists("rejected/flights/date=2025-09-18/hour=00/flight_data_20250918_003003.json.error.json"))
        XCTAssertFalse(lake.exists("rejected/sales/store_0002_2025-11-27.json.error.json"))
        status = try lake.run("status")
        XCTAssertEqual(status.status, 0, status.stdout)
        XCTAssertEqual(status.stdout, "everything is up to date\n")
        XCTAssertEqual(standing(try lake.run("build")), [])
    }

    func testDeletedSnapshotNoLongerStands() throws {
        let lake = try Self.makeLakeWithBadFiles(sales: false)
        defer { lake.remove() }
        XCTAssertEqual(try lake.run("build").status, 1)
        var status = try lake.run("status")
        XCTAssertEqual(status.status, 1, status.stdout)
        XCTAssertEqual(standing(status), [Self.badSnapshot])

        try FileManager.default.removeItem(atPath: lake.lake + "/" + Self.badSnapshot)
        status = try lake.run("status")
        XCTAssertEqual(status.status, 0, status.stdout)
        XCTAssertEqual(standing(status), [])
        let build = try lake.run("build")
        XCTAssertEqual(build.status, 0, build.stdout + build.stderr)
        XCTAssertEqual(standing(build), [])
        status = try lake.run("status")
        XCTAssertEqual(status.stdout, "everything is up to date\n")
        XCTAssertEqual(status.status, 0)
    }
}

extension StatusCommandTests {
    /// `status` is answered from the dry run `build -n` makes: from the stored plan, or, with
    /// the stored plan gone, planned in full. Both must say the same, to the byte, for a lake
    /// as the last build left it and for one with new, changed and deleted files.
    func testStatusFromTheStoredPlanIsStatusPlannedInFull() throws {
        let lake = try Self.makeLakeWithBadFiles(sales: true)
        defer { lake.remove() }
        try lake.write("raw/sales/notes.txt", "not an upload\n")
        try lake.write("reports/mine.txt", "not lakemake's\n")
        try lake.write("processed/flights/extra.parquet", "nor this\n")
        _ = try lake.run("build")
        XCTAssertTrue(try lake.run("build").stdout.contains("0 built"), "the second build is a no-op")

        let fromPlan = try lake.run("status", "--json")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(fromPlan.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((object["standing_rejections"] as? [Any])?.count, 2, fromPlan.stdout)
        XCTAssertEqual(object["unknown_files"] as? [String], ["processed/flights/extra.parquet", "reports/mine.txt"])
        XCTAssertEqual((object["unmatched"] as? [[String: Any]])?.map { $0["path"] as? String }, ["raw/sales/notes.txt"])
        XCTAssertEqual((object["stale"] as? [Any])?.count, 0)
        XCTAssertEqual((object["changed_inputs"] as? [Any])?.count, 0)
        let text = try lake.run("status")

        try Catalog.open(path: lake.lake + "/.lakemake/catalog.db").clearStoredPlan()
        let planned = try lake.run("status", "--json")
        XCTAssertEqual(planned.stdout, fromPlan.stdout)
        XCTAssertEqual(planned.status, fromPlan.status)
        XCTAssertEqual(fromPlan.status, 1, "rejections stand")
        let plannedText = try lake.run("status")
        XCTAssertEqual(plannedText.stdout, text.stdout)
        XCTAssertEqual(try lake.run("status", "-q").status, 1)

        // Build again (a stored plan again), then change the lake.
        _ = try lake.run("build")
        try lake.write(Self.badUpload, "[]")
        try FileManager.default.removeItem(atPath: lake.lake + "/raw/sales/notes.txt")
        try lake.write("raw/sales/store_0001_2025-11-28.json", "[]")
        try FileManager.default.removeItem(atPath: lake.lake + "/" + Self.badSnapshot)
        let changedFromPlan = try lake.run("status", "--json")
        let changed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(changedFromPlan.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((changed["changed_inputs"] as? [[String: Any]])?.map { "\($0["change"]!) \($0["path"]!)" },
                       ["new raw/sales/store_0001_2025-11-28.json", "changed \(Self.badUpload)",
                        "deleted \(Self.badSnapshot)", "deleted raw/sales/notes.txt"], changedFromPlan.stdout)
        XCTAssertGreaterThan((changed["stale"] as? [Any])?.count ?? 0, 3, changedFromPlan.stdout)
        try Catalog.open(path: lake.lake + "/.lakemake/catalog.db").clearStoredPlan()
        XCTAssertEqual(try lake.run("status", "--json").stdout, changedFromPlan.stdout)
    }
}
