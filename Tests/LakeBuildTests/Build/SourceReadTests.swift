// A changed raw file is read once per build: the engine reads it whole to hash it for the key,
// and a built-in action is given those very bytes, so the key describes exactly what the
// action used, whatever happens to the file meanwhile.

import Catalog
import Foundation
import LakeBuild
import LakeFormats
import TestSupport
import XCTest

final class SourceReadTests: XCTestCase {
    /// A lake holding `raw/t/a.txt` ("first"), whose rule `up` saves it again (as "second")
    /// while its action runs; `rules` and `actions` add other readers of it.
    private func lakeEditedWhileBuilding(alsoReading rules: String = "", actions: [Action] = []) throws -> EngineFixture {
        let editor = Editor()
        let f = try EngineFixture(rules: """
        rule up
          in   raw/t/{name}.txt
          out  processed/t/{name}.txt
          run  test.edited_while_running
        """ + rules, actions: [editor.action] + actions)
        editor.fs = f.fs
        f.fs.put("raw/t/a.txt", "first\n")
        return f
    }

    func testAChangedInputIsReadOnceAndNotHashedAgain() throws {
        let f = try EngineFixture(rules: IncrementalBuildTests.rules)
        f.fs.put("raw/t/a.txt", "alpha\n")
        f.fs.put("raw/t/b.txt", "beta\n")
        try f.build()
        XCTAssertEqual(f.fs.filesRead.filter(LakeLayout.isRaw).sorted(), ["raw/t/a.txt", "raw/t/b.txt"])
        XCTAssertEqual(f.fs.filesHashed.filter(LakeLayout.isRaw), [])
        XCTAssertEqual(f.fs.contents("processed/t/a.txt"), "ALPHA\n")

        f.fs.put("raw/t/a.txt", "alpha two\n")
        try f.build()
        XCTAssertEqual(f.runner.ran, ["metrics/all.txt", "processed/t/a.txt"])
        XCTAssertEqual(f.fs.filesRead.filter(LakeLayout.isRaw), ["raw/t/a.txt"])
        XCTAssertEqual(f.fs.filesHashed.filter(LakeLayout.isRaw), [])
        XCTAssertEqual(f.fs.contents("processed/t/a.txt"), "ALPHA TWO\n")
    }

    /// The file is saved again while its action runs: the action works from the bytes that
    /// were hashed, the build records that hash, and the next build sees the new content.
    func testAnActionIsGivenTheBytesItsKeyDescribes() throws {
        let f = try lakeEditedWhileBuilding()
        try f.build()
        XCTAssertEqual(f.fs.contents("raw/t/a.txt"), "second\n", "the file changed while the action ran")
        XCTAssertEqual(f.fs.contents("processed/t/a.txt"), "FIRST\n", "the action used the bytes it was keyed with")
        let recorded = try XCTUnwrap(try f.catalog.target(producing: "processed/t/a.txt")?.inputs.first)
        XCTAssertEqual(recorded.content.sha256, SHA256.hex(SHA256.hash(Array("first\n".utf8))))

        try f.build()
        XCTAssertEqual(f.runner.ran, ["processed/t/a.txt"], "the saved content is built next time")
        XCTAssertEqual(f.fs.contents("processed/t/a.txt"), "SECOND\n")
    }

    /// Two targets read one changed file that is saved again in between: the first is keyed
    /// with what it read; the second, whose key has the same hash, reads other bytes and fails
    /// instead of recording them under that hash. The next build builds both from the new file.
    func testAFileChangedBetweenTwoReadersFailsTheSecond() throws {
        let f = try lakeEditedWhileBuilding(alsoReading: """

        rule first
          in   raw/t/{name}.txt
          out  metrics/first/{name}.txt
          run  test.first_line
        """, actions: [TestActions.firstLine])
        let report = try f.build()
        XCTAssertEqual(f.fs.contents("processed/t/a.txt"), "FIRST\n")
        let second = try XCTUnwrap(report.targets.first { $0.primaryOutput == "metrics/first/a.txt" })
        XCTAssertEqual(second.outcome, .failed(reason: .new, error: FileSystemError.changedDuringBuild("raw/t/a.txt").message))

        try f.build()
        XCTAssertEqual(f.runner.ran, ["metrics/first/a.txt", "processed/t/a.txt"])
        XCTAssertEqual(f.fs.contents("processed/t/a.txt"), "SECOND\n")
        XCTAssertEqual(f.fs.contents("metrics/first/a.txt"), "second")
    }
}

/// An action that saves its input again (once, to "second\n") before reading it, as an editor
/// saving while a build runs would; then upper-cases what it read.
private final class Editor: @unchecked Sendable {
    var fs: InMemoryFileSystem?
    private var edited = false

    var action: Action {
        Action(name: "test.edited_while_running", version: 1) { [self] ctx throws(ActionError) in
            let path = ctx.inputs[0][0]
            if !edited {
                edited = true
                fs?.put(path, "second\n")
            }
            let bytes = try ctx.read(path)
            return .outputs([Array(String(decoding: bytes, as: UTF8.self).uppercased().utf8)], rejections: [])
        }
    }
}
