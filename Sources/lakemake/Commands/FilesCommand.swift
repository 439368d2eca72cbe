// `lakemake files`: the catalog's file listing, newest first (the list-files API of the
// serverless design).

import Arguments
import Catalog
import LakeBuild

enum FilesCommand: LakemakeCommand {
    static let spec = CommandSpec(
        name: "files",
        abstract: "List the files the catalog knows, newest first.",
        discussion: "Newest means the latest build that recorded or confirmed the file; ties are in path order. 'rejected' lists raw files with a standing rejection.",
        options: [
            .value("prefix", valueName: "P", help: "Only paths starting with P (lake-relative)."),
            .value("status", valueName: "STATUS", choices: ["all", "raw", "derived", "rejected"], defaultValue: "all",
                   help: "Which files to list."),
            .flag("json", help: "Print the files as a JSON array."),
        ],
        examples: [.init("lakemake files --prefix processed/sales/ --status derived")])

    static func run(_ inv: Invocation) throws -> Int32 {
        let prefix = try inv.parsed.value("prefix").map { try inv.lakePath($0) } ?? ""
        let catalog = try inv.readCatalog()
        var files = try catalog.files(prefix: prefix)
        switch inv.parsed.value("status") ?? "all" {
        case "raw": files = files.filter { $0.kind != .derived }
        case "derived": files = files.filter { $0.kind == .derived }
        case "rejected":
            let report = try LakeSurvey(inv).dryRun(inv)
            let rejected = Set(report.standingRejections.map(\.path))
            files = files.filter { rejected.contains($0.path) }
        default: break
        }
        if inv.json {
            inv.output.print(JSONText.make { w in
                w.beginArray()
                for f in files {
                    w.beginObject()
                    w.field("path", f.path); w.field("kind", f.kind.rawValue); w.field("size", f.size)
                    w.field("sha256", f.sha256); w.field("first_seen_build", f.firstSeenBuild)
                    w.field("last_seen_build", f.lastSeenBuild)
                    w.endObject()
                }
                w.endArray()
            })
        } else {
            for f in files {
                inv.output.print("\(f.path)  \(f.kind.rawValue)  \(f.size) bytes  \(f.sha256.prefix(12))  build \(f.lastSeenBuild)")
            }
        }
        return 0
    }
}
