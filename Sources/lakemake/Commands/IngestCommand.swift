// `lakemake ingest FILE… [--replace]`: copies uploads into raw/ atomically. Generic: each
// pipeline says whether it accepts a file name and where the file belongs; the first that
// accepts wins.

import Arguments
import Foundation
import LakeBuild
import Pipelines

enum IngestCommand: LakemakeCommand {
    /// Each pipeline's answer to "where does a file of this name go in the lake?".
    static let routes: [@Sendable (String) -> String?] = [SalesIngest.rawPath(forFileName:)]

    static let spec = CommandSpec(
        name: "ingest",
        abstract: "Check upload names and copy the files atomically into raw/.",
        discussion: "An existing raw file is replaced only with --replace. Invalid contents are not checked here: the next build rejects them with positions.",
        options: [.flag("replace", help: "Replace a raw file that already exists.")],
        arguments: [ArgumentSpec("FILE", arity: .variadic, help: "Upload files, e.g. store_0003_2025-11-20.json.")],
        examples: [.init("lakemake ingest ~/uploads/store_0003_2025-11-20.json")])

    static func run(_ inv: Invocation) throws -> Int32 {
        try inv.requireLake()
        let files = inv.parsed.arguments("FILE")
        guard !files.isEmpty else { throw CommandError.invalid("ingest needs at least one file", hint: "lakemake ingest FILE…") }
        let replace = inv.parsed.flag("replace")
        let fm = FileManager.default
        // Check every name first, so a bad name in the list copies nothing.
        var plan: [(source: String, target: String)] = []
        for file in files {
            let name = (file as NSString).lastPathComponent
            guard let target = routes.lazy.compactMap({ $0(name) }).first else {
                throw CommandError.invalid("\(file): not an upload name lakemake knows",
                                           hint: "sales uploads are named store_NNNN_YYYY-MM-DD.json with a real date")
            }
            guard fm.fileExists(atPath: file) else { throw CommandError.invalid("\(file): no such file", hint: nil) }
            if fm.fileExists(atPath: inv.lake + "/" + target) && !replace {
                throw CommandError.invalid("\(target) already exists", hint: "add --replace to replace it")
            }
            plan.append((file, target))
        }
        // Replacing a raw file changes what a running build reads: take the build lock.
        // Adding new files needs no lock (a build sees them, or not, whole).
        let lock: BuildLock? = replace ? try BuildLock(lakeRoot: inv.lake, wait: true) { pid in
            inv.output.error("lakemake: waiting for the build running in this lake" + (pid.map { " (pid \($0))" } ?? "") + " …")
        } : nil
        defer { lock?.release() }
        let fs = inv.fileSystem
        for (source, target) in plan {
            // Written and fsynced under .lakemake/incoming/ (which builds do not sweep), then
            // renamed into raw/: a reader sees the old file or the whole new one.
            let temp = ".lakemake/incoming/\(getpid())-" + (target as NSString).lastPathComponent
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: source))
                try fs.writeTemporary([UInt8](data), to: temp)
                try fs.publish(temp, to: target)
            } catch let error as FileSystemError {
                try? fs.remove(temp)
                throw CommandError.invalid("cannot copy \(source) to \(target): \(error.message)", hint: "check that the lake is writable")
            }
            inv.output.print("ingested \(target)")
        }
        return 0
    }
}
