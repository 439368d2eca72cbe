// Rejected rows through the binary: each problem is a reason of its own that names the field
// and quotes the value as received (flights.md §2), in the rejected-rows Parquet, and the
// hour's counts count `bad_type` on its own.

import Foundation
import LakeFormats
import XCTest

final class FlightsRowReasonsTests: XCTestCase {
    static let time: Int64 = 1_758_211_407  // 2025-09-18T16:03:27Z
    static let hour = "date=2025-09-18/hour=16"

    private var lake: TemporaryLake?

    override func tearDown() { lake?.remove() }

    /// A valid served row with value `index` replaced when given.
    static func row(_ changes: [Int: String] = [:], count: Int = 17) -> String {
        var values = ["\"3c6444\"", "\"DLH9LF  \"", "\"Germany\"", "\(time - 30)", "\(time - 30)", "8.5", "50.0",
                      "3048.0", "false", "128.6", "90.0", "0.0", "null", "3100.0", "\"0421\"", "false", "0"]
        for (index, value) in changes { values[index] = value }
        return "[" + values.prefix(count).joined(separator: ", ") + "]"
    }

    func testEachProblemNamesItsFieldAndValue() throws {
        let lake = try FlightsLake.make()
        self.lake = lake
        let rows = [
            Self.row(),
            Self.row([6: "\"45.1\""]),
            Self.row(count: 16),
            Self.row([14: "4211"]),
            Self.row([0: "\"zzzzzz\"", 9: "\"fast\"", 4: String(Self.time - 4000)]),
        ]
        try lake.write("raw/flights/\(Self.hour)/flight_data_20250918_160327.json",
                       "{\"time\": \(Self.time), \"states\": [\n" + rows.joined(separator: ",\n") + "\n]}\n")
        let build = try lake.run("build", "-j", "2", "-q")
        XCTAssertEqual(build.status, 0, build.stdout + build.stderr)

        let cat = try lake.run("parquet", "cat", lake.lake + "/processed/flights_rejected/\(Self.hour)/data.parquet")
        XCTAssertEqual(cat.status, 0, cat.stderr)
        var got: [Int: (reasons: String, details: String)] = [:]
        for line in cat.lines {
            let row = try JSONValue.parse(Array(line.utf8))
            guard let index = row["row_index"].flatMap(HostileInputTests.int),
                  let reasons = row["reasons"].flatMap(HostileInputTests.string),
                  let details = row["reason_details"].flatMap(HostileInputTests.string) else { return XCTFail(line) }
            got[index] = (reasons, details)
        }
        XCTAssertEqual(got.keys.sorted(), [1, 2, 3, 4])
        XCTAssertEqual(got[1]?.reasons, "bad_type", "a string latitude is a bad type, not a missing position")
        XCTAssertEqual(got[1]?.details, #"[{"reason":"bad_type","field":"latitude","value":"\"45.1\""}]"#)
        XCTAssertEqual(got[2]?.reasons, "bad_shape")
        XCTAssertEqual(got[2]?.details, #"[{"reason":"bad_shape","value":"16 values, 17 expected"}]"#)
        XCTAssertEqual(got[3]?.reasons, "bad_type")
        XCTAssertEqual(got[3]?.details, #"[{"reason":"bad_type","field":"squawk","value":"4211"}]"#)
        XCTAssertEqual(got[4]?.reasons, "bad_type,invalid_icao24,stale")
        XCTAssertEqual(got[4]?.details, #"[{"reason":"bad_type","field":"velocity","value":"\"fast\""},"#
                       + #"{"reason":"invalid_icao24","field":"icao24","value":"\"zzzzzz\""},"#
                       + #"{"reason":"stale","field":"last_contact","value":"\#(Self.time - 4000)"}]"#)

        let metrics = try JSONValue.parse(Array(try XCTUnwrap(lake.read("metrics/flights/hourly/\(Self.hour).json")).utf8))
        let byReason = metrics["rejected_by_reason"]
        XCTAssertEqual(byReason?["bad_type"].flatMap(HostileInputTests.int), 3)
        XCTAssertEqual(byReason?["bad_shape"].flatMap(HostileInputTests.int), 1)
        XCTAssertEqual(byReason?["missing_position"].flatMap(HostileInputTests.int), 0)
        XCTAssertEqual(metrics["kept"].flatMap(HostileInputTests.int), 1)
        let daily = try JSONValue.parse(Array(try XCTUnwrap(lake.read("metrics/flights/daily/date=2025-09-18.json")).utf8))
        XCTAssertNotNil(daily["rejected_by_reason"]?["bad_type"], "the daily statistics list bad_type too")
    }
}
