// Timings of reading the metrics files back, for comparing decoders: a generated day of 100
// stores × 20 products, decoded many times, and the insights action over a full window (the
// day's company, store and product metrics, 28 more days of product and company metrics), as
// a build runs it after one new upload. Run in release with
// `LAKEMAKE_BENCHMARK=1 swift test -c release -Xswiftc -enable-testing --filter MetricsDecodingBenchmark`;
// without that variable the tests are skipped.

import Foundation
import LakeBuild
@testable import Pipelines
import XCTest

final class MetricsDecodingBenchmarkTests: XCTestCase {
    static let stores = 100
    static let date = CalendarDate("2025-11-20")!

    /// One store-day with all 20 sample products, numbers varying by store.
    static func storeMetrics(store: Int, date: CalendarDate) -> StoreMetrics {
        var m = StoreMetrics(storeID: Digits.pad(store, 4), date: date.text)
        for (i, p) in SalesSampleGenerator.products.enumerated() {
            let units = Int64(1 + (store * 7 + i * 13) % 17)
            m.products.append(ProductTotal(sku: p.sku, name: p.name, units: units, netRevenueCents: units * p.priceCents))
        }
        m.products.sort(by: ProductTotal.ranked)
        m.grossCents = m.products.reduce(0) { $0 + $1.netRevenueCents } + Int64(store * 101)
        m.discountCents = Int64(store * 101)
        m.transactionCount = Int64(150 + store % 40)
        m.lineCount = m.transactionCount * 3
        m.itemCount = m.products.reduce(0) { $0 + $1.units }
        m.uniqueCustomers = m.transactionCount - 3
        for i in m.paymentCents.indices { m.paymentCents[i] = m.netCents / 5 + Int64(i) }
        for h in 9..<21 { m.hourlyCents[h] = m.netCents / 12 }
        return m
    }

    /// Every input file of the day's insights, by path, and the action's input lines.
    static func window() -> (files: [String: [UInt8]], inputs: [[String]]) {
        var files: [String: [UInt8]] = [:]
        var lines: [[String]] = [[], [], [], []]
        let expected = (1...stores).map { StoreInfo(id: Digits.pad($0, 4), name: "Store \($0)", city: "Town", opened: "2020-01-01") }
        for back in (0...SalesWindow.days).reversed() {
            let day = date.adding(days: -back)
            let stores = (1...stores).map { storeMetrics(store: $0 &+ back, date: day) }.map {
                var s = $0
                s.storeID = Digits.pad((Int(s.storeID)! - 1) % Self.stores + 1, 4)
                return s
            }
            let companyPath = "metrics/sales/company/date=\(day.text).json"
            let productsPath = "metrics/sales/products/date=\(day.text).json"
            files[companyPath] = CompanyMetrics(date: day.text, stores: stores, expected: expected).jsonBytes
            files[productsPath] = ProductMetrics(date: day.text, stores: stores).jsonBytes
            lines[2].append(productsPath)
            if back == 0 {
                lines[0].append(companyPath)
                for s in stores {
                    let path = "metrics/sales/stores/date=\(day.text)/store_id=\(s.storeID).json"
                    files[path] = s.jsonBytes
                    lines[1].append(path)
                }
            } else {
                lines[3].append(companyPath)
            }
        }
        return (files, lines)
    }

    override func setUpWithError() throws {
        guard ProcessInfo.processInfo.environment["LAKEMAKE_BENCHMARK"] == "1" else {
            throw XCTSkip("set LAKEMAKE_BENCHMARK=1 to run the metrics decoding benchmark")
        }
    }

    /// Seconds per run of `body`, the best of 5 rounds of `runs` runs.
    func time(_ label: String, runs: Int, _ body: () throws -> Void) rethrows {
        var best = Double.infinity
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<runs { try body() }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(runs))
        }
        print("benchmark \(label): \(String(format: "%.3f", best * 1000)) ms")
    }

    func testDecodingOneDaysMetrics() throws {
        let (files, lines) = Self.window()
        let companyPath = lines[0][0], productsPath = lines[2].last!
        let company = files[companyPath]!, products = files[productsPath]!
        let stores = lines[1].map { ($0, files[$0]!) }
        print("benchmark sizes: company \(company.count) B, products \(products.count) B, store \(stores[0].1.count) B")
        var checksum: Int64 = 0
        try time("decode a day (1 company, 100 stores, 1 products)", runs: 200) {
            checksum &+= try CompanyMetrics(bytes: company, path: companyPath).grossCents
            for (path, bytes) in stores { checksum &+= try StoreMetrics(bytes: bytes, path: path).grossCents }
            checksum &+= Int64(try ProductMetrics(bytes: products, path: productsPath).products.count)
        }
        try time("decode 1 company metrics", runs: 2000) {
            checksum &+= try CompanyMetrics(bytes: company, path: companyPath).grossCents
        }
        try time("decode 1 store metrics", runs: 20000) {
            checksum &+= try StoreMetrics(bytes: stores[0].1, path: stores[0].0).grossCents
        }
        try time("decode 1 product metrics", runs: 2000) {
            checksum &+= Int64(try ProductMetrics(bytes: products, path: productsPath).products.count)
        }
        XCTAssertNotEqual(checksum, 0)
    }

    func testInsightsActionOverAFullWindow() throws {
        let (files, lines) = Self.window()
        let context = ActionContext(
            rule: "sales_insights", binding: Binding(["date": Self.date.text]), parameters: [], inputs: lines,
            outputs: ["reports/sales/insights/date=\(Self.date.text).json"],
            reader: { path throws(FileSystemError) in
                guard let bytes = files[path] else { throw FileSystemError.notFound(path) }
                return bytes
            })
        var bytes = 0
        try time("insights action (1 + 100 + 29 + 28 files)", runs: 50) {
            guard case .outputs(let outputs, _) = try SalesActions.insights.perform(context) else { return XCTFail("no output") }
            bytes &+= outputs[0].count
        }
        XCTAssertGreaterThan(bytes, 0)
    }
}
