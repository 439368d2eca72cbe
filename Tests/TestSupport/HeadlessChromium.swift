// Headless Chromium for the tests that look at the HTML reports as a browser draws them
// (screenshots, and the boxes of the charts' labels). The browser is the one named by
// LAKEMAKE_CHROMIUM (`make test` installs Debian's `chromium` and sets it), else `chromium` or
// `chromium-browser` on the PATH. Where there is none, or it cannot run, the test prints
// "SKIPPED: …" and is skipped — but under `make test` (LAKEMAKE_REQUIRE_INTEROP=1) it fails,
// as the interop tests do, so the suite cannot pass with the reports unchecked.

import Foundation
import XCTest

public struct HeadlessChromium {
    public let path: String

    /// The browser to use, or a skip (a failure where required) saying why there is none.
    public static func find(file: StaticString = #filePath, line: UInt = #line) throws -> HeadlessChromium {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["LAKEMAKE_CHROMIUM"], !path.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: path) else {
                try unavailable("LAKEMAKE_CHROMIUM=\(path) is not an executable file", file: file, line: line)
            }
            return HeadlessChromium(path: path)
        }
        for folder in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            for name in ["chromium", "chromium-browser"] where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return HeadlessChromium(path: "\(folder)/\(name)")
            }
        }
        try unavailable("no headless Chromium (LAKEMAKE_CHROMIUM is not set and no chromium is on the PATH); `make test` installs Debian's chromium",
                        file: file, line: line)
    }

    /// Prints "SKIPPED: message" and skips the test, or fails it where browsers are required.
    public static func unavailable(_ message: String, file: StaticString = #filePath, line: UInt = #line) throws -> Never {
        if ProcessInfo.processInfo.environment["LAKEMAKE_REQUIRE_INTEROP"] == "1" {
            XCTFail("headless Chromium is required under make test: " + message, file: file, line: line)
            throw InteropPython.Missing(description: message)
        }
        print("SKIPPED: \(message)")
        throw XCTSkip(message)
    }

    /// Runs the browser headless on `url` with `arguments` (a window size, --screenshot=…,
    /// --dump-dom) and returns its standard output; a fresh profile each time, killed after
    /// `timeout` seconds.
    public func run(_ arguments: [String], url: String, timeout: TimeInterval = 120) throws -> (status: Int32, stdout: String, stderr: String) {
        let profile = NSTemporaryDirectory() + "lakemake-chromium-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        // No sandbox: tests run as root in CI, where Chromium's sandbox refuses to start.
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                             "--user-data-dir=" + profile] + arguments + [url]
        let output = try ProcessOutput.run(process, timeout: timeout)
        return (output.status, output.stdoutText, output.stderrText)
    }
}
