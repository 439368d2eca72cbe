// Every command's --help is rendered from the same declarations the parser uses. These tests
// keep a reviewed copy of each help page (drift shows up as a diff) and check, from the
// declarations themselves, that nothing declared is missing from the page.

import Arguments
import Foundation
@testable import lakemake
import XCTest

final class HelpTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/help")

    /// Every command path of the tree, root first.
    static func paths(_ spec: CommandSpec, _ prefix: [String] = []) -> [[String]] {
        [prefix] + spec.subcommands.flatMap { paths($0, prefix + [$0.name]) }
    }

    func testTreeHasNoDeclarationProblems() {
        XCTAssertEqual(LakemakeCLI.root.problems(), [])
    }

    func testEveryDeclaredOptionArgumentAndSubcommandAppearsInItsHelp() {
        let root = LakemakeCLI.root
        for path in Self.paths(root) {
            let page = HelpRenderer(root: root).render(path)
            let chain = root.chain(along: path)
            guard let spec = chain.last else { return XCTFail("no spec for \(path)") }
            for option in chain.flatMap(\.options) {
                XCTAssertTrue(page.contains("--\(option.long)"), "\(path): --\(option.long) missing")
                if let short = option.short { XCTAssertTrue(page.contains("-\(short)"), "\(path): -\(short) missing") }
            }
            for argument in spec.arguments { XCTAssertTrue(page.contains(argument.name), "\(path): \(argument.name) missing") }
            for sub in spec.subcommands { XCTAssertTrue(page.contains(sub.name), "\(path): \(sub.name) missing") }
        }
    }

    /// Set LAKEMAKE_UPDATE_HELP=1 to rewrite the reviewed copies after a deliberate change.
    func testHelpPagesMatchTheReviewedCopies() throws {
        let root = LakemakeCLI.root
        let update = ProcessInfo.processInfo.environment["LAKEMAKE_UPDATE_HELP"] == "1"
        for path in Self.paths(root) {
            let name = (["lakemake"] + path).joined(separator: "-") + ".txt"
            let file = Self.fixtures.appendingPathComponent(name)
            let page = HelpRenderer(root: root).render(path) + "\n"
            if update {
                try FileManager.default.createDirectory(at: Self.fixtures, withIntermediateDirectories: true)
                try page.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            let expected = try? String(contentsOf: file, encoding: .utf8)
            XCTAssertEqual(page, expected, "\(name) differs; review and rerun with LAKEMAKE_UPDATE_HELP=1")
        }
    }

    func testBinaryPrintsTheSamePage() throws {
        let r = try Lakemake.run(["build", "--help"], in: NSTemporaryDirectory())
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stdout, HelpRenderer(root: LakemakeCLI.root).render(["build"]) + "\n")
    }
}
