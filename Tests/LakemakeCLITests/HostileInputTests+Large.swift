// The hostile inputs that need a lake of their own: a 200 MB upload on one line, and an
// upload that is still being written while a build runs.

import Foundation
import LakeFormats
import XCTest

extension HostileInputTests {
    /// One line of 200 MB: an item whose name is 200 MB long and whose quantity is 0. The
    /// reader must get through it and point at the quantity, 200 MB into the line.
    func testTwoHundredMegabyteLine() throws {
        let lake = try Self.salesSample()
        defer { lake.remove() }
        let path = lake.lake + "/raw/sales/store_0400_2025-11-27.json"
        let head = "[{\"transaction_id\": \"T\", \"transaction_timestamp\": \"2025-11-27T10:00:00Z\", \"item_sku\": \"S\", \"item_name\": \""
        let tail = "\", \"quantity\": 0, \"unit_price\": 1.00, \"line_total\": 0.00, \"discount_amount\": 0.00, \"payment_method\": \"cash\", \"customer_id\": \"C\"}]"
        let nameLength = 200 * 1024 * 1024
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: Data(head.utf8))
        let chunk = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<(nameLength >> 20) { try handle.write(contentsOf: chunk) }
        try handle.write(contentsOf: Data(tail.utf8))
        try handle.close()

        let r = try lake.run("build", "-j", "2", "-q")
        XCTAssertEqual(r.status, 1, r.stderr)
        let text = try XCTUnwrap(lake.read("rejected/sales/store_0400_2025-11-27.json.error.json"))
        let doc = try JSONValue.parse(Array(text.utf8))
        // The quantity's value starts after the head, the name, and `", "quantity": `.
        let column = head.utf8.count + nameLength + "\", \"quantity\": ".utf8.count + 1
        XCTAssertEqual(doc["errors"]?[0]?["line"], .number(try XCTUnwrap(JSONNumber("1"))))
        XCTAssertEqual(doc["errors"]?[0]?["column"], .number(try XCTUnwrap(JSONNumber(String(column)))))
        XCTAssertEqual(doc["errors"]?[0]?["message"], .string("quantity must be at least 1"))
        XCTAssertFalse(lake.exists("processed/sales/date=2025-11-27/store_id=0400/data.parquet"))
    }

    /// An upload written in pieces while builds run: whatever a build saw, once the file is
    /// complete the next build gives exactly what a clean build of the complete file gives.
    func testUploadStillBeingWrittenDuringABuild() throws {
        let clean = try Self.salesSample(), growing = try Self.salesSample()
        defer {
            clean.remove()
            growing.remove()
        }
        let name = "raw/sales/store_0002_2025-11-28.json"
        let body = Array(HostileInput.salesBody((0..<400).map { i in
            HostileInput.salesItem([("transaction_id", "\"TXN-0002-\(i / 3)\""), ("transaction_timestamp", "\"2025-11-28T10:00:00Z\"")])
        }).utf8)
        try clean.write(name, String(decoding: body, as: UTF8.self))
        XCTAssertEqual(try clean.run("build", "-q").status, 0)

        let path = growing.lake + "/" + name
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let build = try Lakemake.process(["build", "-j", "2", "-q"], in: growing.root)
        build.standardOutput = FileHandle.nullDevice
        build.standardError = FileHandle.nullDevice
        try build.run()
        let pieces = 20, size = (body.count + pieces - 1) / pieces
        for start in stride(from: 0, to: body.count, by: size) {
            try handle.write(contentsOf: Data(body[start..<min(start + size, body.count)]))
            usleep(15_000)
        }
        try handle.close()
        build.waitUntilExit()
        XCTAssertNotEqual(build.terminationReason, .uncaughtSignal)

        let next = try growing.run("build", "-q")
        XCTAssertEqual(next.status, 0, next.stdout + next.stderr)
        XCTAssertFalse(growing.exists("rejected/sales/store_0002_2025-11-28.json.error.json"), "the complete file is accepted")
        for folder in ["processed", "metrics", "reports"] {
            XCTAssertEqual(LakeTree.snapshot(growing.lake, under: folder), LakeTree.snapshot(clean.lake, under: folder), folder)
        }
    }
}
