// A Python HTTP server for tests, on 127.0.0.1 only: its script is written to a fresh folder,
// started with `SCENARIO LOGFILE` as arguments, and prints the port it listens on as its first
// line. The fake OpenSky API and the fake OpenLineage collector are both started this way.

import Foundation

struct LocalPythonServer {
    let process = Process()
    let port: Int
    let directory: String
    /// Where the server logs what it received (one line per request).
    let logPath: String

    /// Nil when the server died before printing its port.
    init?(script: String, python: String, scenario: String, logName: String, folderPrefix: String) throws {
        directory = NSTemporaryDirectory() + folderPrefix + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        logPath = directory + "/" + logName
        try script.write(toFile: directory + "/server.py", atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [directory + "/server.py", scenario, logPath]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        // The first line is the port; end of output (the server died) ends the wait.
        var line: [UInt8] = []
        while true {
            let byte = out.fileHandleForReading.readData(ofLength: 1)
            guard let b = byte.first, b != 0x0A else { break }
            line.append(b)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            try? FileManager.default.removeItem(atPath: directory)
            return nil
        }
        self.port = port
    }

    /// Ends the server and removes its folder.
    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
