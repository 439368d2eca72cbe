// `lakemake sales analytics [--date D]`: one day's KPIs, stores, top products and insights.

import Arguments
import Pipelines

enum SalesAnalyticsCommand: LakemakeCommand {
    static let spec = CommandSpec(
        name: "analytics",
        abstract: "Show one day's KPIs, per-store table, top 10 products and insights.",
        discussion: "Reads the metrics files of the last build; the latest date when --date is not given.",
        options: [
            .value("date", valueName: "D", help: "The business day (YYYY-MM-DD)."),
            .flag("json", help: "Print the analytics as JSON."),
        ],
        examples: [.init("lakemake sales analytics --date 2025-11-20 --json")])

    static func run(_ inv: Invocation) throws -> Int32 {
        let reader = try SalesCommand.reader(inv)
        guard let analytics = try SalesAnalytics(reader: reader, date: inv.parsed.value("date")) else {
            let dates = reader.availableDates()
            throw CommandError.invalid(
                inv.parsed.value("date").map { "no sales metrics for \($0)" } ?? "no sales metrics in this lake",
                hint: dates.isEmpty ? "run 'lakemake build' first" : "available dates: \(dates.first ?? "") … \(dates.last ?? "")")
        }
        inv.output.print(inv.json ? String(decoding: analytics.json.dropLast(), as: UTF8.self) : analytics.text)
        return 0
    }
}
