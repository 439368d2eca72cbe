// `lakemake fetch opensky` (flights.md §10): calls BASE/states/all and returns the response as
// served, after checking it is a whole snapshot. Policy, in one place:
// - OAuth2 client credentials when a client id and secret are given: a token is requested from
//   the token URL, reused until shortly before it expires, and dropped once on 401/403 (a
//   second refusal is final). Anonymous otherwise.
// - 429 and 503: wait what the server announces (`AnnouncedWait`: OpenSky's
//   `X-Rate-Limit-Retry-After-Seconds` or the standard `Retry-After`), else back off. An
//   announced wait longer than `maxWait` gives the snapshot up at once with a message saying
//   so: retrying sooner than asked would only be refused again, and a fetch that silently
//   sleeps for an hour looks hung.
// - 5xx, timeouts, lost connections, truncated or non-JSON bodies: exponential backoff with
//   jitter (never longer than `maxWait`), up to `maxRetries` retries. Nothing that is not a
//   complete snapshot is returned, so nothing partial can land in raw/.

import Foundation
import LakeFormats
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Where and how to fetch.
public struct OpenSkySettings: Sendable {
    public var baseURL = "https://opensky-network.org/api"
    public var tokenURL = "https://auth.opensky-network.org/auth/realms/opensky-network/protocol/openid-connect/token"
    public var clientID: String?
    public var clientSecret: String?
    public var box: BoundingBox?
    public var extended = false
    public var maxRetries = 5
    /// The first backoff delay in seconds; each retry doubles it, up to `maxBackoff`.
    public var backoffBase = 1.0
    public var maxBackoff = 60.0
    /// The longest single wait, in seconds: a longer announced wait gives the snapshot up.
    public var maxWait = 300.0

    public init() {}
}

/// Why a fetch gave up.
public enum FetchError: Error, Sendable, Equatable {
    case unauthorized(status: Int)
    case rejected(status: Int, body: String)
    case gaveUp(attempts: Int, last: String)
    /// The server asked for a wait longer than `maxWait` after HTTP `status`.
    case waitTooLong(AnnouncedWait, status: Int, limit: Double)
    case tokenFailed(String)
    case invalidURL(String)

    public var message: String {
        switch self {
        case .unauthorized(let s): return "OpenSky refused the credentials (HTTP \(s)), also with a fresh token"
        case let .rejected(s, body): return "OpenSky answered HTTP \(s): \(body.prefix(200))"
        case let .gaveUp(n, last): return "gave up after \(n) attempts; last problem: \(last)"
        case let .waitTooLong(wait, status, limit):
            return "OpenSky asked to wait \(NumberFormat.seconds(wait.seconds)) s (\(wait.header)) after HTTP \(status), "
                + "longer than --max-wait \(NumberFormat.seconds(limit)) s; this snapshot is given up"
        case .tokenFailed(let m): return "could not get an access token: \(m)"
        case .invalidURL(let u): return "\(u) is not a valid URL"
        }
    }

    public var hint: String? {
        switch self {
        case .unauthorized, .tokenFailed: return "check OPENSKY_CLIENT_ID and OPENSKY_CLIENT_SECRET, or unset them to fetch anonymously"
        case .rejected: return "check --bbox and --url"
        case .gaveUp: return "the service may be down or rate-limiting; try again later, or raise --max-retries"
        case .waitTooLong: return "fetch later, or raise --max-wait"
        case .invalidURL: return "pass --url http(s)://host/path"
        }
    }

    /// Whether only this snapshot failed (the service was down or rate-limiting), so the next
    /// one is worth trying; a refusal of the credentials or the request would fail them all.
    public var givesUpOnlyThisSnapshot: Bool {
        switch self {
        case .gaveUp, .waitTooLong: return true
        case .unauthorized, .rejected, .tokenFailed, .invalidURL: return false
        }
    }
}

/// Fetches snapshots, one call at a time.
public final class OpenSkyFetcher {
    public let settings: OpenSkySettings
    private let transport: URLSessionTransport
    private let sleep: (Double) -> Void
    private let log: (String) -> Void
    private var token: (value: String, expires: Double)?
    private var random = SystemRandomNumberGenerator()

    public init(settings: OpenSkySettings, transport: URLSessionTransport, sleep: @escaping (Double) -> Void, log: @escaping (String) -> Void) {
        self.settings = settings
        self.transport = transport
        self.sleep = sleep
        self.log = log
    }

