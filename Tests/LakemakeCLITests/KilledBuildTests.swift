// What a killed build leaves must let the next builds decide correctly, deletions included
// (spec §5.5): each finished target is journaled with its outputs' `files` rows in one
// transaction, and outputs of recorded targets are found even where a row is missing.

import Foundation
import Glibc
import XCTest

final class KilledBuildTests: XCTestCase {
    private static let rules = """
        rule c
          in   raw/{n}.txt
          out  processed/{n}.txt
          run  sh sleep 1; cat {in} > {out}

        """

    /// Every file under `folder` with its content.
    private func files(_ lake: TemporaryLake, _ folder: String) -> [String: String] {
        var found: [String: String] = [:]
        let base = lake.lake + "/" + folder
        for p in (FileManager.default.enumerator(atPath: base)?.allObjects as? [String]) ?? [] {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + p, isDirectory: &isDir), !isDir.boolValue {
                found[p] = lake.read(folder + "/" + p)
            }
        }
        return found
    }

    func testOutputsOfTargetsFinishedBeforeASIGKILLAreDeletedWhenTheirInputGoes() throws {
        let lake = try TemporaryLake(rules: Self.rules)
        defer { lake.remove() }
        for i in 1...4 { try lake.write("raw/f\(i).txt", "\(i)\n") }
        let build = try Lakemake.process(["build", "-j", "1"], in: lake.root)
        try build.run()
        // Two targets finished (f2 published), the third is running its `sleep`.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline && !lake.exists("processed/f2.txt") { usleep(10_000) }
        XCTAssertTrue(lake.exists("processed/f2.txt"), "the build reached its second target")
        kill(build.processIdentifier, SIGKILL)
        build.waitUntilExit()
        XCTAssertEqual(build.terminationReason, .uncaughtSignal)

        XCTAssertEqual(try lake.run("build").status, 0)
        try FileManager.default.removeItem(atPath: lake.lake + "/raw/f1.txt")
        let r = try lake.run("build")
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("removed    processed/f1.txt"), r.stdout)
        XCTAssertFalse(lake.exists("processed/f1.txt"), "a deleted upload's output must go")
        let status = try lake.run("status")
        XCTAssertEqual(status.status, 0, status.stdout)
        XCTAssertFalse(status.stdout.contains("unknown"), status.stdout)

        // And after that: edit, add and delete, then compare with a clean build of the same raw files.
        try lake.write("raw/f2.txt", "2 edited\n")
        try lake.write("raw/f5.txt", "5\n")
        try FileManager.default.removeItem(atPath: lake.lake + "/raw/f3.txt")
        XCTAssertEqual(try lake.run("build").status, 0)
        let clean = try TemporaryLake(rules: Self.rules)
        defer { clean.remove() }
        for (path, text) in files(lake, "raw") { try clean.write("raw/" + path, text) }
        XCTAssertEqual(try clean.run("build", "-j", "2").status, 0)
        XCTAssertEqual(files(lake, "processed"), files(clean, "processed"))
        XCTAssertEqual(files(lake, "processed"), ["f2.txt": "2 edited\n", "f4.txt": "4\n", "f5.txt": "5\n"])
        XCTAssertEqual(try lake.run("verify").status, 0)
    }
}
