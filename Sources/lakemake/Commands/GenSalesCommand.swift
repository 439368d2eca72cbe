// `lakemake gen sales`: the sample chain's uploads (sales.md §10). Same arguments, same bytes.

import Arguments
import Foundation
import LakeBuild
import Pipelines

enum GenSalesCommand: LakemakeCommand {
    /// The options of `lakemake gen sales`.
    enum Options {
        static let stores: Option<Int> = .integer("stores", valueName: "N", defaultValue: 11, in: 1...9000, help: "Number of stores (0001…).")
        static let days: Option<Int> = .integer("days", valueName: "N", defaultValue: 30, in: 1...3650, help: "Number of days, ending with --end.")
        static let end: Option<CalendarDate> = .value(
            "end", valueName: "DATE", defaultValue: "2025-11-27", help: "The last business day (YYYY-MM-DD).") { text throws(ValidationError) in
            guard let end = CalendarDate(text) else { throw ValidationError("--end \(text) is not a calendar date", hint: "write it as YYYY-MM-DD") }
            return end
        }
        static let seed: Option<Int> = .integer("seed", valueName: "N", defaultValue: 42, in: 0...Int.max, help: "Random seed.")
        static let salesPerDay: Option<Int> = .integer(
            "sales-per-day", valueName: "N", defaultValue: 200, in: 1...100_000, help: "Mean sales per store-day before scaling.")
        static let bad: Option<Int> = .integer("bad", valueName: "N", defaultValue: 0, in: 0...999, help: "Invalid files to add.")
    }

    static let spec = CommandSpec(
        name: "sales",
        abstract: "Write sample store uploads to raw/sales/.",
        discussion: "About 200 sales per store-day, scaled by weekday and store, 20 products. --bad adds deliberately invalid files (stores 9001 on) for demos and tests. The same seed always gives the same bytes.",
        options: [
            Options.stores.spec, Options.days.spec, Options.end.spec, Options.seed.spec, Options.salesPerDay.spec,
            Options.bad.spec,
        ],
        examples: [.init("lakemake gen sales --stores 11 --days 30 --end 2025-11-27 --seed 42", "the demo sample")])

    static func run(_ inv: Invocation) throws -> Int32 {
        let p = inv.parsed
        let generator = SalesSampleGenerator(
            stores: p[Options.stores], days: p[Options.days], end: p[Options.end], seed: UInt64(p[Options.seed]),
            salesPerDay: p[Options.salesPerDay], bad: p[Options.bad])
        let folder = inv.lake + "/raw/sales"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var bytes = 0
        let files = generator.files()
        for file in files {
            try Data(file.bytes).write(to: URL(fileURLWithPath: folder + "/" + file.name), options: .atomic)
            bytes += file.bytes.count
        }
        inv.output.print("wrote \(files.count) files (\(bytes) bytes) to raw/sales/")
        return 0
    }
}
