// `lakemake parquet …` through the real binary. Expected values come from outside the code
// under test: the fixtures' expected/*.jsonl (read by pyarrow when the fixtures were made),
// hand-written CSV, and pyarrow itself (through LAKEMAKE_PYTHON) reading or writing the same
// file and rendering values with the documented conventions.

import Foundation
import TestSupport
import XCTest

final class ParquetCommandTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("ParquetTests/Fixtures")

    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "lakemake-parquet-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    private func fixture(_ name: String) -> String { Self.fixtures.appendingPathComponent(name).path }

    /// Runs lakemake with `arguments` in the temporary directory.
    @discardableResult
    private func lakemake(_ arguments: String...) throws -> RunResult {
        try Lakemake.run(arguments, in: directory)
    }

    private func write(_ name: String, _ text: String) throws -> String {
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    private static func jsonObjects(_ ndjson: String) throws -> [NSDictionary] {
        try ndjson.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
            return try XCTUnwrap(object as? NSDictionary, "not an object: \(line)")
        }
    }

    // MARK: - Rows against the fixtures' expected values

    func testCatJSONMatchesTheFixturesExpectedRows() throws {
        for name in ["int32_decimal", "fixed_length_decimal", "byte_array_decimal", "nulls.snappy",
                     "datapage_v2.snappy", "null_list"] {
            let expectedText = try String(contentsOfFile: fixture("expected/\(name).jsonl"), encoding: .utf8)
            let expected = try Self.jsonObjects(expectedText).dropFirst()  // line 1 is the header
            let r = try lakemake("parquet", "cat", "--json", fixture("\(name).parquet"))
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(try Self.jsonObjects(r.stdout), Array(expected), name)
        }
    }

    func testHeadPrintsATableOfTheFirstTenRowsByDefault() throws {
        // byte_array_decimal holds 1.00 … 24.00 (expected/byte_array_decimal.jsonl).
        let r = try lakemake("parquet", "head", fixture("byte_array_decimal.parquet"))
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines, ["value", "-----", "1.00", "2.00", "3.00", "4.00", "5.00", "6.00", "7.00", "8.00",
                               "9.00", "10.00", ""])
        let three = try lakemake("parquet", "head", "-n", "3", "--csv", fixture("byte_array_decimal.parquet"))
        XCTAssertEqual(three.stdout, "value\n1.00\n2.00\n3.00\n")
    }

    // MARK: - CSV in, CSV out

    static let salesCSV = #"""
        transaction_id,transaction_timestamp,quantity,unit_price,day,note
        TXN-1,2025-10-29T09:11:16.000Z,2,27.49,2025-10-29,plain
        "TXN,2",1969-12-31T23:59:59.999Z,1,-0.05,1900-03-01,"say ""hi"""
        TXN-3,2024-02-29T12:00:00.500Z,,0.00,2000-02-29,
        TXN-4,,7,99999999.99,,"two
        lines"

        """#

    static let salesTypes = "transaction_timestamp:timestamp-ms,quantity:int32,unit_price:decimal(10,2),day:date"

    private func salesParquet(rowGroupRows: String = "2") throws -> String {
        let csv = try write("sales.csv", Self.salesCSV)
        let out = directory + "/sales.parquet"
        let r = try lakemake("parquet", "from-csv", "--types", Self.salesTypes, "--row-group-rows", rowGroupRows, csv, out)
        XCTAssertEqual(r.status, 0, r.stderr)
        return out
    }

    func testFromCSVThenCatCSVGivesBackTheSameText() throws {
        let parquet = try salesParquet()
        let r = try lakemake("parquet", "cat", "--csv", parquet)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, Self.salesCSV)
    }

    func testFromCSVWritesTheDeclaredSchema() throws {
        let parquet = try salesParquet()
        let r = try lakemake("parquet", "schema", parquet)
        XCTAssertEqual(r.stdout, """
            message schema {
              optional binary transaction_id (STRING);
              optional int64 transaction_timestamp (TIMESTAMP(MILLIS,UTC));
              optional int32 quantity;
              optional int64 unit_price (DECIMAL(10,2));
              optional int32 day (DATE);
              optional binary note (STRING);
            }

            """)
    }

    func testMetaShowsRowGroupsAndStatisticsWithLogicalTypes() throws {
        let parquet = try salesParquet()
        let r = try lakemake("parquet", "meta", "--json", parquet)
        XCTAssertEqual(r.status, 0, r.stderr)
        let meta = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(meta["num_rows"] as? Int, 4)
        let groups = try XCTUnwrap(meta["row_groups"] as? [[String: Any]])
        XCTAssertEqual(groups.map { $0["num_rows"] as? Int }, [2, 2])
        // Row group 0 holds TXN-1 and "TXN,2": bounds worked out by hand from the CSV above.
        let columns = try XCTUnwrap(groups[0]["columns"] as? [[String: Any]])
        let stats = columns.map { $0["statistics"] as? [String: Any] ?? [:] }
        XCTAssertEqual(stats[1]["min"] as? String, "1969-12-31T23:59:59.999Z")
        XCTAssertEqual(stats[1]["max"] as? String, "2025-10-29T09:11:16.000Z")
        XCTAssertEqual(stats[3]["min"] as? String, "-0.05")
        XCTAssertEqual(stats[3]["max"] as? String, "27.49")
        XCTAssertEqual(stats[4]["min"] as? String, "1900-03-01")
        XCTAssertEqual(stats[0]["max"] as? String, "TXN-1")
        XCTAssertEqual(columns[0]["codec"] as? String, "SNAPPY")
        let second = try XCTUnwrap(groups[1]["columns"] as? [[String: Any]])
        XCTAssertEqual((second[2]["statistics"] as? [String: Any])?["null_count"] as? Int, 1)
    }

    func testBadCSVValueNamesTheLineAndColumn() throws {
        let csv = try write("bad.csv", "a,b\n1,x\n2,oops\n")
        let r = try lakemake("parquet", "from-csv", "--types", "a:int32,b:date", csv, directory + "/bad.parquet")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("bad.csv:2: column 'b': 'x' is not a valid date"), r.stderr)
        let types = try lakemake("parquet", "from-csv", "--types", "a:int128", csv, directory + "/bad.parquet")
        XCTAssertEqual(types.status, 2)
        XCTAssertTrue(types.stderr.contains("unknown type 'int128'"), types.stderr)
    }

    // MARK: - Errors

    func testMissingFileIsAUsageErrorAndCorruptFileADataError() throws {
        let missing = try lakemake("parquet", "cat", directory + "/nope.parquet")
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.hasPrefix("lakemake: error: \(directory)/nope.parquet: no such file"), missing.stderr)

        let whole = try Data(contentsOf: URL(fileURLWithPath: fixture("alltypes_plain.parquet")))
        let truncated = directory + "/truncated.parquet"
        try whole.prefix(whole.count - 10).write(to: URL(fileURLWithPath: truncated))
        let corrupt = try lakemake("parquet", "meta", truncated)
        XCTAssertEqual(corrupt.status, 1)
        XCTAssertTrue(corrupt.stderr.hasPrefix("lakemake: error: \(truncated): not a Parquet file"), corrupt.stderr)

        let both = try lakemake("parquet", "cat", "--json", "--csv", fixture("alltypes_plain.parquet"))
        XCTAssertEqual(both.status, 2)
    }

    // MARK: - Snappy

    func testSnappyExpandsAHandWrittenBlockAndRoundTrips() throws {
        // Preamble 3 (varint), then one literal element: tag (3 - 1) << 2 = 0x08, then "abc".
        let block = directory + "/abc.snappy"
        try Data([0x03, 0x08, 0x61, 0x62, 0x63]).write(to: URL(fileURLWithPath: block))
        XCTAssertEqual(try lakemake("parquet", "snappy", "-d", block, directory + "/abc.txt").status, 0)
        XCTAssertEqual(try String(contentsOfFile: directory + "/abc.txt", encoding: .utf8), "abc")

        let text = try write("text.txt", String(repeating: "lakemake parquet snappy, ", count: 5000))
        XCTAssertEqual(try lakemake("parquet", "snappy", text, directory + "/text.snappy").status, 0)
        XCTAssertEqual(try lakemake("parquet", "snappy", "--decompress", directory + "/text.snappy", directory + "/back.txt").status, 0)
        XCTAssertEqual(FileManager.default.contents(atPath: directory + "/back.txt"), FileManager.default.contents(atPath: text))
        let size = try FileManager.default.attributesOfItem(atPath: directory + "/text.snappy")[.size] as? Int ?? 0
        // 125 000 bytes of one repeated phrase: copies of at most 64 bytes cost 3 bytes each,
        // so about 125 000 / 64 × 3 ≈ 5 900 bytes; a block without copies would be larger than the input.
        XCTAssertLessThan(size, 125_000 / 16, "a repeated phrase compresses")

        let corrupt = try lakemake("parquet", "snappy", "-d", text, directory + "/x")
        XCTAssertEqual(corrupt.status, 1, corrupt.stderr)
    }

    // MARK: - cat from columns against the row path

    /// `cat` renders flat files column by column; `head` still builds ParquetValue rows. Both
    /// must print the same bytes, whatever the types, encodings, nulls and row groups.
    private func assertCatMatchesHead(_ file: String, _ label: String, line: UInt = #line) throws {
        for format in ["--csv", "--json"] {
            let cat = try lakemake("parquet", "cat", format, file)
            let head = try lakemake("parquet", "head", "-n", "1000000000", format, file)
            if cat.status == 0 || head.status == 0 {
                XCTAssertEqual(cat.status, head.status, "\(label) \(format): \(cat.stderr) \(head.stderr)", line: line)
                XCTAssertEqual(cat.stdout, head.stdout, "\(label) \(format)", line: line)
            }
        }
    }

    func testCatFromColumnsPrintsWhatTheRowPathPrintsForEveryFixture() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path)
            .filter { $0.hasSuffix(".parquet") }.sorted()
        XCTAssertGreaterThan(names.count, 10)
        for name in names { try assertCatMatchesHead(fixture(name), name) }
    }

    func testCatFromColumnsRendersStringsNumbersAndInstantsLikeTheRowPath() throws {
        // Dictionary and plain strings needing CSV quotes and JSON escapes, decimals and
        // instants on both sides of zero, and types the columns fall back to ParquetValue for.
        let file = directory + "/tricky.parquet"
        _ = try python("write-tricky", file)
        try assertCatMatchesHead(file, "tricky")
        // A one-column record whose field is empty is written as "" (as CSVWriter and Python do).
        let lonely = directory + "/lonely.parquet"
        _ = try python("write-lonely", lonely)
        try assertCatMatchesHead(lonely, "lonely")
        XCTAssertEqual(try lakemake("parquet", "cat", "--csv", lonely).stdout, try python("csv", lonely))
        XCTAssertEqual(try python("csv", lonely), "s\na\n\"\"\n\"\"\nb\n")
    }

    func testCatFromColumnsRepairsInvalidUTF8LikeTheRowPath() throws {
        // from-csv keeps a string field's bytes as they are, invalid UTF-8 included.
        let csv = directory + "/bytes.csv"
        try Data("s,n\n".utf8 + [0xFF, 0xFE, 0x61] + Data(",1\n\u{E9}t\u{E9},2\n".utf8)).write(to: URL(fileURLWithPath: csv))
        let parquet = directory + "/bytes.parquet"
        XCTAssertEqual(try lakemake("parquet", "from-csv", "--types", "n:int64", csv, parquet).status, 0)
        try assertCatMatchesHead(parquet, "bytes")
        XCTAssertEqual(try lakemake("parquet", "cat", "--csv", parquet).stdout, "s,n\n\u{FFFD}\u{FFFD}a,1\n\u{E9}t\u{E9},2\n")
    }

    // MARK: - In a rule

    func testShellRuleConvertsParquetToCSV() throws {
        let lake = try TemporaryLake(rules: """
            rule store_csv
              in   raw/{name}.parquet
              out  reports/csv/{name}.csv
              run  sh lakemake parquet cat --csv {in} > {out}
            """)
        defer { lake.remove() }
        try FileManager.default.copyItem(atPath: try salesParquet(), toPath: lake.lake + "/raw/sales.parquet")
        let r = try lake.run("build")
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertEqual(lake.read("reports/csv/sales.csv"), Self.salesCSV)
    }

    // MARK: - Against pyarrow

    private func python(_ arguments: String...) throws -> String {
        let python = try InteropPython.path(for: "pyarrow")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-c", Self.pyarrowReference] + arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, String(decoding: e, as: UTF8.self))
        return String(decoding: o, as: UTF8.self)
    }

    func testSchemaColumnsMatchPyarrow() throws {
        for name in ["alltypes_plain.parquet", "nested_maps.snappy.parquet", "nested_lists.snappy.parquet",
                     "list_columns.parquet", "fixed_length_decimal.parquet", "nullable.impala.parquet"] {
            let expected = try python("schema", fixture(name))
            let r = try lakemake("parquet", "schema", "--json", fixture(name))
            XCTAssertEqual(r.status, 0, r.stderr)
            let ours = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? NSDictionary)
            let theirs = try JSONSerialization.jsonObject(with: Data(expected.utf8)) as? NSArray
            XCTAssertEqual(ours["columns"] as? NSArray, theirs, name)
        }
    }

    func testRowsAndMetadataOfAPyarrowFileMatchPyarrowsReading() throws {
        let file = directory + "/pyarrow.parquet"
        _ = try python("write", file)
        let rows = try lakemake("parquet", "cat", "--json", file)
        XCTAssertEqual(rows.status, 0, rows.stderr)
        XCTAssertEqual(try Self.jsonObjects(rows.stdout), try Self.jsonObjects(try python("rows", file)))
        XCTAssertEqual(try lakemake("parquet", "cat", "--csv", file).stdout, try python("csv", file))

        let meta = try lakemake("parquet", "meta", "--json", file)
        XCTAssertEqual(meta.status, 0, meta.stderr)
        let ours = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(meta.stdout.utf8)) as? [String: Any])
        var summary: [[String: Any]] = []
        for group in ours["row_groups"] as? [[String: Any]] ?? [] {
            for column in group["columns"] as? [[String: Any]] ?? [] {
                let stats = column["statistics"] as? [String: Any] ?? [:]
                summary.append(["path": column["path"] ?? "", "codec": column["codec"] ?? "",
                                "encodings": ((column["encodings"] as? [String]) ?? []).sorted(),
                                "null_count": stats["null_count"] ?? NSNull(), "min": stats["min"] ?? NSNull(),
                                "max": stats["max"] ?? NSNull(), "rows": group["num_rows"] ?? 0])
            }
        }
        let theirs = try JSONSerialization.jsonObject(with: Data(try python("meta", file).utf8)) as? NSArray
        XCTAssertEqual(summary as NSArray, theirs)
        XCTAssertEqual(ours["num_rows"] as? Int, 7)
    }

    func testPyarrowReadsFromCSVOutputAsTheCSVSays() throws {
        let parquet = try salesParquet(rowGroupRows: "3")
        let theirs = try python("csv", parquet)
        XCTAssertEqual(theirs, Self.salesCSV)
    }

    /// pyarrow reads, writes and renders with the documented conventions, independently of
    /// lakemake: dates YYYY-MM-DD, timestamps ISO-8601 with the unit's digits and Z when UTC,
    /// decimals as exact text, bytes as base64, nulls as JSON null / empty CSV fields.
    static let pyarrowReference = #"""
