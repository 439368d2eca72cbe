// The density heat map of report.html: the day's non-empty grid cells, shaded by density, drawn
// over coastlines on a longitude/latitude grid. The projection is equirectangular with its
// standard parallel at the middle of the map (x = lon·cos φ₀, y = lat), so a regional map keeps
// its shape and cells stay rectangles; coastlines and cells go through the same function. The
// map shows the cells' extent with a margin, in whole multiples of 10°; ticks are spaced for
// 22-unit labels (see SVGChart), so they do not overlap when the page is 390 px wide.

import Foundation

extension FlightsDailyReport {
    /// The map's frame in degrees and user units.
    struct MapFrame {
        var lonMin: Double, lonMax: Double, latMin: Double, latMax: Double
        var left = 64.0, top = 12.0, scaleX: Double, scaleY: Double

        init(cells: [FlightsDailyReportData.Cell]) {
            func down(_ v: Double) -> Double { (v / 10).rounded(.down) * 10 }
            func up(_ v: Double) -> Double { (v / 10).rounded(.up) * 10 }
            lonMin = max(-180, down((cells.map(\.lonMin).min() ?? 0) - 5)); lonMax = min(180, up((cells.map(\.lonMax).max() ?? 0) + 5))
            latMin = max(-90, down((cells.map(\.latMin).min() ?? 0) - 5)); latMax = min(90, up((cells.map(\.latMax).max() ?? 0) + 5))
            let cosine = max(cos((latMin + latMax) / 2 * .pi / 180), 0.2)
            // The right margin holds half of the last longitude label ("180°").
            let plotWidth = SVGChart.width - left - SVGChart.textWidth("180°") / 2 - 6, maxHeight = 440.0
            let k = min(plotWidth / ((lonMax - lonMin) * cosine), maxHeight / (latMax - latMin))
            scaleX = k * cosine; scaleY = k
        }

        var width: Double { (lonMax - lonMin) * scaleX }
        var height: Double { (latMax - latMin) * scaleY }
        func x(_ lon: Double) -> Double { left + (lon - lonMin) * scaleX }
        func y(_ lat: Double) -> Double { top + (latMax - lat) * scaleY }

        /// Tick values from `min` to `max` every `step`, the step the smallest of the usual ones
        /// that keeps ticks at least `spacing` units apart.
        static func ticks(_ min: Double, _ max: Double, scale: Double, spacing: Double) -> [Double] {
            let step = [1.0, 2, 5, 10, 15, 20, 30, 45, 60, 90].first { $0 * scale >= spacing } ?? 90
            var t = (min / step).rounded(.up) * step, out: [Double] = []
            while t <= max + 1e-9 { out.append(t); t += step }
            return out
        }
    }

    static func lonLabel(_ lon: Double) -> String {
        lon == 0 || abs(lon) == 180 ? "\(NumberText.fixed(abs(lon), 0))°" : "\(NumberText.fixed(abs(lon), 0))°\(lon < 0 ? "W" : "E")"
    }

    static func latLabel(_ lat: Double) -> String {
        lat == 0 ? "0°" : "\(NumberText.fixed(abs(lat), 0))°\(lat < 0 ? "S" : "N")"
    }

