// A local HTTP server that plays OpenSky for the fetch tests: a small Python `http.server`
// script on 127.0.0.1 with an OS-chosen port, one scenario per run, logging every request so
// tests can check what the client sent.

import Foundation
import XCTest

final class FakeOpenSky {
    static let script = #"""
    import email.utils, http.server, json, sys, threading, time
    scenario, log_path = sys.argv[1], sys.argv[2]
    state = {"states": 0, "tokens": 0}
    lock = threading.Lock()

    def snapshot(n):
        t = 1758211407 + 10 * n
        row = ["3c6444", "DLH9LF  ", "Germany", t - 5, t - 5, 8.5622, 50.0379, 3048.0, False, 128.6, 92.5, 0.0, None, 3100.0, "0421", False, 0]
        return json.dumps({"time": t, "states": [row]}).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def log_message(self, *args): pass
        def record(self):
            with open(log_path, "a") as f:
                f.write("%s %s %s\n" % (self.command, self.path.split("?")[0], self.headers.get("Authorization", "-")))
        def send(self, status, body, headers=None, declared=None, date=None):
            if date is None:
                self.send_response(status)
            else:
                self.send_response_only(status)
                self.send_header("Date", date)
            for k, v in (headers or {}).items(): self.send_header(k, v)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(declared if declared is not None else len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
        def do_POST(self):
            self.record()
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with lock:
                state["tokens"] += 1
                n = state["tokens"]
            self.send(200, json.dumps({"access_token": "tok%d" % n, "expires_in": 300, "token_type": "Bearer"}).encode())
        def do_GET(self):
            self.record()
            with lock:
                state["states"] += 1
                n = state["states"]
            auth = self.headers.get("Authorization", "")
            if scenario == "429" and n == 1:
                return self.send(429, b'{"error": "too many requests"}', {"X-Rate-Limit-Retry-After-Seconds": "1"})
            if scenario == "retry-after" and n == 1:
                return self.send(429, b'{"error": "too many requests"}', {"Retry-After": "1"})
            if scenario == "retry-after-date" and n == 1:
                now = int(time.time())
                return self.send(503, b'{"error": "maintenance"}', {"Retry-After": email.utils.formatdate(now + 2, usegmt=True)},
                                 date=email.utils.formatdate(now, usegmt=True))
            if scenario == "long-wait-first" and n == 1:
                return self.send(429, b'{"error": "quota used up"}', {"X-Rate-Limit-Retry-After-Seconds": "3600"})
            if scenario == "long-retry-after":
                return self.send(503, b'{"error": "down for the night"}', {"Retry-After": "7200"})
            if scenario == "slow":
                time.sleep(3)
            if scenario == "500" and n == 1:
                return self.send(500, b'{"error": "internal"}')
            if scenario == "truncated":
                body = snapshot(n)
                self.send(200, body[: len(body) // 2], declared=len(body))
                self.close_connection = True
                return
            if scenario == "401" and auth == "Bearer tok1":
                return self.send(401, b'{"error": "expired"}')
            if scenario == "401always":
                return self.send(401, b'{"error": "unauthorized"}')
            self.send(200, snapshot(n))

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """#

    private let server: LocalPythonServer
    var port: Int { server.port }
    var logPath: String { server.logPath }

    init(scenario: String) throws {
        let python = ProcessInfo.processInfo.environment["LAKEMAKE_PYTHON"] ?? "/usr/bin/python3"
        guard let server = try LocalPythonServer(script: Self.script, python: python, scenario: scenario,
                                                 logName: "requests.log", folderPrefix: "fake-opensky-") else {
            throw XCTSkip("the fake OpenSky server did not start")
        }
        self.server = server
    }

    var baseURL: String { "http://127.0.0.1:\(port)/api" }
    var tokenURL: String { "http://127.0.0.1:\(port)/token" }

    /// The requests received so far: "METHOD PATH AUTHORIZATION".
    var requests: [String] {
        ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    func stop() { server.stop() }
}