    /// One snapshot, as served, with its time.
    public func fetch() throws(FetchError) -> (bytes: [UInt8], time: Int64) {
        let url = try statesURL()
        var failures = 0
        var droppedToken = false
        while true {
            var request = URLRequest(url: url)
            request.setValue("application/json", forHTTPHeaderField: "Accept")
            if let bearer = try currentToken() { request.setValue("Bearer " + bearer, forHTTPHeaderField: "Authorization") }
            let problem: String
            var status: Int?
            var announced: AnnouncedWait?
            do {
                let response = try transport.send(request)
                status = response.status
                switch response.status {
                case 200:
                    do { return (response.body, try Snapshot.time(of: response.body)) } catch {
                        problem = "the response is not a snapshot (\(error.detail.message))"
                    }
                case 401, 403:
                    guard settings.clientID != nil, !droppedToken else { throw FetchError.unauthorized(status: response.status) }
                    droppedToken = true
                    token = nil
                    log("HTTP \(response.status): dropping the access token and trying once more")
                    continue
                case 429, 503:
                    problem = response.status == 429 ? "HTTP 429 (rate limited)" : "HTTP 503"
                    announced = AnnouncedWait.of(response, now: Date())
                case 500...599:
                    problem = "HTTP \(response.status)"
                default:
                    throw FetchError.rejected(status: response.status, body: String(decoding: response.body, as: UTF8.self))
                }
            } catch let error as TransportError {
                problem = error.description
            } catch let error as FetchError {
                throw error
            } catch {
                problem = "\(error)"
            }
            failures += 1
            guard failures <= settings.maxRetries else { throw .gaveUp(attempts: failures, last: problem) }
            if let announced, let status, announced.seconds > settings.maxWait {
                throw .waitTooLong(announced, status: status, limit: settings.maxWait)
            }
            let delay = announced?.seconds ?? min(backoff(failures), settings.maxWait)
            log("\(problem); retrying in \(NumberFormat.retryDelay(delay)) s (\(failures)/\(settings.maxRetries))")
            sleep(delay)
        }
    }

    /// base · 2^(n−1), capped, plus up to 50 % jitter so clients do not retry in step.
    func backoff(_ failures: Int) -> Double {
        let exponential = min(settings.maxBackoff, settings.backoffBase * Double(1 << min(failures - 1, 20)))
        return exponential * (1 + Double.random(in: 0..<0.5, using: &random))
    }

    private func statesURL() throws(FetchError) -> URL {
        var components = URLComponents(string: settings.baseURL.hasSuffix("/") ? settings.baseURL + "states/all" : settings.baseURL + "/states/all")
        var items: [URLQueryItem] = []
        if let b = settings.box {
            items += [URLQueryItem(name: "lamin", value: "\(b.latMin)"), URLQueryItem(name: "lomin", value: "\(b.lonMin)"),
                      URLQueryItem(name: "lamax", value: "\(b.latMax)"), URLQueryItem(name: "lomax", value: "\(b.lonMax)")]
        }
        if settings.extended { items.append(URLQueryItem(name: "extended", value: "1")) }
        if !items.isEmpty { components?.queryItems = items }
        guard let url = components?.url, url.scheme == "http" || url.scheme == "https" else { throw .invalidURL(settings.baseURL) }
        return url
    }

    /// The bearer token to send, requesting one when needed; nil when fetching anonymously.
    private func currentToken() throws(FetchError) -> String? {
        guard let id = settings.clientID, let secret = settings.clientSecret else { return nil }
        let now = ProcessInfo.processInfo.systemUptime
        if let token, token.expires > now { return token.value }
        guard let url = URL(string: settings.tokenURL) else { throw .invalidURL(settings.tokenURL) }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data("grant_type=client_credentials&client_id=\(Self.formEncoded(id))&client_secret=\(Self.formEncoded(secret))".utf8)
        let response: HTTPResponse
        do { response = try transport.send(request) } catch { throw .tokenFailed(error.description) }
        guard response.status == 200 else { throw .tokenFailed("HTTP \(response.status) from \(settings.tokenURL)") }
        let parsed = try? JSONValue.parse(response.body)
        guard case .string(let value)? = parsed?["access_token"] else { throw .tokenFailed("no access_token in the answer") }
        var lifetime = 300.0
        if case .number(let n)? = parsed?["expires_in"], let seconds = n.double() { lifetime = seconds }
        // Renew 30 s early so a token never expires in flight.
        token = (value, now + max(0, lifetime - 30))
        return value
    }

    static func formEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// Seconds for messages, without locale: whole seconds as integers ("3600"), others with one
/// decimal ("1.5"); log lines of retries always with one decimal ("1.0").
enum NumberFormat {
    static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : NumberText.fixed(value, 1)
    }

    static func retryDelay(_ value: Double) -> String { NumberText.fixed(value, 1) }
}
