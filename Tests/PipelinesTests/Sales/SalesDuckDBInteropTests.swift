// The metrics formulas checked against an independent engine: DuckDB SQL over our Parquet
// partitions (Hive layout) must give the same gross, discount, net, distinct transactions,
// items, lines, payment breakdown and per-SKU totals as our metrics files, to the cent, on
// the generated 11-store × 30-day sample. Also checks that pyarrow and polars read the tree.
// Needs LAKEMAKE_PYTHON (a Python with duckdb, pyarrow and polars, as `make test` provides).

import Foundation
import LakeBuild
import LakeFormats
@testable import Pipelines
import TestSupport
import XCTest

final class SalesDuckDBInteropTests: XCTestCase {
    static let script = #"""
    import sys, duckdb, pyarrow.dataset as ds, polars as pl
    root = sys.argv[1]
    src = f"read_parquet('{root}/processed/sales/*/*/data.parquet', hive_partitioning=true, hive_types_autocast=false)"
    con = duckdb.connect()
    con.execute("SET threads=1")
    def money(x): return f"{x:.2f}"
    for r in con.execute(f"""
        SELECT date, store_id, sum(line_total), sum(discount_amount), sum(line_total - discount_amount),
               count(DISTINCT transaction_id), sum(quantity), count(*),
               coalesce(sum(line_total - discount_amount) FILTER (WHERE payment_method = 'cash'), 0),
               coalesce(sum(line_total - discount_amount) FILTER (WHERE payment_method = 'credit'), 0),
               coalesce(sum(line_total - discount_amount) FILTER (WHERE payment_method = 'debit'), 0),
               coalesce(sum(line_total - discount_amount) FILTER (WHERE payment_method = 'gift_card'), 0),
               coalesce(sum(line_total - discount_amount) FILTER (WHERE payment_method = 'mobile'), 0)
        FROM {src} GROUP BY ALL ORDER BY 1, 2""").fetchall():
        print("S", r[0], r[1], *[money(v) for v in r[2:5]], r[5], r[6], r[7], *[money(v) for v in r[8:]])
    for r in con.execute(f"""
        SELECT date, store_id, item_sku, sum(quantity), sum(line_total - discount_amount)
        FROM {src} GROUP BY ALL ORDER BY 1, 2, 3""").fetchall():
        print("P", r[0], r[1], r[2], r[3], money(r[4]))
    for r in con.execute(f"SELECT date, sum(line_total - discount_amount), count(DISTINCT store_id) FROM {src} GROUP BY ALL ORDER BY 1").fetchall():
        print("C", r[0], money(r[1]), r[2])
    print("ROWS", ds.dataset(f"{root}/processed/sales", format="parquet", partitioning="hive").count_rows(),
          pl.scan_parquet(f"{root}/processed/sales/**/*.parquet", hive_partitioning=True).select(pl.len()).collect().item())
    """#

    func testMetricsAgreeWithDuckDBToTheCent() throws {
        let python = try InteropPython.path(for: "DuckDB, pyarrow and polars")
        let lake = try SalesLakeFixture()
        let end = try XCTUnwrap(CalendarDate("2025-11-27"))
        lake.add(SalesSampleGenerator(stores: 11, days: 30, end: end, seed: 42, salesPerDay: 40))
        XCTAssertEqual(try lake.build().exitStatus, 0)

        let root = NSTemporaryDirectory() + "lakemake-sales-duckdb-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        for path in lake.fs.allPaths where path.hasPrefix("processed/") {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(try lake.fs.read(path)).write(to: URL(fileURLWithPath: full))
        }
        let lines = try run(python, root).split(separator: "\n").map { $0.split(separator: " ").map(String.init) }

        var rowsChecked = 0, skusChecked = 0, daysChecked = 0, totalLines: Int64 = 0
        for f in lines where f.first == "S" {
            let m = try StoreMetrics(bytes: try lake.fs.read("metrics/sales/stores/date=\(f[1])/store_id=\(f[2]).json"), path: "m")
            XCTAssertEqual([Money.text(m.grossCents), Money.text(m.discountCents), Money.text(m.netCents)], Array(f[3...5]), "\(f[1]) \(f[2])")
            XCTAssertEqual([String(m.transactionCount), String(m.itemCount), String(m.lineCount)], Array(f[6...8]))
            XCTAssertEqual(m.paymentCents.map(Money.text), Array(f[9...13]))
            // The company metrics' per-store table (the insights' history) agrees too.
            let c = try CompanyMetrics(bytes: try lake.fs.read("metrics/sales/company/date=\(f[1]).json"), path: "c")
            let line = try XCTUnwrap(c.store(f[2]), "\(f[2]) missing from the company table of \(f[1])")
            XCTAssertEqual([Money.text(line.netCents), String(line.transactionCount)], [f[5], f[6]])
            totalLines += m.lineCount
            rowsChecked += 1
        }
        for f in lines where f.first == "P" {
            let m = try StoreMetrics(bytes: try lake.fs.read("metrics/sales/stores/date=\(f[1])/store_id=\(f[2]).json"), path: "m")
            let p = try XCTUnwrap(m.products.first { $0.sku == f[3] }, "\(f[3]) missing in \(f[1]) \(f[2])")
            XCTAssertEqual([String(p.units), Money.text(p.netRevenueCents)], [f[4], f[5]])
            skusChecked += 1
        }
        for f in lines where f.first == "C" {
            let c = try CompanyMetrics(bytes: try lake.fs.read("metrics/sales/company/date=\(f[1]).json"), path: "c")
            XCTAssertEqual([Money.text(c.netCents), String(c.storesReported.count)], [f[2], f[3]])
            daysChecked += 1
        }
        XCTAssertEqual(rowsChecked, 330)
        XCTAssertEqual(daysChecked, 30)
        XCTAssertGreaterThan(skusChecked, 330)
        XCTAssertEqual(lines.first { $0.first == "ROWS" }, ["ROWS", String(totalLines), String(totalLines)])
    }

    private func run(_ python: String, _ root: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-c", Self.script, root]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            XCTFail("the readers failed: " + String(decoding: errors, as: UTF8.self).suffix(800))
            return ""
        }
        return String(decoding: data, as: UTF8.self)
    }
}
