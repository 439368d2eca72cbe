// `lakemake sales trends [--days N] [--store S]`: daily series, store summaries, product moves.

import Arguments
import Pipelines

enum SalesTrendsCommand: LakemakeCommand {
    /// The options of `lakemake sales trends`.
    enum Options {
        static let days: Option<Int> = .integer("days", valueName: "N", defaultValue: 30, in: 1...3650, help: "The last N days with data.")
        static let store: Option<String?> = .value("store", valueName: "S", help: "Only store S (e.g. 0003).")
        static let json: Option<Bool> = .flag("json", help: "Print the trends as JSON.")
    }

    static let spec = CommandSpec(
        name: "trends",
        abstract: "Show net sales and transactions per day, per-store summaries and product trends.",
        discussion: "trend_percent and change_percent compare the later half of the period with the earlier half.",
        options: [Options.days.spec, Options.store.spec, Options.json.spec],
        examples: [.init("lakemake sales trends --days 14 --store 0003 --json")])

    static func run(_ inv: Invocation) throws -> Int32 {
        let reader = try SalesCommand.reader(inv)
        let summary = try SalesTrendSummary(reader: reader, dayCount: inv.parsed[Options.days], store: inv.parsed[Options.store])
        guard !summary.days.isEmpty else {
            throw CommandError.invalid("no sales metrics in this lake", hint: "run 'lakemake build' first")
        }
        inv.output.print(inv.parsed[Options.json] ? String(decoding: summary.json.dropLast(), as: UTF8.self) : summary.text)
        return 0
    }
}
