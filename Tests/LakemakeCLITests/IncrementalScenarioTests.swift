// The incremental guarantees end to end: the real binary over a temporary lake with `copy`
// and `sh` rules, each step asserting the exact set of targets that ran (from `build --json`).

import Foundation
import XCTest

final class IncrementalScenarioTests: XCTestCase {
    static let rules = """
    # Each day's file is copied; the first line of each copy is taken (early cutoff);
    # a window report joins the day and the two before it.
    rule day
      in   raw/d/{date:date}.txt
      out  processed/d/{date}.txt
      run  copy

    rule head
      in   processed/d/{date:date}.txt
      out  metrics/head/{date}.txt
      run  sh head -n 1 {in} > {out}

    rule window
      in   metrics/head/{date:date}.txt
      in   metrics/head/{date-2d..date-1d}.txt
      out  reports/window/{date}.txt
      run  sh cat {in2} {in1} > {out}

    rule all
      in   metrics/head/*.txt
      out  reports/all.txt
      run  sh cat {in} > {out}
    """

    /// Outputs of the targets that ran in a build, sorted, with the exit status. A build that
    /// fails prints its output, so a failure seen once in a full run can be diagnosed.
    func ran(_ lake: TemporaryLake) throws -> (Set<String>, Int32) {
        let r = try lake.run("build", "--json")
        if r.status != 0 { print("build --json exited \(r.status)\nstdout:\n\(r.stdout)\nstderr:\n\(r.stderr)") }
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let targets = object?["targets"] as? [[String: Any]] ?? []
        return (Set(targets.compactMap { t in
            ["built", "unchanged", "failed", "rejected"].contains(t["outcome"] as? String ?? "") ? t["output"] as? String : nil
        }), r.status)
    }

    func testEveryStepRebuildsExactlyWhatItShould() throws {
        let lake = try TemporaryLake(rules: Self.rules)
        defer { lake.remove() }
        for d in ["01", "02", "04", "05"] { try lake.write("raw/d/2025-06-\(d).txt", "day \(d)\nbody\n") }
        var (set, status) = try ran(lake)
        XCTAssertEqual(set.count, 4 * 3 + 1)
        XCTAssertEqual(status, 0)

        // A new raw file rebuilds exactly its dependents, including the later windows holding it.
        try lake.write("raw/d/2025-06-03.txt", "day 03\nbody\n")
        (set, _) = try ran(lake)
        XCTAssertEqual(set, ["processed/d/2025-06-03.txt", "metrics/head/2025-06-03.txt", "reports/window/2025-06-03.txt",
                             "reports/window/2025-06-04.txt", "reports/window/2025-06-05.txt", "reports/all.txt"])

        // touch without a content change rebuilds nothing.
        let path = lake.lake + "/raw/d/2025-06-01.txt"
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: path)
        (set, _) = try ran(lake)
        XCTAssertEqual(set, [])

        // A change below the first line: the copy and the head run, the head is identical: cutoff.
        try lake.write("raw/d/2025-06-01.txt", "day 01\nother body\n")
        (set, _) = try ran(lake)
        XCTAssertEqual(set, ["processed/d/2025-06-01.txt", "metrics/head/2025-06-01.txt"])

        // Deleting a raw file deletes its outputs and rebuilds the aggregates and windows that held it.
        try FileManager.default.removeItem(atPath: lake.lake + "/raw/d/2025-06-04.txt")
        (set, _) = try ran(lake)
        XCTAssertEqual(set, ["reports/all.txt", "reports/window/2025-06-05.txt"])
        XCTAssertFalse(lake.exists("processed/d/2025-06-04.txt"))
        XCTAssertFalse(lake.exists("metrics/head/2025-06-04.txt"))
        XCTAssertFalse(lake.exists("reports/window/2025-06-04.txt"))

        // An output deleted by hand, and one edited by hand, are rebuilt.
        try FileManager.default.removeItem(atPath: lake.lake + "/metrics/head/2025-06-02.txt")
        try lake.write("reports/all.txt", "edited\n")
        (set, _) = try ran(lake)
        XCTAssertEqual(set, ["metrics/head/2025-06-02.txt", "reports/all.txt"])
        XCTAssertEqual(lake.read("reports/all.txt"), "day 01\nday 02\nday 03\nday 05\n")

