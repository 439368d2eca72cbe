// `lakemake sales analytics [--date D]`: one day's KPIs, stores, top products and insights.

import Arguments
import Pipelines

enum SalesAnalyticsCommand: LakemakeCommand {
    /// The options of `lakemake sales analytics`.
    enum Options {
        static let date: Option<String?> = .value("date", valueName: "D", help: "The business day (YYYY-MM-DD).")
        static let json: Option<Bool> = .flag("json", help: "Print the analytics as JSON.")
    }

    static let spec = CommandSpec(
        name: "analytics",
        abstract: "Show one day's KPIs, per-store table, top 10 products and insights.",
        discussion: "Reads the metrics files of the last build; the latest date when --date is not given.",
        options: [Options.date.spec, Options.json.spec],
        examples: [.init("lakemake sales analytics --date 2025-11-20 --json")])

    static func run(_ inv: Invocation) throws -> Int32 {
        let reader = try SalesCommand.reader(inv)
        let date = inv.parsed[Options.date]
        guard let analytics = try SalesAnalytics(reader: reader, date: date) else {
            let dates = reader.availableDates()
            throw CommandError.invalid(
                date.map { "no sales metrics for \($0)" } ?? "no sales metrics in this lake",
                hint: dates.isEmpty ? "run 'lakemake build' first" : "available dates: \(dates.first ?? "") … \(dates.last ?? "")")
        }
        inv.output.print(inv.parsed[Options.json] ? String(decoding: analytics.json.dropLast(), as: UTF8.self) : analytics.text)
        return 0
    }
}
