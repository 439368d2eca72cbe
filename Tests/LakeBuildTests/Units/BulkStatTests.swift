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
}