import base64, csv, datetime, decimal, io, json, sys
import pyarrow as pa, pyarrow.parquet as pq

def text(v, t):
    if v is None: return None
    if pa.types.is_timestamp(t):
        digits = {"ms": 3, "us": 6, "ns": 9}[t.unit]
        frac = v.microsecond * 1000 if digits == 9 else v.microsecond
        frac = str(frac).rjust(6 if digits != 9 else 9, "0")[:digits]
        return v.strftime("%Y-%m-%dT%H:%M:%S") + "." + frac + ("Z" if t.tz else "")
    if pa.types.is_date(t): return "%04d-%02d-%02d" % (v.year, v.month, v.day)
    if pa.types.is_decimal(t): return str(v)
    if pa.types.is_binary(t) or pa.types.is_fixed_size_binary(t): return base64.b64encode(v).decode()
    if pa.types.is_boolean(t): return v
    return v

def rows(path):
    table = pq.read_table(path)
    for row in table.to_pylist():
        yield {f.name: text(row[f.name], f.type) for f in table.schema}

mode, path = sys.argv[1], sys.argv[2]
if mode == "schema":
    s = pq.ParquetFile(path).schema
    print(json.dumps([{"path": c.path, "physical_type": c.physical_type, "max_definition_level": c.max_definition_level,
                       "max_repetition_level": c.max_repetition_level} for c in s]))
