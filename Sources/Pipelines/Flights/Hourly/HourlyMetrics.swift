// `metrics/flights/hourly/date=…/hour=….json`: the counts of one hour, with every reason code
// and flag listed in spec order (zeros included) so the files of different hours line up.

import LakeFormats

/// The JSON form of `HourlyCounts`, and its reading for the daily statistics.
public enum HourlyMetrics {
    public static func encode(_ c: HourlyCounts, date: String, hour: String) -> [UInt8] {
        var w = JSONWriter(style: .pretty)
        w.beginObject()
        w.key("date"); w.string(date)
        w.key("hour"); w.string(hour)
        w.key("snapshots"); w.int(c.snapshots)
        w.key("rejected_files"); w.int(c.rejectedFiles)
        w.key("rows_read"); w.int(c.rowsRead)
        w.key("kept"); w.int(c.kept)
        w.key("rejected"); w.int(c.rejectedRows)
        w.key("duplicates"); w.int(c.duplicates)
        w.key("balanced"); w.bool(c.kept + c.rejectedRows + c.duplicates == c.rowsRead)
        w.key("rejected_by_reason")
        w.beginObject()
        for reason in RejectReason.allCases { w.key(reason.rawValue); w.int(c.reasonCounts[reason.rawValue] ?? 0) }
        w.endObject()
        w.key("quality_flags")
        w.beginObject()
        for flag in QualityFlag.allCases { w.key(flag.rawValue); w.int(c.flagCounts[flag.rawValue] ?? 0) }
        w.endObject()
        w.endObject()
        return w.bytes
    }

    public static func decode(_ bytes: [UInt8], path: String) throws(FlightsError) -> HourlyCounts {
        let doc: JSONValue
        do { doc = try JSONValue.parse(bytes) } catch { throw .unreadableInput(path: path, reason: error.message) }
        func int(_ value: JSONValue?) -> Int {
            if case .number(let n)? = value, let v = n.int64() { return Int(v) }
            return 0
        }
        var c = HourlyCounts()
        c.snapshots = int(doc["snapshots"])
        c.rejectedFiles = int(doc["rejected_files"])
        c.rowsRead = int(doc["rows_read"])
        c.kept = int(doc["kept"])
        c.rejectedRows = int(doc["rejected"])
        c.duplicates = int(doc["duplicates"])
        for reason in RejectReason.allCases { c.reasonCounts[reason.rawValue] = int(doc["rejected_by_reason"]?[reason.rawValue]) }
        for flag in QualityFlag.allCases { c.flagCounts[flag.rawValue] = int(doc["quality_flags"]?[flag.rawValue]) }
        return c
    }
}
