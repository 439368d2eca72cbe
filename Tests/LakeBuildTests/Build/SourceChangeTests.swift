// `SourceChange.find`, what `status` and `verify` list as changed inputs, against files whose
// content the test knows: a new file, an edit, a touch that keeps the content, a deletion.

import Catalog
import LakeBuild
import LakeFormats
import XCTest

final class SourceChangeTests: XCTestCase {
    func testNewEditedTouchedAndDeletedSources() throws {
        let f = try EngineFixture(rules: IncrementalBuildTests.rules)
        f.fs.put("raw/t/a.txt", "alpha\n")
        f.fs.put("raw/t/b.txt", "beta\n")
        f.fs.put("raw/t/c.txt", "gamma\n")
        try f.build()

        f.fs.put("raw/t/a.txt", "ALPHA!\n")  // edited
        f.fs.touch("raw/t/b.txt")             // same bytes, new fingerprint
        try f.fs.remove("raw/t/c.txt")        // deleted
        f.fs.put("raw/t/d.txt", "delta\n")    // new
        f.fs.resetRecords()
        let changes = SourceChange.find(listing: try f.fs.walk(), state: try f.catalog.loadState(), fileSystem: f.fs)

        func version(_ text: String) -> FileContent {
            FileContent(sha256: SHA256.hex(SHA256.hash(Array(text.utf8))), size: Int64(text.utf8.count))
        }
        XCTAssertEqual(changes, [
            SourceChange(path: "raw/t/a.txt", kind: .changed, old: version("alpha\n"), new: version("ALPHA!\n")),
            SourceChange(path: "raw/t/d.txt", kind: .new, old: nil, new: version("delta\n")),
            SourceChange(path: "raw/t/c.txt", kind: .deleted, old: version("gamma\n"), new: nil),
        ])
        // Only the files whose fingerprint changed were read, as in a build.
        XCTAssertEqual(Set(f.fs.filesHashed), ["raw/t/a.txt", "raw/t/b.txt", "raw/t/d.txt"])
    }
}
