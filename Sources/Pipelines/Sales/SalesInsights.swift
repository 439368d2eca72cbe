// Insights of one day (sales.md §6): deterministic rules in place of the original LLM call.
// Every insight carries the numbers that triggered it, and every recommendation names the
// insights it came from (`because`), so a reader can check each claim against the metrics.
//
// Retail has a weekly rhythm (Saturdays sell far more than Mondays), so a day is compared with
// the same weekday of earlier weeks, never with the days just before it: the rhythm itself is
// not an anomaly or a trend. The history is the company metrics of the 28 previous days, whose
// per-store table holds each store's net sales and transactions.
//
// The rules, in one place:
// - Anomalies compare a store with its own same weekday of the previous 4 weeks (≥ 2 of them
//   needed), flag expected stores whose upload was rejected or is missing (never both), and
//   compare stores with each other (robust z-score of net sales per transaction, ≥ 5 stores,
//   MAD > 0).
// - Trends need ≥ 2 history days; with fewer the file has no trends and a note saying why.
// - Recommendations (documented in SalesInsights+Recommendations.swift) are derived only from
//   the anomalies and trends of the same file.

import LakeBuild

/// An unusual value for one store.
public struct Anomaly: Sendable, Equatable {
    public var type: String
    /// `critical`, `warning` or `info`.
    public var severity: String
    public var storeID: String
    public var title: String
    public var description: String
    /// `net_sales`, `transaction_count` or `avg_transaction`.
    public var metric: String
    /// The day's value, in hundredths (cents for money).
    public var valueHundredths: Int64
    /// What it was compared with, in hundredths.
    public var baselineHundredths: Int64
    public var deviationPercent: Double
}

/// A movement over the window.
public struct Trend: Sendable, Equatable {
    public var type: String
    /// `high`, `medium` or `low`.
    public var significance: String
    /// `improving`, `declining` or `stable`.
    public var direction: String
    public var title: String
    public var description: String
    public var affectedItems: [String]
    public var changePercent: Double
}

/// Which insight of the same file a recommendation comes from.
public struct InsightReference: Sendable, Equatable {
    /// `anomalies` or `trends`.
    public var section: String
    /// Position in that list.
    public var index: Int
    public var title: String
}

/// Something to do, and why.
public struct Recommendation: Sendable, Equatable {
    /// `high`, `medium` or `low`.
    public var priority: String
    /// `inventory`, `operations` or `marketing`.
    public var category: String
    public var title: String
    public var description: String
    public var affectedStores: [String]
    public var affectedProducts: [String]
    public var expectedImpact: String
    public var because: [InsightReference]
}

/// The insights file of one day.
public struct SalesInsights: Sendable, Equatable {
    public var date: String
    public var anomalies: [Anomaly] = []
    public var trends: [Trend] = []
    public var recommendations: [Recommendation] = []
    /// Earlier days of the window that had company metrics.
    public var historyDaysUsed: Int = 0
    /// Why a section is empty when it is (e.g. not enough history for trends).
    public var notes: [String] = []

    public init(date: String) { self.date = date }

    static func rank(severity: String) -> Int { ["critical": 0, "warning": 1, "info": 2][severity] ?? 3 }
    static func rank(level: String) -> Int { ["high": 0, "medium": 1, "low": 2][level] ?? 3 }
}

/// The inputs of one day's insights: the day's company, store and product metrics, and the
/// company and product metrics of the previous 28 days (`SalesWindow.days`). The history of a
/// store comes from the company metrics' per-store table, one file per day.
public struct SalesWindow: Sendable {
    /// How many previous days the window holds: four weeks.
    public static let days = 28

    public var date: CalendarDate
    public var company: CompanyMetrics
    /// The day's store metrics, by id.
    public var stores: [StoreMetrics]
    /// Product metrics of the day and the window, dates ascending.
    public var products: [ProductMetrics]
    /// Company metrics of earlier days in the window, dates ascending.
    public var history: [CompanyMetrics]
    /// The currency descriptions write amounts in.
    public var currency: Currency
    private var historyByDate: [String: CompanyMetrics]
    private var productsByDate: [String: ProductMetrics]

    public init(date: CalendarDate, company: CompanyMetrics, stores: [StoreMetrics], products: [ProductMetrics],
                history: [CompanyMetrics], currency: Currency = .usd) {
        self.date = date
        self.currency = currency
        self.company = company
        self.stores = stores.filter { $0.date == date.text }.sorted { $0.storeID < $1.storeID }
        self.products = products.sorted { $0.date < $1.date }
        self.history = history.filter { $0.date < date.text }.sorted { $0.date < $1.date }
        historyByDate = Dictionary(self.history.map { ($0.date, $0) }, uniquingKeysWith: { a, _ in a })
        productsByDate = Dictionary(self.products.map { ($0.date, $0) }, uniquingKeysWith: { a, _ in a })
    }

    var today: String { date.text }
    /// The day's store metrics.
    var todayStores: [StoreMetrics] { stores }

    /// Company metrics `n` days before the day (0: the day itself).
    func company(daysAgo n: Int) -> CompanyMetrics? {
        n == 0 ? company : historyByDate[date.adding(days: -n).text]
    }

    /// Product metrics `n` days before the day (0: the day itself).
    func products(daysAgo n: Int) -> ProductMetrics? { productsByDate[date.adding(days: -n).text] }

    /// The previous weeks' same weekday (7, 14, 21, 28 days before) that the window holds.
    var sameWeekdayOffsets: [Int] { stride(from: 7, through: Self.days, by: 7).map { $0 } }

    /// A store's lines on the same weekday of the previous four weeks, most recent first.
    func sameWeekday(of store: String) -> [StoreDay] {
        sameWeekdayOffsets.compactMap { company(daysAgo: $0)?.store(store) }
    }

    /// `Friday`: the day's weekday, for descriptions.
    var weekdayName: String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][date.weekdayFromMonday]
    }

    /// "the previous 3 Fridays".
    func previousSameWeekdays(_ n: Int) -> String { "the previous \(n) \(weekdayName)\(n == 1 ? "" : "s")" }
}

extension SalesInsights {
    /// Applies every rule to the window.
    public init(window: SalesWindow) {
        self.init(date: window.today)
        historyDaysUsed = window.history.count
        anomalies = Self.anomalies(window)
        if historyDaysUsed >= 2 {
            trends = Self.trends(window)
        } else {
            notes.append("no trends: \(historyDaysUsed) history day\(historyDaysUsed == 1 ? "" : "s") in the window, at least 2 needed")
        }
        recommendations = Self.recommendations(window, anomalies: anomalies, trends: trends)
    }
}