elif mode == "write":
    ts = lambda *a: datetime.datetime(*a, tzinfo=datetime.timezone.utc)
    table = pa.table({
        "id": pa.array(["a", "b,c", None, "d\"e", "", "f", "g"], pa.string()),
        "at": pa.array([ts(2025, 11, 20, 9, 15, 0, 123000), ts(1969, 12, 31, 23, 59, 59, 999000), None,
                        ts(2024, 2, 29, 0, 0), ts(1970, 1, 1), ts(2000, 1, 1, 12), ts(2038, 1, 19, 3, 14, 8)],
                       pa.timestamp("ms", tz="UTC")),
        "n": pa.array([1, -2, None, 2147483647, 0, 5, -2147483648], pa.int32()),
        "amount": pa.array([decimal.Decimal(x) if x else None for x in
                            ["12.30", "-0.05", None, "99999999.99", "0.00", "1.10", "-3.00"]], pa.decimal128(10, 2)),
        "day": pa.array([datetime.date(2025, 11, 20), datetime.date(1900, 3, 1), None, datetime.date(2000, 2, 29),
                         datetime.date(1970, 1, 1), datetime.date(9999, 12, 31), datetime.date(1, 1, 1)], pa.date32()),
        "raw": pa.array([b"\x00\xff", b"", None, b"abc", b"x", b"y", b"z"], pa.binary()),
        "ok": pa.array([True, False, None, True, True, False, True]),
        "x": pa.array([0.5, -2.25, None, 1e20, 0.0, 3.0, -1.5], pa.float64()),
    })
    pq.write_table(table, path, row_group_size=3, compression="snappy")
