// `lakemake fetch opensky` (flights.md §10): snapshots of OpenSky's /states/all, each written as
// served to raw/flights/date=…/hour=…/flight_data_YYYYMMDD_HHMMSS.json, atomically. It takes no
// lock: it only adds raw files. Credentials come from the environment, never from arguments.
// With --count N, a snapshot that gives up (the service down or asking for too long a wait)
// is reported and the next one is still fetched; the exit status is 1 at the end. A refusal of
// the credentials or of the request stops at once: the next snapshot would be refused too.

import Arguments
import Foundation
import Pipelines

enum FetchOpenSkyCommand: LakemakeCommand {
    /// The options of `lakemake fetch opensky`.
    enum Options {
        static let bbox: Option<BoundingBox?> = .value(
            "bbox", valueName: "LAMIN,LOMIN,LAMAX,LOMAX", help: "Only states inside this box.") { text throws(ValidationError) in
            do throws(FlightQueryError) { return try BoundingBox(parsing: text) } catch { throw ValidationError(error) }
        }
        static let extended: Option<Bool> = .flag("extended", help: "Ask for the aircraft category (extended=1).")
        static let count: Option<Int> = .integer("count", valueName: "N", defaultValue: 1, in: 1...1_000_000, help: "Snapshots to fetch.")
        static let interval: Option<Double> = seconds("interval", defaultValue: "10", help: "Seconds between snapshots.")
        static let url: Option<String> = .value("url", valueName: "BASE", defaultValue: "https://opensky-network.org/api", help: "The API base URL.")
        static let tokenURL: Option<String?> = .value(
            "token-url", valueName: "URL", environmentVariable: "OPENSKY_TOKEN_URL", help: "The OAuth2 token endpoint (default: OpenSky's).")
        static let maxRetries: Option<Int> = .integer(
            "max-retries", valueName: "N", defaultValue: 5, in: 0...100, help: "Retries per snapshot before giving up.")
        static let retryBase: Option<Double> = seconds("retry-base", defaultValue: "1", help: "First backoff delay; doubles on each retry.")
        static let timeout: Option<Double> = seconds("timeout", defaultValue: "30", help: "Timeout of one request.")
        static let maxWait: Option<Double> = seconds("max-wait", defaultValue: "300", help: "Longest single wait; a longer announced wait gives the snapshot up.")

        /// A number of seconds, zero or more.
        private static func seconds(_ long: String, defaultValue: String, help: String) -> Option<Double> {
            .value(long, valueName: "SECONDS", defaultValue: defaultValue, help: help) { text throws(ValidationError) in
                guard let seconds = Double(text), seconds.isFinite, seconds >= 0 else {
                    throw ValidationError("--\(long) \(text): expected a number of seconds")
                }
                return seconds
            }
        }
    }

    static let spec = CommandSpec(
        name: "opensky",
        abstract: "Fetch OpenSky /states/all snapshots into raw/flights/.",
        discussion: "Authenticates with OAuth2 client credentials from OPENSKY_CLIENT_ID and OPENSKY_CLIENT_SECRET (the token is reused until it expires), anonymously otherwise. HTTP 429 and 503 wait what X-Rate-Limit-Retry-After-Seconds or Retry-After (seconds or an HTTP date) announce, else back off; a wait longer than --max-wait gives that snapshot up. 5xx, timeouts and truncated answers are retried with exponential backoff and jitter; 401/403 drops the token once. With --count, a snapshot that gives up does not stop the next ones (exit 1 at the end). Only complete snapshots are written.",
        options: [
            Options.bbox.spec, Options.extended.spec, Options.count.spec, Options.interval.spec, Options.url.spec,
            Options.tokenURL.spec, Options.maxRetries.spec, Options.retryBase.spec, Options.timeout.spec, Options.maxWait.spec,
        ],
        examples: [.init("lakemake fetch opensky --bbox 45,5,55,15 --count 6 --interval 300")])

    static func run(_ inv: Invocation) throws -> Int32 {
        let p = inv.parsed
        var settings = OpenSkySettings()
        settings.baseURL = p[Options.url]
        if let tokenURL = p[Options.tokenURL] { settings.tokenURL = tokenURL }
        let env = ProcessInfo.processInfo.environment
        if let id = env["OPENSKY_CLIENT_ID"], let secret = env["OPENSKY_CLIENT_SECRET"], !id.isEmpty, !secret.isEmpty {
            settings.clientID = id
            settings.clientSecret = secret
        }
        settings.box = p[Options.bbox]
        settings.extended = p[Options.extended]
        settings.maxRetries = p[Options.maxRetries]
        settings.backoffBase = p[Options.retryBase]
        settings.maxWait = p[Options.maxWait]
        let timeout = p[Options.timeout]
        let count = p[Options.count]
        let interval = p[Options.interval]
        try inv.requireLake()

        let out = inv.output
        let fetcher = OpenSkyFetcher(settings: settings, transport: URLSessionTransport(timeout: timeout),
                                     sleep: { Thread.sleep(forTimeInterval: $0) }, log: { out.error("fetch: " + $0) })
        let writer = RawFileWriter(lake: inv.lake)
        var givenUp: [FetchError] = []
        for n in 0..<count {
            if n > 0 { Thread.sleep(forTimeInterval: interval) }
            let snapshot: (bytes: [UInt8], time: Int64)
            do { snapshot = try fetcher.fetch() } catch {
                guard count > 1, error.givesUpOnlyThisSnapshot else { throw FetchFailure(error: error) }
                out.error("fetch: snapshot \(n + 1) of \(count) given up: \(error.message)")
                givenUp.append(error)
                continue
            }
            let path = SnapshotFileName.folder(for: snapshot.time) + SnapshotFileName.fileName(for: snapshot.time)
            if writer.exists(path) {
                out.print("kept \(path) (already there)")
                continue
            }
            do { try writer.write(snapshot.bytes, to: path, replace: true) } catch {
                throw CommandError.invalid(error.message, hint: "check that the lake is writable")
            }
            out.print("fetched \(path) (\(snapshot.bytes.count) bytes)")
        }
        if let last = givenUp.last { throw FetchFailure(error: last, givenUp: givenUp.count, of: count) }
        return 0
    }
}

/// A fetch that gave up: exit status 1 with the fetcher's reason, or, after --count N went on
/// past snapshots that gave up, how many did (each was reported as it happened).
struct FetchFailure: UserFacingError {
    let error: FetchError
    var givenUp = 1
    var of = 1

    init(error: FetchError, givenUp: Int = 1, of count: Int = 1) {
        self.error = error
        self.givenUp = givenUp
        self.of = count
    }

    var message: String { of > 1 ? "\(givenUp) of \(of) snapshots failed; the last: \(error.message)" : error.message }
    var suggestion: String? { error.hint }
    var exitStatus: Int32 { 1 }
}
