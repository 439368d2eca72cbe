// A shell command as a child process of its own: spawned with posix_spawn into a new process
// group, so a stop signal can be forwarded to the command and everything it started (and the
// terminal's Ctrl-C does not reach it behind lakemake's back), with its standard error kept to
// a bounded tail.

import CLinux
import Foundation
import Glibc

/// The process groups of the shell commands running now. A build that is asked to stop sends
/// the signal to each, then waits for them, so no command is left writing after lakemake exits.
public final class RunningCommands: @unchecked Sendable {
    public static let shared = RunningCommands()

    private let lock = NSLock()
    private var groups = Set<pid_t>()
    /// The stop signal forwarded, once one was.
    private var stoppedBy: Int32?

    /// True once a stop signal was forwarded: commands ending now are made sure to end whole.
    var isStopping: Bool { lock.lock(); defer { lock.unlock() }; return stoppedBy != nil }

    /// Registers a command's process group. A command spawned just as a stop signal was
    /// forwarded (after its spawn, before this call) gets the signal now: it may already be
    /// running, and would otherwise run to its end.
    func add(_ group: pid_t) {
        lock.lock()
        groups.insert(group)
        let late = stoppedBy
        lock.unlock()
        if let late { kill(-group, late) }
    }

    func remove(_ group: pid_t) { lock.lock(); groups.remove(group); lock.unlock() }

    /// Sends `signal` to every running command's process group.
    public func signalAll(_ signal: Int32) {
        lock.lock()
        stoppedBy = signal
        let now = groups
        lock.unlock()
        for group in now { kill(-group, signal) }
    }
}

/// How a child process ended.
struct ChildExit {
    /// The exit status, or 128 + the signal number when a signal ended it (as a shell reports it).
    var status: Int32
    /// The last bytes of what it wrote to standard error, at most `ChildProcess.stderrLimit`.
    var stderrTail: [UInt8]
    /// How many bytes it wrote to standard error in all.
    var stderrBytes: Int
}

enum ChildProcess {
    /// The part of a command's standard error that is kept (the rest only counted): a failing
    /// command that prints megabytes on every retry must not grow the catalog by as much.
    static let stderrLimit = 64 * 1024

    /// lakemake adopts what its commands leave behind (once per process), so after a stop it
    /// can wait for every process of a command's group, not only the shell.
    private static let adoptsOrphans: Bool = lakemake_become_subreaper() == 0

    /// Runs `/bin/sh -c command` in `directory` with `environment`, in a new process group;
    /// standard input is /dev/null, standard output is lakemake's.
    static func runShell(_ command: String, in directory: String, environment: [String: String]) throws(ActionError) -> ChildExit {
        _ = adoptsOrphans
        var pipeFDs: [Int32] = [-1, -1]
        guard lakemake_pipe_cloexec(&pipeFDs) == 0 else { throw .failed("cannot create a pipe: \(FileSystemError.describe(errno: errno))") }
        let (readEnd, writeEnd) = (pipeFDs[0], pipeFDs[1])

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 2)
        lakemake_spawn_add_chdir(&actions, directory)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), empty = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        sigaddset(&defaults, SIGPIPE)
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var arguments: [UnsafeMutablePointer<CChar>?] = []
        for word in ["/bin/sh", "-c", command] { arguments.append(strdup(word)) }
        var environmentLines: [UnsafeMutablePointer<CChar>?] = []
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { environmentLines.append(strdup("\(key)=\(value)")) }
        defer {
            for p in arguments { free(p) }
            for p in environmentLines { free(p) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, arguments + [nil], environmentLines + [nil])
        close(writeEnd)
        guard spawned == 0 else {
            close(readEnd)
            throw .failed("could not start /bin/sh: \(FileSystemError.describe(errno: spawned))")
        }
        RunningCommands.shared.add(pid)
        defer { RunningCommands.shared.remove(pid) }

        var tail: [UInt8] = []
        var total = 0
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            total += n
            tail.append(contentsOf: chunk[0..<n])
            if tail.count > 2 * stderrLimit { tail.removeFirst(tail.count - stderrLimit) }
        }
        close(readEnd)
        if tail.count > stderrLimit { tail.removeFirst(tail.count - stderrLimit) }

        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) < 0 && errno == EINTR {}
        reapGroup(pid)
        let signal = waitStatus & 0x7F
        let status = signal == 0 ? (waitStatus >> 8) & 0xFF : 128 + signal
        return ChildExit(status: status, stderrTail: tail, stderrBytes: total)
    }

    /// After the shell of group `group` ended: when the build is stopping, what is left of the
    /// group is killed and waited for (it was adopted, so it can be), so nothing the command
    /// started outlives lakemake; otherwise finished members are only reaped.
    private static func reapGroup(_ group: pid_t) {
        guard adoptsOrphans else { return }
        if RunningCommands.shared.isStopping {
            kill(-group, SIGKILL)
            while waitpid(-group, nil, 0) > 0 || errno == EINTR {}
        } else {
            while waitpid(-group, nil, WNOHANG) > 0 {}
        }
    }
}
