// The one decision, as a table: facts in, verdict out. No disk, no SQLite.

import Catalog
import LakeBuild
import XCTest

final class TargetDecisionTests: XCTestCase {
    let a = FileVersion(path: "raw/a", sha256: "aa", size: 1)

    func material(_ inputs: [FileVersion]) -> KeyMaterial {
        KeyMaterial(action: "act", version: 1, parameters: [], inputs: inputs)
    }

    func trace(_ m: KeyMaterial, state: TargetState = .built, error: String? = nil) -> TargetRecord {
        TargetRecord(primaryOutput: "out", rule: "r", action: "act", actionVersion: 1, parameters: "",
                     key: TargetKey.compute(m), state: state, error: error, durationMs: 0, buildID: 1,
                     outputs: [FileVersion(path: "out", sha256: "o1", size: 1)], inputs: m.inputs)
    }

    /// Facts of a target that is up to date; each row changes some of them.
    func upToDate() -> TargetFacts {
        var f = TargetFacts()
        f.material = material([a])
        f.trace = trace(material([a]))
        f.outputs = [(path: "out", state: .present(sha256: "o1"))]
        return f
    }

    func testTable() {
        let rows: [(String, (inout TargetFacts) -> Void, TargetDecision)] = [
            ("nothing changed", { _ in }, .upToDate),
            ("no binding gives it any more", { $0.planned = false }, .removed),
            ("removed whatever else holds", { $0.planned = false; $0.mainInputNotBuilt = "p" }, .removed),
            ("main input not built", { $0.mainInputNotBuilt = "processed/x" }, .skipped(cause: "processed/x was not built")),
            ("skipped before anything else is looked at", { $0.mainInputNotBuilt = "p"; $0.unreadableInput = "denied"; $0.forced = true },
             .skipped(cause: "p was not built")),
            ("an input cannot be read", { $0.unreadableInput = "permission denied" }, .cannotRun(message: "permission denied")),
            ("unreadable outranks an empty aggregate", { $0.unreadableInput = "denied"; $0.noMemberBuilt = "raw/*" },
             .cannotRun(message: "denied")),
            ("no member of the aggregate built", { $0.noMemberBuilt = "raw/h/*.json" }, .skipped(cause: "no member of raw/h/*.json was built")),
            ("a literal input is missing", { $0.missingInput = "reference/stores.csv" },
             .cannotRun(message: ActionError.missingInput("reference/stores.csv").message)),
            ("a used file is missing", { $0.missingUsedFile = "scripts/x.py" },
             .cannotRun(message: "uses scripts/x.py: no such file in the project folder (beside lake/ and rules/)")),
            ("no action", { $0.unknownAction = "r" }, .cannotRun(message: "no built-in action for rule r")),
            ("never built", { $0.trace = nil }, .stale(.new)),
            ("input changed", { $0.material = self.material([FileVersion(path: "raw/a", sha256: "a2", size: 1)]) },
             .stale(.inputChanged(path: "raw/a", old: self.a.content, new: FileContent(sha256: "a2", size: 1)))),
            ("output deleted", { $0.outputs = [(path: "out", state: .missing)] }, .stale(.outputMissing(path: "out"))),
            ("forced", { $0.forced = true }, .stale(.forced)),
            ("-n: an input upstream will change", { $0.inputWillChange = "processed/a" }, .stale(.inputWillChange(path: "processed/a"))),
            ("a stale reason outranks force", { $0.forced = true; $0.outputs = [(path: "out", state: .missing)] },
             .stale(.outputMissing(path: "out"))),
            ("rejected, the raw file unchanged", { $0.trace = self.trace(self.material([self.a]), state: .rejected, error: "x") },
             .stillRejected),
            ("rejected, retried on request", { $0.trace = self.trace(self.material([self.a]), state: .rejected, error: "x"); $0.retryRejected = true },
             .stale(.retryRequested)),
            ("rejected, forced", { $0.trace = self.trace(self.material([self.a]), state: .rejected, error: "x"); $0.forced = true },
             .stale(.forced)),
            ("failed last time", { $0.trace = self.trace(self.material([self.a]), state: .failed, error: "boom") },
             .stale(.previousFailure(message: "boom"))),
        ]
        for (name, change, expected) in rows {
            var facts = upToDate()
            change(&facts)
            XCTAssertEqual(TargetDecision.decide(facts), expected, name)
        }
    }
}
