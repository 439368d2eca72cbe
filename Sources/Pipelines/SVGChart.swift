// Inline SVG charts shared by the sales and flight reports: columns with a y axis, labelled
// horizontal bars and a line. No scripts, no external resources, deterministic markup (every
// coordinate printed by NumberText, never by locale-dependent formatting).
//
// A chart is drawn in a 720-unit-wide viewBox and scales with the page (`max-width:100%`). On a
// desktop it shows at its own size with 12 px text; on a phone (a 390 px screen leaves ~360 px)
// it shows at half size, so the stylesheet raises chart text to 22 units there (about 11 px on
// screen). Layouts therefore leave room for 22-unit text: margins are measured from the widest
// label at that size, and tick and label spacing is chosen for it, so labels never overlap at
// either width.

/// One inline `<svg>` chart.
enum SVGChart {
    static let width = 720.0
    /// Chart text size on narrow screens, which layouts leave room for.
    static let largeFont = 22.0

    /// The CSS both reports include for their charts.
    static let style = "svg{max-width:100%;height:auto;display:block}svg text{font-size:12px;fill:#333}"
        + "svg .muted{fill:#777}svg .axis-title{font-weight:600}"
        + "@media (max-width:700px){svg text{font-size:22px}}"

    /// One bar: its label, its value (nil: no data), the text shown for it and its tooltip.
    struct Bar {
        var label: String
        var value: Double?
        var valueText: String
        var tooltip: String
        var highlight = false
    }

    // MARK: - Columns with a y axis

    /// Vertical bars with a y axis (ticks, gridlines, a title) and every `labelEvery`-th x label.
    static func columns(title: String, bars: [Bar], labelEvery: Int, yTitle: String, xTitle: String,
                        tick: (Double) -> String, colour: String) -> String {
        guard !bars.isEmpty else { return "<p>No data.</p>" }
        let ticks = niceTicks(max: bars.compactMap(\.value).max() ?? 0)
        let top = 20.0, plotHeight = 190.0, right = 14.0
        // Room for the rotated y title (x 0…30) and the widest tick label at the large size.
        let left = 36 + (ticks.map { textWidth(tick($0)) }.max() ?? 0) + 10
        let plotWidth = width - left - right, bottom = top + plotHeight
        let peak = ticks.last ?? 1, slot = plotWidth / Double(bars.count)
        var s = ""
        for t in ticks {
            let y = bottom - t / peak * plotHeight
            s += line(left, y, width - right, y, stroke: t == 0 ? "#888" : "#e3e8ef")
            s += text(left - 8, y + 4, tick(t), anchor: "end", cls: "tick y")
        }
        s += "<text class=\"axis-title\" transform=\"rotate(-90)\" x=\"\(f(-(top + plotHeight / 2)))\" y=\"24\" text-anchor=\"middle\">\(HTMLText.escape(yTitle))</text>\n"
        for (i, bar) in bars.enumerated() {
            let x = left + Double(i) * slot
            if let v = bar.value, v > 0 {
                let h = v / peak * plotHeight
                s += "<rect x=\"\(f(x + slot * 0.12))\" y=\"\(f(bottom - h))\" width=\"\(f(slot * 0.76))\" height=\"\(f(h))\" fill=\"\(colour)\">"
                s += "<title>\(HTMLText.escape(bar.tooltip))</title></rect>\n"
            }
            // Low enough that the first label clears the y axis's "0" at the large size.
            if i % max(1, labelEvery) == 0 { s += text(x + slot / 2, bottom + 32, bar.label, anchor: "middle", cls: "tick x") }
        }
        s += text(left + plotWidth / 2, bottom + 62, xTitle, anchor: "middle", cls: "axis-title")
        return svg(title: title, height: bottom + 72, body: s)
    }

    // MARK: - Horizontal bars

    /// One labelled horizontal bar per row, its value written after it; a row without a value
    /// says "no data". `marker` draws a dashed reference line (a mean) with its label.
    static func rows(title: String, bars: [Bar], colour: String, highlightColour: String,
                     marker: (value: Double, label: String)? = nil) -> String {
        guard !bars.isEmpty else { return "<p>No data.</p>" }
        let rowHeight = 34.0, top = marker == nil ? 6.0 : 34.0
        let labelRoom = 330.0
        let left = min(bars.map { textWidth($0.label) }.max() ?? 0, labelRoom) + 18
        let right = max(bars.map { textWidth($0.valueText) }.max() ?? 0, textWidth("no data")) + 16
        let plotWidth = width - left - right
        let peak = max(bars.compactMap(\.value).max() ?? 0, marker?.value ?? 0, 1e-9)
        let bottom = top + rowHeight * Double(bars.count)
        var s = ""
        for (i, bar) in bars.enumerated() {
            let y = top + Double(i) * rowHeight, middle = y + rowHeight / 2
            s += text(left - 10, middle + 7, fit(bar.label, labelRoom), anchor: "end", cls: "tick y")
            guard let v = bar.value else {
                s += text(left + 6, middle + 7, "no data", anchor: "start", cls: "value muted")
                continue
            }
            let w = max(v, 0) / peak * plotWidth
            s += "<rect x=\"\(f(left))\" y=\"\(f(y + 6))\" width=\"\(f(w))\" height=\"\(f(rowHeight - 12))\" fill=\"\(bar.highlight ? highlightColour : colour)\">"
            s += "<title>\(HTMLText.escape(bar.tooltip))</title></rect>"
            s += text(left + w + 6, middle + 7, bar.valueText, anchor: "start", cls: "value") + "\n"
        }
        s += line(left, top, left, bottom, stroke: "#888")
        if let marker {
            let x = left + marker.value / peak * plotWidth
            s += "<line x1=\"\(f(x))\" y1=\"\(f(top - 6))\" x2=\"\(f(x))\" y2=\"\(f(bottom))\" stroke=\"#333\" stroke-dasharray=\"5 4\"/>"
            let anchor = x - left < plotWidth * 0.3 ? "start" : x - left > plotWidth * 0.7 ? "end" : "middle"
            s += text(x, top - 12, marker.label, anchor: anchor, cls: "marker") + "\n"
        }
        return svg(title: title, height: bottom + 6, body: s)
    }

