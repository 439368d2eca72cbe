// Which hourly files `flights query` reads: the given day's, or by default the latest day that
// has rows. A folder left by a day whose snapshots were all rejected or misplaced, or whose
// snapshots held no aircraft, is never "the latest day": the answer would be empty for no reason.

import Foundation
import Parquet

extension FlightQuery {
    /// Lake-relative hourly Parquet files, in hour order: those of `date`, or of the latest day
    /// whose hourly files hold at least one row; only `hour` when given.
    public static func hourlyFiles(lake: String, date: String?, hour: Int?) throws(FlightQueryError) -> [String] {
        let base = lake + "/processed/flights"
        let days = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).filter { $0.hasPrefix("date=") }.sorted()
        let chosen: String?
        if let date {
            chosen = days.contains("date=" + date) ? "date=" + date : nil
        } else {
            chosen = days.last { day in files(lake, day: day, hour: nil).contains { rowCount(lake + "/" + $0) > 0 } }
        }
        guard let day = chosen else { throw .noData(date: date) }
        return files(lake, day: day, hour: hour)
    }

    /// The day's hourly files that exist, in hour order.
    private static func files(_ lake: String, day: String, hour: Int?) -> [String] {
        let fm = FileManager.default
        let hours = ((try? fm.contentsOfDirectory(atPath: lake + "/processed/flights/" + day)) ?? []).filter { $0.hasPrefix("hour=") }.sorted()
        return hours.filter { h in hour.map { h == "hour=" + ($0 < 10 ? "0" : "") + String($0) } ?? true }
            .map { "processed/flights/\(day)/\($0)/data.parquet" }
            .filter { fm.fileExists(atPath: lake + "/" + $0) }
    }

    /// Rows in a Parquet file, from its footer; 0 when it cannot be read.
    private static func rowCount(_ path: String) -> Int64 {
        (try? ParquetFileReader(path: path))?.metadata.numRows ?? 0
    }
}