elif mode == "write-tricky":
    texts = ["a,b", 'say "hi"', "two\nlines", "cr\rhere", "\u00e9t\u00e9", "ctl\x01\x1f", "back\\slash", "", None, "tab\t", "plain"]
    n = len(texts)
    ts = lambda *a: datetime.datetime(*a, tzinfo=datetime.timezone.utc)
    table = pa.table({
        "s_dict": pa.array(texts, pa.string()),
        "s_plain": pa.array(texts[::-1], pa.string()),
        "n64": pa.array([0, -1, 2**63 - 1, -2**63, None, 10, -10, 7, 100, 999, 1000], pa.int64()),
        "n8": pa.array([0, -128, 127, None, 1, 2, 3, 4, 5, 6, 7], pa.int8()),
        "d18": pa.array([decimal.Decimal(x) if x else None for x in ["-0.0001", "0.0000", "12345678901234.5678", None, "-99999999999999.9999",
                          "1.0000", "-1.0000", "0.1000", "10.0000", "-0.0100", "5.5000"]], pa.decimal128(18, 4)),
        "d5": pa.array([decimal.Decimal(x) if x else None for x in ["0", "-1", "99999", None, "-99999", "1", "2", "3", "4", "5", "6"]], pa.decimal128(5, 0)),
        "tus": pa.array([ts(1969, 12, 31, 23, 59, 59, 999999), ts(1, 1, 1), ts(9999, 12, 31, 23, 59, 59, 1), None, ts(1970, 1, 1),
                         ts(2024, 2, 29, 12, 0, 0, 5), ts(2024, 2, 29, 12, 0, 1), ts(2024, 3, 1), ts(1900, 3, 1, 1, 2, 3), ts(2000, 1, 1), ts(2038, 1, 19)],
                        pa.timestamp("us", tz="UTC")),
        "tns": pa.array([-1, 0, 1, None, 10**18, -10**18, 5, 6, 7, 8, 9], pa.timestamp("ns")),
        "day": pa.array([datetime.date(1, 1, 1), datetime.date(9999, 12, 31), datetime.date(1969, 12, 31), None, datetime.date(1970, 1, 1),
                         datetime.date(2000, 2, 29), datetime.date(2100, 3, 1), datetime.date(1600, 2, 29), datetime.date(2025, 1, 1),
                         datetime.date(2025, 12, 31), datetime.date(1999, 9, 9)], pa.date32()),
        "f": pa.array([0.5, -1.25, None, 3.0, 1e-7, 2.5, 0.0, -0.0, 7.0, 8.0, 9.0], pa.float32()),
        "x": pa.array([0.1, -2.5e300, None, 3.0, 1e-7, 2.5, 0.0, -0.0, 7.0, 8.0, 9.0], pa.float64()),
        "u": pa.array([0, 4294967295, None, 1, 2, 3, 4, 5, 6, 7, 8], pa.uint32()),
        "raw": pa.array([b"\x00\xff", b"", None, b"abc", b"x", b"y", b"z", b",", b"\"", b"\n", b"q"], pa.binary()),
        "ok": pa.array([True, False, None, True, True, False, True, True, False, True, False]),
    })
    pq.write_table(table, path, row_group_size=4, compression="snappy", use_dictionary=["s_dict", "n64", "tus"],
                   store_decimal_as_integer=True)
