// The key recipe, checked against an independent implementation of the documented encoding
// (`sha256sum` over the same bytes).

import Catalog
import LakeBuild
import XCTest

final class TargetKeyTests: XCTestCase {
    func testKeyIsSHA256OfTheDocumentedEncoding() {
        let m = KeyMaterial(action: "copy", version: 3, parameters: [Parameter(key: "z", value: "1"), Parameter(key: "a", value: "x y")],
                            inputs: [FileVersion(path: "raw/a.txt", sha256: "ab", size: 9)])
        // Each field is "<byte length>:<bytes>\n"; parameters sorted by key.
        let encoded = "21:lakemake-target-key-1\n4:copy\n1:3\n1:2\n1:a\n3:x y\n1:z\n1:1\n1:1\n9:raw/a.txt\n2:ab\n"
        XCTAssertEqual(TargetKey.compute(m), sha(encoded))
    }

    func testEveryFieldChangesTheKey() {
        let base = KeyMaterial(action: "a", version: 1, parameters: [], inputs: [FileVersion(path: "p", sha256: "h", size: 1)])
        var variants = [base]
        variants.append(KeyMaterial(action: "b", version: 1, parameters: [], inputs: base.inputs))
        variants.append(KeyMaterial(action: "a", version: 2, parameters: [], inputs: base.inputs))
        variants.append(KeyMaterial(action: "a", version: 1, parameters: [Parameter(key: "k", value: "")], inputs: base.inputs))
        variants.append(KeyMaterial(action: "a", version: 1, parameters: [], inputs: [FileVersion(path: "q", sha256: "h", size: 1)]))
        variants.append(KeyMaterial(action: "a", version: 1, parameters: [], inputs: [FileVersion(path: "p", sha256: "i", size: 1)]))
        XCTAssertEqual(Set(variants.map(TargetKey.compute)).count, variants.count)
        // Size is not part of the key: content decides.
        XCTAssertEqual(TargetKey.compute(base),
                       TargetKey.compute(KeyMaterial(action: "a", version: 1, parameters: [], inputs: [FileVersion(path: "p", sha256: "h", size: 99)])))
    }
}
