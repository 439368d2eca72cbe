// A throw-away lake with `copy` and `sh` rules, and a way to run the built `lakemake` binary
// over it, capturing stdout, stderr and the exit status.

import Foundation
import TestSupport
import XCTest

/// The result of one run of the binary.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String

    var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
}

/// A temporary project folder holding `lake/` and `rules/`, deleted by `remove()`.
final class TemporaryLake {
    let root: String
    var lake: String { root + "/lake" }

    /// A raw folder copied to processed/, plus an aggregate `sh` rule concatenating the copies:
    /// raw/a/NAME.txt → processed/a/NAME.txt → reports/all.txt.
    static let copyAndConcatRules = """
        rule copy_a
          in   raw/a/{name}.txt
          out  processed/a/{name}.txt
          run  copy

        rule all
          in   processed/a/*.txt
          out  reports/all.txt
          run  sh cat {in} > {out}

        """

    init(rules: String? = TemporaryLake.copyAndConcatRules) throws {
        let base = FileManager.default.temporaryDirectory.path + "/lakemake-cli-" + UUID().uuidString
        root = base
        if let rules {
            try FileManager.default.createDirectory(atPath: base + "/lake/raw", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: base + "/rules", withIntermediateDirectories: true)
            try write("../rules/test.rules", rules)
        } else {
            try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    /// Writes `text` at a lake-relative path, creating folders.
    func write(_ path: String, _ text: String) throws {
        let full = lake + "/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: lake + "/" + path).map { String(decoding: $0, as: UTF8.self) }
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: lake + "/" + path) }

    /// Runs `lakemake ARGS` in the project folder.
    @discardableResult
    func run(_ args: String..., file: StaticString = #filePath, line: UInt = #line) throws -> RunResult {
        try Lakemake.run(args, in: root)
    }
}

/// The `lakemake` executable built next to this test bundle.
enum Lakemake {
    /// The products folder holds both the test bundle and the executable.
    static func binary() throws -> String {
        var candidates: [String] = []
        if let exe = Bundle.main.executableURL {
            candidates.append(exe.deletingLastPathComponent().appendingPathComponent("lakemake").path)
        }
        var dir = Bundle.main.bundleURL
        for _ in 0..<3 {
            candidates.append(dir.appendingPathComponent("lakemake").path)
            dir.deleteLastPathComponent()
        }
        for c in candidates where FileManager.default.isExecutableFile(atPath: c) { return c }
        XCTFail("the lakemake executable is missing next to the test bundle (looked at \(candidates)); run 'swift build' first")
        throw XCTSkip("no lakemake binary")
    }

    /// A lakemake process in `directory`, not started, with a clean environment.
    static func process(_ args: [String], in directory: String, environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = args
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "LAKEMAKE_LAKE")
        env.removeValue(forKey: "LAKEMAKE_RULES")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        return process
    }

    @discardableResult
    static func run(_ args: [String], in directory: String, environment: [String: String] = [:]) throws -> RunResult {
        let output = try ProcessOutput.run(try process(args, in: directory, environment: environment))
        return RunResult(status: output.status, stdout: output.stdoutText, stderr: output.stderrText)
    }

    /// SHA-256 of a file as the reference tool `sha256sum` prints it.
    static func sha256sum(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix(64))
    }
}
