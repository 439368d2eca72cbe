import Foundation
import XCTest

/// A fresh directory under the system temp folder, removed when the test ends.
struct TemporaryDirectory {
    let path: String

    init(_ testCase: XCTestCase) throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("lakemake-catalog-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
        testCase.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    }

    /// Path of `name` inside the directory.
    func file(_ name: String) -> String { path + "/" + name }
}
