// Reading the metrics files back: every field of non-trivial store, company and product
// metrics survives writer → reader on both paths (the one-pass layout reader and the general
// `SalesJSON` one, which must agree), a valid file in another layout still reads, and a
// malformed file is rejected with the error naming the file and what is wrong.

import LakeBuild
@testable import Pipelines
import XCTest

final class MetricsFileReadingTests: XCTestCase {
    static let date = "2025-11-20"

    /// A store-day with text that needs escapes and non-ASCII, negative and large amounts, more
    /// products than the top five, and every count set.
    static func store(_ id: String, net: Int64, discount: Int64 = 1_05) -> StoreMetrics {
        var m = StoreMetrics(storeID: id, date: date)
        m.products = [
            ProductTotal(sku: "SMURF-FIG-001", name: "Papa Smurf Figurine", units: 12, netRevenueCents: 29_988),
            ProductTotal(sku: "SMURF-MUG-\u{C4}", name: "Mug \"Blue\" \\ \u{E9}dition \u{2603} \u{1F642}", units: 3, netRevenueCents: 3_897),
            ProductTotal(sku: "SMURF-TAB", name: "Tab\tand\nnewline", units: 2, netRevenueCents: 1_000),
            ProductTotal(sku: "SMURF-KEY-001", name: "Keychain", units: 1, netRevenueCents: 699),
            ProductTotal(sku: "SMURF-KEY-002", name: "Keychain 2", units: 1, netRevenueCents: 699),
            ProductTotal(sku: "SMURF-PST-001", name: "Poster", units: 1, netRevenueCents: 10),
            ProductTotal(sku: "SMURF-RET-001", name: "Returned", units: -1, netRevenueCents: -1_299),
        ]
        m.grossCents = net + discount
        m.discountCents = discount
        m.transactionCount = 17
        m.lineCount = 31
        m.itemCount = 19
        m.uniqueCustomers = 15
        m.paymentCents = [net - 4_321 - 1_000 - 1 - 7, 4_321, 1_000, 1, 7]
        m.hourlyCents[0] = -1_299
        m.hourlyCents[9] = net + 1_299
        m.lineTotalMismatches = 2
        m.offDateTimestamps = 3
        m.duplicateLines = 1
        return m
    }

    static let stores = [store("0001", net: 92_345_678_901), store("0003", net: 3_310), store("0002", net: -5)]
    static let expected = ["0001", "0002", "0004", "0005"].map { StoreInfo(id: $0, name: "", city: "", opened: "") }

    /// Best and worst stores, a missing, an unexpected and a rejected store.
    static let company = CompanyMetrics(date: date, stores: stores, expected: expected, rejected: ["0005", "0001"])
    static let products = ProductMetrics(date: date, stores: stores)

    // MARK: - Round trips

    func testStoreMetricsReadBackOnBothPaths() throws {
        for m in Self.stores + [StoreMetrics(storeID: "0009", date: Self.date)] {
            let bytes = m.jsonBytes
            XCTAssertEqual(Self.layout(bytes) { r throws(MetricsLayoutReader.Deviation) in try StoreMetrics(writtenLayout: &r) }, m)
            XCTAssertEqual(try StoreMetrics(json: SalesJSON(bytes: bytes, path: "m.json")), m)
            XCTAssertEqual(try StoreMetrics(bytes: bytes, path: "m.json"), m)
        }
    }

    func testCompanyMetricsReadBackOnBothPaths() throws {
        let empty = CompanyMetrics(date: Self.date, stores: [], expected: [])
        XCTAssertEqual(Self.company.bestStore, StoreNet(storeID: "0001", netCents: 92_345_678_901))
        XCTAssertEqual(Self.company.worstStore, StoreNet(storeID: "0002", netCents: -5))
        XCTAssertEqual(Self.company.storesRejected, ["0005"])
        XCTAssertEqual(Self.company.storesMissing, ["0004"])
        XCTAssertEqual(Self.company.unexpectedStores, ["0003"])
        XCTAssertNil(empty.bestStore)
        for m in [Self.company, empty] {
            let bytes = m.jsonBytes
            XCTAssertEqual(Self.layout(bytes) { r throws(MetricsLayoutReader.Deviation) in try CompanyMetrics(writtenLayout: &r) }, m)
            XCTAssertEqual(try CompanyMetrics(json: SalesJSON(bytes: bytes, path: "c.json")), m)
            XCTAssertEqual(try CompanyMetrics(bytes: bytes, path: "c.json"), m)
        }
    }

    func testProductMetricsReadBackOnBothPaths() throws {
        XCTAssertEqual(Self.products.products.first?.stores, ["0001", "0002", "0003"])
        for m in [Self.products, ProductMetrics(date: Self.date, products: [])] {
            let bytes = m.jsonBytes
            XCTAssertEqual(Self.layout(bytes) { r throws(MetricsLayoutReader.Deviation) in try ProductMetrics(writtenLayout: &r) }, m)
            XCTAssertEqual(try ProductMetrics(json: SalesJSON(bytes: bytes, path: "p.json")), m)
            XCTAssertEqual(try ProductMetrics(bytes: bytes, path: "p.json"), m)
        }
    }

