// What every command starts from: the parsed words, the lake and rules folders resolved to
// absolute paths, and the output streams. Lake paths given by the user are normalised here
// (`processed/x` or `./lake/processed/x` both mean `processed/x`).
//
// Without --lake/--rules (or their environment variables) the project is found as git finds
// `.git`: the nearest folder, from the current one upward, that holds both `lake/` and
// `rules/`. So `cd lake/processed && lakemake status` works. (`-C DIR` has already changed
// the current folder by the time an invocation is made.)
//
// `lake/lake.conf`, when present, holds settings of the lake itself, one `key = value` a line
// (blank lines and lines starting with `#` are ignored; the value is the rest of the line,
// trimmed). Known keys: `quicksight.base`, the URI the QuickSight manifests list the exports
// under (`s3://bucket/lake`). An unknown key or a line without `=` is an error, so a typo is
// never silently ignored.

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
        let givenLake = parsed[LakemakeCLI.Options.lake], givenRules = parsed[LakemakeCLI.Options.rules]
        let found = givenLake == nil && givenRules == nil ? Invocation.findProject(from: FileManager.default.currentDirectoryPath) : nil
        lake = found.map { $0 + "/lake" } ?? Invocation.absolute(givenLake ?? "./lake")
        rulesDirectory = found.map { $0 + "/rules" } ?? Invocation.absolute(givenRules ?? "./rules")
    }

    /// The nearest folder at or above `start` holding both `lake/` and `rules/`, or nil.
    static func findProject(from start: String) -> String? {
        var dir = absolute(start)
        while true {
            if isDirectory(dir + "/lake") && isDirectory(dir + "/rules") { return dir }
            guard dir != "/" else { return nil }
            dir = (dir as NSString).deletingLastPathComponent
            if dir.isEmpty { dir = "/" }
        }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    var fileSystem: LocalFileSystem { LocalFileSystem(root: lake) }

    var catalogPath: String { lake + "/.lakemake/catalog.db" }

    /// Fails unless the lake folder exists.
    func requireLake() throws {
        guard Invocation.isDirectory(lake) else { throw CommandError.notALake(lake) }
    }

    /// Whether a build has ever recorded anything in this lake (its catalog exists).
    var hasCatalog: Bool { FileManager.default.fileExists(atPath: catalogPath) }

    /// The catalog for reading; read-only commands never wait for a build.
    func readCatalog() throws -> Catalog {
        try requireLake()
        guard FileManager.default.fileExists(atPath: catalogPath) else { throw CommandError.noCatalog(lake) }
        return try Catalog.openReadOnly(path: catalogPath)
    }

    /// The catalog for reading, or an empty in-memory one when the lake was never built, so
    /// a fresh lake can be shown as it is (everything new) without creating a file in it.
    func readCatalogOrEmpty() throws -> Catalog {
        try requireLake()
        return hasCatalog ? try Catalog.openReadOnly(path: catalogPath) : try Catalog.open(path: ":memory:")
    }

    /// Tells the user, on stderr, that the lake has no catalog yet; what follows is what can be
    /// shown without one.
    func noteNeverBuilt() {
        output.error("lakemake: this lake has not been built yet (no catalog); run 'lakemake build' to build it")
    }

    /// The rules, parsed against the registered actions, with the lake's settings applied: the
    /// QuickSight base URI from `quickSightBase` (a command's `--quicksight-base`), else from
    /// `lake.conf`.
    func loadRules(quickSightBase: String? = nil) throws -> RuleSet {
        let rules: RuleSet
        do {
            rules = try RulesParser.load(directory: rulesDirectory, knownActions: PipelineActions.registry.knownNames)
        } catch {
            throw RenderedRulesError(error: error, sources: (try? RulesParser.readSources(directory: rulesDirectory)) ?? [])
        }
        let base = try quickSightBase ?? settings()["quicksight.base"]
        do {
            return try QuickSightManifest.withBase(base, in: rules)
        } catch {
            throw CommandError.invalid(
                "\(error.location): rule \(error.rule) sets base=, but the QuickSight base URI is a setting of the lake, not of a rule",
                hint: "remove base= and put 'quicksight.base = URI' in lake/lake.conf (or pass --quicksight-base URI)")
        }
    }

    /// The settings `lake.conf` may hold.
    static let settingKeys = ["quicksight.base"]

    var settingsPath: String { lake + "/lake.conf" }

    /// `lake/lake.conf` as key → value; empty when the file does not exist.
    func settings() throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: settingsPath) else { return [:] }
        return try Invocation.parseSettings(String(decoding: data, as: UTF8.self), file: "lake/lake.conf")
    }

    /// `key = value` lines; `#` comments and blank lines ignored; the last of a repeated key wins.
    static func parseSettings(_ text: String, file: String) throws -> [String: String] {
        var settings: [String: String] = [:]
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let eq = line.firstIndex(of: "=") else {
                throw CommandError.invalid("\(file):\(number + 1): expected 'key = value', found '\(line)'",
                                           hint: "known keys: \(settingKeys.joined(separator: ", "))")
            }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            guard settingKeys.contains(key) else {
                throw CommandError.invalid("\(file):\(number + 1): unknown setting '\(key)'",
                                           hint: "known keys: \(settingKeys.joined(separator: ", "))")
            }
            settings[key] = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        }
        return settings
    }

    /// A user-given path as a lake-relative path. A relative path is lake-relative when it
    /// exists in the lake or starts with one of the lake's folders (`processed/…`); otherwise,
    /// from a folder inside the lake or when it exists from here, it is taken from here.
    func lakePath(_ given: String) throws -> String {
        var p = given
        let fm = FileManager.default
        let here = Invocation.absolute(".")
        let lakeRelative = fm.fileExists(atPath: lake + "/" + p)
            || InitCommand.folders.contains { p == $0 || p.hasPrefix($0 + "/") }
        let fromHere = !lakeRelative && (here.hasPrefix(lake + "/") || fm.fileExists(atPath: p))
        if p.hasPrefix("/") || p.hasPrefix("./") || p.hasPrefix("../") || fromHere {
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
