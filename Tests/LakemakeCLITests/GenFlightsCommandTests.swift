import Foundation
import XCTest

final class GenFlightsCommandTests: XCTestCase {
    private var lakes: [TemporaryLake] = []

    override func tearDown() { lakes.forEach { $0.remove() } }

    private func generate(_ args: [String]) throws -> (TemporaryLake, RunResult) {
        let lake = try FlightsLake.make()
        lakes.append(lake)
        return (lake, try Lakemake.run(["gen", "flights"] + args, in: lake.root))
    }

    private func files(_ lake: TemporaryLake) -> [String: Data] {
        var result: [String: Data] = [:]
        let base = lake.lake + "/raw/flights"
        guard let e = FileManager.default.enumerator(atPath: base) else { return result }
        while let p = e.nextObject() as? String {
            if p.hasSuffix(".json") { result[p] = FileManager.default.contents(atPath: base + "/" + p) }
        }
        return result
    }

    /// Same seed, same bytes; another seed, other bytes.
    func testDeterministic() throws {
        let args = ["--date", "2025-09-18", "--hours", "1", "--aircraft", "30", "--interval", "900", "--seed", "7"]
        let (a, ra) = try generate(args)
        let (b, _) = try generate(args)
        let (c, _) = try generate(["--date", "2025-09-18", "--hours", "1", "--aircraft", "30", "--interval", "900", "--seed", "8"])
        XCTAssertEqual(ra.status, 0, ra.stderr)
        XCTAssertEqual(ra.stdout.hasPrefix("wrote 4 snapshots ("), true, ra.stdout)
        XCTAssertEqual(files(a).keys.sorted(), [
            "date=2025-09-18/hour=00/flight_data_20250918_000003.json", "date=2025-09-18/hour=00/flight_data_20250918_001503.json",
            "date=2025-09-18/hour=00/flight_data_20250918_003003.json", "date=2025-09-18/hour=00/flight_data_20250918_004503.json",
        ])
        XCTAssertEqual(files(a), files(b))
        XCTAssertNotEqual(files(a), files(c))
    }

    func testInvalidArguments() throws {
        let (_, date) = try generate(["--date", "2025-02-30"])
        XCTAssertEqual(date.status, 2)
        XCTAssertEqual(date.stderr.split(separator: "\n").first.map(String.init), "lakemake: error: --date 2025-02-30 is not a calendar date")
        let (_, hours) = try generate(["--hours", "25"])
        XCTAssertEqual(hours.status, 2)
        let (_, bad) = try generate(["--bad-rows", "1.5"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertEqual(bad.stderr.split(separator: "\n").first.map(String.init), "lakemake: error: --bad-rows 1.5 is not a fraction between 0 and 1")
    }
}