    /// Members in another order, or one more, leave the writer's layout: the general reader
    /// takes the file and reads the same values.
    func testAValidFileInAnotherLayoutReadsTheSame() throws {
        let m = Self.stores[0]
        let swapped = Self.edited(m.jsonBytes, "\"store_id\": \"0001\",\n  \"date\": \"2025-11-20\",",
                                  "\"date\": \"2025-11-20\",\n  \"store_id\": \"0001\",")
        let extra = Self.edited(m.jsonBytes, "{\n  \"store_id\"", "{\n  \"note\": {\"by\": \"hand\"},\n  \"store_id\"")
        for bytes in [swapped, extra] {
            XCTAssertNil(Self.layout(bytes) { r throws(MetricsLayoutReader.Deviation) in try StoreMetrics(writtenLayout: &r) })
            XCTAssertEqual(try StoreMetrics(bytes: bytes, path: "m.json"), m)
        }
        let company = Self.edited(Self.company.jsonBytes, "\"complete\": false", "\"complete\": \"no\"")
        XCTAssertEqual(try CompanyMetrics(bytes: company, path: "c.json"), Self.company, "a member read by neither path may have any type")
    }

    // MARK: - Malformed files

    func testMalformedFilesAreRejectedNamingTheFileAndWhatIsWrong() {
        let store = Self.stores[1].jsonBytes, company = Self.company.jsonBytes, products = Self.products.jsonBytes
        Self.assertRejected(Array(store.dropLast(3)), as: StoreMetrics.self,
                            "line 126, column 4, at $.data_quality: unexpected end of input, expected ',' or '}'")
        Self.assertRejected(store + Array("{}".utf8), as: StoreMetrics.self,
                            "line 128, column 1, at $: unexpected content after the end of the JSON value")
        Self.assertRejected(Self.edited(store, "\"gross_sales\": 34.15", "\"gross_sales\": 34.155"), as: StoreMetrics.self,
                            "gross_sales must be an amount with 2 decimals")
        Self.assertRejected(Self.edited(store, "\"line_count\": 31", "\"line_count\": 31.0"), as: StoreMetrics.self,
                            "line_count must be an integer")
        Self.assertRejected(Self.edited(store, "{\n  \"store_id\"", "{\n  \"date\": \"2025-11-21\",\n  \"store_id\""),
                            as: StoreMetrics.self, "line 4, column 3, at $.date: duplicate key \"date\"")
        Self.assertRejected(Self.edited(company, "\"net_sales\": 33.10,\n      \"transaction_count\"",
                                        "\"net_sales\": \"33.10\",\n      \"transaction_count\""),
                            as: CompanyMetrics.self, "net_sales must be an amount with 2 decimals")
        Self.assertRejected(Self.edited(company, "\"stores_rejected\": [\n    \"0005\"\n  ]", "\"stores_rejected\": [\n    5\n  ]"),
                            as: CompanyMetrics.self, "stores_rejected must be an array of strings")
        Self.assertRejected(Self.edited(products, ",\n      \"rank\": 1\n", "\n"), as: ProductMetrics.self, "member rank is missing")
    }

    /// The insights action stops at a malformed input, naming it.
    func testInsightsActionNamesAMalformedMetricsFile() throws {
        let storePath = "metrics/sales/stores/date=\(Self.date)/store_id=0003.json"
        let files: [String: [UInt8]] = [
            "metrics/sales/company/date=\(Self.date).json": Self.company.jsonBytes,
            storePath: Self.edited(Self.stores[1].jsonBytes, "\"transaction_count\": 17", "\"transaction_count\": true"),
        ]
        let context = ActionContext(
            rule: "sales_insights", binding: Binding(["date": Self.date]), parameters: [],
            inputs: [["metrics/sales/company/date=\(Self.date).json"], [storePath], [], []],
            outputs: ["reports/sales/insights/date=\(Self.date).json"],
            reader: { path throws(FileSystemError) in
                guard let bytes = files[path] else { throw FileSystemError.notFound(path) }
                return bytes
            })
        XCTAssertThrowsError(try SalesActions.insights.perform(context)) { error in
            XCTAssertEqual(error as? ActionError,
                           .failed("\(storePath) is not a sales metrics file: transaction_count must be an integer"))
        }
    }

    // MARK: - Helpers

    /// What the one-pass path reads from `bytes`, or nil where it leaves them to `SalesJSON`.
    static func layout<Value>(_ bytes: [UInt8], _ body: (inout MetricsLayoutReader) throws(MetricsLayoutReader.Deviation) -> Value) -> Value? {
        MetricsLayoutReader.read(bytes, body)
    }

    /// `bytes` with the one occurrence of `old` replaced by `new`.
    static func edited(_ bytes: [UInt8], _ old: String, _ new: String, file: StaticString = #filePath, line: UInt = #line) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertEqual(text.components(separatedBy: old).count, 2, "\(old) must occur once", file: file, line: line)
        return Array(text.replacingOccurrences(of: old, with: new).utf8)
    }

    /// A metrics type that reads a file with a path.
    protocol MetricsFile { init(bytes: [UInt8], path: String) throws(SalesError) }

    static func assertRejected<T: MetricsFile>(_ bytes: [UInt8], as type: T.Type, _ reason: String,
                                               file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try T(bytes: bytes, path: "metrics/x.json")
            XCTFail("accepted", file: file, line: line)
        } catch {
            XCTAssertEqual(error, .unexpectedJSON(path: "metrics/x.json", reason: reason), file: file, line: line)
        }
    }
}

extension StoreMetrics: MetricsFileReadingTests.MetricsFile {}
extension CompanyMetrics: MetricsFileReadingTests.MetricsFile {}
extension ProductMetrics: MetricsFileReadingTests.MetricsFile {}
