import Foundation
import TestSupport
import XCTest
@testable import Parquet

/// Our Snappy against cramjam's: each side decompresses what the other compressed.
final class SnappyInteropTests: XCTestCase {
    func testStreamsAreExchangeableWithCramjam() throws {
        let probe = try PythonReaders.run(script: "snappy_codec.py", arguments: ["probe"])
        guard String(decoding: probe, as: UTF8.self).hasPrefix("available") else {
            try InteropPython.unavailable("the Python at LAKEMAKE_PYTHON has no cramjam; `pip install cramjam` enables this check")
        }
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var generator = SeededGenerator(seed: 5)
        let text = Array(String(repeating: "snappy interop, ", count: 10_000).utf8)
        let inputs: [[UInt8]] = [[], [0x7F], Array("xababababab".utf8), [UInt8](repeating: 0, count: 200_000),
                                 generator.bytes(70_000), text]
        for (index, input) in inputs.enumerated() {
            let original = directory.appendingPathComponent("\(index).raw")
            let ours = directory.appendingPathComponent("\(index).ours.snappy")
            let back = directory.appendingPathComponent("\(index).back")
            let theirs = directory.appendingPathComponent("\(index).theirs.snappy")
            try Data(input).write(to: original)
            for mode in [Snappy.Mode.matching, .literalOnly] {
                try Data(Snappy.compress(input, mode: mode)).write(to: ours)
                _ = try PythonReaders.run(script: "snappy_codec.py", arguments: ["decompress", ours.path, back.path])
                XCTAssertEqual([UInt8](try Data(contentsOf: back)), input, "cramjam decodes ours, input \(index), \(mode)")
            }
            _ = try PythonReaders.run(script: "snappy_codec.py", arguments: ["compress", original.path, theirs.path])
            let foreign = [UInt8](try Data(contentsOf: theirs))
            XCTAssertEqual(try Snappy.decompress(foreign, limit: 1 << 24), input, "we decode cramjam's, input \(index)")
        }
    }
}
