// `lakemake verify`: re-hash every output the catalog recorded and report the ones whose bytes
// differ (damage, exit 1). Raw and reference files changed since the last build are new input,
// not damage, and are listed separately. Read-only.

import Arguments
import Catalog
import LakeBuild

enum VerifyCommand: LakemakeCommand {
    /// The option of `lakemake verify`.
    enum Options {
        static let json: Option<Bool> = .flag("json", help: "Print the result as one JSON object.")
    }

    static let spec = CommandSpec(
        name: "verify",
        abstract: "Re-hash every recorded output and report any changed outside lakemake.",
        discussion: "Exits 1 when an output's content differs from the catalog, the output is missing, or it lies behind an output folder that is a symbolic link (never read through). Raw files changed since the last build are reported as changed, not as damage. Exits 3 without checking while a build is running. A lake never built has nothing to verify (exit 0); its raw files are listed as new.",
        options: [Options.json.spec],
        examples: [.init("lakemake verify")])

    /// One recorded output whose file no longer holds the recorded bytes.
    struct Damage {
        var path: String
        var recorded: FileContent
        /// Nil when the file is missing or unreadable.
        var found: FileContent?
    }

    static func run(_ inv: Invocation) throws -> Int32 {
        // A build running now would show as damage: read as a reader, or not at all.
        let lock: BuildLock
        do {
            lock = try BuildLock.reader(lakeRoot: inv.lake)
        } catch {
            guard case .held(let pid) = error else { throw error }
            inv.output.error("lakemake: a build is running in this lake" + (pid.map { " (pid \($0))" } ?? "") + "; verify again when it has finished")
            return 3
        }
        defer { lock.release() }
        // A built lake: the catalog's built outputs and the source folders against its rows,
        // without a survey of every folder and target (on 100 000 uploads the survey was most
        // of the time and memory). A lake never built is surveyed: nothing to verify, every
        // raw file new.
        let fileSystem = inv.fileSystem
        let recorded: [FileVersion], changed: [SourceChange]
        if inv.hasCatalog {
            let catalog = try inv.readCatalog()
            recorded = try catalog.builtOutputs()
            changed = try LakeSurvey.sourceChanges(fileSystem: fileSystem, catalog: catalog)
        } else {
            recorded = []
            changed = try LakeSurvey(inv).sourceChanges()
        }
        let outputs = recorded.sorted { LakePath.bytewiseLess($0.path, $1.path) }
        let checked = outputs.count
        // Hashed on every core, in ranges whose results are joined in path order.
        let parts = inParallelChunks(outputs.count, atLeast: 64, perCore: 16) { range -> (damage: [Damage], behindLinks: [String: Int]) in
            var part = (damage: [Damage](), behindLinks: [String: Int]())
            for output in outputs[range] {
                do throws(FileSystemError) {
                    let now = try fileSystem.hash(output.path)
                    if !now.hasSameBytes(as: output.content) {
                        part.damage.append(Damage(path: output.path, recorded: output.content, found: now))
                    }
                } catch {
                    if case .symbolicLink(let link) = error {
                        part.behindLinks[link, default: 0] += 1
                    } else {
                        part.damage.append(Damage(path: output.path, recorded: output.content, found: nil))
                    }
                }
            }
            return part
        }
        let damage = parts.flatMap { $0.damage }
        /// Output folders that are symbolic links → how many recorded outputs lie behind them.
        var behindLinks: [String: Int] = [:]
        for part in parts { behindLinks.merge(part.behindLinks, uniquingKeysWith: +) }
        let links = behindLinks.sorted { LakePath.bytewiseLess($0.key, $1.key) }
        if inv.parsed[Options.json] {
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
                w.key("behind_links"); w.beginArray()
                for (link, count) in links {
                    w.beginObject(); w.field("link", link); w.field("outputs", count); w.endObject()
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
            for (link, count) in links {
                inv.output.print("not verified  \(count) output\(count == 1 ? "" : "s") under \(link): it is a symbolic link, and lakemake reads no output through a link (make it a real folder)")
            }
            for c in changed { inv.output.print("\(c.kind.rawValue) since the last build (not damage): \(c.path)") }
            inv.output.print("verified \(checked) output\(checked == 1 ? "" : "s"): \(damage.isEmpty ? "all intact" : "\(damage.count) damaged")")
        }
        return damage.isEmpty && links.isEmpty ? 0 : 1
    }
}
