// Option checks run in the parser's validate step, before a command starts: a command line
// that fails one is reported as a usage error (exit 2, the command's own words, then where
// its usage is), even where the command could not have run anyway. Run in an empty folder, so
// reaching `run` would have reported the missing lake instead.

import Foundation
import XCTest

final class CommandValidationTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "lakemake-validate-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    /// Asserts that `arguments` exit 2 with exactly `stderr` (lines) and print nothing else.
    private func assertUsageError(_ arguments: [String], _ stderr: [String], line: UInt = #line) throws {
        let r = try Lakemake.run(arguments, in: directory)
        XCTAssertEqual(r.status, 2, r.stderr, line: line)
        XCTAssertEqual(r.stdout, "", line: line)
        XCTAssertEqual(r.stderr.split(separator: "\n").map(String.init), stderr, line: line)
    }

    func testContradictingFlagsAreRejectedBeforeTheBuildLooksForALake() throws {
        try assertUsageError(["build", "-k", "--fail-fast"], [
            "lakemake: error: -k/--keep-going and --fail-fast contradict each other",
            "hint: give one of them",
            "Run 'lakemake build --help' for usage.",
        ])
    }

    func testAnOptionsOwnCheckIsAUsageErrorOfItsCommand() throws {
        try assertUsageError(["watch", "--quiet-period", "0"], [
            "lakemake: error: --quiet-period must be a number of seconds above 0, not '0'",
            "hint: e.g. --quiet-period 0.5",
            "Run 'lakemake watch --help' for usage.",
        ])
        try assertUsageError(["fetch", "opensky", "--timeout", "soon"], [
            "lakemake: error: --timeout soon: expected a number of seconds",
            "Run 'lakemake fetch opensky --help' for usage.",
        ])
        try assertUsageError(["gen", "flights", "--bad-rows", "1.5"], [
            "lakemake: error: --bad-rows 1.5 is not a fraction between 0 and 1",
            "Run 'lakemake gen flights --help' for usage.",
        ])
    }

    func testWordingFromAnotherModuleIsKept() throws {
        try assertUsageError(["flights", "query", "--sort", "speed"], [
            "lakemake: error: --sort speed: unknown sort key",
            "hint: use one of time, altitude, velocity, callsign, icao24, quality, with '-' for descending",
            "Run 'lakemake flights query --help' for usage.",
        ])
    }

    func testIntegerRangesAreCheckedByTheParser() throws {
        try assertUsageError(["build", "-j", "0"], [
            "lakemake: error: invalid value '0' for '-j' in 'lakemake build'",
            "hint: expected a whole number from 1 to 256",
            "Run 'lakemake build --help' for usage.",
        ])
        try assertUsageError(["parquet", "from-csv", "--row-group-rows", "many", "in.csv", "out.parquet"], [
            "lakemake: error: invalid value 'many' for '--row-group-rows' in 'lakemake parquet from-csv'",
            "hint: expected a whole number",
            "Run 'lakemake parquet from-csv --help' for usage.",
        ])
    }

    func testCombinationsAreCheckedAfterEveryValue() throws {
        try assertUsageError(["parquet", "head", "--json", "--csv", "-n", "3", "x.parquet"], [
            "lakemake: error: --json and --csv cannot be combined",
            "hint: choose one output format",
            "Run 'lakemake parquet head --help' for usage.",
        ])
        try assertUsageError(["lineage", "x", "--down", "--build", "2"], [
            "lakemake: error: --build answers for upstream lineage only",
            "hint: drop --down, or drop --build",
            "Run 'lakemake lineage --help' for usage.",
        ])
    }

    func testHelpIsShownEvenWhenTheChecksWouldFail() throws {
        let r = try Lakemake.run(["build", "-k", "--fail-fast", "--help"], in: directory)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("Build every target whose inputs changed"), r.stdout)
    }
}
