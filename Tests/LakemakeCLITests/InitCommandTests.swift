import Foundation
import XCTest

final class InitCommandTests: XCTestCase {
    func testInitThenBuildCopiesTheSample() throws {
        let project = try TemporaryLake(rules: nil)
        defer { project.remove() }
        let made = try Lakemake.run(["init", "demo"], in: project.root)
        XCTAssertEqual(made.status, 0, made.stderr)
        let demo = project.root + "/demo"
        for folder in ["raw", "reference", "processed", "metrics", "reports", "rejected"] {
            var isDir: ObjCBool = false
            XCTAssertTrue(FileManager.default.fileExists(atPath: demo + "/lake/" + folder, isDirectory: &isDir) && isDir.boolValue, folder)
        }
        let build = try Lakemake.run(["build"], in: demo)
        XCTAssertEqual(build.status, 0, build.stderr + build.stdout)
        let sample = try XCTUnwrap(FileManager.default.contents(atPath: demo + "/lake/raw/example/hello.txt"))
        XCTAssertEqual(FileManager.default.contents(atPath: demo + "/lake/processed/example/hello.txt"), sample)
    }

    func testTheCommentedShellRuleWorksWhenEnabled() throws {
        let project = try TemporaryLake(rules: nil)
        defer { project.remove() }
        try Lakemake.run(["init"], in: project.root)
        let rulesPath = project.root + "/rules/example.rules"
        let text = try String(contentsOfFile: rulesPath, encoding: .utf8)
        let enabled = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("# rule ") { return String(line.dropFirst(2)) }
            if line.hasPrefix("#   ") { return String(line.dropFirst(2)) }
            return String(line)
        }.joined(separator: "\n")
        try Data(enabled.utf8).write(to: URL(fileURLWithPath: rulesPath))
        let build = try Lakemake.run(["build"], in: project.root)
        XCTAssertEqual(build.status, 0, build.stderr + build.stdout)
        let count = FileManager.default.contents(atPath: project.lake + "/reports/example/hello.lines")
        XCTAssertEqual(count.map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }, "1")
    }

    func testRefusesToOverwriteRules() throws {
        let project = try TemporaryLake(rules: nil)
        defer { project.remove() }
        XCTAssertEqual(try Lakemake.run(["init"], in: project.root).status, 0)
        try Data("# mine\n".utf8).write(to: URL(fileURLWithPath: project.root + "/rules/example.rules"))
        let again = try Lakemake.run(["init"], in: project.root)
        XCTAssertEqual(again.status, 2)
        XCTAssertEqual(FileManager.default.contents(atPath: project.root + "/rules/example.rules"), Data("# mine\n".utf8))
    }
}
