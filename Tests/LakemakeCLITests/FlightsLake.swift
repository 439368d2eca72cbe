// A temporary lake with the repository's flight rules and reference tables and a small
// generated sample, built once and shared by the flight CLI tests (building it is the slow part).

import Foundation
import XCTest

enum FlightsLake {
    /// The repository root, found from this file's location.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// A fresh project folder with the flight reference files (tables and coastlines) and
    /// `rules/flights.rules` from the repository.
    static func make() throws -> TemporaryLake {
        let lake = try TemporaryLake(rules: nil)
        let fm = FileManager.default
        try fm.createDirectory(atPath: lake.lake + "/reference", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: lake.lake + "/raw", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: lake.root + "/rules", withIntermediateDirectories: true)
        for name in ["airports.csv", "airlines.csv", "aircraft.csv", "ne_110m_coastline.geojson"] {
            try fm.copyItem(atPath: repository + "/lake/reference/" + name, toPath: lake.lake + "/reference/" + name)
        }
        try fm.copyItem(atPath: repository + "/rules/flights.rules", toPath: lake.root + "/rules/flights.rules")
        try fm.copyItem(atPath: repository + "/rules/quicksight.rules", toPath: lake.root + "/rules/quicksight.rules")
        return lake
    }

    /// Two generated hours, built: shared, never modified by the tests that use it.
    nonisolated(unsafe) static var builtLake: TemporaryLake?

    static func built() throws -> TemporaryLake {
        if let lake = builtLake { return lake }
        let lake = try make()
        let gen = try lake.run("gen", "flights", "--date", "2025-09-18", "--hours", "2", "--aircraft", "120", "--interval", "600", "--seed", "7")
        XCTAssertEqual(gen.status, 0, gen.stderr)
        let build = try lake.run("build")
        XCTAssertEqual(build.status, 0, build.stderr + build.stdout)
        builtLake = lake
        return lake
    }
}
