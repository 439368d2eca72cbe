// Running a child process to its end and keeping what it printed, for the tests that run the
// binary, Python or Chromium. Both pipes are read to their end before waiting, so a child
// that prints a lot cannot block on a full pipe.

import Foundation

/// What a finished child printed, and how it ended.
public struct ProcessOutput: Sendable {
    public var status: Int32
    public var stdout: Data
    public var stderr: Data

    /// Runs `process` (configured, not started) to its end. Standard input is empty.
    /// - Parameter timeout: seconds after which the child is terminated.
    public static func run(_ process: Process, timeout: Double? = nil) throws -> ProcessOutput {
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        if let timeout { DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog) }
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        watchdog.cancel()
        return ProcessOutput(status: process.terminationStatus, stdout: outData, stderr: errData)
    }

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}
