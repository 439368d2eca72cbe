// The walk lists files by their bytes, and sets aside every name that is the same text as
// another in another Unicode spelling: which one a rule means cannot be told.

import Foundation
import XCTest
import LakeFormats
@testable import LakeBuild

final class LakeWalkerNamesTests: XCTestCase {
    func testEverySpellingOfOneTextIsSetAsideAndOtherNamesAreKeptByTheirBytes() throws {
        let lake = FileManager.default.temporaryDirectory.path + "/lakemake-walknames-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: lake) }
        let names = [
            "caf\u{E9}.txt", "cafe\u{301}.txt",            // composed and decomposed
            "K.txt", "\u{212A}.txt",                         // ASCII K and the Kelvin sign
            "\u{C5}.txt", "A\u{30A}.txt", "\u{212B}.txt",   // three spellings of Å
            "na\u{EF}ve.txt", "plain.txt",                   // names of their own
        ]
        try FileManager.default.createDirectory(atPath: lake + "/raw/a", withIntermediateDirectories: true)
        for name in names { try Data(name.utf8).write(to: URL(fileURLWithPath: lake + "/raw/a/" + name)) }
        // The same name in two folders whose names are one text in two spellings.
        for folder in ["raw/b/caf\u{E9}", "raw/b/cafe\u{301}"] {
            try FileManager.default.createDirectory(atPath: lake + "/" + folder, withIntermediateDirectories: true)
            try Data("x".utf8).write(to: URL(fileURLWithPath: lake + "/" + folder + "/x.txt"))
        }

        let listing = try LocalFileSystem(root: lake).walk(under: ["raw"])
        let listed = listing.files.keys.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        XCTAssertEqual(listed, ["raw/a/na\u{EF}ve.txt", "raw/a/plain.txt"].map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) })
        let setAside = listing.unusableNames.map { Array($0.path.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        let expected = names.prefix(7).map { "raw/a/" + $0 } + ["raw/b/caf\u{E9}/x.txt", "raw/b/cafe\u{301}/x.txt"]
        XCTAssertEqual(setAside, expected.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) })
        for entry in listing.unusableNames {
            XCTAssertTrue(entry.problem?.contains("another Unicode normalisation") == true, entry.path)
        }
        // The names-only walk (no stat where the folder states an entry's type) lists the
        // same files, links and set-aside names included.
        try FileManager.default.createSymbolicLink(atPath: lake + "/raw/a/link.txt", withDestinationPath: "plain.txt")
        try FileManager.default.createSymbolicLink(atPath: lake + "/raw/out.txt", withDestinationPath: "/etc/hostname")
        let fs = LocalFileSystem(root: lake)
        XCTAssertEqual(Set(try fs.filePaths(under: ["raw"]).map(ByteExactString.init)),
                       Set(try fs.walk(under: ["raw"]).files.keys.map(ByteExactString.init)))
        XCTAssertEqual(try fs.filePaths(under: ["raw"]).count, 3, "two names of their own and a link inside the lake")
        // Each kept name is found by its own bytes only.
        XCTAssertNotNil(listing.files["raw/a/na\u{EF}ve.txt"])
        XCTAssertNil(listing.files["raw/a/nai\u{308}ve.txt"])
    }

    /// A walk of many folders is shared out over the cores (`LakeWalker.spreadAt`): what it
    /// lists is what the test made, with a name that is not UTF-8, two spellings of one name
    /// and a link leaving the lake deep in the tree, walked with stats and names only.
    func testAWalkOfManyFoldersListsEveryFileOnce() throws {
        let lake = FileManager.default.temporaryDirectory.path + "/lakemake-walkspread-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: lake) }
        var made: [String] = []
        for d in 0..<150 {
            for s in 0..<3 {
                let folder = "processed/t/d=\(d)/s=\(s)"
                try FileManager.default.createDirectory(atPath: lake + "/" + folder, withIntermediateDirectories: true)
                try Data("\(d) \(s)".utf8).write(to: URL(fileURLWithPath: lake + "/" + folder + "/data.txt"))
                made.append(folder + "/data.txt")
            }
        }
        try Data("top".utf8).write(to: URL(fileURLWithPath: lake + "/processed/top.txt"))
        made.append("processed/top.txt")
        let deep = lake + "/processed/t/d=77/s=1/"
        try Data("x".utf8).write(to: URL(fileURLWithPath: deep + "caf\u{E9}.txt"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: deep + "cafe\u{301}.txt"))
        // A name that is not UTF-8: "bad" and the byte 0xFF.
        XCTAssertTrue(FileManager.default.createFile(atPath: deep + "x", contents: nil))
        XCTAssertEqual(rename(deep + "x", Array((deep + "bad").utf8CString.dropLast()) + [CChar(bitPattern: 0xFF), 0]), 0)
        try FileManager.default.createSymbolicLink(atPath: lake + "/processed/t/d=140/out.txt", withDestinationPath: "/etc/hostname")

        let fs = LocalFileSystem(root: lake)
        let listing = try fs.walk(under: ["processed"])
        XCTAssertEqual(listing.files.keys.sorted(), made.sorted())
        XCTAssertEqual(listing.escapingLinks, ["processed/t/d=140/out.txt"])
        XCTAssertEqual(listing.unusableNames.map(\.path).sorted(), [
            "processed/t/d=77/s=1/bad\\xFF", "processed/t/d=77/s=1/caf\u{E9}.txt", "processed/t/d=77/s=1/cafe\u{301}.txt",
        ].sorted())
        for (path, stat) in listing.files { XCTAssertGreaterThan(stat.inode, 0, path) }
        XCTAssertEqual(try fs.filePaths(under: ["processed"]).sorted(), made.sorted())
    }

    /// A large folder has its names read first and its entries stat'ed on every core
    /// (`parallelStatsFrom`; 0 here takes every folder that way): it lists what the walk one
    /// entry at a time lists, stats, links, a folder inside, a name that is not UTF-8 and
    /// two spellings of one name included, with stats and names only.
    func testALargeFolderStatedOnEveryCoreListsWhatAWalkOneByOneLists() throws {
        let (lake, made) = try Self.lakeWithALargeFolder(uploads: 600, in: ["raw/big"])
        defer { try? FileManager.default.removeItem(atPath: lake) }
        let big = lake + "/raw/big/"
        try Data("x".utf8).write(to: URL(fileURLWithPath: big + "caf\u{E9}.json"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: big + "cafe\u{301}.json"))
        XCTAssertTrue(FileManager.default.createFile(atPath: big + "x", contents: nil))
        XCTAssertEqual(rename(big + "x", Array((big + "bad").utf8CString.dropLast()) + [CChar(bitPattern: 0xFF), 0]), 0)

        let directory = LocalFileSystem(root: lake).directory
        func walk(parallelFrom: Int, namesOnly: Bool) throws -> LakeListing {
            var walker = LakeWalker(directory: directory, namesOnly: namesOnly, parallelStatsFrom: parallelFrom)
            try walker.walkSpread(try directory.openDirectory("raw", create: false), "raw")
            return walker.finish()
        }
        for namesOnly in [false, true] {
            let wide = try walk(parallelFrom: 0, namesOnly: namesOnly)
            let oneByOne = try walk(parallelFrom: .max, namesOnly: namesOnly)
            XCTAssertEqual(wide.files.keys.sorted(), made.sorted(), "names only: \(namesOnly)")
            XCTAssertEqual(oneByOne.files.keys.sorted(), made.sorted(), "names only: \(namesOnly)")
            for (path, stat) in oneByOne.files { XCTAssertEqual(wide.files[path], stat, path) }
            XCTAssertEqual(wide.escapingLinks, ["raw/big/out.json"])
            XCTAssertEqual(wide.escapingLinks, oneByOne.escapingLinks)
            XCTAssertEqual(wide.unusableNames, oneByOne.unusableNames)
            XCTAssertEqual(wide.unusableNames.count, 3, "the name that is not UTF-8 and both spellings of café")
        }
        // The stats are the files' own.
        let listing = try walk(parallelFrom: 0, namesOnly: false)
        for path in ["raw/big/u7.json", "raw/big/sub/x.json"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: lake + "/" + path)
            XCTAssertEqual(listing.files[path]?.inode, (attributes[.systemFileNumber] as? NSNumber)?.uint64Value, path)
            XCTAssertEqual(listing.files[path]?.size, (attributes[.size] as? NSNumber)?.int64Value, path)
        }
    }

    /// A lake whose `raw/big/` holds a subfolder with one file, a link to an upload and a link
    /// out of the lake, and `uploads` uploads in each of `folders`: the lake, and the paths
    /// of the files a walk lists.
    static func lakeWithALargeFolder(uploads: Int, in folders: [String]) throws -> (lake: String, made: [String]) {
        let lake = FileManager.default.temporaryDirectory.path + "/lakemake-walkwide-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: lake + "/raw/big/sub", withIntermediateDirectories: true)
        var made: [String] = []
        for k in 0..<uploads {
            for folder in folders {
                try Data("upload \(k)\n".utf8).write(to: URL(fileURLWithPath: "\(lake)/\(folder)/u\(k).json"))
                made.append("\(folder)/u\(k).json")
            }
        }
        try Data("inside".utf8).write(to: URL(fileURLWithPath: lake + "/raw/big/sub/x.json"))
        made.append("raw/big/sub/x.json")
        try FileManager.default.createSymbolicLink(atPath: lake + "/raw/big/link.json", withDestinationPath: "u1.json")
        made.append("raw/big/link.json")
        try FileManager.default.createSymbolicLink(atPath: lake + "/raw/big/out.json", withDestinationPath: "/etc/hostname")
        return (lake, made)
    }
}
