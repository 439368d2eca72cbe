// Insights of one day (sales.md §6): deterministic rules in place of the original LLM call.
// Every insight carries the numbers that triggered it, and every recommendation names the
// insights it came from (`because`), so a reader can check each claim against the metrics.
//
// The rules, in one place:
// - Anomalies compare a store with its own previous days in the 7-day window (≥ 3 of them
//   needed), flag missing expected stores, and compare stores with each other (robust z-score
//   of net sales per transaction, ≥ 5 stores, MAD > 0).
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
    /// Earlier days of the window that had store metrics.
    public var historyDaysUsed: Int = 0
    /// Why a section is empty when it is (e.g. not enough history for trends).
    public var notes: [String] = []

    public init(date: String) { self.date = date }

    static func rank(severity: String) -> Int { ["critical": 0, "warning": 1, "info": 2][severity] ?? 3 }
    static func rank(level: String) -> Int { ["high": 0, "medium": 1, "low": 2][level] ?? 3 }
}

/// The inputs of one day's insights: the day's company metrics and the window of store and
/// product metrics (the day itself and up to 7 days before).
public struct SalesWindow: Sendable {
    public var date: CalendarDate
    public var company: CompanyMetrics
    /// Store metrics by date, dates ascending, stores by id.
    public var storesByDate: [(date: String, stores: [StoreMetrics])]
    /// Product metrics of the window, dates ascending.
    public var products: [ProductMetrics]

    public init(date: CalendarDate, company: CompanyMetrics, stores: [StoreMetrics], products: [ProductMetrics]) {
        self.date = date
        self.company = company
        let dates = Array(Set(stores.map(\.date))).sorted()
        storesByDate = dates.map { d in (d, stores.filter { $0.date == d }.sorted { $0.storeID < $1.storeID }) }
        self.products = products.sorted { $0.date < $1.date }
    }

    var today: String { date.text }
    /// The day's store metrics.
    var todayStores: [StoreMetrics] { storesByDate.first { $0.date == today }?.stores ?? [] }
    /// Earlier days with store metrics, ascending.
    var history: [(date: String, stores: [StoreMetrics])] { storesByDate.filter { $0.date < today } }
    /// A store's metrics on earlier days, ascending.
    func history(of store: String) -> [StoreMetrics] { history.compactMap { day in day.stores.first { $0.storeID == store } } }
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
