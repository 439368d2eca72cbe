// Path safety through the binary (spec §8, docs/reliability.md): nothing a raw file name or a
// symbolic link says can make build, clean, ingest, verify or the temp sweep reach outside the
// lake, or into raw/, reference/ or .lakemake/ from an output path. One test per case of the
// adversarial pass that found them.

import Foundation
import Glibc
import XCTest

final class PathSafetyTests: XCTestCase {
    private static func copyRule(_ input: String, _ output: String) -> String {
        "rule r\n  in   \(input)\n  out  \(output)\n  run  copy\n"
    }

    /// Every regular file under `folder` (absolute) with its content.
    private func tree(_ folder: String) -> [String: String] {
        var found: [String: String] = [:]
        guard let e = FileManager.default.enumerator(atPath: folder) else { return found }
        while let p = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + p, isDirectory: &isDir), !isDir.boolValue {
                found[p] = FileManager.default.contents(atPath: folder + "/" + p).map { String(decoding: $0, as: UTF8.self) }
            }
        }
        return found
    }

    // MARK: - Wildcard values from raw names

    func testADotDotValueFromARawNameIsRejectedNamingRuleAndValueAndEverythingElseBuilds() throws {
        let lake = try TemporaryLake(rules: Self.copyRule("raw/ex/{name}.csv", "processed/{name}/data.csv"))
        defer { lake.remove() }
        try lake.write("raw/ex/good.csv", "good\n")
        try lake.write("raw/ex/...csv", "escape\n")
        let r = try lake.run("build")
        XCTAssertEqual(r.status, 1, "a rejection in this run: " + r.stdout + r.stderr)
        XCTAssertFalse(lake.exists("data.csv"), "processed/../data.csv must never be written")
        XCTAssertEqual(lake.read("processed/good/data.csv"), "good\n")
        XCTAssertTrue(r.stdout.contains("raw/ex/...csv"), r.stdout)
        XCTAssertTrue(r.stdout.contains("{name}") && r.stdout.contains("'..'"), r.stdout)
        let document = lake.read("rejected/ex/...csv.error.json") ?? ""
        XCTAssertTrue(document.contains("\"r\"") && document.contains("'..'"), document)
        // It stands: the next build says so without failing again, status exits 1 while it stands.
        let again = try lake.run("build")
        XCTAssertEqual(again.status, 0, again.stdout)
        XCTAssertTrue(again.stdout.contains("raw/ex/...csv"), again.stdout)
        XCTAssertEqual(try lake.run("status").status, 1)
        // Renamed to a plain name, it builds and the rejection goes.
        try FileManager.default.moveItem(atPath: lake.lake + "/raw/ex/...csv", toPath: lake.lake + "/raw/ex/fixed.csv")
        XCTAssertEqual(try lake.run("build").status, 0)
        XCTAssertEqual(lake.read("processed/fixed/data.csv"), "escape\n")
        XCTAssertFalse(lake.exists("rejected/ex/...csv.error.json"))
    }

    func testValuesCannotReachRawOrTheCatalogAndCleanDeletesNoRawFile() throws {
        let rules = """
            rule two
              in   raw/ex/{a}_{b}.txt
              out  processed/{a}/{b}/out.txt
              run  copy

            rule three
              in   raw/db/{a}_{b}_{c}.db
              out  processed/{a}/{b}/{c}.db
              run  copy

            """
        let lake = try TemporaryLake(rules: rules)
        defer { lake.remove() }
        try lake.write("raw/ex/x_y.txt", "plain\n")
        try lake.write("raw/out.txt", "a raw file that must survive\n")
        try lake.write("raw/ex/.._raw.txt", "overwrite raw/out.txt\n")
        try lake.write("raw/db/.._.lakemake_catalog.db", "overwrite the catalog\n")
        let r = try lake.run("build")
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertEqual(lake.read("raw/out.txt"), "a raw file that must survive\n")
        XCTAssertEqual(lake.read("processed/x/y/out.txt"), "plain\n")
        XCTAssertFalse(lake.read(".lakemake/catalog.db")?.contains("overwrite the catalog") ?? true)
        let status = try lake.run("status")
        XCTAssertTrue(status.stdout.contains("raw/ex/.._raw.txt") && status.stdout.contains("raw/db/.._.lakemake_catalog.db"), status.stdout)
        XCTAssertEqual(try lake.run("clean").status, 0)
        XCTAssertEqual(lake.read("raw/out.txt"), "a raw file that must survive\n")
        XCTAssertEqual(Set(tree(lake.lake + "/raw").keys), ["out.txt", "ex/x_y.txt", "ex/.._raw.txt", "db/.._.lakemake_catalog.db"])
    }

    func testOutputNamesUpToTheLimitBuildAndLongerOnesAreRejected() throws {
        let lake = try TemporaryLake(rules: Self.copyRule("raw/a/{name}.txt", "processed/a/{name}-copy.txt"))
        defer { lake.remove() }
        // Output names of 248 to 255 bytes (the temporary name must not push them over).
        for length in 248...255 {
            try lake.write("raw/a/" + String(repeating: "n", count: length - 9) + ".txt", "\(length)\n")
        }
        let tooLong = String(repeating: "x", count: 250)
        try lake.write("raw/a/\(tooLong).txt", "too long\n")
        let r = try lake.run("build")
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        for length in 248...255 {
            let out = "processed/a/" + String(repeating: "n", count: length - 9) + "-copy.txt"
            XCTAssertEqual(out.split(separator: "/").last?.utf8.count, length)
            XCTAssertEqual(lake.read(out), "\(length)\n", "\(length)-byte output name")
        }
        XCTAssertTrue(r.stdout.contains("259 bytes"), r.stdout)
        XCTAssertEqual(try lake.run("build").status, 0, "the long names build once and stay up to date")
    }

    func testTwoRawFilesGivingOneOutputAreRejectedNamingEachOtherAndTheRestBuilds() throws {
        let lake = try TemporaryLake(rules: Self.copyRule("raw/ex/{a}_{b}.txt", "processed/{a}.txt"))
        defer { lake.remove() }
        try lake.write("raw/ex/x_1.txt", "x1\n")
        try lake.write("raw/ex/x_2.txt", "x2\n")
        try lake.write("raw/ex/y_1.txt", "y1\n")
        let r = try lake.run("build")
        XCTAssertEqual(r.status, 1, "the lake still builds, with two rejections: " + r.stdout + r.stderr)
        XCTAssertEqual(lake.read("processed/y.txt"), "y1\n")
        XCTAssertFalse(lake.exists("processed/x.txt"))
        let first = lake.read("rejected/ex/x_1.txt.error.json") ?? ""
        XCTAssertTrue(first.contains("processed/x.txt") && first.contains("raw/ex/x_2.txt"), first)
        XCTAssertTrue(lake.read("rejected/ex/x_2.txt.error.json")?.contains("raw/ex/x_1.txt") ?? false)
        try FileManager.default.removeItem(atPath: lake.lake + "/raw/ex/x_2.txt")
        XCTAssertEqual(try lake.run("build").status, 0)
        XCTAssertEqual(lake.read("processed/x.txt"), "x1\n")
        XCTAssertFalse(lake.exists("rejected/ex/x_1.txt.error.json"))
    }

    // MARK: - Symbolic links

    func testAnOutputFolderThatIsALinkIsAnErrorNamingItAndNothingBehindItIsTouched() throws {
        let lake = try TemporaryLake(rules: Self.copyRule("raw/example/{n}.txt", "processed/example/{n}.txt"))
        defer { lake.remove() }
        let elsewhere = lake.root + "/elsewhere"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try "precious\n".write(toFile: elsewhere + "/t.txt", atomically: true, encoding: .utf8)
        try lake.write("raw/example/t.txt", "raw\n")
        try FileManager.default.createDirectory(atPath: lake.lake + "/processed", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: lake.lake + "/processed/example", withDestinationPath: elsewhere)
        let r = try lake.run("build")
        XCTAssertEqual(r.status, 1, r.stdout)
        XCTAssertTrue(r.stdout.contains("processed/example is a symbolic link"), r.stdout)
        XCTAssertEqual(tree(elsewhere), ["t.txt": "precious\n"])
        XCTAssertEqual(try lake.run("clean").status, 0)
        XCTAssertEqual(tree(elsewhere), ["t.txt": "precious\n"])

        // Built into a real folder, then the folder moved away and linked: verify and clean
        // neither call it missing nor delete through the link.
        try FileManager.default.removeItem(atPath: lake.lake + "/processed/example")
        XCTAssertEqual(try lake.run("build").status, 0)
        try FileManager.default.removeItem(atPath: elsewhere)
        try FileManager.default.moveItem(atPath: lake.lake + "/processed/example", toPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: lake.lake + "/processed/example", withDestinationPath: elsewhere)
        let verify = try lake.run("verify")
        XCTAssertEqual(verify.status, 1)
        XCTAssertTrue(verify.stdout.contains("not verified  1 output under processed/example: it is a symbolic link"), verify.stdout)
        XCTAssertFalse(verify.stdout.contains("missing"), verify.stdout)
        let clean = try lake.run("clean")
        XCTAssertTrue(clean.stdout.contains("kept     processed/example/t.txt: processed/example is a symbolic link"), clean.stdout)
        XCTAssertEqual(tree(elsewhere), ["t.txt": "raw\n"])
    }

    func testARawFileSwappedForALinkDuringBuildsNeverLeaksOutsideBytes() throws {
        let lake = try TemporaryLake(rules: Self.copyRule("raw/example/{n}.txt", "processed/example/{n}.txt"))
        defer { lake.remove() }
        let secret = lake.root + "/secret.txt"
        try "SECRET\n".write(toFile: secret, atomically: true, encoding: .utf8)
        try lake.write("raw/example/t.txt", "public\n")
        let target = lake.lake + "/raw/example/t.txt"
        let linkTemp = lake.lake + "/swap-link", fileTemp = lake.lake + "/swap-file"
        let stop = StopFlag()
        let swapper = Thread {
            // Bounded: at most a million swaps, and it stops when the builds are done.
            var i = 0
            while !stop.isSet && i < 1_000_000 {
                if i % 2 == 0 {
                    unlink(linkTemp)
                    symlink(secret, linkTemp)
                    rename(linkTemp, target)
                } else {
                    let fd = open(fileTemp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                    _ = write(fd, "public \(i)\n", "public \(i)\n".utf8.count)
                    close(fd)
                    rename(fileTemp, target)
                }
                i += 1
                // Paced, so that on a loaded machine builds still find the regular file at times.
                usleep(300)
            }
            stop.finish()
        }
        swapper.start()
        var leaks: [String] = []
        var attempted = 0
        for _ in 0..<50 {
            let r = try lake.run("build", "-j", "1")
            XCTAssertTrue([0, 1].contains(r.status), r.stderr)
            for (path, text) in tree(lake.lake + "/processed").merging(tree(lake.lake + "/rejected"), uniquingKeysWith: { a, _ in a })
            where text.contains("SECRET") {
                leaks.append(path)
            }
            // The target ran (built, or failed because the file changed under it) whenever the
            // walk met a regular file; a build that met the link planned nothing for it.
            if r.stdout.contains("processed/example/t.txt") { attempted += 1 }
        }
        stop.set()
        stop.waitUntilFinished()
        XCTAssertEqual(leaks, [], "outside bytes reached the lake's outputs")
        XCTAssertGreaterThan(attempted, 0, "some builds read the file while it was a regular file")
    }

    func testTheSweepNeverDeletesThroughALinkedTemporaryFolder() throws {
        let lake = try TemporaryLake(rules: Self.copyRule("raw/a/{n}.txt", "processed/a/{n}.txt"))
        defer { lake.remove() }
        try lake.write("raw/a/x.txt", "x\n")
        XCTAssertEqual(try lake.run("build").status, 0)
        let elsewhere = lake.root + "/elsewhere"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        for name in ["999999999-1-data.parquet", "notes.txt"] {
            try "keep\n".write(toFile: elsewhere + "/" + name, atomically: true, encoding: .utf8)
        }
        try? FileManager.default.removeItem(atPath: lake.lake + "/.lakemake/tmp")
        try FileManager.default.createSymbolicLink(atPath: lake.lake + "/.lakemake/tmp", withDestinationPath: elsewhere)
        try lake.write("raw/a/y.txt", "y\n")
        let r = try lake.run("build")
        XCTAssertEqual(r.status, 1, "nothing is written through the link: " + r.stdout)
        XCTAssertTrue(r.stdout.contains(".lakemake/tmp is a symbolic link"), r.stdout)
        XCTAssertEqual(tree(elsewhere), ["999999999-1-data.parquet": "keep\n", "notes.txt": "keep\n"])
    }

    func testARawFolderOnAnotherDiskBuildsAndStatusAndVerifySeeItNormally() throws {
        let lake = try TemporaryLake(rules: Self.copyRule("raw/a/{n}.txt", "processed/a/{n}.txt"))
        defer { lake.remove() }
        try lake.write("raw/a/x.txt", "x\n")
        let disk = lake.root + "/other-disk/raw"
        try FileManager.default.createDirectory(atPath: lake.root + "/other-disk", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: lake.lake + "/raw", toPath: disk)
        try FileManager.default.createSymbolicLink(atPath: lake.lake + "/raw", withDestinationPath: disk)
        XCTAssertEqual(try lake.run("build").status, 0)
        XCTAssertEqual(lake.read("processed/a/x.txt"), "x\n")
        let status = try lake.run("status")
        XCTAssertEqual(status.status, 0, status.stdout)
        XCTAssertFalse(status.stdout.contains("deleted"), status.stdout)
        XCTAssertEqual(try lake.run("verify").status, 0)
        // ingest lands on that disk too, atomically.
        try "{}".write(toFile: lake.root + "/store_0001_2025-11-27.json", atomically: true, encoding: .utf8)
        let ingest = try lake.run("ingest", lake.root + "/store_0001_2025-11-27.json")
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: disk + "/sales/store_0001_2025-11-27.json"))
        XCTAssertEqual(tree(disk + "/.lakemake-tmp"), [:], "no temporary file is left")
    }

    func testAnOutputFolderOnAnotherFileSystemPublishes() throws {
        let lake = try TemporaryLake(rules: Self.copyRule("raw/a/{n}.txt", "processed/a/{n}.txt"))
        defer { lake.remove() }
        try lake.write("raw/a/x.txt", "x\n")
        let point = lake.lake + "/processed"
        try FileManager.default.createDirectory(atPath: point, withIntermediateDirectories: true)
        guard Self.command("/bin/mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", point]) == 0 else {
            throw XCTSkip("cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN); the cross-file-system test is skipped")
        }
        defer { _ = Self.command("/bin/umount", [point]) }
        let r = try lake.run("build")
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertEqual(lake.read("processed/a/x.txt"), "x\n")
        try lake.write("raw/a/x.txt", "x2\n")
        XCTAssertEqual(try lake.run("build").status, 0)
        XCTAssertEqual(lake.read("processed/a/x.txt"), "x2\n")
        XCTAssertEqual(tree(point + "/.lakemake-tmp"), [:], "temporary files on that file system are published or swept")
        XCTAssertEqual(try lake.run("verify").status, 0)
    }

    // MARK: - Names

    /// One name in its two Unicode spellings (composed, decomposed).
    static let nfc = "caf\u{E9}", nfd = "cafe\u{301}"

    func testNamesInTwoNormalisationsAndNamesThatAreNotUTF8AreReportedNeverMerged() throws {
        let lake = try TemporaryLake(rules: Self.copyRule("raw/a/{n}.txt", "processed/a/{n}.txt"))
        defer { lake.remove() }
        let (nfc, nfd) = (Self.nfc, Self.nfd)
        try lake.write("raw/a/\(nfc).txt", "nfc\n")
        try lake.write("raw/a/\(nfd).txt", "nfd\n")
        let folder = open(lake.lake + "/raw/a", O_RDONLY | O_DIRECTORY)
        let bad: [CChar] = [0x62, 0x61, 0x64, CChar(bitPattern: 0xFF), 0x2E, 0x74, 0x78, 0x74, 0]
        close(openat(folder, bad, O_WRONLY | O_CREAT, 0o644))
        close(folder)
        let r = try lake.run("build")
        XCTAssertEqual(r.stdout.components(separatedBy: "another Unicode normalisation").count - 1, 2, r.stdout)
        XCTAssertTrue(r.stdout.contains("unmatched  raw/a/bad\\xFF.txt: its name is not UTF-8"), r.stdout)
        XCTAssertEqual(tree(lake.lake + "/processed"), [:], "neither spelling is built")
        let status = try lake.run("status")
        XCTAssertTrue(status.stdout.contains("raw/a/bad\\xFF.txt"), status.stdout)
        XCTAssertEqual(status.stdout.components(separatedBy: "another Unicode normalisation").count - 1, 2, status.stdout)
        // One spelling gone: the other builds, under its own bytes.
        try FileManager.default.removeItem(atPath: lake.lake + "/raw/a/\(nfd).txt")
        XCTAssertEqual(try lake.run("build").status, 0)
        let built = try FileManager.default.contentsOfDirectory(atPath: lake.lake + "/processed/a")
        XCTAssertEqual(built.map { Array($0.utf8) }, [Array("\(nfc).txt".utf8)])
    }

    /// A raw file renamed to the other Unicode spelling of its name is a new name on disk: the
    /// build from the stored plan reads it under its new bytes (it failed with "no such file"
    /// when the stored plan's paths were matched to the walk by Swift's string equality).
    func testARenameToTheOtherUnicodeSpellingBuildsUnderTheNewBytes() throws {
        let lake = try TemporaryLake(rules: Self.copyRule("raw/a/{n}.txt", "processed/a/{n}.txt"))
        defer { lake.remove() }
        try lake.write("raw/a/\(Self.nfd).txt", "same\n")
        try lake.write("raw/a/other.txt", "other\n")
        XCTAssertEqual(try lake.run("build").status, 0)
        try FileManager.default.moveItem(atPath: lake.lake + "/raw/a/\(Self.nfd).txt", toPath: lake.lake + "/raw/a/\(Self.nfc).txt")
        let r = try lake.run("build")
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let built = try FileManager.default.contentsOfDirectory(atPath: lake.lake + "/processed/a").map { Array($0.utf8) }
        XCTAssertTrue(built.contains(Array("\(Self.nfc).txt".utf8)), r.stdout)
        XCTAssertFalse(built.contains(Array("\(Self.nfd).txt".utf8)), "the old spelling's output is removed: \(r.stdout)")
        XCTAssertEqual(built.count, 2, r.stdout)
        XCTAssertEqual(lake.read("processed/a/\(Self.nfc).txt"), "same\n")
        let again = try lake.run("build", "-n")
        XCTAssertFalse(again.stdout.contains("would"), again.stdout)
    }

    /// A file where the lake needs a folder (`reference`, an output folder) is named, with what
    /// to do about it, not "check that the lake folder exists".
    func testAFileWhereTheLakeNeedsAFolderIsNamed() throws {
        let lake = try TemporaryLake(rules: Self.copyRule("raw/a/{n}.txt", "processed/a/{n}.txt"))
        defer { lake.remove() }
        try lake.write("raw/a/x.txt", "x\n")
        try lake.write("reference", "not a folder\n")
        let build = try lake.run("build")
        XCTAssertEqual(build.status, 1, build.stdout + build.stderr)
        XCTAssertTrue(build.stderr.contains("reference: open failed: not a directory"), build.stderr)
        XCTAssertTrue(build.stderr.contains("hint: a file stands where the lake needs a folder (reference"), build.stderr)
        try FileManager.default.removeItem(atPath: lake.lake + "/reference")
        XCTAssertEqual(try lake.run("build").status, 0)

        try lake.write("metrics", "not a folder\n")
        let status = try lake.run("status")
        XCTAssertEqual(status.status, 1, status.stdout + status.stderr)
        XCTAssertTrue(status.stderr.contains("hint: a file stands where the lake needs a folder (metrics"), status.stderr)
    }

    // MARK: - ingest and verify

    func testOfTwoConcurrentIngestsOfOneNewNameExactlyOneWins() throws {
        let lake = try TemporaryLake()
        defer { lake.remove() }
        for round in 0..<5 {
            let name = "store_0001_2025-11-\(10 + round).json"
            var files: [String] = []
            for who in ["a", "b"] {
                try FileManager.default.createDirectory(atPath: lake.root + "/" + who, withIntermediateDirectories: true)
                let file = lake.root + "/\(who)/" + name
                try "[\"\(who)\"]".write(toFile: file, atomically: true, encoding: .utf8)
                files.append(file)
            }
            let processes = try files.map { try Lakemake.process(["ingest", $0], in: lake.root) }
            for p in processes { try p.run() }
            for p in processes { p.waitUntilExit() }
            let statuses = processes.map(\.terminationStatus).sorted()
            XCTAssertEqual(statuses, [0, 2], "round \(round): exactly one ingest wins")
            let landed = lake.read("raw/sales/" + name)
            XCTAssertTrue(landed == "[\"a\"]" || landed == "[\"b\"]", landed ?? "nothing landed")
        }
        // The loser's message, checked without a race.
        try "[\"c\"]".write(toFile: lake.root + "/store_0001_2025-11-10.json", atomically: true, encoding: .utf8)
        let again = try lake.run("ingest", lake.root + "/store_0001_2025-11-10.json")
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("already exists") && again.stderr.contains("--replace"), again.stderr)
    }

    func testVerifyWhileABuildRunsSaysSoInsteadOfReportingDamage() throws {
        let rules = """
            rule slow
              in   raw/a/{n}.txt
              out  processed/a/{n}.txt
              run  sh sleep 2; cat {in} > {out}

            """
        let lake = try TemporaryLake(rules: rules)
        defer { lake.remove() }
        try lake.write("raw/a/x.txt", "x\n")
        XCTAssertEqual(try lake.run("build").status, 0)
        try lake.write("raw/a/x.txt", "changed\n")
        let build = try Lakemake.process(["build"], in: lake.root)
        try build.run()
        let lockFile = lake.lake + "/.lakemake/lock"
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline && ((try? String(contentsOfFile: lockFile, encoding: .utf8)) ?? "").isEmpty { usleep(20_000) }
        let verify = try lake.run("verify")
        build.waitUntilExit()
        XCTAssertEqual(verify.status, 3, verify.stdout + verify.stderr)
        XCTAssertTrue(verify.stderr.contains("a build is running in this lake"), verify.stderr)
        XCTAssertFalse(verify.stdout.contains("damaged"), verify.stdout)
        XCTAssertEqual(build.terminationStatus, 0)
        XCTAssertEqual(try lake.run("verify").status, 0, "after the build, verify runs")
    }

    private static func command(_ path: String, _ args: [String]) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}

/// A flag one thread sets and another polls, and a signal that the poller has stopped.
private final class StopFlag: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopped = false
    private var finished = false

    var isSet: Bool { condition.lock(); defer { condition.unlock() }; return stopped }
    func set() { condition.lock(); stopped = true; condition.unlock() }
    func finish() { condition.lock(); finished = true; condition.broadcast(); condition.unlock() }
    func waitUntilFinished() {
        condition.lock()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
