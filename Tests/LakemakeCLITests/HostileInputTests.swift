// Runs the hostile-input corpus through the real binary: every bad raw file lands in one lake
// next to a valid sample, one build runs, and then
// - each bad file has exactly its documented rejection file (rule, first error, count),
// - the raw files are untouched,
// - every other file of the lake is byte-identical to a clean build of the sample alone.

import Foundation
import LakeFormats
import XCTest

final class HostileInputTests: XCTestCase {
    static let stores = "store_id,name,city,opened\n0001,A,X,2020-01-01\n0002,B,Y,2020-01-01\n0003,C,Z,2020-01-01\n"
    static let generate = ["gen", "sales", "--stores", "3", "--days", "2", "--end", "2025-11-27", "--sales-per-day", "4"]

    /// A lake with the small valid sales sample, not built.
    static func salesSample() throws -> TemporaryLake {
        let lake = try TemporaryLake(rules: try SalesCommandTests.salesRules)
        try lake.write("reference/stores.csv", Self.stores)
        let gen = try Lakemake.run(Self.generate, in: lake.root)
        XCTAssertEqual(gen.status, 0, gen.stderr)
        return lake
    }

    func testSalesCorpus() throws {
        let corpus = HostileInput.sales
        XCTAssertGreaterThanOrEqual(corpus.count, 60)
        XCTAssertEqual(Set(corpus.map(\.path)).count, corpus.count, "one file per case")
        // The day's company metrics name the stores whose upload was rejected (sales.md §4);
        // apart from that list they are the clean build's.
        let company = "metrics/sales/company/date=2025-11-27.json"
        var rejectedStores: [String] = []
        for c in corpus {
            guard case .rejected(let rule, _, _) = c.expected, rule == "sales_parquet" else { continue }
            let name = c.path.dropFirst("raw/sales/store_".count)
            if c.path.hasPrefix("raw/sales/store_"), name.hasSuffix("_2025-11-27.json") { rejectedStores.append(String(name.prefix(4))) }
        }
        XCTAssertGreaterThan(rejectedStores.count, 40)
        let clean = try Self.salesSample()
        defer { clean.remove() }
        XCTAssertEqual(try clean.run("build", "-q").status, 0)
        let cleanCompany = try JSONValue.parse(Array(try XCTUnwrap(clean.read(company)).utf8))
        try check(corpus, sample: Self.salesSample, isNewOutput: { $0 == company }) { lake in
            let got = try JSONValue.parse(Array(try XCTUnwrap(lake.read(company)).utf8))
            XCTAssertEqual(got["stores_rejected"], .array(rejectedStores.sorted().map { .string($0) }))
            XCTAssertEqual(Self.dropping("stores_rejected", got), Self.dropping("stores_rejected", cleanCompany))
        }
    }

    /// An object without one of its keys.
    static func dropping(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(let members) = value else { return value }
        return .object(members.filter { $0.key != key })
    }

