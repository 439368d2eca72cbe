// The stored plan's file list keeps hashes as 32-byte values in one buffer and makes text of
// them only when asked. A random sequence of edits is checked against a plain dictionary, and
// every state survives encoding and decoding, including hashes that are not SHA-256 text.

import XCTest
import Catalog
import LakeFormats
@testable import LakeBuild

final class StoredFilesTests: XCTestCase {
    private func state(_ n: Int, hash: String? = nil) -> StoredPlan.FileState {
        StoredPlan.FileState(stat: FileStat(device: 1, inode: UInt64(n), size: Int64(n), mtimeNs: Int64(n) * 7, ctimeNs: 3),
                             content: FileContent(sha256: hash ?? SHA256.hex(SHA256.hash(Array("file \(n)".utf8))), size: Int64(n * 10)))
    }

    private func assertSame(_ files: StoredFiles, _ model: [String: StoredPlan.FileState], file: StaticString = #filePath, line: UInt = #line) {
        let ordered = model.keys.sorted(by: LakePath.bytewiseLess)
        XCTAssertEqual(files.paths, ordered, file: file, line: line)
        XCTAssertEqual(files.stats, ordered.map { model[$0]!.stat }, file: file, line: line)
        for (i, path) in ordered.enumerated() {
            XCTAssertEqual(files.state(at: i), model[path], path, file: file, line: line)
            XCTAssertEqual(files[path], model[path], path, file: file, line: line)
        }
    }

    func testEditsAndRoundTripsMatchADictionary() throws {
        var generator = SplitMix64(seed: 12)
        var files = StoredFiles()
        var model: [String: StoredPlan.FileState] = [:]
        let odd = ["", "not-a-hash", String(repeating: "A", count: 64)]
        // Half the steps edit one path; the others apply a batch of edits at once, as the
        // stored plan applies its change rows.
        var batch: [String: StoredPlan.FileState?] = [:]
        for step in 0..<400 {
            let path = "raw/\(Int.random(in: 0..<60, using: &generator))/f.json"
            let update: StoredPlan.FileState? = Int.random(in: 0..<4, using: &generator) == 0
                ? nil : state(step, hash: step % 9 == 0 ? odd[step % 3] : nil)
            model[path] = update
            if (step / 25) % 2 == 0 {
                files[path] = update
            } else {
                batch[path] = .some(update)
                if step % 25 == 24 {
                    files.apply(batch)
                    batch = [:]
                }
            }
            if step % 50 == 0 {
                var table = StringTable()
                assertSame(try roundTrip(files, table: &table).0, model)
            }
        }
        assertSame(files, model)
        assertSame(StoredFiles(model), model)
        let prefix = files.entries(withPrefix: "raw/1")
        XCTAssertEqual(prefix.map(\.0), model.keys.filter { $0.hasPrefix("raw/1") }.sorted(by: LakePath.bytewiseLess))
    }

    /// The string table is front-coded by bytes: a shared prefix may end inside a character.
    func testTheStringTableRoundTripsWhateverPrefixesTheStringsShare() throws {
        var table = StringTable()
        let strings = ["", "a", "ab", "é", "ã", "éa", "e\u{301}", "日本", "日本語", "日", "raw/sales/store_0001_2020-01-01.json",
                       "raw/sales/store_0001_2020-01-02.json", "raw/sales/store_0002_2020-01-01.json", "x"]
        for s in strings { _ = table.id(s) }
        var writer = PlanWriter()
        writer.table(table)
        var reader = PlanReader(bytes: writer.bytes, skipping: 0)
        let decoded = try XCTUnwrap(reader.table())
        XCTAssertTrue(reader.atEnd)
        XCTAssertEqual(decoded.map { Array($0.utf8) }, strings.map { Array($0.utf8) })
    }

    /// A whole plan written again keeps the string numbers the files were decoded with
    /// (`StringTable(seed:)`): after edits in place and merged, the numbers still name each
    /// file's own path, round after round, and a table seeded otherwise numbers them anew.
    func testFilesEncodedAgainWithTheirTableKeepTheirPaths() throws {
        var generator = SplitMix64(seed: 31)
        var model: [String: StoredPlan.FileState] = [:]
        for n in 0..<300 { model["processed/\(n % 7)/f\(n).parquet"] = state(n) }
        // Other strings come first, so a path's number is not its position in the list.
        var table = StringTable()
        for n in 0..<40 { _ = table.id("value \(n)") }
        var (files, strings) = try roundTrip(StoredFiles(model), table: &table)
        assertSame(files, model)
        for round in 0..<8 {
            // Even rounds change a few paths (applied in place), odd rounds many (merged).
            let edits = round % 2 == 0 ? StoredFiles.inPlaceLimit : 60
            var batch: [String: StoredPlan.FileState?] = [:]
            for e in 0..<edits {
                let n = Int.random(in: 0..<400, using: &generator)
                let path = "processed/\(n % 7)/f\(n).parquet"
                let update: StoredPlan.FileState? = e % 3 == 0 ? nil : state(1000 * round + e)
                batch[path] = .some(update)
                model[path] = update
            }
            files.apply(batch)
            assertSame(files, model)
            let before = strings
            var seeded = StringTable(seed: before)
            (files, strings) = try roundTrip(files, table: &seeded)
            XCTAssertTrue(strings.starts(with: before), "the stored strings keep their numbers")
            XCTAssertLessThanOrEqual(strings.count - before.count, edits, "only paths new to the table are added")
            assertSame(files, model)
        }
        var other = StringTable(seed: strings.reversed())
        let (renumbered, _) = try roundTrip(files, table: &other)
        assertSame(renumbered, model)
    }

