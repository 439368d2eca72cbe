// An action is a named, versioned, pure function from input files to output bytes. The engine
// knows nothing about sales or flights: pipelines register their actions in an
// `ActionRegistry`, and the rules name them. Bumping `version` changes every key of the
// action's targets, so exactly those outputs rebuild (Shake's `versioned`).

/// A built-in action that rules can `run`.
public struct Action: Sendable {
    public let name: String
    /// Part of every target key: bump it whenever the action's output for the same input changes.
    public let version: Int
    public let perform: @Sendable (ActionContext) throws(ActionError) -> ActionResult

    public init(name: String, version: Int, perform: @escaping @Sendable (ActionContext) throws(ActionError) -> ActionResult) {
        self.name = name
        self.version = version
        self.perform = perform
    }
}

/// What an action is given: its inputs line by line, its wildcard values and parameters,
/// the output paths it must produce, and a way to read input files.
public struct ActionContext: Sendable {
    public let rule: String
    public let binding: Binding
    public let parameters: [Parameter]
    /// Inputs per `in` line, members sorted bytewise; absent aggregate members are left out.
    public let inputs: [[String]]
    /// Per `in` line, the planned members that are absent (their producer was rejected, failed
    /// or skipped in this build), sorted bytewise, each with the raw files whose rejection
    /// explains it. Lets an aggregate tell "rejected upstream" from "never arrived".
    public let absent: [[AbsentInput]]
    /// Final lake-relative output paths, in `out` order.
    public let outputs: [String]
    private let reader: @Sendable (String) throws(FileSystemError) -> [UInt8]
    private let opener: (@Sendable (Int) -> StreamedOutput)?

    /// - Parameter opener: makes the stream of output `i` (`openOutput`); nil gathers streamed
    ///   outputs in memory (an action called outside a build).
    public init(rule: String, binding: Binding, parameters: [Parameter], inputs: [[String]], absent: [[AbsentInput]] = [],
                outputs: [String], reader: @escaping @Sendable (String) throws(FileSystemError) -> [UInt8],
                opener: (@Sendable (Int) -> StreamedOutput)? = nil) {
        self.rule = rule
        self.binding = binding
        self.parameters = parameters
        self.inputs = inputs
        self.absent = absent
        self.outputs = outputs
        self.reader = reader
        self.opener = opener
    }

    /// A stream for output `index` (in `out` order), to be written as the output is made and
    /// returned in `ActionResult.written`: in a build its bytes go straight to the output's
    /// temporary file.
    public func openOutput(_ index: Int) throws(ActionError) -> StreamedOutput {
        guard outputs.indices.contains(index) else { throw .wrongOutputCount(expected: outputs.count, got: index + 1) }
        return opener?(index) ?? StreamedOutput(index: index)
    }

    /// The absent members of `in` line `line` (empty when the line has none).
    public func absent(line: Int) -> [AbsentInput] { absent.indices.contains(line) ? absent[line] : [] }

    /// Reads one input file.
    public func read(_ path: String) throws(ActionError) -> [UInt8] {
        do { return try reader(path) } catch { throw .io(error) }
    }

    /// The value of a `key=value` parameter of the `run` line.
    public func parameter(_ key: String) -> String? { parameters.first { $0.key == key }?.value }
}

/// A planned input that was not produced in this build, and why.
///
/// The engine follows skipped targets back up their first `in` line to the rejection that
/// started the chain: a store's metrics file is absent because its Parquet was not built
/// because `raw/sales/store_0003_2025-11-20.json` was rejected. Those raw files also enter the
/// reading target's key, so an output that says "rejected" is rebuilt when the reason changes.
public struct AbsentInput: Sendable, Equatable {
    /// The lake-relative path that was planned but not produced.
    public var path: String
    /// The rejected raw files behind the absence, sorted; empty when it failed instead (an
    /// I/O error, a failing command), which is retried on the next build.
    public var rejectedSources: [String]

    public init(path: String, rejectedSources: [String]) {
        self.path = path
        self.rejectedSources = rejectedSources
    }

    /// True when a rejection, not a failure, explains the absence.
    public var isRejected: Bool { !rejectedSources.isEmpty }
}

/// What an action returns.
public enum ActionResult: Sendable, Equatable {
    /// One byte string per output, plus inputs it rejected but could do without
    /// (an aggregate that skips a bad member).
    case outputs([[UInt8]], rejections: [Rejection])
    /// One stream per output, in `out` order, each opened with `ActionContext.openOutput` and
    /// written whole: outputs made in pieces, never whole in memory.
    case written([StreamedOutput], rejections: [Rejection])
    /// The target's main input is invalid: nothing is produced.
    case rejected([Rejection])
}

extension ActionResult {
    /// Each output's bytes and the rejections, for an action run outside a build (its streams
    /// gathered in memory); nil for a rejection.
    public var outputBytes: (outputs: [[UInt8]], rejections: [Rejection])? {
        switch self {
        case .outputs(let outputs, let rejections): return (outputs, rejections)
        case .written(let streams, let rejections): return (streams.map(\.bytes), rejections)
        case .rejected: return nil
        }
    }
}

/// A data problem in one input file, with precise positions.
public struct Rejection: Sendable, Equatable {
    /// The lake-relative path of the rejected input.
    public var path: String
    /// The first errors found (at most 100 are kept), in file order.
    public var errors: [RejectionDetail]
    /// How many errors there were in all, which may exceed `errors.count`.
    public var totalErrors: Int

    public init(path: String, errors: [RejectionDetail], totalErrors: Int? = nil) {
        self.path = path
        self.errors = Array(errors.prefix(100))
        self.totalErrors = totalErrors ?? errors.count
    }
}

/// One error inside a rejected file.
public struct RejectionDetail: Sendable, Equatable {
    public var line: Int?
    public var column: Int?
    /// A JSON path such as `$[3].unit_price`, or a column name.
    public var path: String?
    public var message: String

    public init(line: Int? = nil, column: Int? = nil, path: String? = nil, message: String) {
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }
}

/// Why an action could not run at all (as opposed to finding its input invalid).
public enum ActionError: Error, Sendable, Equatable {
    case io(FileSystemError)
    case commandFailed(status: Int32, stderr: String)
    case outputNotWritten(String)
    case wrongOutputCount(expected: Int, got: Int)
    case unknownAction(String)
    case missingInput(String)
    case failed(String)

    public var message: String {
        switch self {
        case .io(let e): return e.message
        case .commandFailed(let status, let stderr):
            let tail = stderr.split(separator: "\n").suffix(5).joined(separator: "\n")
            return "command exited with status \(status)" + (tail.isEmpty ? "" : ": \(tail)")
        case .outputNotWritten(let p): return "the command did not write \(p)"
        case .wrongOutputCount(let e, let g): return "the action produced \(g) outputs, the rule declares \(e)"
        case .unknownAction(let n): return "no built-in action named '\(n)'"
        case .missingInput(let p): return "input \(p) does not exist"
        case .failed(let m): return m
        }
    }
}
