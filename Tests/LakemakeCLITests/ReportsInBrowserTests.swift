// The two HTML reports as headless Chromium draws them, 1280 px and 390 px wide (a desktop and
// a phone): a screenshot of each (kept in LAKEMAKE_SCREENSHOTS when set, for a person to look
// at: `make report-shots`), and the boxes the browser gives every chart label, which must not
// overlap one another, must stay inside their chart and the page, and must be at least 9 px
// tall text. The boxes come from a copy of the page shown in an iframe of the tested width (a
// headless window is never narrower than 500 px) with a script that writes them into the outer
// page; the reports themselves have no scripts.

import Foundation
import TestSupport
import XCTest

final class ReportsInBrowserTests: XCTestCase {
    static let widths = [1280, 390]

    /// One text label's box, in CSS pixels of the tested viewport.
    struct Box {
        var text: String, left: Double, right: Double, top: Double, bottom: Double, font: Double

        func overlaps(_ o: Box) -> Bool {
            min(right, o.right) - max(left, o.left) > 0.5 && min(bottom, o.bottom) - max(top, o.top) > 0.5
        }
    }

    struct Chart { var label: String, left: Double, right: Double, top: Double, bottom: Double, texts: [Box] }

    static let measure = """
        window.addEventListener('load', function () {
          var frame = document.getElementById('page'), doc = frame.contentDocument, win = frame.contentWindow, out = [];
          doc.querySelectorAll('svg').forEach(function (svg) {
            var box = svg.getBoundingClientRect(), scale = box.width / svg.viewBox.baseVal.width, texts = [];
            svg.querySelectorAll('text').forEach(function (t) {
              var r = t.getBoundingClientRect();
              texts.push({text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                          font: parseFloat(win.getComputedStyle(t).fontSize) * scale});
            });
            out.push({label: svg.getAttribute('aria-label'), left: box.left, right: box.right, top: box.top, bottom: box.bottom, texts: texts});
          });
          var pre = document.createElement('pre');
          pre.id = 'geometry';
          pre.textContent = JSON.stringify({viewport: win.innerWidth, scrollWidth: doc.documentElement.scrollWidth, charts: out});
          document.body.appendChild(pre);
        });
        """

    /// The label boxes of `html` at `width`, measured by the browser.
    func geometry(_ chromium: HeadlessChromium, html: String, width: Int, folder: String) throws -> (viewport: Int, scrollWidth: Int, charts: [Chart]) {
        var escaped = html.replacingOccurrences(of: "&", with: "&amp;")
        escaped = escaped.replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "<", with: "&lt;")
        let outer = "<!DOCTYPE html><html><body style=\"margin:0\"><iframe id=\"page\" style=\"width:\(width)px;height:8000px;border:0\" srcdoc=\"\(escaped)\"></iframe><script>\(Self.measure)</script></body></html>"
        let path = folder + "/measure-\(width).html"
        try outer.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try chromium.run(["--window-size=1280,1000", "--dump-dom"], url: URL(fileURLWithPath: path).absoluteString)
        guard let start = run.stdout.range(of: "<pre id=\"geometry\">"), let end = run.stdout.range(of: "</pre>", range: start.upperBound..<run.stdout.endIndex) else {
            try HeadlessChromium.unavailable("Chromium drew no page (status \(run.status)): \(run.stderr.suffix(400))")
        }
        let json = String(run.stdout[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        func number(_ d: [String: Any], _ key: String) -> Double { (d[key] as? NSNumber)?.doubleValue ?? .nan }
        let charts = ((object["charts"] as? [[String: Any]]) ?? []).map { c in
            Chart(label: c["label"] as? String ?? "", left: number(c, "left"), right: number(c, "right"), top: number(c, "top"), bottom: number(c, "bottom"),
                  texts: ((c["texts"] as? [[String: Any]]) ?? []).map {
                      Box(text: $0["text"] as? String ?? "", left: number($0, "left"), right: number($0, "right"),
                          top: number($0, "top"), bottom: number($0, "bottom"), font: number($0, "font"))
                  })
        }
        return (Int(number(object, "viewport")), Int(number(object, "scrollWidth")), charts)
    }

    /// PNG signature and the IHDR width.
    func pngWidth(_ data: Data) -> Int? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], bytes[12..<16] == [0x49, 0x48, 0x44, 0x52] else { return nil }
        return bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
    }

    func testReportsReadAtDesktopAndPhoneWidths() throws {
        let chromium = try HeadlessChromium.find()
        let lake = try ReportsLake.built()
        let kept = ProcessInfo.processInfo.environment["LAKEMAKE_SCREENSHOTS"].flatMap { $0.isEmpty ? nil : $0 }
        // The measuring pages go to a folder of their own, removed at the end.
        let scratch = NSTemporaryDirectory() + "lakemake-shots-" + UUID().uuidString
        let folder = kept ?? scratch
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }

        for (name, path, charts) in [("flights", ReportsLake.flightReport, 3), ("sales", ReportsLake.salesReport, 4)] {
            let html = try XCTUnwrap(lake.read(path))
            for width in Self.widths {
                // The screenshot: a PNG of the tested width with something on it.
                let png = "\(folder)/\(name)-\(width).png"
                try? FileManager.default.removeItem(atPath: png)
                let shot = try chromium.run(["--window-size=\(width),\(width == 390 ? 5000 : 3000)", "--screenshot=" + png],
                                            url: URL(fileURLWithPath: lake.lake + "/" + path).absoluteString)
                guard let data = FileManager.default.contents(atPath: png) else {
                    try HeadlessChromium.unavailable("Chromium wrote no screenshot (status \(shot.status)): \(shot.stderr.suffix(400))")
                }
                XCTAssertEqual(pngWidth(data), width, "\(png) is not a \(width) px wide PNG")
                XCTAssertGreaterThan(data.count, 40_000, "\(png) is nearly empty")

                // The labels, as laid out at this width.
                let g = try geometry(chromium, html: html, width: width, folder: scratch)
                XCTAssertEqual(g.viewport, width)
                XCTAssertLessThanOrEqual(g.scrollWidth, width, "\(name) at \(width) px scrolls sideways")
                XCTAssertEqual(g.charts.count, charts, "\(name): charts")
                for chart in g.charts {
                    let at = "\(name) at \(width) px, chart '\(chart.label)'"
                    XCTAssertLessThanOrEqual(chart.right, Double(width) + 0.5, "\(at) is wider than the page")
                    XCTAssertFalse(chart.texts.isEmpty, at)
                    for (i, a) in chart.texts.enumerated() {
                        XCTAssertGreaterThanOrEqual(a.font, 9, "\(at): '\(a.text)' is \(a.font) px")
                        XCTAssertTrue(a.left >= chart.left - 0.5 && a.right <= chart.right + 0.5 && a.top >= chart.top - 0.5 && a.bottom <= chart.bottom + 0.5,
                                      "\(at): '\(a.text)' is cut off by the chart's edge")
                        for b in chart.texts[(i + 1)...] where a.overlaps(b) {
                            XCTFail("\(at): '\(a.text)' overlaps '\(b.text)'")
                        }
                    }
                }
            }
        }
        if let kept { print("screenshots in \(kept)") }
    }
}