    /// Files written with an edit (what a change-driven build writes, without copying the
    /// stored files to apply it) are byte for byte the files with the edit applied, then
    /// written: adds before, between and after the stored paths, removals, replacements, hashes
    /// that are not SHA-256 text, with a table seeded from the stored one and with a new one.
    func testFilesWrittenWithAnEditAreTheEditedFilesWritten() throws {
        var generator = SplitMix64(seed: 77)
        var model: [String: StoredPlan.FileState] = [:]
        for n in stride(from: 10, to: 300, by: 3) { model["processed/\(n % 5)/f\(n).parquet"] = state(n) }
        var table = StringTable()
        let (stored, strings) = try roundTrip(StoredFiles(model), table: &table)
        let odd = ["", "not-a-hash"]
        for round in 0..<12 {
            var updates: [String: StoredPlan.FileState?] = [:]
            for e in 0..<[0, 1, 5, 40][round % 4] {
                let n = Int.random(in: 0..<320, using: &generator)
                updates["processed/\(n % 6)/f\(n).parquet"] = Int.random(in: 0..<3, using: &generator) == 0
                    ? .some(nil) : .some(state(1000 * round + e, hash: e % 7 == 3 ? odd[e % 2] : nil))
            }
            var applied = stored
            applied.apply(updates)
            for seeded in [true, false] {
                var expectedTable = seeded ? StringTable(seed: strings) : StringTable()
                var expected = PlanWriter()
                applied.encode(into: &expected, ids: applied.ids(in: &expectedTable))
                var editedTable = seeded ? StringTable(seed: strings) : StringTable()
                let edit = StoredFiles.Edit(updates)
                var written = PlanWriter()
                stored.encode(into: &written, ids: stored.ids(in: &editedTable, applying: edit), applying: edit)
                XCTAssertEqual(written.bytes, expected.bytes, "round \(round), seeded \(seeded)")
                XCTAssertEqual(editedTable.strings, expectedTable.strings, "round \(round), seeded \(seeded)")
                XCTAssertTrue(stored.pathsEqual(applied.paths, applying: edit))
                XCTAssertEqual(stored.pathsEqual(stored.paths, applying: edit), applied.paths == stored.paths)
            }
        }
    }

    /// A table is seeded with a list when it started with the same strings byte for byte:
    /// the list itself, a copy made apart, but not a list equal only as Swift compares
    /// strings (two spellings of one accented name are two paths).
    func testATableIsSeededWithTheSameStringsByteForByte() {
        let strings = ["raw/b", "raw/caf\u{E9}", "value"]
        let table = StringTable(seed: strings)
        XCTAssertTrue(table.isSeeded(with: strings))
        XCTAssertTrue(table.isSeeded(with: strings.map { String(decoding: Array($0.utf8), as: UTF8.self) }))
        XCTAssertFalse(table.isSeeded(with: ["raw/b", "raw/cafe\u{301}", "value"]))
        XCTAssertFalse(table.isSeeded(with: Array(strings.prefix(2))))
        XCTAssertFalse(StringTable().isSeeded(with: []))
    }

    /// `files` encoded with `table`, then decoded: what a build that writes the whole plan
    /// leaves and the next build reads.
    private func roundTrip(_ files: StoredFiles, table: inout StringTable) throws -> (StoredFiles, [String]) {
        var writer = PlanWriter()
        files.encode(into: &writer, &table)
        var tableWriter = PlanWriter()
        tableWriter.table(table)
        var reader = PlanReader(bytes: tableWriter.bytes + writer.bytes, skipping: 0)
        let strings = try XCTUnwrap(reader.table())
        let decoded = try XCTUnwrap(StoredFiles(decoding: &reader, strings))
        XCTAssertTrue(reader.atEnd)
        return (decoded, strings)
    }

    func testPathsOutOfOrderAreRefused() throws {
        var writer = PlanWriter()
        var table = StringTable()
        var files = StoredFiles()
        files["raw/a"] = state(1)
        files["raw/b"] = state(2)
        files.encode(into: &writer, &table)
        // Swap the two paths in the table: the list now names them out of order.
        var swapped = table.strings
        swapped.swapAt(0, 1)
        var tableWriter = PlanWriter()
        tableWriter.table(StringTable(seed: swapped))
        var reader = PlanReader(bytes: tableWriter.bytes + writer.bytes, skipping: 0)
        let strings = try XCTUnwrap(reader.table())
        XCTAssertNil(StoredFiles(decoding: &reader, strings))
    }
}
