// The insights file: fixed key order, money and baselines with two decimals, percentages
// with one. Read back by the daily report and the QuickSight export.

import LakeFormats

extension SalesInsights {
    public var jsonBytes: [UInt8] {
        var w = JSONWriter(style: .pretty)
        w.beginObject()
        w.key("date"); w.string(date)
        w.key("anomalies")
        w.beginArray()
        for a in anomalies {
            w.beginObject()
            w.key("type"); w.string(a.type)
            w.key("severity"); w.string(a.severity)
            w.key("store_id"); w.string(a.storeID)
            w.key("title"); w.string(a.title)
            w.key("description"); w.string(a.description)
            w.key("metric"); w.string(a.metric)
            w.key("value"); w.cents(a.valueHundredths)
            w.key("baseline"); w.cents(a.baselineHundredths)
            w.key("deviation_percent"); Self.percent(a.deviationPercent, &w)
            w.endObject()
        }
        w.endArray()
        w.key("trends")
        w.beginArray()
        for t in trends {
            w.beginObject()
            w.key("type"); w.string(t.type)
            w.key("significance"); w.string(t.significance)
            w.key("direction"); w.string(t.direction)
            w.key("title"); w.string(t.title)
            w.key("description"); w.string(t.description)
            w.key("affected_items"); Self.strings(t.affectedItems, &w)
            w.key("change_percent"); Self.percent(t.changePercent, &w)
            w.endObject()
        }
        w.endArray()
        w.key("recommendations")
        w.beginArray()
        for r in recommendations {
            w.beginObject()
            w.key("priority"); w.string(r.priority)
            w.key("category"); w.string(r.category)
            w.key("title"); w.string(r.title)
            w.key("description"); w.string(r.description)
            w.key("affected_stores"); Self.strings(r.affectedStores, &w)
            w.key("affected_products"); Self.strings(r.affectedProducts, &w)
            w.key("expected_impact"); w.string(r.expectedImpact)
            w.key("because")
            w.beginArray()
            for b in r.because {
                w.beginObject()
                w.key("section"); w.string(b.section)
                w.key("index"); w.int(b.index)
                w.key("title"); w.string(b.title)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("summary")
        w.beginObject()
        w.key("anomaly_count"); w.int(anomalies.count)
        w.key("trend_count"); w.int(trends.count)
        w.key("recommendation_count"); w.int(recommendations.count)
        w.endObject()
        w.key("history_days_used"); w.int(historyDaysUsed)
        w.key("notes"); Self.strings(notes, &w)
        w.endObject()
        return w.bytes
    }

    static func strings(_ items: [String], _ w: inout JSONWriter) {
        w.beginArray()
        for s in items { w.string(s) }
        w.endArray()
    }

    /// A percentage with one decimal, as a JSON number.
    static func percent(_ x: Double, _ w: inout JSONWriter) {
        if let n = JSONNumber(Percent.text(x)) { w.number(n) } else { w.null() }
    }

    public init(bytes: [UInt8], path: String) throws(SalesError) {
        let j = try SalesJSON(bytes: bytes, path: path)
        self.init(date: try j.string("date"))
        for a in try j.objects("anomalies") {
            anomalies.append(Anomaly(
                type: try a.string("type"), severity: try a.string("severity"), storeID: try a.string("store_id"),
                title: try a.string("title"), description: try a.string("description"), metric: try a.string("metric"),
                valueHundredths: try a.cents("value"), baselineHundredths: try a.cents("baseline"),
                deviationPercent: try a.double("deviation_percent")))
        }
        for t in try j.objects("trends") {
            trends.append(Trend(
                type: try t.string("type"), significance: try t.string("significance"), direction: try t.string("direction"),
                title: try t.string("title"), description: try t.string("description"),
                affectedItems: try t.strings("affected_items"), changePercent: try t.double("change_percent")))
        }
        for r in try j.objects("recommendations") {
            var because: [InsightReference] = []
            for b in try r.objects("because") {
                because.append(InsightReference(section: try b.string("section"), index: Int(try b.int("index")), title: try b.string("title")))
            }
            recommendations.append(Recommendation(
                priority: try r.string("priority"), category: try r.string("category"), title: try r.string("title"),
                description: try r.string("description"), affectedStores: try r.strings("affected_stores"),
                affectedProducts: try r.strings("affected_products"), expectedImpact: try r.string("expected_impact"),
                because: because))
        }
        historyDaysUsed = Int(try j.int("history_days_used"))
        notes = try j.strings("notes")
    }
}