        // A raw file no rule accepts is reported and gets a rejection file; nothing runs.
        try lake.write("raw/d/notes.md", "x\n")
        let r = try lake.run("build")
        XCTAssertTrue(r.stdout.contains("unmatched  raw/d/notes.md"), r.stdout)
        XCTAssertTrue(lake.exists("rejected/d/notes.md.error.json"))
        // The build left its structures to the exit (`leavesMemoryToExit`), but closed the
        // catalog: SQLite folds its write-ahead log back in and removes it on the last close.
        XCTAssertFalse(lake.exists(".lakemake/catalog.db-wal"), "the catalog was closed")
    }

    /// A raw folder of 5 000 uploads is large: the walk stats it on every core and the build
    /// compares it with the stored plan by name in a compact index, with no path made per file.
    /// Each change to one upload (new, edited, touched, deleted, renamed) runs exactly its
    /// target, and the outputs are the uploads' copies, one for each and no other.
    func testEveryChangeInALargeFolderRebuildsExactlyWhatItShould() throws {
        let lake = try TemporaryLake(rules: """
            rule day
              in   raw/big/{name}.txt
              out  processed/big/{name}.txt
              run  copy
            """)
        defer { lake.remove() }
        let name = { (k: Int) in "upload_store_\(k % 100)_day_\(k / 100)_from_the_nightly_export.txt" }
        try FileManager.default.createDirectory(atPath: lake.lake + "/raw/big", withIntermediateDirectories: true)
        for k in 0..<5000 { try Data("upload \(k)\n".utf8).write(to: URL(fileURLWithPath: lake.lake + "/raw/big/" + name(k))) }
        // The walk takes a folder for large by its size on disk (about 40 bytes an entry).
        let size = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: lake.lake + "/raw/big")[.size] as? NSNumber).intValue
        XCTAssertGreaterThanOrEqual(size / 40, 4096, "a file system that says how large a folder is, so it is kept compact")
        var (set, status) = try ran(lake)
        XCTAssertEqual(set.count, 5000)
        XCTAssertEqual(status, 0)
        (set, _) = try ran(lake)
        XCTAssertEqual(set, [])

        try lake.write("raw/big/" + name(5000), "upload 5000\n")
        (set, _) = try ran(lake)
        XCTAssertEqual(set, ["processed/big/" + name(5000)], "a new upload")
        try lake.write("raw/big/" + name(17), "upload 17, corrected\n")
        (set, _) = try ran(lake)
        XCTAssertEqual(set, ["processed/big/" + name(17)], "an edited upload")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: lake.lake + "/raw/big/" + name(18))
        (set, _) = try ran(lake)
        XCTAssertEqual(set, [], "a touched upload")
        try FileManager.default.removeItem(atPath: lake.lake + "/raw/big/" + name(19))
        (set, _) = try ran(lake)
        XCTAssertEqual(set, [], "a deleted upload")
        XCTAssertFalse(lake.exists("processed/big/" + name(19)))
        try FileManager.default.moveItem(atPath: lake.lake + "/raw/big/" + name(20), toPath: lake.lake + "/raw/big/renamed.txt")
        (set, _) = try ran(lake)
        XCTAssertEqual(set, ["processed/big/renamed.txt"], "a renamed upload")
        XCTAssertFalse(lake.exists("processed/big/" + name(20)))

        let raw = try FileManager.default.contentsOfDirectory(atPath: lake.lake + "/raw/big").sorted()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: lake.lake + "/processed/big").sorted(), raw)
        for file in [name(5000), name(17), name(18), "renamed.txt", name(4999)] {
            XCTAssertEqual(lake.read("processed/big/" + file), lake.read("raw/big/" + file), file)
        }
    }

    func testLostCatalogKeepsIdenticalOutputsUntouched() throws {
        let lake = try TemporaryLake(rules: Self.rules)
        defer { lake.remove() }
        for d in ["01", "02"] { try lake.write("raw/d/2025-06-\(d).txt", "day \(d)\n") }
        let first = try lake.run("build")
        XCTAssertEqual(first.status, 0, first.stdout + first.stderr)
        let watched = ["processed/d/2025-06-01.txt", "reports/all.txt", "reports/window/2025-06-02.txt"]
        let before = try watched.map { try FileManager.default.attributesOfItem(atPath: lake.lake + "/" + $0) }
        for f in ["catalog.db", "catalog.db-wal", "catalog.db-shm"] {
            try? FileManager.default.removeItem(atPath: lake.lake + "/.lakemake/" + f)
        }
        let (set, status) = try ran(lake)
        XCTAssertEqual(status, 0)
        XCTAssertEqual(set.count, 7, "every target runs again")
        XCTAssertFalse(lake.exists(".lakemake/catalog.db-wal"), "a build planned in full closed the catalog too")
        let after = try watched.map { try FileManager.default.attributesOfItem(atPath: lake.lake + "/" + $0) }
        for (b, a) in zip(before, after) {
            XCTAssertEqual(b[.systemFileNumber] as? Int, a[.systemFileNumber] as? Int, "same inode")
            XCTAssertEqual(b[.modificationDate] as? Date, a[.modificationDate] as? Date, "same mtime")
        }
        XCTAssertEqual(try ran(lake).0, [], "and the state is whole again")
    }

    func testCorruptCatalogIsMovedAsideNotDeleted() throws {
        let lake = try TemporaryLake(rules: Self.rules)
        defer { lake.remove() }
        try lake.write("raw/d/2025-06-01.txt", "day 01\n")
        XCTAssertEqual(try lake.run("build").status, 0)
        for f in ["catalog.db-wal", "catalog.db-shm"] { try? FileManager.default.removeItem(atPath: lake.lake + "/.lakemake/" + f) }
        try Data("this is not a database, just garbage bytes".utf8).write(to: URL(fileURLWithPath: lake.lake + "/.lakemake/catalog.db"))
        let r = try lake.run("build")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("moved it to"), r.stderr)
        let moved = try FileManager.default.contentsOfDirectory(atPath: lake.lake + "/.lakemake").filter { $0.hasPrefix("catalog.db.corrupt") }
        XCTAssertEqual(moved, ["catalog.db.corrupt-1"])
        XCTAssertEqual(lake.read(".lakemake/catalog.db.corrupt-1"), "this is not a database, just garbage bytes")
    }

    func testSymbolicLinkOutOfTheLakeIsRejectedNotRead() throws {
        let lake = try TemporaryLake(rules: Self.rules)
        defer { lake.remove() }
        let outside = lake.root + "/secret.txt"
        try "outside\n".write(toFile: outside, atomically: true, encoding: .utf8)
        try lake.write("raw/d/2025-06-01.txt", "day 01\n")
        try FileManager.default.createSymbolicLink(atPath: lake.lake + "/raw/d/2025-06-02.txt", withDestinationPath: outside)
        let r = try lake.run("build")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("ignored    raw/d/2025-06-02.txt: symbolic link pointing outside the lake"), r.stdout)
        XCTAssertFalse(lake.exists("processed/d/2025-06-02.txt"))
        XCTAssertTrue(lake.read("rejected/d/2025-06-02.txt.error.json")?.contains("symbolic link pointing outside the lake") ?? false)
        // A link that stays inside the lake is an ordinary input.
        try FileManager.default.createSymbolicLink(atPath: lake.lake + "/raw/d/2025-06-03.txt", withDestinationPath: lake.lake + "/raw/d/2025-06-01.txt")
        XCTAssertEqual(try lake.run("build").status, 0)
        XCTAssertEqual(lake.read("processed/d/2025-06-03.txt"), "day 01\n")
    }

    func testBuildSweepsOnlyTemporaryFilesOfDeadProcesses() throws {
        let lake = try TemporaryLake(rules: Self.rules)
        defer { lake.remove() }
        try lake.write("raw/d/2025-06-01.txt", "day 01\n")
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["30"]
        try sleeper.run()
        defer { sleeper.terminate() }
        // An ingest in flight (its writer alive) and a leftover of a killed build.
        try lake.write(".lakemake/tmp/\(sleeper.processIdentifier)-1-upload.json", "in flight\n")
        try lake.write(".lakemake/tmp/2147483000-1-data.parquet", "leftover\n")
        XCTAssertEqual(try lake.run("build").status, 0)
        XCTAssertTrue(lake.exists(".lakemake/tmp/\(sleeper.processIdentifier)-1-upload.json"))
        XCTAssertFalse(lake.exists(".lakemake/tmp/2147483000-1-data.parquet"))
    }
}
