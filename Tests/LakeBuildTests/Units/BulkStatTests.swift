// The bulk stat a no-op build makes of every output: stat'ed relative to the file's own folder,
// or to the folder two levels up, while consecutive paths share it. Whatever the order and shape of the paths, each result
// must be what a stat of that one path gives.

import Foundation
import Glibc
import XCTest
@testable import LakeBuild

final class BulkStatTests: XCTestCase {
    private var lake = ""

    override func setUpWithError() throws {
        lake = FileManager.default.temporaryDirectory.path + "/lakemake-bulkstat-" + UUID().uuidString
        let files = ["processed/s/date=1/store=1/data.parquet", "processed/s/date=1/store=2/data.parquet",
                     "processed/s/date=2/store=1/data.parquet", "metrics/s/date=1/a.json", "metrics/s/date=1/b.json",
                     "top.txt", "raw/x.json", "processed/s/date=3/store=1/data.parquet",
                     "processed/s/date=1/store=1/more.parquet", "metrics/s/flat"]
        for f in files {
            let url = URL(fileURLWithPath: lake + "/" + f)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(f.utf8).write(to: url)
        }
        // A folder where a file is expected, and a folder two levels up that is a link into the lake.
        try FileManager.default.createDirectory(atPath: lake + "/processed/s/date=2/store=2/data.parquet", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: lake + "/processed/t", withDestinationPath: "s")
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: lake) }

    /// The stat of one path as the bulk stat has always made it: from the lake folder, the
    /// last name not followed, a regular file or nothing. (Folders on the way may be links;
    /// these stats only decide what to look at, every read goes through `LakeDirectory`.)
    private func plainStat(_ path: String) -> FileStat? {
        var st = Glibc.stat()
        guard lstat(lake + "/" + path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileStat(st)
    }

    func testEveryPathGetsTheStatOfItsOwnWhateverTheOrder() throws {
        let fs = LocalFileSystem(root: lake)
        // A run in one folder, then runs in folders two levels up; a folder that is a file.
        let sorted = ["metrics/s/date=1/a.json", "metrics/s/date=1/b.json", "metrics/s/date=1/gone.json",
                      "metrics/s/flat/a.json", "metrics/s/flat/b.json",
                      "processed/s/date=1/store=1/data.parquet", "processed/s/date=1/store=1/more.parquet", "processed/s/date=1/store=2/data.parquet",
                      "processed/s/date=1/store=3/data.parquet", "processed/s/date=2/store=1/data.parquet",
                      "processed/s/date=2/store=2/data.parquet", "processed/s/date=3/store=1/data.parquet",
                      "processed/t/date=1/store=1/data.parquet", "processed/t/date=1/store=2/data.parquet",
                      "processed/u/date=1/store=1/data.parquet", "processed/u/date=1/store=2/data.parquet",
                      "raw/x.json", "top.txt"]
        var generator = SystemRandomNumberGenerator()
        for paths in [sorted, sorted.reversed(), sorted.shuffled(using: &generator), sorted + sorted] {
            let bulk = fs.stat(paths)
            XCTAssertEqual(bulk.count, paths.count)
            for (path, stat) in zip(paths, bulk) {
                XCTAssertEqual(stat, plainStat(path), path)
            }
            XCTAssertEqual(bulk.compactMap { $0 }.count, paths.filter { !$0.contains("gone") && !$0.contains("store=3") && !$0.contains("flat")
                && !$0.contains("date=2/store=2") && !$0.contains("processed/u") }.count, "\(paths)")
        }
    }

    /// Enough paths for the stats to be spread over several threads, each chunk with its own folder.
    func testManyPathsAcrossThreads() throws {
        let fs = LocalFileSystem(root: lake)
        let paths = (0..<20_000).map { i in
            i % 3 == 0 ? "processed/s/date=1/store=\(i % 2 + 1)/data.parquet" : "metrics/s/date=1/\(i % 2 == 0 ? "a" : "none").json"
        }.sorted()
        let bulk = fs.stat(paths)
        for (path, stat) in zip(paths, bulk) {
            XCTAssertEqual(stat == nil, path.contains("none"), path)
        }
    }

    /// The outputs a build checks against its stored plan, compared as they are stat'ed: the
    /// positions (in order, over several threads) of exactly the paths whose stat differs from
    /// the one recorded at the same position: missing, edited, or recorded otherwise.
    func testChangedStatsAreThePositionsWhoseStatDiffers() throws {
        let fs = LocalFileSystem(root: lake)
        let present = ["metrics/s/date=1/a.json", "metrics/s/date=1/b.json", "processed/s/date=1/store=1/data.parquet",
                       "processed/s/date=1/store=2/data.parquet", "processed/s/date=2/store=1/data.parquet"]
        let paths = (0..<20_000).map { i in i % 7 == 3 ? "metrics/s/date=1/gone\(i).json" : present[i % present.count] }.sorted()
        let recorded = paths.map { plainStat($0) ?? FileStat(device: 0, inode: 0, size: 0, mtimeNs: 0, ctimeNs: 0) }
        XCTAssertEqual(fs.changedStats(paths, recorded: recorded), paths.indices.filter { paths[$0].contains("gone") })

        // One file edited, another recorded with another time: those positions too, in order.
        try Data("edited, longer than before".utf8).write(to: URL(fileURLWithPath: lake + "/metrics/s/date=1/b.json"))
        var other = recorded
        let moved = try XCTUnwrap(paths.firstIndex(of: "processed/s/date=2/store=1/data.parquet"))
        other[moved].mtimeNs += 1
        let expected = paths.indices.filter { paths[$0].contains("gone") || paths[$0] == "metrics/s/date=1/b.json" } + [moved]
        XCTAssertEqual(fs.changedStats(paths, recorded: other), expected.sorted())
        XCTAssertEqual(fs.changedStats([], recorded: []), [])
    }
}
