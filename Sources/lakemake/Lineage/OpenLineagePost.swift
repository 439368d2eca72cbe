// Sends OpenLineage events to a collector: one HTTP POST per event, body the event's JSON,
// `Content-Type: application/json`, as Marquez (`/api/v1/lineage`) and DataHub
// (`/openapi/openlineage/api/v1/lineage`) accept them. Events go in order and the first
// refusal stops the rest, so a collector never sees a COMPLETE whose START it refused.

import Foundation
import Pipelines
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

struct OpenLineagePost {
    let url: URL
    let transport: URLSessionTransport

    init(url: URL, timeout: TimeInterval = 30) {
        self.url = url
        transport = URLSessionTransport(timeout: timeout)
    }

    /// The collector's URL, if `text` is an absolute http or https URL with a host.
    static func collectorURL(_ text: String) -> URL? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty else { return nil }
        return url
    }

    /// Posts every event; returns how many were sent, or throws at the first one refused.
    func send(_ events: [String]) throws(OpenLineagePostFailure) -> Int {
        for (index, event) in events.enumerated() {
            var request = URLRequest(url: url)
            request.httpMethod = "POST"
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(event.utf8)
            let reason: String
            do {
                let response = try transport.send(request)
                if (200..<300).contains(response.status) { continue }
                let body = String(decoding: response.body.prefix(300), as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                reason = "HTTP \(response.status)" + (body.isEmpty ? "" : ": \(body)")
            } catch {
                reason = error.description
            }
            throw OpenLineagePostFailure(url: url.absoluteString, index: index, count: events.count, reason: reason)
        }
        return events.count
    }
}

/// A collector refused an event or could not be reached: exit status 1.
struct OpenLineagePostFailure: UserFacingError {
    let url: String
    let index: Int
    let count: Int
    let reason: String

    var message: String {
        "posting OpenLineage event \(index + 1) of \(count) to \(url) failed: \(reason)"
            + (index > 0 ? " (the \(index) before it were accepted)" : "")
    }
    var suggestion: String? { "check the URL (Marquez takes events at /api/v1/lineage) and that the server is running" }
    var exitStatus: Int32 { 1 }
}
