// `lakemake verify`: re-hash every output the catalog recorded and report the ones whose bytes
// differ (damage, exit 1). Raw and reference files changed since the last build are new input,
// not damage, and are listed separately. Read-only.

import Arguments
import Catalog
import LakeBuild

enum VerifyCommand: LakemakeCommand {
    static let spec = CommandSpec(
        name: "verify",
        abstract: "Re-hash every recorded output and report any changed outside lakemake.",
        discussion: "Exits 1 when an output's content differs from the catalog or the output is missing. Raw files changed since the last build are reported as changed, not as damage.",
        options: [.flag("json", help: "Print the result as one JSON object.")],
        examples: [.init("lakemake verify")])

    /// One recorded output whose file no longer holds the recorded bytes.
    struct Damage {
        var path: String
        var recorded: OutputRecord
        /// Nil when the file is missing or unreadable.
        var found: ContentVersion?
    }

    static func run(_ inv: Invocation) throws -> Int32 {
        let survey = try LakeSurvey(inv)
        var checked = 0
        var damage: [Damage] = []
        let outputs = survey.state.targets.filter { $0.state == .built }.flatMap(\.outputs)
            .sorted { LakePath.bytewiseLess($0.path, $1.path) }
        for output in outputs {
            checked += 1
            guard survey.listing.files[output.path] != nil, let now = try? survey.fileSystem.hash(output.path) else {
                damage.append(Damage(path: output.path, recorded: output, found: nil))
                continue
            }
            if now.sha256 != output.sha256 {
                damage.append(Damage(path: output.path, recorded: output, found: ContentVersion(sha256: now.sha256, size: now.size)))
            }
        }
        let changed = survey.sourceChanges()
        if inv.json {
            inv.output.print(JSONText.make { w in
                w.beginObject()
                w.field("checked", checked)
                w.key("damaged"); w.beginArray()
                for d in damage {
                    w.beginObject()
                    w.field("path", d.path)
                    w.field("recorded_sha256", d.recorded.sha256); w.field("recorded_size", d.recorded.size)
                    w.field("found_sha256", d.found?.sha256); w.field("found_size", d.found?.size)
                    w.endObject()
                }
                w.endArray()
                w.key("changed_inputs"); w.beginArray()
                for c in changed {
                    w.beginObject(); w.field("path", c.path); w.field("change", c.kind.rawValue); w.endObject()
                }
                w.endArray()
                w.endObject()
            })
        } else {
            for d in damage {
                let found = d.found.map { "now \($0.sha256.prefix(12)) (\($0.size) bytes)" } ?? "missing"
                inv.output.print("damaged  \(d.path): recorded \(d.recorded.sha256.prefix(12)) (\(d.recorded.size) bytes), \(found)")
            }
            for c in changed { inv.output.print("\(c.kind.rawValue) since the last build (not damage): \(c.path)") }
            inv.output.print("verified \(checked) output\(checked == 1 ? "" : "s"): \(damage.isEmpty ? "all intact" : "\(damage.count) damaged")")
        }
        return damage.isEmpty ? 0 : 1
    }
}