    /// The map as an `<svg>`, or a sentence when no aircraft was seen airborne.
    static func densityMap(_ d: FlightsDailyReportData, coastline: Coastline?) -> String {
        guard !d.cells.isEmpty else { return "<p>No airborne observations.</p>" }
        let m = MapFrame(cells: d.cells)
        let f = SVGChart.f
        let bottom = m.top + m.height, right = m.left + m.width
        var s = "<rect x=\"\(f(m.left))\" y=\"\(f(m.top))\" width=\"\(f(m.width))\" height=\"\(f(m.height))\" fill=\"#eef4fa\"/>\n"
        // Grid and labels: longitude labels are up to 5 characters ("150°W"), latitude ones 4.
        let lonTicks = MapFrame.ticks(m.lonMin, m.lonMax, scale: m.scaleX, spacing: SVGChart.textWidth("150°W") + 16)
        let latTicks = MapFrame.ticks(m.latMin, m.latMax, scale: m.scaleY, spacing: SVGChart.largeFont * 1.5)
        for lon in lonTicks {
            s += SVGChart.line(m.x(lon), m.top, m.x(lon), bottom, stroke: "#d3dce6")
            s += SVGChart.text(m.x(lon), bottom + 36, lonLabel(lon), anchor: "middle", cls: "tick x") + "\n"
        }
        for lat in latTicks {
            s += SVGChart.line(m.left, m.y(lat), right, m.y(lat), stroke: "#d3dce6")
            s += SVGChart.text(m.left - 6, m.y(lat) + 7, latLabel(lat), anchor: "end", cls: "tick y") + "\n"
        }
        // Coastlines under the cells, simplified to about one point per user unit.
        if let coastline {
            var path = ""
            for piece in coastline.clipped(lonMin: m.lonMin, lonMax: m.lonMax, latMin: m.latMin, latMax: m.latMax) {
                var last = (x: m.x(piece[0].lon), y: m.y(piece[0].lat))
                path += "M\(f(last.x)) \(f(last.y))"
                for (i, p) in piece.enumerated().dropFirst() {
                    let x = m.x(p.lon), y = m.y(p.lat)
                    guard abs(x - last.x) + abs(y - last.y) >= 1 || i == piece.count - 1 else { continue }
                    path += "L\(f(x)) \(f(y))"
                    last = (x, y)
                }
            }
            if !path.isEmpty {
                s += "<path class=\"coast\" d=\"\(path)\" fill=\"none\" stroke=\"#5f7f9f\" stroke-width=\"1\" stroke-linejoin=\"round\"/>\n"
            }
        }
        // A day can have thousands of cells: what they share is said once, on their group.
        let peak = d.cells.map(\.density).max() ?? 0
        s += "<g fill-opacity=\"0.85\" stroke=\"#7a2e00\" stroke-opacity=\"0.35\" stroke-width=\"0.4\">\n"
        for c in d.cells {
            let t = peak > 0 ? c.density / peak : 0
            s += "<rect class=\"cell\" x=\"\(f(m.x(c.lonMin)))\" y=\"\(f(m.y(c.latMax)))\" width=\"\(f((c.lonMax - c.lonMin) * m.scaleX))\" "
            s += "height=\"\(f((c.latMax - c.latMin) * m.scaleY))\" fill=\"\(shade(t))\">"
            s += "<title>\(latLabel(c.latMin))…\(latLabel(c.latMax)), \(lonLabel(c.lonMin))…\(lonLabel(c.lonMax)): "
            s += "\(NumberText.grouped(c.aircraft)) aircraft, \(NumberText.fixed(c.density, 2)) per 10,000 km²</title></rect>\n"
        }
        s += "</g>\n"
        s += "<rect x=\"\(f(m.left))\" y=\"\(f(m.top))\" width=\"\(f(m.width))\" height=\"\(f(m.height))\" fill=\"none\" stroke=\"#889\"/>\n"
        // Legend: five swatches from no traffic to the day's peak cell.
        let legendTop = bottom + 50, swatch = 64.0
        s += SVGChart.text(m.left, legendTop + 18, "Aircraft per 10,000 km² of cell (\(NumberText.fixed(d.gridSize, 1))° grid)", anchor: "start", cls: "legend") + "\n"
        for i in 0..<5 {
            s += "<rect x=\"\(f(m.left + Double(i) * swatch))\" y=\"\(f(legendTop + 28))\" width=\"\(f(swatch))\" height=\"16\" fill=\"\(shade(Double(i) / 4))\" fill-opacity=\"0.85\"/>"
        }
        s += SVGChart.text(m.left, legendTop + 68, "0", anchor: "start", cls: "legend tick")
        s += SVGChart.text(m.left + 5 * swatch, legendTop + 68, NumberText.fixed(peak, 2), anchor: "end", cls: "legend tick") + "\n"
        return SVGChart.svg(title: "Traffic density", height: legendTop + 78, body: s)
    }

    /// Pale yellow (t = 0) to deep red (t = 1).
    static func shade(_ t: Double) -> String {
        let t = min(max(t, 0), 1)
        return "rgb(\(NumberText.fixed(255 - 75 * t, 0)),\(NumberText.fixed(235 - 205 * t, 0)),\(NumberText.fixed(140 - 110 * t, 0)))"
    }
}
