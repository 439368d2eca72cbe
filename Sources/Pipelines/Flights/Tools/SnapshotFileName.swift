// Where a snapshot lands: its folder and name follow from its own `time`, as the flight rules
// and `ingest` expect (`raw/flights/date=…/hour=…/flight_data_YYYYMMDD_HHMMSS.json`).

/// The raw path of a snapshot taken at a given time.
public enum SnapshotFileName {
    /// The lake-relative folder of a snapshot taken at `time`: `raw/flights/date=…/hour=…/`.
    public static func folder(for time: Int64) -> String {
        let t = UTCTime(unixSeconds: time)
        return "raw/flights/date=\(t.date)/hour=\(t.hourText)/"
    }

    /// `flight_data_YYYYMMDD_HHMMSS.json` for a snapshot taken at `time`.
    public static func fileName(for time: Int64) -> String {
        "flight_data_\(UTCTime(unixSeconds: time).compact).json"
    }
}
