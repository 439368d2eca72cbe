// `lakemake gen sales`: the sample chain's uploads (sales.md §10). Same arguments, same bytes.

import Arguments
import Foundation
import LakeBuild
import Pipelines

enum GenSalesCommand: LakemakeCommand {
    static let spec = CommandSpec(
        name: "sales",
        abstract: "Write sample store uploads to raw/sales/.",
        discussion: "About 200 sales per store-day, scaled by weekday and store, 20 products. --bad adds deliberately invalid files (stores 9001 on) for demos and tests. The same seed always gives the same bytes.",
        options: [
            .value("stores", valueName: "N", defaultValue: "11", help: "Number of stores (0001…)."),
            .value("days", valueName: "N", defaultValue: "30", help: "Number of days, ending with --end."),
            .value("end", valueName: "DATE", defaultValue: "2025-11-27", help: "The last business day (YYYY-MM-DD)."),
            .value("seed", valueName: "N", defaultValue: "42", help: "Random seed."),
            .value("sales-per-day", valueName: "N", defaultValue: "200", help: "Mean sales per store-day before scaling."),
            .value("bad", valueName: "N", defaultValue: "0", help: "Invalid files to add."),
        ],
        examples: [.init("lakemake gen sales --stores 11 --days 30 --end 2025-11-27 --seed 42", "the demo sample")])

    static func run(_ inv: Invocation) throws -> Int32 {
        let endText = inv.parsed.value("end") ?? "2025-11-27"
        guard let end = CalendarDate(endText) else {
            throw CommandError.invalid("--end \(endText) is not a calendar date", hint: "write it as YYYY-MM-DD")
        }
        let generator = SalesSampleGenerator(
            stores: try inv.parsed.int("stores", in: 1...9000) ?? 11, days: try inv.parsed.int("days", in: 1...3650) ?? 30,
            end: end, seed: UInt64(try inv.parsed.int("seed", in: 0...Int.max) ?? 42),
            salesPerDay: try inv.parsed.int("sales-per-day", in: 1...100_000) ?? 200,
            bad: try inv.parsed.int("bad", in: 0...999) ?? 0)
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
