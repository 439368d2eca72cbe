// The engine's second test seam: how a planned target's action is carried out. The real
// runner calls the registered function or the shell; the fake one in tests records which
// targets ran, so minimality is asserted by counting invocations (Shake's appendFile trick).

import Catalog
import Foundation
import LakeFormats

/// Everything needed to run one target's action.
public struct ActionJob: Sendable {
    public var rule: String
    public var action: ActionInvocation
    public var binding: Binding
    public var inputs: [[String]]
    /// Planned members absent per `in` line (see `ActionContext.absent`).
    public var absent: [[AbsentInput]]
    public var outputs: [String]
    /// Raw and reference inputs → the SHA-256 the target's key was computed from. What the
    /// action reads is checked against it, so the bytes built are the bytes keyed (a file
    /// edited, or swapped for a link, during the build fails the target instead).
    public var sourceHashes: [String: String]
    /// Inputs the engine has already read, by path: these bytes are the content their hash in
    /// `sourceHashes` was computed from, so the action is given them instead of reading the
    /// file again (and hashing it again to check it).
    public var contents: [String: [UInt8]]

    public init(rule: String, action: ActionInvocation, binding: Binding, inputs: [[String]], absent: [[AbsentInput]] = [],
                outputs: [String], sourceHashes: [String: String] = [:], contents: [String: [UInt8]] = [:]) {
        self.rule = rule
        self.action = action
        self.binding = binding
        self.inputs = inputs
        self.absent = absent
        self.outputs = outputs
        self.sourceHashes = sourceHashes
        self.contents = contents
    }

    /// Reads an input through `fileSystem`, checking a source's bytes against its keyed hash;
    /// an input the engine has read already is given as it was read.
    func read(_ path: String, in fileSystem: FileSystem) throws(FileSystemError) -> [UInt8] {
        if let bytes = contents[path] { return bytes }
        let bytes = try fileSystem.read(path)
        if let expected = sourceHashes[path], SHA256.hex(SHA256.hash(bytes)) != expected { throw .changedDuringBuild(path) }
        return bytes
    }

    /// After a shell command: the first source input whose content is no longer the keyed one
    /// (the command read it by name, so a change during the run may have reached its output).
    func changedSource(in fileSystem: FileSystem) -> String? {
        for (path, expected) in sourceHashes.sorted(by: { LakePath.bytewiseLess($0.key, $1.key) }) {
            guard let now = try? fileSystem.hash(path), now.sha256 == expected else { return path }
        }
        return nil
    }
}

/// An output as the runner hands it over for publishing.
public enum ProducedOutput: Sendable, Equatable {
    /// Bytes to write to a temporary file and publish.
    case bytes([UInt8])
    /// A temporary file in `.lakemake/tmp/` already written (by a shell command, or by an
    /// action that streamed it), with its content when the writer knew it as it wrote (then the
    /// file is not read back to hash it).
    case temporaryFile(String, content: FileContent? = nil)
}

/// How a run ended.
public enum ActionOutcome: Sendable, Equatable {
    case produced([ProducedOutput], rejections: [Rejection])
    case rejected([Rejection])
    case failed(ActionError)
}

/// Runs actions. Implementations must be safe to call from several threads at once.
public protocol ActionRunner: Sendable {
    func run(_ job: ActionJob, in fileSystem: FileSystem) -> ActionOutcome
}

/// The production runner: built-in actions from the registry, and `sh` commands.
public struct BuiltinActionRunner: ActionRunner {
    public let registry: ActionRegistry
    /// Folder holding the `lakemake` executable, put first on `PATH` for `sh` rules.
    public let toolDirectory: String?
    /// Called with each `sh` command (placeholders substituted) just before it runs (`-v`).
    public var onShellCommand: (@Sendable (_ primaryOutput: String, _ command: String) -> Void)?

    public init(registry: ActionRegistry, toolDirectory: String? = nil) {
        self.registry = registry
        self.toolDirectory = toolDirectory
    }

    public func run(_ job: ActionJob, in fileSystem: FileSystem) -> ActionOutcome {
        switch job.action {
        case .shell(let command, _):
            return ShellCommand(template: command, toolDirectory: toolDirectory, onCommand: onShellCommand).run(job, in: fileSystem)
        case .builtin(let name, let parameters, _):
            guard let action = registry[name] else { return .failed(.unknownAction(name)) }
            let opened = OpenedStreams()
            let context = ActionContext(
                rule: job.rule, binding: job.binding, parameters: parameters, inputs: job.inputs,
                absent: job.absent, outputs: job.outputs, reader: { path throws(FileSystemError) in try job.read(path, in: fileSystem) },
                opener: { i in
                    opened.add(StreamedOutput(index: i, temporaryPath: fileSystem.temporaryPath(for: job.outputs[i]), fileSystem: fileSystem))
                })
            do {
                switch try action.perform(context) {
                case .outputs(let outputs, let rejections):
                    opened.discardAll()
                    guard outputs.count == job.outputs.count else {
                        return .failed(.wrongOutputCount(expected: job.outputs.count, got: outputs.count))
                    }
                    return .produced(outputs.map { .bytes($0) }, rejections: rejections)
                case .written(let streams, let rejections):
                    guard streams.count == job.outputs.count else {
                        opened.discardAll()
                        return .failed(.wrongOutputCount(expected: job.outputs.count, got: streams.count))
                    }
                    guard streams.map(\.index) == Array(streams.indices), streams.allSatisfy({ s in opened.contains(s) }) else {
                        opened.discardAll()
                        return .failed(.failed("the action must return the streams it opened, one per output in `out` order"))
                    }
                    var produced: [ProducedOutput] = []
                    for s in streams { produced.append(try s.finish()) }
                    return .produced(produced, rejections: rejections)
                case .rejected(let rejections):
                    opened.discardAll()
                    return .rejected(rejections)
                }
            } catch {
                opened.discardAll()
                return .failed(error)
            }
        }
    }

    /// The version the key uses for an invocation: the registered action's, or 1 for `sh`
    /// (whose command text is part of the key instead).
    public func version(of invocation: ActionInvocation) -> Int? {
        switch invocation {
        case .shell: return 1
        case .builtin(let name, _, _): return registry[name]?.version
        }
    }
}

/// The output streams one run of an action opened, so those it does not hand back (it failed,
/// was rejected, or returned bytes instead) have their temporary files removed.
private final class OpenedStreams: @unchecked Sendable {
    private let lock = NSLock()
    private var streams: [StreamedOutput] = []

    func add(_ stream: StreamedOutput) -> StreamedOutput {
        lock.withLock { streams.append(stream) }
        return stream
    }

    func contains(_ stream: StreamedOutput) -> Bool { lock.withLock { streams.contains { $0 === stream } } }

    func discardAll() {
        for s in lock.withLock({ streams }) { s.discard() }
    }
}
