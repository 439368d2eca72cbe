// Inline SVG charts for report.html: bars and a line, drawn with integer coordinates so the
// markup is the same on every machine. No scripts, no external resources.

/// Renders one small chart as an `<svg>` element.
enum SVGChart {
    static let width = 640, height = 220, left = 70, bottom = 30, top = 16

    /// Vertical bars, one per label.
    static func bars(title: String, labels: [String], cents: [Int64], colour: String = "#2f6db5") -> String {
        let maxValue = max(1, cents.max() ?? 1)
        let plotWidth = width - left - 10, plotHeight = height - bottom - top
        let slot = max(1, plotWidth / max(1, cents.count))
        var body = axis(maxValue: maxValue)
        for (i, c) in cents.enumerated() {
            let h = Int(Int64(plotHeight) * max(0, c) / maxValue)
            let x = left + i * slot + slot / 8
            body += "<rect x=\"\(x)\" y=\"\(top + plotHeight - h)\" width=\"\(max(1, slot * 3 / 4))\" height=\"\(h)\" fill=\"\(colour)\"><title>\(HTMLText.escape(labels[i])): \(Money.grouped(c))</title></rect>"
            if cents.count <= 12 || i % 3 == 0 {
                body += "<text x=\"\(x + slot * 3 / 8)\" y=\"\(height - 12)\" text-anchor=\"middle\">\(HTMLText.escape(labels[i]))</text>"
            }
        }
        return svg(title: title, body: body)
    }

    /// A line through the values, with a dot per point.
    static func line(title: String, labels: [String], cents: [Int64]) -> String {
        let maxValue = max(1, cents.max() ?? 1)
        let plotWidth = width - left - 30, plotHeight = height - bottom - top
        let step = cents.count > 1 ? plotWidth / (cents.count - 1) : 0
        var points: [(Int, Int)] = []
        for (i, c) in cents.enumerated() {
            points.append((left + 10 + i * step, top + plotHeight - Int(Int64(plotHeight) * max(0, c) / maxValue)))
        }
        var body = axis(maxValue: maxValue)
        body += "<polyline fill=\"none\" stroke=\"#2f6db5\" stroke-width=\"2\" points=\"" + points.map { "\($0.0),\($0.1)" }.joined(separator: " ") + "\"/>"
        for (i, p) in points.enumerated() {
            body += "<circle cx=\"\(p.0)\" cy=\"\(p.1)\" r=\"3\" fill=\"#2f6db5\"><title>\(HTMLText.escape(labels[i])): \(Money.grouped(cents[i]))</title></circle>"
            body += "<text x=\"\(p.0)\" y=\"\(height - 12)\" text-anchor=\"middle\">\(HTMLText.escape(String(labels[i].suffix(5))))</text>"
        }
        return svg(title: title, body: body)
    }

    private static func axis(maxValue: Int64) -> String {
        let plotHeight = height - bottom - top
        return "<line x1=\"\(left)\" y1=\"\(top + plotHeight)\" x2=\"\(width - 5)\" y2=\"\(top + plotHeight)\" stroke=\"#999\"/>"
            + "<text x=\"\(left - 6)\" y=\"\(top + 4)\" text-anchor=\"end\">\(Money.grouped(maxValue).dropLast(3))</text>"
            + "<text x=\"\(left - 6)\" y=\"\(top + plotHeight)\" text-anchor=\"end\">0</text>"
    }

    private static func svg(title: String, body: String) -> String {
        "<svg viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">"
            + "<title>\(HTMLText.escape(title))</title>" + body + "</svg>"
    }
}
