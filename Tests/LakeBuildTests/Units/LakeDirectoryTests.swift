// The access layer on a real folder: every escape route a path or a link offers is refused, in
// both resolution modes (the kernel's openat2 and the component walk for older kernels), and
// what the policy allows (links inside raw/ that stay in the lake, raw/ itself a link) works.

import Foundation
import Glibc
import XCTest
@testable import LakeBuild

final class LakeDirectoryTests: XCTestCase {
    private var base = ""
    private var lake: String { base + "/lake" }
    private var outside: String { base + "/outside" }

    override func setUpWithError() throws {
        base = FileManager.default.temporaryDirectory.path + "/lakemake-dir-" + UUID().uuidString
        for dir in ["lake/raw/a", "lake/reference", "lake/processed/a", "lake/.lakemake/tmp", "outside"] {
            try FileManager.default.createDirectory(atPath: base + "/" + dir, withIntermediateDirectories: true)
        }
        try write("lake/raw/a/in.txt", "inside")
        try write("lake/reference/r.csv", "reference")
        try write("lake/processed/a/out.txt", "output")
        try write("outside/secret.txt", "secret")
        try write("lake/.lakemake/catalog.db", "catalog")
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: base) }

    private func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: base + "/" + path))
    }

    private func link(_ path: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: base + "/" + path, withDestinationPath: target)
    }

    private func content(_ path: String) -> String? {
        FileManager.default.contents(atPath: base + "/" + path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Runs `body` once per resolution mode, with a fresh file system each time.
    private func eachResolution(_ body: (LocalFileSystem, PathResolution) throws -> Void) rethrows {
        var modes: [PathResolution] = [.componentWalk]
        if LakeDirectory.kernelResolution == .kernel { modes.append(.kernel) }
        XCTAssertEqual(LakeDirectory.kernelResolution, .kernel, "this kernel has openat2; the kernel path must be tested")
        for mode in modes { try body(LocalFileSystem(root: lake, resolution: mode), mode) }
    }

    private func assertRefused<T>(_ expression: @autoclosure () throws -> T, _ message: String,
                                 file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try expression(), message, file: file, line: line)
    }

    // MARK: - Paths that are not plain

    func testDotDotAbsoluteEmptyAndNulSegmentsAreRefusedForEveryOperation() throws {
        try eachResolution { fs, mode in
            for path in ["../outside/secret.txt", "raw/../../outside/secret.txt", "/etc/passwd", "raw//a/in.txt",
                         "raw/./a/in.txt", "processed/a/\u{0}x", ""] {
                XCTAssertThrowsError(try fs.read(path), "\(mode) read \(path)") { error in
                    XCTAssertEqual(error as? FileSystemError, .invalidPath(path))
                }
                assertRefused(try fs.hash(path), "\(mode) hash \(path)")
                assertRefused(try fs.remove(path), "\(mode) remove \(path)")
                XCTAssertNil(fs.stat(path), "\(mode) stat \(path)")
            }
            let temp = fs.temporaryPath(for: "processed/a/x.txt")
            try fs.writeTemporary(Array("x".utf8), to: temp)
            assertRefused(try fs.publish(temp, to: "processed/../../outside/x.txt"), "\(mode) publish with ..")
            try fs.remove(temp)
        }
        XCTAssertEqual(content("outside/secret.txt"), "secret")
    }

    func testOverLongSegmentsAreAnErrorNotATruncation() throws {
        let long = String(repeating: "x", count: 300)
        try eachResolution { fs, mode in
            let temp = fs.temporaryPath(for: "processed/a/" + long)
            XCTAssertLessThanOrEqual(temp.split(separator: "/").last?.utf8.count ?? 0, 255, "\(mode)")
            try fs.writeTemporary([1], to: temp)
            XCTAssertThrowsError(try Publisher(fileSystem: fs).publish(temporary: temp, to: "processed/a/" + long), "\(mode)") { error in
                guard case .io(_, _, let code) = error as? FileSystemError else { return XCTFail("\(error)") }
                XCTAssertEqual(code, ENAMETOOLONG)
            }
            XCTAssertThrowsError(try fs.read("raw/" + long + "/in.txt"), "\(mode)")
            XCTAssertNil(fs.stat("processed/" + long))
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: lake + "/processed/a"), ["out.txt"], "nothing was created")
        XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: lake + "/.lakemake/tmp")) ?? [], [],
                       "the failed publish left no temporary file")
    }

    // MARK: - Outputs: no link anywhere

    func testOutputFolderThatIsALinkIsNeverWrittenReadOrDeletedThrough() throws {
        try FileManager.default.removeItem(atPath: lake + "/processed/a")
        try link("lake/processed/a", to: outside)
        try eachResolution { fs, mode in
            let temp = fs.temporaryPath(for: "processed/a/secret.txt")
            try fs.writeTemporary(Array("overwritten".utf8), to: temp)
            XCTAssertThrowsError(try fs.publish(temp, to: "processed/a/secret.txt"), "\(mode)") { error in
                XCTAssertEqual(error as? FileSystemError, .symbolicLink("processed/a"), "the error names the link")
            }
            XCTAssertThrowsError(try fs.remove("processed/a/secret.txt")) { error in
                XCTAssertEqual(error as? FileSystemError, .symbolicLink("processed/a"))
            }
            XCTAssertThrowsError(try fs.read("processed/a/secret.txt"), "\(mode): outputs are not read through links")
            XCTAssertNil(fs.stat("processed/a/secret.txt"))
            try fs.remove(temp)
        }
        XCTAssertEqual(content("outside/secret.txt"), "secret")
    }

    func testLinkAtEachComponentOfAnOutputPathIsRefused() throws {
        // processed → outside; processed/a/b → outside; the file itself → outside.
        let cases: [(make: String, target: String, publish: String)] = [
            ("lake/metrics", outside, "metrics/x/y.txt"),
            ("lake/processed/a/b", outside, "processed/a/b/y.txt"),
            ("lake/processed/a/file.txt", outside + "/secret.txt", "processed/a/file.txt"),
        ]
        for c in cases { try link(c.make, to: c.target) }
        try eachResolution { fs, mode in
            for c in cases {
                let temp = fs.temporaryPath(for: c.publish)
                try fs.writeTemporary(Array("overwritten".utf8), to: temp)
                // A link as the file itself is replaced by the rename (the link goes, its target stays).
                if c.publish == "processed/a/file.txt" {
                    XCTAssertThrowsError(try fs.read(c.publish), "\(mode) reads no output through a link")
                    try fs.remove(temp)
                    continue
                }
                XCTAssertThrowsError(try fs.publish(temp, to: c.publish), "\(mode) \(c.publish)") { error in
                    guard case .symbolicLink = error as? FileSystemError else { return XCTFail("\(error)") }
                }
                try fs.remove(temp)
            }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside), ["secret.txt"])
        XCTAssertEqual(content("outside/secret.txt"), "secret")
    }

    func testSymlinkLoopIsAnErrorNotAHang() throws {
        try link("lake/processed/loop", to: "loop")
        try eachResolution { fs, mode in
            let temp = fs.temporaryPath(for: "processed/loop/x.txt")
            try fs.writeTemporary([1], to: temp)
            XCTAssertThrowsError(try fs.publish(temp, to: "processed/loop/x.txt"), "\(mode)")
            try fs.remove(temp)
        }
        try link("lake/raw/a/loop.txt", to: "loop.txt")
        try eachResolution { fs, mode in
            XCTAssertThrowsError(try fs.read("raw/a/loop.txt"), "\(mode)")
        }
    }

    func testOutputsAreNeverWrittenIntoRawReferenceOrLakemake() throws {
        try eachResolution { fs, mode in
            for destination in ["raw/a/in.txt", "reference/r.csv", ".lakemake/catalog.db", "raw/new.txt"] {
                let temp = fs.temporaryPath(for: destination)
                try fs.writeTemporary(Array("overwritten".utf8), to: temp)
                XCTAssertThrowsError(try fs.publish(temp, to: destination), "\(mode) \(destination)") { error in
                    XCTAssertEqual(error as? FileSystemError, .protectedPath(destination))
                }
                XCTAssertThrowsError(try fs.remove(destination), "\(mode) remove \(destination)")
                try fs.remove(temp)
            }
        }
        XCTAssertEqual(content("lake/raw/a/in.txt"), "inside")
        XCTAssertEqual(content("lake/reference/r.csv"), "reference")
        XCTAssertEqual(content("lake/.lakemake/catalog.db"), "catalog")
        XCTAssertFalse(FileManager.default.fileExists(atPath: lake + "/raw/new.txt"))
    }

    // MARK: - Sources: links that stay in the lake are followed

    func testSourceLinksInsideTheLakeAreFollowedAndLinksOutAreRefused() throws {
        try link("lake/raw/a/same-folder.txt", to: "in.txt")
        try link("lake/raw/a/to-reference.txt", to: "../../reference/r.csv")
        try link("lake/raw/a/absolute-out.txt", to: outside + "/secret.txt")
        try link("lake/raw/a/relative-out.txt", to: "../../../outside/secret.txt")
        try link("lake/raw/a/to-catalog.txt", to: "../../.lakemake/catalog.db")
        let fs = LocalFileSystem(root: lake, resolution: .kernel)
        XCTAssertEqual(try fs.read("raw/a/same-folder.txt"), Array("inside".utf8))
        XCTAssertEqual(try fs.read("raw/a/to-reference.txt"), Array("reference".utf8))
        for escaping in ["raw/a/absolute-out.txt", "raw/a/relative-out.txt", "raw/a/to-catalog.txt"] {
            XCTAssertThrowsError(try fs.read(escaping), escaping) { error in
                XCTAssertEqual(error as? FileSystemError, .outsideLake(escaping))
            }
            XCTAssertThrowsError(try fs.hash(escaping))
        }
        let listing = try fs.walk(under: ["raw", "reference"])
        XCTAssertNotNil(listing.files["raw/a/same-folder.txt"])
        XCTAssertNotNil(listing.files["raw/a/to-reference.txt"])
        XCTAssertEqual(listing.escapingLinks, ["raw/a/absolute-out.txt", "raw/a/relative-out.txt", "raw/a/to-catalog.txt"])
        // Without openat2 no link is followed: the walk and the reads agree on that too.
        let walk = LocalFileSystem(root: lake, resolution: .componentWalk)
        XCTAssertThrowsError(try walk.read("raw/a/absolute-out.txt"))
        XCTAssertThrowsError(try walk.read("raw/a/same-folder.txt"))
    }

    func testRawFolderMayBeALinkToAnotherDisk() throws {
        try FileManager.default.moveItem(atPath: lake + "/raw", toPath: outside + "/raw")
        try link("lake/raw", to: outside + "/raw")
        try eachResolution { fs, mode in
            XCTAssertEqual(try fs.read("raw/a/in.txt"), Array("inside".utf8), "\(mode)")
            let listing = try fs.walk()
            XCTAssertNotNil(listing.files["raw/a/in.txt"], "\(mode): the whole-lake walk goes into raw/")
            XCTAssertEqual(listing.escapingLinks, [], "\(mode)")
            XCTAssertNotNil(try fs.walk(under: ["raw"]).files["raw/a/in.txt"])
        }
    }

    // MARK: - Temporary files

    func testTemporaryNamesNeverPassTheSegmentLimit() {
        let fs = LocalFileSystem(root: lake)
        for length in [9, 200, 240, 248, 250, 255] {
            let name = String(repeating: "n", count: length - 8) + ".parquet"
            let temp = fs.temporaryPath(for: "processed/a/" + name)
            let segment = temp.split(separator: "/").last.map(String.init) ?? ""
            XCTAssertLessThanOrEqual(segment.utf8.count, 255, "\(length)")
            XCTAssertTrue(segment.hasSuffix(".parquet"), "the extension is kept for shell commands: \(segment)")
            XCTAssertTrue(LakeLayout.isTemporary(temp))
            XCTAssertNotNil(LakeLayout.writerOfTemporary(segment))
        }
    }

    func testSweepDeletesOnlyItsOwnRegularFilesAndNeverThroughALink() throws {
        let fs = LocalFileSystem(root: lake)
        // A dead writer's temporary file, a file of a name lakemake never gives, a folder.
        try write("lake/.lakemake/tmp/999999999-1-out.txt", "leftover")
        try write("lake/.lakemake/tmp/notes.txt", "not ours")
        try FileManager.default.createDirectory(atPath: lake + "/.lakemake/tmp/999999999-2-dir", withIntermediateDirectories: true)
        try link("lake/.lakemake/tmp/999999999-3-link", to: outside + "/secret.txt")
        XCTAssertEqual(fs.sweepTemporaries(), 1)
        XCTAssertNil(content("lake/.lakemake/tmp/999999999-1-out.txt"))
        XCTAssertEqual(content("lake/.lakemake/tmp/notes.txt"), "not ours")
        XCTAssertEqual(content("outside/secret.txt"), "secret")

        // .lakemake/tmp itself a link: nothing in its target is touched.
        try FileManager.default.removeItem(atPath: lake + "/.lakemake/tmp")
        try write("outside/999999999-4-victim.txt", "victim")
        try link("lake/.lakemake/tmp", to: outside)
        XCTAssertEqual(fs.sweepTemporaries(), 0)
        XCTAssertEqual(content("outside/999999999-4-victim.txt"), "victim")
    }

    // MARK: - Publishing in batches

    /// A batch publishes every item it can, in folders it makes; an item it must refuse
    /// fails alone and leaves no temporary file; the folders made are listed for syncing.
    func testBatchPublishesWhatItCanAndLeavesNoTemporaryFile() throws {
        try eachResolution { fs, mode in
            let shell = fs.temporaryPath(for: "processed/b/y=1/z.txt")
            try fs.writeTemporary(Array("from a command".utf8), to: shell)
            let stray = fs.temporaryPath(for: "raw/a/in.txt")
            try fs.writeTemporary(Array("never published".utf8), to: stray)
            let results = fs.publish([
                (output: .bytes(Array("one".utf8)), path: "processed/b/x=1/one.txt"),
                (output: .temporaryFile(shell), path: "processed/b/y=1/z.txt"),
                (output: .bytes(Array("nope".utf8)), path: "raw/a/in.txt"),
                (output: .temporaryFile(stray), path: "processed/../raw/a/in.txt"),
                (output: .temporaryFile("processed/a/out.txt"), path: "processed/b/stolen.txt"),
                (output: .bytes(Array("two".utf8)), path: "processed/a/out.txt"),
            ])
            XCTAssertEqual(try results[0].get()?.size, 3, "\(mode)")
            XCTAssertEqual(try results[1].get()?.size, 14, "\(mode)")
            XCTAssertThrowsError(try results[2].get(), "\(mode) raw/ is no output") { error in
                XCTAssertEqual(error as? FileSystemError, .protectedPath("raw/a/in.txt"))
            }
            XCTAssertThrowsError(try results[3].get(), "\(mode) a path with ..")
            XCTAssertThrowsError(try results[4].get(), "\(mode) an output is no temporary file") { error in
                XCTAssertEqual(error as? FileSystemError, .protectedPath("processed/a/out.txt"))
            }
            XCTAssertEqual(try results[5].get()?.size, 3, "\(mode) replaces")
            XCTAssertEqual(content("lake/processed/b/x=1/one.txt"), "one")
            XCTAssertEqual(content("lake/processed/b/y=1/z.txt"), "from a command")
            XCTAssertEqual(content("lake/processed/a/out.txt"), "two")
            XCTAssertEqual(content("lake/raw/a/in.txt"), "inside")
            XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: lake + "/.lakemake/tmp")) ?? [], [], "\(mode)")
            try FileManager.default.removeItem(atPath: lake + "/processed/b")
            try write("lake/processed/a/out.txt", "output")
        }
        XCTAssertEqual(LakeDirectory.foldersToSync(renamedInto: ["processed/b/x=1", "processed/b/x=1", "processed/a"],
                                                   created: ["processed/b", "processed/b/x=1"]),
                       ["processed", "processed/a", "processed/b", "processed/b/x=1"],
                       "each folder renamed into, and the parent of each folder made, once")
        XCTAssertEqual(LakeDirectory.foldersToSync(renamedInto: ["metrics"], created: ["metrics"]), ["", "metrics"])
    }

    // MARK: - Folders emptied while another writer fills them

    /// A target whose outputs came out identical drops its temporary file while another
    /// target is about to write one: the temporary folder must stay, or the other's create
    /// fails (a build after the catalog was lost failed a `sh` target this way).
    func testRemovingATemporaryFileKeepsTheTemporaryFolder() throws {
        try eachResolution { fs, mode in
            let temp = fs.temporaryPath(for: "processed/a/out.txt")
            try fs.writeTemporary(Array("x".utf8), to: temp)
            try fs.remove(temp)
            XCTAssertNil(fs.stat(temp), "\(mode)")
            var isFolder: ObjCBool = false
            XCTAssertTrue(FileManager.default.fileExists(atPath: lake + "/.lakemake/tmp", isDirectory: &isFolder), "\(mode)")
            XCTAssertTrue(isFolder.boolValue, "\(mode)")
        }
    }

    /// One thread deletes the only file of an output folder (which removes the folder) while
    /// another publishes into it: the publish must land, not fail because the folder it
    /// opened was removed before its rename.
    func testPublishIntoAFolderAnotherRemovalEmptiesLands() {
        eachResolution { fs, mode in
            let rounds = 1000
            let writers = ["a", "b"]
            let failures = ResultSlots<[String]>(count: writers.count)
            let group = DispatchGroup()
            for (w, writer) in writers.enumerated() {
                group.enter()
                Thread.detachNewThread {
                    var mine: [String] = []
                    for n in 0..<rounds {
                        let path = "processed/race/\(writer)\(n % 4).txt"
                        if case .failure(let e) = fs.publish([(output: .bytes(Array("\(n)".utf8)), path: path)])[0] {
                            mine.append("publish \(path): \(e)")
                        }
                        do { try fs.remove(path) } catch { mine.append("remove \(path): \(error)") }
                    }
                    failures.set(w, mine)
                    group.leave()
                }
            }
            group.wait()
            let failed = writers.indices.flatMap { failures.get($0) ?? [] }
            XCTAssertEqual(failed.prefix(3), [], "\(mode): \(failed.count) of \(2 * rounds) failed")
        }
    }

    // MARK: - Exclusive landing

    func testLandingWithoutReplaceNeverReplaces() throws {
        let fs = LocalFileSystem(root: lake)
        let first = fs.temporaryPath(for: "raw/a/new.txt")
        try fs.writeTemporary(Array("first".utf8), to: first)
        try fs.land(first, at: "raw/a/new.txt", replace: false)
        let second = fs.temporaryPath(for: "raw/a/new.txt")
        try fs.writeTemporary(Array("second".utf8), to: second)
        XCTAssertThrowsError(try fs.land(second, at: "raw/a/new.txt", replace: false)) { error in
            XCTAssertEqual(error as? FileSystemError, .alreadyExists("raw/a/new.txt"))
        }
        XCTAssertEqual(content("lake/raw/a/new.txt"), "first")
        try fs.land(second, at: "raw/a/new.txt", replace: true)
        XCTAssertEqual(content("lake/raw/a/new.txt"), "second")
        XCTAssertThrowsError(try fs.land(fs.temporaryPath(for: "processed/x"), at: "processed/x", replace: true),
                             "landing is for raw files only")
    }

    // MARK: - Names

    func testNamesThatAreNotUTF8OrCollideInNormalisationAreReportedNotMerged() throws {
        let nfc = "caf\u{E9}.txt", nfd = "cafe\u{301}.txt"
        try write("lake/raw/a/" + nfc, "nfc")
        try write("lake/raw/a/" + nfd, "nfd")
        // A name with the byte 0xFF, which no UTF-8 text contains.
        let folder = open(lake + "/raw/a", O_RDONLY | O_DIRECTORY)
        XCTAssertGreaterThanOrEqual(folder, 0)
        let bad: [CChar] = [0x62, 0x61, 0x64, CChar(bitPattern: 0xFF), 0x2E, 0x74, 0x78, 0x74, 0]
        let fd = openat(folder, bad, O_WRONLY | O_CREAT, 0o644)
        XCTAssertGreaterThanOrEqual(fd, 0)
        close(fd)
        close(folder)
        let listing = try LocalFileSystem(root: lake).walk(under: ["raw"])
        XCTAssertNil(listing.files["raw/a/" + nfc], "neither spelling is read")
        XCTAssertEqual(listing.files.count, 1, "only raw/a/in.txt")
        let reported = listing.unusableNames.map(\.path)
        XCTAssertTrue(reported.contains { Array($0.utf8) == Array(("raw/a/" + nfc).utf8) }, "\(reported)")
        XCTAssertTrue(reported.contains { Array($0.utf8) == Array(("raw/a/" + nfd).utf8) }, "\(reported)")
        XCTAssertTrue(reported.contains("raw/a/bad\\xFF.txt"), "\(reported)")
        XCTAssertEqual(listing.unusableNames.count, 3)
        XCTAssertTrue(listing.unusableNames.allSatisfy { $0.problem != nil })
    }
}