    /// Runs `corpus` in a lake made by `sample` (a pipeline's rules and valid raw files).
    /// Outputs for which `isNewOutput` holds are the corpus's own (a day only the hostile files
    /// name) and are left to `inspect`, which sees the hostile lake after its build; every
    /// other output must be the clean build's, byte for byte.
    func check(_ corpus: [HostileInput], sample: () throws -> TemporaryLake,
               isNewOutput: (String) -> Bool = { _ in false }, inspect: (TemporaryLake) throws -> Void = { _ in },
               file: StaticString = #filePath, line: UInt = #line) throws {
        let clean = try sample(), hostile = try sample()
        defer {
            clean.remove()
            hostile.remove()
        }
        let cleanBuild = try clean.run("build", "-j", "2", "-q")
        XCTAssertEqual(cleanBuild.status, 0, cleanBuild.stdout + cleanBuild.stderr)

        try Data(HostileInput.salesBody([HostileInput.salesItem()]).utf8).write(to: URL(fileURLWithPath: hostile.root + "/outside.json"))
        for c in corpus { try place(c, in: hostile) }
        let rawBefore = LakeTree.snapshot(hostile.lake, under: "raw")
        let build = try hostile.run("build", "-j", "2", "-q")
        XCTAssertEqual(build.status, 1, "rejections make the build exit 1: " + build.stderr, file: file, line: line)
        XCTAssertFalse(build.stderr.contains("Fatal error"), build.stderr)

        let rejected = corpus.filter { if case .readable = $0.expected { return false } else { return true } }
        for c in rejected { checkRejection(c, in: hostile) }
        XCTAssertEqual(LakeTree.snapshot(hostile.lake, under: "raw"), rawBefore, "raw files are never changed")
        let expectedRejections = Set(rejected.map { "rejected/" + $0.path.dropFirst(4) + ".error.json" })
        XCTAssertEqual(Set(LakeTree.snapshot(hostile.lake, under: "rejected").keys), expectedRejections)
        for folder in ["processed", "metrics", "reports"] {
            let got = LakeTree.snapshot(hostile.lake, under: folder), want = LakeTree.snapshot(clean.lake, under: folder)
            XCTAssertEqual(got.keys.filter { !isNewOutput($0) }.sorted(), want.keys.filter { !isNewOutput($0) }.sorted(),
                           "\(folder)/ holds the clean build's files and no others")
            for (path, bytes) in want where !isNewOutput(path) && got[path] != bytes { XCTFail("\(path) differs from the clean build") }
        }
        XCTAssertEqual(LakeTree.snapshot(hostile.lake, under: ".lakemake/tmp").count, 0, "no temporary file is left")
        try inspect(hostile)
    }

    func place(_ c: HostileInput, in lake: TemporaryLake) throws {
        let full = lake.lake + "/" + c.path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        switch c.content {
        case .bytes(let bytes): try Data(bytes).write(to: URL(fileURLWithPath: full))
        case .symlink(let target): try FileManager.default.createSymbolicLink(atPath: full, withDestinationPath: target)
        }
    }

    func checkRejection(_ c: HostileInput, in lake: TemporaryLake) {
        let path = "rejected/" + c.path.dropFirst(4) + ".error.json"
        guard let text = lake.read(path), let doc = try? JSONValue.parse(Array(text.utf8)) else {
            return XCTFail("\(c.title): no readable \(path)")
        }
        XCTAssertEqual(doc["file"], .string(c.path), c.title)
        let first = doc["errors"]?[0]
        let got = HostileInput.ExpectedError(
            line: first?["line"].flatMap(Self.int), column: first?["column"].flatMap(Self.int),
            path: first?["path"].flatMap(Self.string), message: first?["message"].flatMap(Self.string) ?? "<none>")
        switch c.expected {
        case let .rejected(rule, expected, count):
            XCTAssertEqual(doc["rule"], .string(rule), c.title)
            XCTAssertEqual(got, expected, c.title)
            XCTAssertEqual(doc["error_count"].flatMap(Self.int), count, c.title)
        case .unmatched:
            XCTAssertEqual(got.message, "no rule accepts this file", c.title)
        case .escapingLink:
            XCTAssertEqual(got.message, "symbolic link pointing outside the lake; it is not read", c.title)
        case .readable:
            break
        }
    }

    static func int(_ v: JSONValue) -> Int? {
        if case .number(let n) = v { return n.int64().map(Int.init) }
        return nil
    }

    static func string(_ v: JSONValue) -> String? {
        if case .string(let s) = v { return s }
        return nil
    }
}

/// The files under a folder of a lake, by lake-relative path (links by their target text).
enum LakeTree {
    static func snapshot(_ lake: String, under folder: String) -> [String: Data] {
        var out: [String: Data] = [:]
        let base = lake + "/" + folder
        guard let walker = FileManager.default.enumerator(atPath: base) else { return out }
        while let relative = walker.nextObject() as? String {
            let full = base + "/" + relative
            let key = folder + "/" + relative
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: full) {
                out[key] = Data(("link:" + target).utf8)
            } else if let attributes = try? FileManager.default.attributesOfItem(atPath: full),
                      attributes[.type] as? FileAttributeType == .typeRegular {
                out[key] = FileManager.default.contents(atPath: full) ?? Data()
            }
        }
        return out
    }
}
