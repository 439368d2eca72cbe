// What every command starts from: the parsed words, the lake and rules folders resolved to
// absolute paths, and the output streams. Lake paths given by the user are normalised here
// (`processed/x` or `./lake/processed/x` both mean `processed/x`).

import Arguments
import Catalog
import Foundation
import LakeBuild
import Pipelines

struct Invocation {
    let parsed: ParsedArguments
    let output: Output
    /// Absolute path of the lake.
    let lake: String
    /// Absolute path of the rules folder.
    let rulesDirectory: String

    init(parsed: ParsedArguments, output: Output) {
        self.parsed = parsed
        self.output = output
        lake = Invocation.absolute(parsed.value("lake") ?? "./lake")
        rulesDirectory = Invocation.absolute(parsed.value("rules") ?? "./rules")
    }

    var json: Bool { parsed.flag("json") }

    var fileSystem: LocalFileSystem { LocalFileSystem(root: lake) }

    var catalogPath: String { lake + "/.lakemake/catalog.db" }

    /// Fails unless the lake folder exists.
    func requireLake() throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: lake, isDirectory: &isDir), isDir.boolValue else {
            throw CommandError.notALake(lake)
        }
    }

    /// The catalog for reading; read-only commands never wait for a build.
    func readCatalog() throws -> Catalog {
        try requireLake()
        guard FileManager.default.fileExists(atPath: catalogPath) else { throw CommandError.noCatalog(lake) }
        return try Catalog.openReadOnly(path: catalogPath)
    }

    /// The rules, parsed against the registered actions.
    func loadRules() throws -> RuleSet {
        do {
            return try RulesParser.load(directory: rulesDirectory, knownActions: PipelineActions.registry.knownNames)
        } catch {
            throw RenderedRulesError(error: error, sources: (try? RulesParser.readSources(directory: rulesDirectory)) ?? [])
        }
    }

    /// A user-given path as a lake-relative path.
    func lakePath(_ given: String) throws -> String {
        var p = given
        if p.hasPrefix("/") || p.hasPrefix("./") || p.hasPrefix("../") || FileManager.default.fileExists(atPath: p) && !FileManager.default.fileExists(atPath: lake + "/" + p) {
            let abs = Invocation.absolute(p)
            guard abs == lake || abs.hasPrefix(lake + "/") else { throw CommandError.pathOutsideLake(given) }
            p = String(abs.dropFirst(lake.count))
            while p.hasPrefix("/") { p.removeFirst() }
        }
        return p
    }

    static func absolute(_ path: String) -> String {
        let base = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in base.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
