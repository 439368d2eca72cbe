// A local OpenLineage collector for `lineage --post`: a small Python `http.server` on 127.0.0.1
// with an OS-chosen port that records each POST (path, content type, body) as one JSON line,
// and answers 201 — or, in the "refuse-second" scenario, 400 to the second event.

import Foundation
import XCTest

final class FakeLineageCollector {
    static let script = #"""
    import http.server, json, sys, threading
    scenario, log_path = sys.argv[1], sys.argv[2]
    lock = threading.Lock()
    count = [0]

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def log_message(self, *args): pass
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            with lock:
                count[0] += 1
                n = count[0]
                with open(log_path, "a") as f:
                    f.write(json.dumps({"path": self.path, "type": self.headers.get("Content-Type"), "body": body}) + "\n")
            status, reply = (400, b'{"error": "bad event"}') if scenario == "refuse-second" and n == 2 else (201, b"")
            self.send_response(status)
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """#

    struct DidNotStart: Error, CustomStringConvertible { var description: String }

    /// One POST the collector received.
    struct Request: Decodable, Equatable {
        var path: String
        var type: String?
        var body: String
    }

    private let server: LocalPythonServer
    var port: Int { server.port }

    init(python: String, scenario: String = "accept") throws {
        guard let server = try LocalPythonServer(script: Self.script, python: python, scenario: scenario,
                                                 logName: "posts.ndjson", folderPrefix: "fake-collector-") else {
            throw DidNotStart(description: "the fake OpenLineage collector did not start (\(python))")
        }
        self.server = server
    }

    var url: String { "http://127.0.0.1:\(port)/api/v1/lineage" }

    /// The POSTs received so far, in order. Each is logged before the server answers, so once
    /// the client has its answer the request is here.
    func requests() throws -> [Request] {
        let text = (try? String(contentsOfFile: server.logPath, encoding: .utf8)) ?? ""
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Request.self, from: Data($0.utf8)) }
    }

    func stop() { server.stop() }
}