    // MARK: - Line

    /// A line through the values with a dot (and tooltip) per point, a y axis from zero and
    /// every point labelled below.
    static func line(title: String, labels: [String], values: [Double], tooltips: [String], yTitle: String, xTitle: String,
                     tick: (Double) -> String, colour: String = "#2f6db5") -> String {
        guard !values.isEmpty else { return "<p>No data.</p>" }
        let ticks = niceTicks(max: values.max() ?? 0)
        let top = 20.0, plotHeight = 190.0, right = 40.0
        let left = 36 + (ticks.map { textWidth(tick($0)) }.max() ?? 0) + 10
        let plotWidth = width - left - right, bottom = top + plotHeight, peak = ticks.last ?? 1
        let step = values.count > 1 ? (plotWidth - 20) / Double(values.count - 1) : 0
        let points = values.enumerated().map { (left + 20 + Double($0.offset) * step, bottom - max(0, $0.element) / peak * plotHeight) }
        var s = ""
        for t in ticks {
            let y = bottom - t / peak * plotHeight
            s += line(left, y, width - right, y, stroke: t == 0 ? "#888" : "#e3e8ef")
            s += text(left - 8, y + 4, tick(t), anchor: "end", cls: "tick y")
        }
        s += "<text class=\"axis-title\" transform=\"rotate(-90)\" x=\"\(f(-(top + plotHeight / 2)))\" y=\"24\" text-anchor=\"middle\">\(HTMLText.escape(yTitle))</text>\n"
        s += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.5\" points=\"" + points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ") + "\"/>\n"
        // Every point is labelled unless the labels would crowd: then every other one, and so
        // on, counted back from the last point (the day of the report), which is always labelled.
        let widest = labels.map { textWidth($0) }.max() ?? 0
        let every = step >= widest + 20 ? 1 : Int((widest + 20) / max(step, 1)) + 1
        for (i, p) in points.enumerated() {
            s += "<circle cx=\"\(f(p.0))\" cy=\"\(f(p.1))\" r=\"4\" fill=\"\(colour)\"><title>\(HTMLText.escape(tooltips[i]))</title></circle>"
            if (points.count - 1 - i) % every == 0 { s += text(p.0, bottom + 32, labels[i], anchor: "middle", cls: "tick x") }
            s += "\n"
        }
        s += text(left + plotWidth / 2, bottom + 62, xTitle, anchor: "middle", cls: "axis-title")
        return svg(title: title, height: bottom + 72, body: s)
    }

    // MARK: - Pieces

    /// Round tick values from 0 to at least `max`, about four steps of 1, 2, 2.5 or 5 × 10ⁿ.
    static func niceTicks(max: Double) -> [Double] {
        guard max > 0, max.isFinite else { return [0, 1] }
        let raw = max / 4
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
        var ticks = [0.0]
        while (ticks.last ?? max) < max { ticks.append(Double(ticks.count) * step) }
        return ticks
    }

    /// The width of `s` in chart units at the large text size, estimated generously: the
    /// advance widths of DejaVu Sans (the widest of the usual sans-serif fonts, and the one
    /// Debian's browsers fall back to), rounded up by character class.
    static func textWidth(_ s: String, font: Double = largeFont) -> Double {
        var em = 0.0
        for c in s {
            switch c {
            case "0"..."9", "$", "?": em += 0.64
            case ".", ",", ":", ";", "·", "'", "!", "|", "i", "j", "l", "I", "J": em += 0.34
            case " ": em += 0.32
            case "f", "t", "r", "-", "(", ")", "/", "[", "]": em += 0.42
            case "°", "_", "–": em += 0.5
            case "m", "w", "M", "W", "%", "@", "€", "£", "…", "—": em += 1.0
            case "A"..."Z": em += 0.76
            default: em += 0.64
            }
        }
        return em * font
    }

    /// `s`, or as much of it as fits in `room` units at the large size followed by "…".
    static func fit(_ s: String, _ room: Double) -> String {
        guard textWidth(s) > room else { return s }
        var kept = ""
        for c in s {
            guard textWidth(kept + String(c) + "…") <= room else { break }
            kept.append(c)
        }
        return kept + "…"
    }

    /// A number for an SVG attribute: at most one decimal, no trailing ".0".
    static func f(_ v: Double) -> String {
        let t = NumberText.fixed(v, 1).replacingOccurrences(of: ",", with: "")
        return t.hasSuffix(".0") ? String(t.dropLast(2)) : t
    }

    static func text(_ x: Double, _ y: Double, _ content: String, anchor: String, cls: String) -> String {
        "<text class=\"\(cls)\" x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\">\(HTMLText.escape(content))</text>"
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String) -> String {
        "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(stroke)\"/>"
    }

    static func svg(title: String, height: Double, body: String) -> String {
        "<svg viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">"
            + "<title>\(HTMLText.escape(title))</title>\n" + body + "</svg>"
    }
}
