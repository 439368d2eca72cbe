// The compact form of a large folder's files (`CompactFolder`): every name is found by its
// bytes and nothing else is, and a walk that keeps large folders compact lists, once made
// whole, what a walk that keeps none lists.

import Foundation
@testable import LakeBuild
import XCTest

final class CompactFolderTests: XCTestCase {
    private func stat(_ k: Int) -> FileStat { FileStat(device: 1, inode: UInt64(k), size: Int64(k), mtimeNs: 7, ctimeNs: 8) }

    private func find(_ folder: CompactFolder, _ name: String) -> Int? {
        var name = name
        return name.withUTF8 { folder.index(of: UnsafeRawBufferPointer($0)) }
    }

    /// 20 000 names that differ in a digit or two (as uploads do), so slots collide: each is
    /// found at its own number, with its path and stat; names that are not there (a prefix,
    /// one longer, one byte off, empty) are not found.
    func testEveryNameIsFoundAndNoOtherIs() {
        let names = (0..<20_000).map { "store_\($0 % 100)_day_\($0 / 100).json" }
        let folder = CompactFolder(folder: "raw/sales", files: names.enumerated().map { ($1, stat($0)) })
        XCTAssertEqual(folder.count, names.count)
        for (k, name) in names.enumerated() {
            XCTAssertEqual(find(folder, name), k, name)
            XCTAssertEqual(folder.path(k), "raw/sales/" + name)
            XCTAssertEqual(folder.stats[k], stat(k))
        }
        for absent in ["store_1_day_1.jso", "store_1_day_1.jsonx", "store_1_day_1.joon", "store_100_day_1.json", "", "raw/sales/store_1_day_1.json"] {
            XCTAssertNil(find(folder, absent), absent)
        }
        let empty = CompactFolder(folder: "raw/none", files: [])
        XCTAssertNil(find(empty, "a"))
        XCTAssertEqual(empty.count, 0)
    }

    /// A walk that keeps large folders compact (every folder here, the smallest too:
    /// `parallelStatsFrom` 0), made whole, lists what a walk that keeps none lists: files directly in a top-level
    /// folder and in a folder below it, a subfolder's files, links in and out of the lake,
    /// and a regular file named as lakemake's temporary folder, which neither lists. Only
    /// regular files of ASCII names are kept compact.
    func testAWalkKeepingLargeFoldersCompactListsWhatAWalkKeepingNoneLists() throws {
        let (lake, made) = try LakeWalkerNamesTests.lakeWithALargeFolder(uploads: 300, in: ["raw", "raw/big"])
        defer { try? FileManager.default.removeItem(atPath: lake) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: lake + "/raw/" + LakeDirectory.foreignTemporaryFolder))

        let directory = LocalFileSystem(root: lake).directory
        var compactWalker = LakeWalker(directory: directory, parallelStatsFrom: 0, keepsLargeFoldersCompact: true)
        try compactWalker.walkSpread(try directory.openDirectory("raw", create: false), "raw")
        let walk = compactWalker.finishKeepingCompact()
        let kept = walk.compact.map { (String(decoding: $0.prefix, as: UTF8.self), $0.count) }.sorted { $0.0 < $1.0 }
        XCTAssertEqual(kept.map(\.0), ["raw/", "raw/big/", "raw/big/sub/"])
        XCTAssertEqual(kept.map(\.1), [300, 300, 1])
        XCTAssertEqual(walk.listing.files.keys.sorted(), ["raw/big/link.json"])
        XCTAssertEqual(walk.fileCount, made.count)

        var plainWalker = LakeWalker(directory: directory, parallelStatsFrom: 0)
        try plainWalker.walkSpread(try directory.openDirectory("raw", create: false), "raw")
        let plain = plainWalker.finish()
        let whole = walk.wholeListing()
        XCTAssertEqual(whole.files.keys.sorted(), made.sorted())
        XCTAssertEqual(plain.files.keys.sorted(), made.sorted())
        for (path, stat) in plain.files { XCTAssertEqual(whole.files[path], stat, path) }
        XCTAssertEqual(whole.escapingLinks, ["raw/big/out.json"])
        XCTAssertEqual(whole.escapingLinks, plain.escapingLinks)
    }

    /// A name that is not ASCII can be the same text as an ASCII name kept compact (the Kelvin
    /// sign is K): the walk then makes the listing whole, and both are set aside as unusable,
    /// as a walk keeping none sets them aside.
    func testAnotherSpellingOfACompactNameSetsBothAside() throws {
        let lake = FileManager.default.temporaryDirectory.path + "/lakemake-compact-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: lake) }
        try FileManager.default.createDirectory(atPath: lake + "/raw/big", withIntermediateDirectories: true)
        for k in 0..<50 { try Data("\(k)".utf8).write(to: URL(fileURLWithPath: "\(lake)/raw/big/u\(k).json")) }
        try Data("ascii".utf8).write(to: URL(fileURLWithPath: lake + "/raw/big/K.json"))
        try Data("kelvin".utf8).write(to: URL(fileURLWithPath: lake + "/raw/big/\u{212A}.json"))

        let directory = LocalFileSystem(root: lake).directory
        var walker = LakeWalker(directory: directory, parallelStatsFrom: 0, keepsLargeFoldersCompact: true)
        try walker.walkSpread(try directory.openDirectory("raw", create: false), "raw")
        let walk = walker.finishKeepingCompact()
        XCTAssertEqual(walk.compact.count, 0, "made whole to compare spellings")
        XCTAssertEqual(walk.listing.files.count, 50)
        XCTAssertNil(walk.listing.files["raw/big/K.json"])
        XCTAssertEqual(walk.listing.unusableNames.map(\.path).sorted(), ["raw/big/K.json", "raw/big/\u{212A}.json"].sorted())
        XCTAssertEqual(walk.listing.unusableNames, try LocalFileSystem(root: lake).walk(under: ["raw"]).unusableNames)
    }
}
