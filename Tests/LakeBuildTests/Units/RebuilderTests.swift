// The rebuilder is a pure function: every StaleReason from plain values, no disk, no SQLite.

import Catalog
import LakeBuild
import XCTest

final class RebuilderTests: XCTestCase {
    let a = FileVersion(path: "raw/a", sha256: "aa", size: 1)
    let b = FileVersion(path: "raw/b", sha256: "bb", size: 2)

    func trace(inputs: [FileVersion], state: TargetState = .built, version: Int = 1, parameters: String = "k=v",
               outputs: [(String, String)] = [("out", "o1")], error: String? = nil) -> TargetRecord {
        TargetRecord(primaryOutput: "out", rule: "r", action: "act", actionVersion: version, parameters: parameters,
                     key: "unused", state: state, error: error, durationMs: 0, buildID: 1,
                     outputs: outputs.map { FileVersion(path: $0.0, sha256: $0.1, size: 1) }, inputs: inputs)
    }

    func material(_ inputs: [FileVersion], version: Int = 1, parameters: [Parameter] = [Parameter(key: "k", value: "v")]) -> KeyMaterial {
        KeyMaterial(action: "act", version: version, parameters: parameters, inputs: inputs)
    }

    let present: [(path: String, state: OutputState)] = [(path: "out", state: .present(sha256: "o1"))]

    /// A trace read without its inputs: an equal key settles it without them; a different key
    /// asks for them (once) and the reason names the input that changed.
    func testInputsAreAskedForOnlyWhenTheKeyDiffers() {
        var asked = 0
        let recorded = { () -> [FileVersion] in asked += 1; return [FileVersion(path: "raw/a", sha256: "aa", size: 1)] }
        var lean = trace(inputs: [])
        lean.key = TargetKey.compute(material([a]))
        XCTAssertEqual(Rebuilder.decide(material([a]), trace: lean, outputs: present, recordedInputs: recorded), .upToDate)
        XCTAssertEqual(asked, 0, "an equal key needs no inputs")
        let a2 = FileVersion(path: "raw/a", sha256: "a2", size: 5)
        XCTAssertEqual(Rebuilder.decide(material([a2]), trace: lean, outputs: present, recordedInputs: recorded),
                       .stale(.inputChanged(path: "raw/a", old: a.content, new: a2.content)))
        XCTAssertEqual(asked, 1)
    }

    func testEachReason() {
        XCTAssertEqual(Rebuilder.decide(material([a]), trace: nil, outputs: present), .stale(.new))
        XCTAssertEqual(Rebuilder.decide(material([a, b]), trace: trace(inputs: [a, b]), outputs: present), .upToDate)
        XCTAssertEqual(Rebuilder.decide(material([a], version: 2), trace: trace(inputs: [a]), outputs: present),
                       .stale(.actionVersionChanged(action: "act", old: 1, new: 2)))
        XCTAssertEqual(Rebuilder.decide(material([a], parameters: []), trace: trace(inputs: [a]), outputs: present),
                       .stale(.parametersChanged(old: "k=v", new: "")))
        let a2 = FileVersion(path: "raw/a", sha256: "a2", size: 5)
        XCTAssertEqual(Rebuilder.decide(material([a2]), trace: trace(inputs: [a]), outputs: present),
                       .stale(.inputChanged(path: "raw/a", old: a.content, new: a2.content)))
        XCTAssertEqual(Rebuilder.decide(material([a, b]), trace: trace(inputs: [a]), outputs: present), .stale(.inputAdded(path: "raw/b")))
        XCTAssertEqual(Rebuilder.decide(material([a]), trace: trace(inputs: [a, b]), outputs: present), .stale(.inputRemoved(path: "raw/b")))
        XCTAssertEqual(Rebuilder.decide(material([a]), trace: trace(inputs: [a]), outputs: [(path: "out", state: .missing)]),
                       .stale(.outputMissing(path: "out")))
        XCTAssertEqual(Rebuilder.decide(material([a]), trace: trace(inputs: [a]), outputs: [(path: "out", state: .present(sha256: "zz"))]),
                       .stale(.outputModified(path: "out")))
        XCTAssertEqual(Rebuilder.decide(material([a]), trace: trace(inputs: [a], state: .failed, error: "boom"), outputs: present),
                       .stale(.previousFailure(message: "boom")))
        XCTAssertEqual(Rebuilder.decide(material([a]), trace: trace(inputs: [a], state: .rejected, outputs: []), outputs: [(path: "out", state: .missing)]),
                       .upToDate, "a standing rejection is not retried")
        XCTAssertEqual(Rebuilder.decide(material([a]), trace: trace(inputs: [a], state: .rejected, outputs: []), outputs: [], retryRejected: true),
                       .stale(.retryRequested))
    }

    func testReorderedInputsAreStale() {
        // Order matters to actions, so the same set in another order is a change.
        XCTAssertEqual(Rebuilder.decide(material([b, a]), trace: trace(inputs: [a, b]), outputs: present),
                       .stale(.inputsReordered(path: "raw/b")))
        XCTAssertEqual(StaleReason.inputsReordered(path: "raw/b").summary, "inputs reordered, first at raw/b")
    }
}
