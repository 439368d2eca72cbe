// `reports/flights/daily/date=…/report.html`: one self-contained page (inline CSS and SVG, no
// scripts, no external requests) with the density heat map on a lat/lon grid, hourly traffic
// bars and the 7-day trend, plus the tables of the text report.

extension FlightsDailyReport {
    static func html(_ d: FlightsDailyReportData) -> String {
        var h = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Flight traffic \(HTMLText.escape(d.date))</title>
            <style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}h1{font-size:1.4em}
            table{border-collapse:collapse;margin:.5em 0}td,th{padding:.2em .8em;border-bottom:1px solid #ddd;text-align:left}
            td.n{text-align:right}svg{background:#f8f9fb;border:1px solid #ccd}.kpi{display:inline-block;margin-right:2em}
            .kpi b{display:block;font-size:1.6em}</style></head><body>
            <h1>Flight traffic — \(HTMLText.escape(d.date))</h1>
            <p><span class="kpi"><b>\(NumberText.grouped(d.uniqueAircraft))</b>unique aircraft</span>
            <span class="kpi"><b>\(NumberText.grouped(d.observations))</b>observations</span>
            <span class="kpi"><b>\(HTMLText.escape(trend(d)))</b>vs 7-day mean</span></p>

            """
        h += "<h2>Traffic density</h2>\n" + densityMap(d) + "\n"
        h += "<h2>Hourly traffic (UTC)</h2>\n" + bars(d.hourly.enumerated().map { (hourLabel($0.offset), $0.element) }, width: 720) + "\n"
        h += "<h2>7-day trend (unique aircraft)</h2>\n" + bars(d.window.map { ($0.0, $0.1) } + [(d.date, d.uniqueAircraft)], width: 480) + "\n"
        h += "<h2>Top routes</h2>\n<table><tr><th>origin</th><th>destination</th><th>flights</th><th>%</th></tr>\n"
        for r in d.routes.prefix(10) {
            h += "<tr><td>\(HTMLText.escape(r.origin)) \(HTMLText.escape(r.originName))</td><td>\(HTMLText.escape(r.destination)) \(HTMLText.escape(r.destinationName))</td>"
            h += "<td class=\"n\">\(r.flights)</td><td class=\"n\">\(NumberText.fixed(r.percentage, 1))</td></tr>\n"
        }
        h += "</table>\n<h2>Top airlines</h2>\n<table><tr><th>code</th><th>airline</th><th>aircraft</th></tr>\n"
        for a in d.airlines {
            h += "<tr><td>\(HTMLText.escape(a.code))</td><td>\(HTMLText.escape(a.name))</td><td class=\"n\">\(a.aircraft)</td></tr>\n"
        }
        h += "</table>\n<h2>Data quality</h2>\n<p>Rows read \(NumberText.grouped(d.rowsRead)) = kept \(NumberText.grouped(d.kept))"
        h += " + rejected \(NumberText.grouped(d.rejected)) + duplicates \(NumberText.grouped(d.duplicates)). "
        h += "Mean quality score \(NumberText.fixed(d.meanQuality, 3)).</p>\n<table><tr>"
        h += d.grades.map { "<th>\(HTMLText.escape($0.0))</th>" }.joined() + "</tr><tr>"
        h += d.grades.map { "<td class=\"n\">\($0.1)</td>" }.joined() + "</tr></table>\n</body></html>\n"
        return h
    }

    /// An equirectangular map of the non-empty cells, shaded by density, each cell outlined.
    static func densityMap(_ d: FlightsDailyReportData) -> String {
        guard !d.cells.isEmpty else { return "<p>No airborne observations.</p>" }
        let latMin = d.cells.map(\.latMin).min() ?? 0, latMax = d.cells.map(\.latMax).max() ?? 0
        let lonMin = d.cells.map(\.lonMin).min() ?? 0, lonMax = d.cells.map(\.lonMax).max() ?? 0
        let width = 720.0, scale = width / max(lonMax - lonMin, 1e-9), height = max((latMax - latMin) * scale, 40)
        let peak = d.cells.map(\.density).max() ?? 1
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(NumberText.fixed(width + 60, 0))\" height=\"\(NumberText.fixed(height + 30, 0))\" role=\"img\" aria-label=\"traffic density\">\n"
        // Grid lines every 10 degrees, labelled.
        var lon = (lonMin / 10).rounded(.up) * 10
        while lon <= lonMax {
            let x = 50 + (lon - lonMin) * scale
            s += "<line x1=\"\(NumberText.fixed(x, 1))\" y1=\"0\" x2=\"\(NumberText.fixed(x, 1))\" y2=\"\(NumberText.fixed(height, 1))\" stroke=\"#dde\"/>"
            s += "<text x=\"\(NumberText.fixed(x, 1))\" y=\"\(NumberText.fixed(height + 14, 1))\" font-size=\"10\" text-anchor=\"middle\">\(NumberText.fixed(lon, 0))°</text>\n"
            lon += 10
        }
        var lat = (latMin / 10).rounded(.up) * 10
        while lat <= latMax {
            let y = (latMax - lat) * scale
            s += "<line x1=\"50\" y1=\"\(NumberText.fixed(y, 1))\" x2=\"\(NumberText.fixed(width + 50, 1))\" y2=\"\(NumberText.fixed(y, 1))\" stroke=\"#dde\"/>"
            s += "<text x=\"45\" y=\"\(NumberText.fixed(y + 3, 1))\" font-size=\"10\" text-anchor=\"end\">\(NumberText.fixed(lat, 0))°</text>\n"
            lat += 10
        }
        for c in d.cells {
            let x = 50 + (c.lonMin - lonMin) * scale, y = (latMax - c.latMax) * scale
            let w = (c.lonMax - c.lonMin) * scale, hh = (c.latMax - c.latMin) * scale
            let t = peak > 0 ? c.density / peak : 0
            s += "<rect x=\"\(NumberText.fixed(x, 1))\" y=\"\(NumberText.fixed(y, 1))\" width=\"\(NumberText.fixed(w, 1))\" height=\"\(NumberText.fixed(hh, 1))\" "
            s += "fill=\"rgb(\(NumberText.fixed(255 - 35 * t, 0)),\(NumberText.fixed(230 - 190 * t, 0)),\(NumberText.fixed(120 - 100 * t, 0)))\" stroke=\"#555\" stroke-width=\"0.5\">"
            s += "<title>\(NumberText.fixed(c.latMin, 2))…\(NumberText.fixed(c.latMax, 2)), \(NumberText.fixed(c.lonMin, 2))…\(NumberText.fixed(c.lonMax, 2)): \(c.aircraft) aircraft</title></rect>\n"
        }
        return s + "</svg>"
    }

    /// A vertical bar chart with one labelled bar per value.
    static func bars(_ values: [(String, Int)], width: Double) -> String {
        guard !values.isEmpty else { return "<p>No data.</p>" }
        let height = 160.0, peak = Double(max(values.map(\.1).max() ?? 1, 1)), step = width / Double(values.count)
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(NumberText.fixed(width, 0))\" height=\"\(NumberText.fixed(height + 40, 0))\" role=\"img\">\n"
        for (i, (label, value)) in values.enumerated() {
            let h = Double(value) / peak * height, x = Double(i) * step
            s += "<rect x=\"\(NumberText.fixed(x + 2, 1))\" y=\"\(NumberText.fixed(height - h, 1))\" width=\"\(NumberText.fixed(max(step - 4, 1), 1))\" height=\"\(NumberText.fixed(h, 1))\" fill=\"#3b6ea8\"><title>\(HTMLText.escape(label)): \(value)</title></rect>"
            s += "<text x=\"\(NumberText.fixed(x + step / 2, 1))\" y=\"\(NumberText.fixed(height + 14, 1))\" font-size=\"9\" text-anchor=\"middle\">\(HTMLText.escape(String(label.prefix(5))))</text>\n"
        }
        return s + "</svg>"
    }
}
