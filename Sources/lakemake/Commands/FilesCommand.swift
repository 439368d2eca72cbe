// `lakemake files`: the catalog's file listing, newest first (the list-files API of the
// serverless design).

import Arguments
import Catalog
import Foundation
import LakeBuild
import LakeFormats

enum FilesCommand: LakemakeCommand {
    /// The options of `lakemake files`.
    enum Options {
        static let prefix: Option<String?> = .value("prefix", valueName: "P", help: "Only paths starting with P (lake-relative).")
        static let status: Option<String> = .value(
            "status", valueName: "STATUS", choices: ["all", "raw", "derived", "rejected"], defaultValue: "all",
            help: "Which files to list.")
        static let json: Option<Bool> = .flag(
            "json", help: "Print {files: [{path, size, modified, status, partitions, error?}], count}.")
    }

    static let spec = CommandSpec(
        name: "files",
        abstract: "List the files the catalog knows, newest first.",
        discussion: "Newest means the latest build that recorded or confirmed the file; ties are in path order. 'rejected' lists raw files with a standing rejection. A lake never built has no catalog: the listing is empty and the command says so.",
        options: [Options.prefix.spec, Options.status.spec, Options.json.spec],
        examples: [.init("lakemake files --prefix processed/sales/ --status derived")])

    static func run(_ inv: Invocation) throws -> Int32 {
        let prefix = try inv.parsed[Options.prefix].map { try inv.lakePath($0) } ?? ""
        let catalog = try inv.readCatalogOrEmpty()
        if !inv.hasCatalog { inv.noteNeverBuilt() }
        let all = try catalog.files(prefix: "")
        // A raw file stands rejected while lakemake keeps its rejected/<path>.error.json.
        var rejections: [String: String] = [:]
        let documents = Set(all.filter { $0.kind == .derived && LakeLayout.isRejectionFile($0.path) }.map(\.path))
        for f in all where f.kind == .raw {
            let document = LakeLayout.rejectionFile(for: f.path)
            if documents.contains(document) { rejections[f.path] = document }
        }
        var files = all.filter { $0.path.hasPrefix(prefix) }
        switch inv.parsed[Options.status] {
        case "raw": files = files.filter { $0.kind != .derived }
        case "derived": files = files.filter { $0.kind == .derived }
        case "rejected": files = files.filter { rejections[$0.path] != nil }
        default: break
        }
        if inv.parsed[Options.json] {
            inv.output.print(JSONText.make { w in
                w.beginObject()
                w.key("files")
                w.beginArray()
                for f in files { entry(f, rejection: rejections[f.path], inv: inv, into: &w) }
                w.endArray()
                w.field("count", files.count)
                w.endObject()
            })
        } else {
            for f in files {
                let status = rejections[f.path] != nil ? "rejected" : f.kind.rawValue
                inv.output.print("\(f.path)  \(status)  \(f.size) bytes  \(f.sha256.prefix(12))  build \(f.lastSeenBuild)")
            }
        }
        return 0
    }

    /// One file in the shape of the old list-files API: path, size, modified, status,
    /// Hive partitions, and the first error of a rejected file; plus hash and builds.
    private static func entry(_ f: FileRecord, rejection: String?, inv: Invocation, into w: inout JSONWriter) {
        w.beginObject()
        w.field("path", f.path)
        w.field("size", f.size)
        w.field("modified", Timestamp.iso8601(nanoseconds: f.mtimeNs))
        w.field("status", rejection != nil ? "rejected" : f.kind.rawValue)
        w.key("partitions")
        w.beginObject()
        for segment in f.path.split(separator: "/").dropLast() {
            guard let eq = segment.firstIndex(of: "=") else { continue }
            w.field(String(segment[..<eq]), String(segment[segment.index(after: eq)...]))
        }
        w.endObject()
        w.field("sha256", f.sha256)
        w.field("kind", f.kind.rawValue)
        w.field("first_seen_build", f.firstSeenBuild)
        w.field("last_seen_build", f.lastSeenBuild)
        if let rejection {
            w.field("error", firstError(inv.lake + "/" + rejection))
        }
        w.endObject()
    }

    /// The first message of a rejection document, for the listing.
    private static func firstError(_ path: String) -> String? {
        guard let bytes = FileManager.default.contents(atPath: path),
              let doc = try? JSONValue.parse(Array(bytes)),
              case .string(let message)? = doc["errors"]?[0]?["message"] else { return nil }
        if case .number(let line)? = doc["errors"]?[0]?["line"], let l = line.int64() {
            if case .number(let column)? = doc["errors"]?[0]?["column"], let c = column.int64() {
                return "line \(l), column \(c): \(message)"
            }
            return "line \(l): \(message)"
        }
        return message
    }
}
