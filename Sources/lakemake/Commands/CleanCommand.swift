// `lakemake clean [PREFIX]`: remove the outputs lakemake recorded, and only those. A file whose
// bytes no longer match what lakemake wrote was changed by someone else, so it is kept. The
// targets are dropped from the catalog (history keeps a `removed` version), so the next build
// makes them again. Takes the lock, like a build.

import Arguments
import Catalog
import LakeBuild

enum CleanCommand: LakemakeCommand {
    /// The options and argument of `lakemake clean`.
    enum Options {
        static let dryRun: Option<Bool> = .flag("dry-run", short: "n", help: "Print what would be removed; change nothing.")
        static let noWait: Option<Bool> = .flag("no-wait", help: "Fail at once (exit 3) if a build holds the lake's lock.")
        static let json: Option<Bool> = .flag(
            "json", help: "Print {dry_run, removed: [path], kept: [{path, reason}], targets} as one JSON object.")
        static let prefix: Argument<String?> = .optional("PREFIX", help: "A lake-relative output prefix, e.g. reports/.")
    }

    static let spec = CommandSpec(
        name: "clean",
        abstract: "Remove the outputs lakemake recorded (under PREFIX); never other files.",
        discussion: "A target is cleaned when one of its outputs lies under PREFIX, matched by whole path segments: reports/ is that folder, reports/a that file or folder (never reports/ab). All of a target's outputs go together. An output edited outside lakemake is kept and reported. The clean is logged like a build.",
        options: [Options.dryRun.spec, Options.noWait.spec, Options.json.spec],
        arguments: [Options.prefix.spec],
        examples: [.init("lakemake clean reports/ -n", "what cleaning the reports would remove")])

    static func run(_ inv: Invocation) throws -> Int32 {
        try inv.requireLake()
        let prefix = try inv.parsed[Options.prefix].map { try inv.lakePath($0) } ?? ""
        // A lake never built has nothing lakemake wrote: say so, take no lock, create nothing.
        let neverBuilt = !inv.hasCatalog
        if neverBuilt { inv.noteNeverBuilt() }
        let dryRun = inv.parsed[Options.dryRun] || neverBuilt
        let lock: BuildLock? = dryRun ? nil : try BuildLock(lakeRoot: inv.lake, wait: !inv.parsed[Options.noWait]) { pid in
            inv.output.error("lakemake: waiting for the build running in this lake" + (pid.map { " (pid \($0))" } ?? "") + " …")
        }
        defer { lock?.release() }
        let catalog = dryRun ? try inv.readCatalogOrEmpty() : try CatalogAccess.openForBuild(inv)
        let state = try catalog.loadState()
        let fs = inv.fileSystem
        let chosen = state.targets
            .filter { t in LakePrefix.matches(t.primaryOutput, prefix: prefix) || t.outputs.contains { LakePrefix.matches($0.path, prefix: prefix) } }
            .sorted { LakePath.bytewiseLess($0.primaryOutput, $1.primaryOutput) }
        var removed: [String] = []
        var kept: [(path: String, why: String)] = []
        for target in chosen {
            for output in target.outputs {
                let now: FileContent
                do {
                    now = try fs.hash(output.path)
                } catch {
                    if case .symbolicLink(let link) = error {
                        kept.append((output.path, "\(link) is a symbolic link; lakemake deletes nothing through a link"))
                    }
                    continue
                }
                guard now.hasSameBytes(as: output.content) else {
                    kept.append((output.path, "changed outside lakemake"))
                    continue
                }
                if !dryRun {
                    do { try fs.remove(output.path) } catch { throw BuildError.fileSystem(error) }
                }
                removed.append(output.path)
            }
        }
        let json = inv.parsed[Options.json]
        if !json {
            for path in removed { inv.output.print((dryRun ? "would remove  " : "removed  ") + path) }
            for k in kept { inv.output.print("kept     \(k.path): \(k.why)") }
        }
        if !dryRun && !chosen.isEmpty {
            let words = ["lakemake"] + CommandLine.arguments.dropFirst()
            let id = try catalog.beginBuild(commandLine: words.joined(separator: " "), startedAt: Build.isoNow())
            try catalog.removeTargets(primaryOutputs: chosen.map(\.primaryOutput), buildID: id)
            // A kept file is no longer lakemake's: its row goes too, and `status` lists it as unknown.
            try catalog.forgetFiles(paths: chosen.flatMap { $0.outputs.map(\.path) }.sorted(by: LakePath.bytewiseLess))
            try catalog.finishBuild(id: id, finishedAt: Build.isoNow(), counts: BuildCounts(removed: removed.count), exitStatus: 0)
        }
        let n = removed.count
        if json {
            inv.output.print(JSONText.make { w in
                w.beginObject()
                w.key("dry_run"); w.bool(dryRun)
                w.stringArray("removed", removed)
                w.key("kept"); w.beginArray()
                for k in kept { w.beginObject(); w.field("path", k.path); w.field("reason", k.why); w.endObject() }
                w.endArray()
                w.field("targets", chosen.count)
                w.endObject()
            })
            return 0
        }
        inv.output.print("\(dryRun ? "would remove" : "removed") \(n) file\(n == 1 ? "" : "s") of \(chosen.count) target\(chosen.count == 1 ? "" : "s")")
        return 0
    }
}
