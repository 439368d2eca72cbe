// `reports/flights/daily/date=…/report.txt`: the day in plain text (traffic vs the 7-day mean,
// busiest hours, top routes, airlines, data quality), readable in a terminal or an e-mail.

/// The daily flight report in its text and HTML forms.
enum FlightsDailyReport {
    static func text(_ d: FlightsDailyReportData) -> String {
        var lines: [String] = []
        lines.append("Flight traffic report — \(d.date)")
        lines.append(String(repeating: "=", count: 40))
        lines.append("")
        lines.append("Traffic")
        lines.append("  unique aircraft     \(NumberText.grouped(d.uniqueAircraft))")
        lines.append("  observations        \(NumberText.grouped(d.observations))")
        lines.append("  snapshots           \(NumberText.grouped(d.snapshots))")
        lines.append("  vs 7-day mean       \(trend(d))")
        lines.append("")
        lines.append("Busiest hours (UTC)")
        if d.busiestHours.isEmpty { lines.append("  none") }
        for h in d.busiestHours {
            lines.append("  \(hourLabel(h.hour))  \(NumberText.grouped(h.observations)) observations, \(NumberText.grouped(d.hourlyAircraft[h.hour])) aircraft")
        }
        lines.append("")
        lines.append("Top routes (\(NumberText.grouped(d.tracks)) tracks, \(NumberText.grouped(d.tracksWithBothEnds)) with both ends at an airport)")
        if d.routes.isEmpty { lines.append("  none") }
        for r in d.routes.prefix(10) {
            lines.append("  \(r.origin) → \(r.destination)  \(NumberText.grouped(r.flights)) flights (\(NumberText.fixed(r.percentage, 1)) %)  \(r.originName) → \(r.destinationName)")
        }
        lines.append("")
        lines.append("Top airlines")
        if d.airlines.isEmpty { lines.append("  none") }
        for a in d.airlines {
            lines.append("  \(a.code)  \(a.name): \(NumberText.grouped(a.aircraft)) aircraft")
        }
        lines.append("")
        lines.append("Data quality")
        lines.append("  rows read \(NumberText.grouped(d.rowsRead)) = kept \(NumberText.grouped(d.kept)) + rejected \(NumberText.grouped(d.rejected)) + duplicates \(NumberText.grouped(d.duplicates))")
        lines.append("  mean quality score  \(NumberText.fixed(d.meanQuality, 3))")
        lines.append("  grades  " + d.grades.map { "\($0.0) \(NumberText.grouped($0.1))" }.joined(separator: ", "))
        let reasons = d.reasons.filter { $0.1 > 0 }
        lines.append("  rejected by reason  " + (reasons.isEmpty ? "none" : reasons.map { "\($0.0) \(NumberText.grouped($0.1))" }.joined(separator: ", ")))
        lines.append("")
        return lines.joined(separator: "\n")
    }

    static func trend(_ d: FlightsDailyReportData) -> String {
        guard let mean = d.windowMean else { return "no earlier days" }
        guard mean > 0 else { return "mean \(NumberText.fixed(mean, 1)) aircraft over \(d.window.count) days" }
        let change = (Double(d.uniqueAircraft) - mean) / mean * 100
        return "\(change >= 0 ? "+" : "")\(NumberText.fixed(change, 1)) % (mean \(NumberText.fixed(mean, 1)) aircraft over \(d.window.count) days)"
    }

    static func hourLabel(_ hour: Int) -> String { (hour < 10 ? "0" : "") + "\(hour):00" }
}
