// The one seam between the fetcher and the network: a blocking request → response call.
// `URLSessionTransport` is the real one (Foundation's URLSession); the fetcher's retry and
// token logic never touches the network directly.

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An HTTP response as the fetcher needs it.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    /// A header by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// A failure below HTTP: connection refused or lost, timeout, a body shorter than announced.
public struct TransportError: Error, Sendable, Equatable {
    public var description: String
}

/// Sends one request and waits for the whole response, over an ephemeral URLSession (no
/// cache, no cookies). The fetcher's tests talk to a real local HTTP server through it, so
/// there is no second implementation to keep in step.
public struct URLSessionTransport: Sendable {
    private let session: URLSession
    private let timeout: TimeInterval

    public init(timeout: TimeInterval) {
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
    }

    public func send(_ request: URLRequest) throws(TransportError) -> HTTPResponse {
        let box = ResponseBox()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            box.set(data: data, response: response as? HTTPURLResponse, error: error)
            done.signal()
        }
        task.resume()
        done.wait()
        let (data, response, error) = box.get()
        if let error { throw TransportError(description: Self.describe(error, timeout: timeout)) }
        guard let response else { throw TransportError(description: "no HTTP response") }
        let body = [UInt8](data ?? Data())
        // A body shorter than its Content-Length is a truncated transfer, whatever the status.
        if let length = response.value(forHTTPHeaderField: "Content-Length").flatMap(Int.init), length != body.count {
            throw TransportError(description: "truncated response: \(body.count) of \(length) bytes")
        }
        var headers: [String: String] = [:]
        for (key, value) in response.allHeaderFields {
            if let k = key as? String, let v = value as? String { headers[k] = v }
        }
        return HTTPResponse(status: response.statusCode, headers: headers, body: body)
    }
}

extension URLSessionTransport {
    /// A URL-loading failure in words: Foundation's own descriptions on Linux are only an
    /// error domain and number ("NSURLErrorDomain error -1001").
    static func describe(_ error: any Error, timeout: TimeInterval) -> String {
        guard let urlError = error as? URLError else { return error.localizedDescription }
        switch urlError.code {
        case .timedOut: return "timed out after \(NumberFormat.seconds(timeout)) s"
        case .cannotConnectToHost: return "cannot connect to the server"
        case .cannotFindHost, .dnsLookupFailed: return "cannot find the server's host name"
        case .networkConnectionLost: return "the connection was lost"
        case .notConnectedToInternet: return "no network connection"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            return "the TLS connection failed (\(urlError.code.rawValue))"
        default: return "network error \(urlError.code.rawValue)"
        }
    }
}

/// Hands the completion handler's values back to the waiting thread.
private final class ResponseBox: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    private var response: HTTPURLResponse?
    private var error: Error?

    func set(data: Data?, response: HTTPURLResponse?, error: Error?) {
        lock.lock()
        defer { lock.unlock() }
        self.data = data
        self.response = response
        self.error = error
    }

    func get() -> (Data?, HTTPURLResponse?, Error?) {
        lock.lock()
        defer { lock.unlock() }
        return (data, response, error)
    }
}
