// What `lakemake ingest` asks the flight pipeline: is this file a snapshot, and where does it
// go? A snapshot is named `flight_data_YYYYMMDD_HHMMSS.json`; it must be a readable snapshot
// whose own `time` falls in the date and hour of its name, and lands in
// `raw/flights/date=…/hour=…/` of that time.

/// The flight pipeline's answer to `ingest`.
public enum FlightsIngest {
    /// The lake-relative destination of a snapshot file, nil if the name is not a snapshot's.
    public static func destination(fileName: String, bytes: [UInt8]) throws(FlightsError) -> String? {
        guard let nameTime = timeInName(fileName) else { return nil }
        let snapshot: Snapshot
        do { snapshot = try Snapshot.parse(bytes) } catch {
            throw .snapshotRejected(file: fileName, reason: error.detail.message)
        }
        let time = UTCTime(unixSeconds: snapshot.time)
        guard time.date == nameTime.date, time.hour == nameTime.hour else {
            throw .snapshotRejected(file: fileName, reason: "its time \(time.iso8601) is not in the hour its name says (\(nameTime.date) \(nameTime.hourText):00)")
        }
        return SnapshotFileName.folder(for: snapshot.time) + fileName
    }

    /// The date and hour of `flight_data_YYYYMMDD_HHMMSS.json`.
    static func timeInName(_ name: String) -> UTCTime? {
        let bytes = Array(name.utf8)
        let prefix = Array("flight_data_".utf8), suffix = Array(".json".utf8)
        guard bytes.count == prefix.count + 15 + suffix.count, bytes.starts(with: prefix), bytes.suffix(5).elementsEqual(suffix) else { return nil }
        let stamp = bytes[prefix.count..<(prefix.count + 15)]
        guard stamp[stamp.startIndex + 8] == UInt8(ascii: "_"),
              stamp.enumerated().allSatisfy({ $0.offset == 8 || (48...57).contains($0.element) }) else { return nil }
        let text = String(decoding: stamp, as: UTF8.self)
        func number(_ from: Int, _ length: Int) -> Int {
            Int(text.dropFirst(from).prefix(length)) ?? -1
        }
        let date = "\(text.prefix(4))-\(text.dropFirst(4).prefix(2))-\(text.dropFirst(6).prefix(2))"
        guard let day = UTCTime.startOfDay(date) else { return nil }
        let (h, m, s) = (number(9, 2), number(11, 2), number(13, 2))
        guard (0..<24).contains(h), (0..<60).contains(m), (0..<60).contains(s) else { return nil }
        return UTCTime(unixSeconds: day + Int64(h * 3600 + m * 60 + s))
    }
}
