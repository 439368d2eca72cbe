// A temporary lake driven through the real `lakemake` binary, for tests that need real
// processes: locks, shell rules, kills.

import Foundation
import XCTest

struct ProcessLake {
    let root: String
    var lake: String { root + "/lake" }

    init(rules: String) throws {
        root = NSTemporaryDirectory() + "lakemake-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/lake/raw", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/rules", withIntermediateDirectories: true)
        try rules.write(toFile: root + "/rules/test.rules", atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    func write(_ path: String, _ text: String) throws {
        let full = lake + "/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: false, encoding: .utf8)
    }

    func read(_ path: String) -> String? { try? String(contentsOfFile: lake + "/" + path, encoding: .utf8) }

    /// Every file under the lake except the catalog's folder, with its content.
    func snapshot() -> [String: Data] {
        var result: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(atPath: lake) else { return result }
        while let p = e.nextObject() as? String {
            if p.hasPrefix(".lakemake") { continue }
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: lake + "/" + p, isDirectory: &isDir), !isDir.boolValue {
                result[p] = FileManager.default.contents(atPath: lake + "/" + p)
            }
        }
        return result
    }

    /// Runs lakemake to completion.
    @discardableResult
    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = process(arguments)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// A lakemake process in this lake, not yet started.
    func process(_ arguments: [String]) -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ProcessLake.binary)
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: root)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "LAKEMAKE_LAKE")
        env.removeValue(forKey: "LAKEMAKE_RULES")
        p.environment = env
        p.standardInput = FileHandle.nullDevice
        return p
    }

    /// The `lakemake` executable built next to the test bundle.
    static let binary: String = {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("lakemake").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return dir.appendingPathComponent("lakemake").path
    }()
}
