// `lakemake ingest FILE… [--replace]`: each pipeline says whether it accepts a file name and
// where the file goes in raw/; the file is then copied there atomically. This command knows
// no pipeline's naming rules: they live with the pipelines.

import Arguments
import Foundation
import LakeBuild
import Pipelines

enum IngestCommand: LakemakeCommand {
    /// Each pipeline's answer for (the file as given, its name, its bytes): the lake-relative
    /// destination, nil when the name is not its own.
    static var routes: [(String, String, [UInt8]) throws -> String?] {
        [
            { _, name, _ in SalesIngest.rawPath(forFileName: name) },
            { file, _, bytes in try FlightsIngest.destination(file: file, bytes: bytes) },
        ]
    }

    /// The options and argument of `lakemake ingest`.
    enum Options {
        static let replace: Option<Bool> = .flag("replace", help: "Replace a raw file that already exists.")
        static let noWait: Option<Bool> = .flag("no-wait", help: "With --replace: fail at once if a build holds the lock.")
        static let files: Argument<[String]> = .oneOrMore("FILE", help: "Files to ingest.")
    }

    static let spec = CommandSpec(
        name: "ingest",
        abstract: "Check raw files and copy them atomically to their place in raw/.",
        discussion: "A file is accepted when a pipeline recognises its name and can read it; a flight snapshot goes to the hour of its own time and keeps its name. An existing raw file is replaced only with --replace, which takes the build lock.",
        options: [Options.replace.spec, Options.noWait.spec],
        arguments: [Options.files.spec],
        examples: [.init("lakemake ingest ~/uploads/store_0003_2025-11-20.json"),
                   .init("lakemake ingest flight_data_20250918_160327.json")])

    static func run(_ inv: Invocation) throws -> Int32 {
        try inv.requireLake()
        let replace = inv.parsed[Options.replace]
        let lock: BuildLock? = replace ? try BuildLock(lakeRoot: inv.lake, wait: !inv.parsed[Options.noWait]) : nil
        defer { lock?.release() }
        let writer = RawFileWriter(lake: inv.lake)
        var plan: [(bytes: [UInt8], destination: String)] = []
        for file in inv.parsed[Options.files] {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandError.invalid("\(file): cannot read the file", hint: nil)
            }
            let bytes = [UInt8](data), name = URL(fileURLWithPath: file).lastPathComponent
            var destination: String?
            for route in routes where destination == nil { destination = try route(file, name, bytes) }
            guard let destination else {
                throw CommandError.invalid("\(file): no pipeline accepts a file named '\(name)'",
                                           hint: "sales uploads are named store_NNNN_YYYY-MM-DD.json, flight snapshots flight_data_[test_]YYYYMMDD_HHMMSS[_HEX].json")
            }
            if writer.exists(destination) && !replace {
                throw CommandError.invalid("\(destination) already exists", hint: "pass --replace to swap it atomically")
            }
            plan.append((bytes, destination))
        }
        for item in plan {
            do { try writer.write(item.bytes, to: item.destination, replace: replace) } catch {
                // Another ingest landed the same name between the check above and now.
                if case .alreadyExists = error {
                    throw CommandError.invalid("\(item.destination) already exists", hint: "pass --replace to swap it atomically")
                }
                throw CommandError.invalid(error.message, hint: "check that the lake is writable")
            }
            inv.output.print("ingested \(item.destination)")
        }
        return 0
    }
}
