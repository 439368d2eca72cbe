// Outputs an action writes in pieces (`ActionContext.openOutput`) go straight to their
// temporary file and are published like returned bytes: the same file, hashed and recorded,
// left untouched when identical; an action that fails or rejects after opening a stream
// leaves no temporary file behind.

import Catalog
import LakeBuild
import LakeFormats
import XCTest

final class StreamedOutputTests: XCTestCase {
    /// Writes its input `repeat` times (parameter), in pieces of the input's size; fails on
    /// "FAIL" and rejects on "BAD", after writing a first piece.
    static let repeater = Action(name: "test.repeat", version: 1) { ctx throws(ActionError) in
        let path = ctx.inputs[0][0]
        let bytes = try ctx.read(path)
        let stream = try ctx.openOutput(0)
        try stream.write(bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        if text.contains("FAIL") { throw .failed("cannot process") }
        if text.contains("BAD") { return .rejected([Rejection(path: path, errors: [RejectionDetail(message: "bad")])]) }
        for _ in 1..<(Int(ctx.parameter("repeat") ?? "1") ?? 1) { try stream.write(bytes) }
        let count = try ctx.openOutput(1)
        try count.write(Array("\(stream.count)\n".utf8))
        return .written([stream, count], rejections: [])
    }

    private func fixture(repeat times: Int) throws -> EngineFixture {
        try EngineFixture(rules: """
        rule rep
          in   raw/t/{name}.txt
          out  processed/t/{name}.txt
          out  metrics/t/{name}.txt
          run  test.repeat repeat=\(times)
        """, actions: [Self.repeater])
    }

    private func temporaries(_ f: EngineFixture) -> [String] {
        f.fs.allPaths.filter { $0.hasPrefix(LakeLayout.temporaryFolder + "/") }
    }

    func testAStreamedOutputIsPublishedRecordedAndKeptWhenIdentical() throws {
        // 64 KiB × 40 = 2.5 MiB: the stream writes its file in several appends.
        let f = try fixture(repeat: 40)
        let piece = String(repeating: "0123456789abcdef", count: 4096)
        f.fs.put("raw/t/a.txt", piece)
        f.fs.put("raw/t/b.txt", "short\n")
        try f.build()
        let expected = String(repeating: piece, count: 40)
        XCTAssertEqual(f.fs.contents("processed/t/a.txt"), expected)
        XCTAssertEqual(f.fs.contents("metrics/t/a.txt"), "\(expected.utf8.count)\n")
        XCTAssertEqual(f.fs.contents("processed/t/b.txt"), String(repeating: "short\n", count: 40))
        let record = try XCTUnwrap(try f.catalog.target(producing: "processed/t/a.txt"))
        XCTAssertEqual(record.outputs.map(\.content), [
            FileContent(sha256: SHA256.hex(SHA256.hash(Array(expected.utf8))), size: Int64(expected.utf8.count)),
            FileContent(sha256: SHA256.hex(SHA256.hash(Array("\(expected.utf8.count)\n".utf8))), size: Int64("\(expected.utf8.count)\n".utf8.count)),
        ])
        XCTAssertEqual(temporaries(f), [])
        XCTAssertEqual(f.fs.filesHashed.filter { $0.hasPrefix(LakeLayout.temporaryFolder + "/") }, [],
                       "a streamed file is hashed as it is written, not read back")

        // Run again (forced): the same bytes, so nothing is published and the files are kept.
        var options = BuildOptions()
        options.force = ["processed/t/a.txt"]
        let report = try f.build(options)
        XCTAssertEqual(f.runner.ran, ["processed/t/a.txt"])
        XCTAssertEqual(f.fs.filesWritten, [])
        XCTAssertEqual(report.counts.unchanged, 1)
        XCTAssertEqual(temporaries(f), [])
    }

    func testAFailureOrRejectionAfterOpeningLeavesNoTemporaryFile() throws {
        let f = try fixture(repeat: 2)
        // More than a megabyte before the failure, so the stream has made its file by then.
        let padding = String(repeating: "x", count: (1 << 20) + 10)
        f.fs.put("raw/t/a.txt", "FAIL\n" + padding)
        f.fs.put("raw/t/b.txt", "BAD\n" + padding)
        f.fs.put("raw/t/c.txt", "good\n")
        try f.build()
        XCTAssertFalse(f.fs.exists("processed/t/a.txt"))
        XCTAssertFalse(f.fs.exists("processed/t/b.txt"))
        XCTAssertEqual(f.fs.contents("processed/t/c.txt"), "good\ngood\n")
        XCTAssertEqual(temporaries(f), [], "the streams the failed and rejected runs opened are removed")
    }

    /// Outside a build (no lake) the streams gather in memory, and `outputBytes` gives them.
    func testAStreamOutsideABuildGathersInMemory() throws {
        let context = ActionContext(rule: "rep", binding: Binding(), parameters: [Parameter(key: "repeat", value: "3")],
                                    inputs: [["raw/t/a.txt"]], outputs: ["processed/t/a.txt", "metrics/t/a.txt"],
                                    reader: { _ in Array("ab".utf8) })
        let result = try Self.repeater.perform(context)
        let (outputs, rejections) = try XCTUnwrap(result.outputBytes)
        XCTAssertEqual(outputs, [Array("ababab".utf8), Array("6\n".utf8)])
        XCTAssertEqual(rejections, [])
    }
}
