// `reports/flights/daily/date=…/report.html`: one self-contained page (inline CSS and SVG, no
// scripts, no external requests) with the density heat map over coastlines, hourly traffic with
// a y axis, the 7-day trend with full dates, and the tables of the text report. The markup is
// well-formed XML (void elements self-closed), so it can be checked mechanically, and reads at
// 390 px as at 1280 px (charts scale, tables wrap).

import LakeBuild

extension FlightsDailyReport {
    static let style = """
        body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:2rem auto;max-width:960px;color:#222;padding:0 1rem}
        h1{font-size:1.5rem}h2{font-size:1.15rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
        table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.25rem .6rem;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
        td{overflow-wrap:break-word}th,td.n{white-space:nowrap;overflow-wrap:normal}.nowrap{white-space:nowrap}
        td.n{text-align:right;font-variant-numeric:tabular-nums}.kpis{display:flex;flex-wrap:wrap;gap:1rem}
        .kpi{background:#f4f7fb;border-radius:6px;padding:.6rem 1rem;min-width:8rem}.kpi b{display:block;font-size:1.3rem}
        .note{color:#555;font-size:.9em}
        """ + SVGChart.style

    static func html(_ d: FlightsDailyReportData, coastline: Coastline? = nil) -> String {
        let e = HTMLText.escape
        var h = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>Flight traffic \(e(d.date))</title><style>\(style)</style></head><body>
            <h1>Flight traffic — <span class="nowrap">\(e(d.date))</span></h1>
            <div class="kpis"><div class="kpi">Unique aircraft<b>\(NumberText.grouped(d.uniqueAircraft))</b></div>
            <div class="kpi">Observations<b>\(NumberText.grouped(d.observations))</b></div>
            <div class="kpi">Snapshots<b>\(NumberText.grouped(d.snapshots))</b></div>
            <div class="kpi">vs 7-day mean<b>\(e(trend(d)))</b></div></div>

            """
        h += "<h2>Traffic density</h2>\n" + densityMap(d, coastline: coastline) + "\n"
        if coastline == nil, !d.cells.isEmpty { h += "<p class=\"note\">No coastline reference was given to this rule.</p>\n" }
        h += "<h2>Hourly traffic (UTC)</h2>\n" + hourlyChart(d) + "\n"
        h += "<h2>7-day trend (unique aircraft)</h2>\n" + trendChart(d) + "\n"
        h += "<h2>Top routes</h2>\n<table><tr><th>route</th><th>flights</th><th>share</th></tr>\n"
        for r in d.routes.prefix(10) {
            h += "<tr><td><b>\(e(r.origin)) → \(e(r.destination))</b><br/><span class=\"note\">\(e(r.originName)) → \(e(r.destinationName))</span></td>"
            h += "<td class=\"n\">\(NumberText.grouped(r.flights))</td><td class=\"n\">\(NumberText.fixed(r.percentage, 1)) %</td></tr>\n"
        }
        h += "</table>\n<h2>Top airlines</h2>\n<table><tr><th>code</th><th>airline</th><th>aircraft</th></tr>\n"
        for a in d.airlines {
            h += "<tr><td>\(e(a.code))</td><td>\(e(a.name))</td><td class=\"n\">\(NumberText.grouped(a.aircraft))</td></tr>\n"
        }
        h += "</table>\n<h2>Data quality</h2>\n<p>Rows read \(NumberText.grouped(d.rowsRead)) = kept \(NumberText.grouped(d.kept))"
        h += " + rejected \(NumberText.grouped(d.rejected)) + duplicates \(NumberText.grouped(d.duplicates)). "
        h += "Mean quality score \(NumberText.fixed(d.meanQuality, 3)).</p>\n<table><tr><th>grade</th>"
        h += d.grades.map { "<th>\(e($0.0))</th>" }.joined() + "</tr><tr><td>rows</td>"
        h += d.grades.map { "<td class=\"n\">\(NumberText.grouped($0.1))</td>" }.joined() + "</tr></table>\n</body></html>\n"
        return h
    }

    /// Observations per UTC hour, with a y axis; every third hour labelled.
    static func hourlyChart(_ d: FlightsDailyReportData) -> String {
        let bars = (0..<24).map { hour in
            SVGChart.Bar(label: hourLabel(hour), value: Double(d.hourly[hour]), valueText: NumberText.grouped(d.hourly[hour]),
                         tooltip: "\(hourLabel(hour))–\(hourLabel(hour + 1)) UTC: \(NumberText.grouped(d.hourly[hour])) observations, \(NumberText.grouped(d.hourlyAircraft[hour])) aircraft")
        }
        return SVGChart.columns(title: "Observations per hour (UTC)", bars: bars, labelEvery: 3, yTitle: "observations",
                                xTitle: "hour of day (UTC)", tick: { NumberText.grouped(Int($0)) }, colour: "#3b6ea8")
    }

    /// Unique aircraft of the day and each of the 7 days before it, one row per date (a day
    /// without statistics says so), with the 7-day mean as a dashed line.
    static func trendChart(_ d: FlightsDailyReportData) -> String {
        var days: [(date: String, aircraft: Int?)] = []
        if let today = CalendarDate(d.date) {
            let known = Dictionary(d.window.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
            days = (1...7).reversed().map { today.adding(days: -$0).text }.map { ($0, known[$0]) } + [(d.date, d.uniqueAircraft)]
        } else {
            days = d.window.map { ($0.0, $0.1) } + [(d.date, d.uniqueAircraft)]
        }
        let bars = days.map { day in
            SVGChart.Bar(label: weekday(day.date) + day.date, value: day.aircraft.map(Double.init),
                         valueText: day.aircraft.map { NumberText.grouped($0) } ?? "no data",
                         tooltip: "\(day.date): " + (day.aircraft.map { "\(NumberText.grouped($0)) unique aircraft" } ?? "no statistics"),
                         highlight: day.date == d.date)
        }
        let marker = d.windowMean.map { (value: $0, label: "7-day mean \(NumberText.fixed($0, 1))") }
        return SVGChart.rows(title: "Unique aircraft per day", bars: bars, colour: "#9bb5d3", highlightColour: "#3b6ea8", marker: marker)
    }

    /// `Thu ` for a date, empty when it is not one.
    static func weekday(_ date: String) -> String {
        guard let day = CalendarDate(date) else { return "" }
        return ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][day.weekdayFromMonday] + " "
    }
}