elif mode == "write-lonely":
    pq.write_table(pa.table({"s": pa.array(["a", "", None, "b"], pa.string())}), path, row_group_size=3)
elif mode == "rows":
    for row in rows(path): print(json.dumps(row))
elif mode == "csv":
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    table = pq.read_table(path)
    w.writerow(table.schema.names)
    for row in rows(path):
        w.writerow(["" if v is None else ("true" if v is True else "false" if v is False else v) for v in row.values()])
    sys.stdout.write(out.getvalue())
elif mode == "meta":
    f = pq.ParquetFile(path)
    schema = f.schema_arrow
    out = []
    for g in range(f.metadata.num_row_groups):
        rg = f.metadata.row_group(g)
        for c in range(rg.num_columns):
            col = rg.column(c)
            st = col.statistics
            t = schema.field(col.path_in_schema).type
            has = st is not None and st.has_min_max
            out.append({"path": col.path_in_schema, "codec": col.compression, "encodings": sorted(col.encodings),
                        "null_count": st.null_count if st is not None and st.has_null_count else None,
                        "min": str(text(st.min, t)).lower() if has and pa.types.is_boolean(t) else (str(text(st.min, t)) if has else None),
                        "max": str(text(st.max, t)).lower() if has and pa.types.is_boolean(t) else (str(text(st.max, t)) if has else None),
                        "rows": rg.num_rows})
    print(json.dumps(out))
"""#
}
