// The daily report (sales.md §7): everything the e-mail and the HTML page show, gathered once
// so the two renderings cannot disagree.

/// The data of one day's report.
public struct DailyReport: Sendable {
    /// The chain's name as given by the rule's `chain` parameter.
    public var chain: String
    public var company: CompanyMetrics
    /// Company metrics of the window, dates ascending (the day last).
    public var companyWindow: [CompanyMetrics]
    public var products: ProductMetrics?
    public var stores: [StoreMetrics]
    public var insights: SalesInsights
    /// Names of the stores by id, from `reference/stores.csv`.
    public var storeNames: [String: String]
    /// The currency amounts are written in.
    public var currency: Currency

    public init(chain: String, company: CompanyMetrics, companyWindow: [CompanyMetrics], products: ProductMetrics?,
                stores: [StoreMetrics], insights: SalesInsights, storeList: [StoreInfo] = [], currency: Currency = .usd) {
        self.chain = chain
        self.storeNames = Dictionary(storeList.filter { !$0.name.isEmpty }.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        self.currency = currency
        self.company = company
        self.companyWindow = companyWindow.sorted { $0.date < $1.date }
        self.products = products
        self.stores = stores.sorted { $0.storeID < $1.storeID }
        self.insights = insights
    }

    var title: String { "\(chain.uppercased()) DAILY SALES REPORT" }

    /// `0001 Downtown Flagship`, or the id alone for a store stores.csv does not name.
    func storeLabel(_ id: String) -> String { storeNames[id].map { id + " " + $0 } ?? id }

    /// An amount in the report's currency: `$1,234.50`.
    func money(_ cents: Int64) -> String { currency.amount(cents) }

    /// Payment methods by amount descending (ties in contract order).
    var paymentsByAmount: [(method: String, cents: Int64)] {
        zip(PaymentMethod.allCases, company.paymentCents).enumerated()
            .sorted { $0.element.1 != $1.element.1 ? $0.element.1 > $1.element.1 : $0.offset < $1.offset }
            .map { ($0.element.0.rawValue, $0.element.1) }
    }

    var topProducts: [CompanyProduct] { Array((products?.products ?? []).prefix(5)) }

    /// Net sales per UTC hour over all stores.
    var hourlyCents: [Int64] {
        var hours = [Int64](repeating: 0, count: 24)
        for s in stores { for h in 0..<min(24, s.hourlyCents.count) { hours[h] += s.hourlyCents[h] } }
        return hours
    }

    /// `9/11 (missing: 0005; upload rejected: 0003)`: of the expected stores, those without
    /// metrics; a rejected store is not called missing.
    var storesLine: String {
        var notes: [String] = []
        let rejected = company.storesRejected.filter { company.storesExpected.contains($0) }
        if !company.storesMissing.isEmpty { notes.append("missing: " + company.storesMissing.joined(separator: ", ")) }
        if !rejected.isEmpty { notes.append("upload rejected: " + rejected.joined(separator: ", ")) }
        return "\(company.storesReported.count)/\(company.storesExpected.count)" + (notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))")
    }

    static func marker(severity: String) -> String { ["critical": "[!!!]", "warning": "[!]"][severity] ?? "[i]" }
    static func marker(priority: String) -> String { ["high": "[HIGH]", "medium": "[MED]"][priority] ?? "[LOW]" }

    /// Digits with thousands separators, without locale.
    static func count(_ n: Int64) -> String { Count.text(n) }
}
