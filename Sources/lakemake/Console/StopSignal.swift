// Ctrl-C and SIGTERM for long-running commands. The handler only writes the signal's number
// to a pipe (all a handler may safely do); a thread reads it and acts outside the handler.
// `watch` checks the flag between builds; `build` hands a `StopRequest` to the engine, which
// starts no further target, and the signal is forwarded to the process groups of the shell
// commands running, so none keeps writing after lakemake exits.

import Foundation
import Glibc
import LakeBuild

/// Set once a stop was requested; read by `watch` between builds.
nonisolated(unsafe) private var stopFlag: sig_atomic_t = 0
/// The write end of the pipe the handler reports signals on.
nonisolated(unsafe) private var signalPipe: Int32 = -1

enum StopSignal {
    /// Installs the handlers; every SIGINT or SIGTERM from now on stops `request` (when given)
    /// and is forwarded to the running shell commands.
    static func install(forwardingTo request: StopRequest? = nil) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        signalPipe = fds[1]
        let readEnd = fds[0]
        Thread.detachNewThread {
            var byte: UInt8 = 0
            while true {
                let n = read(readEnd, &byte, 1)
                if n < 0 && errno == EINTR { continue }
                guard n == 1 else { return }
                request?.stop(signal: Int32(byte))
                RunningCommands.shared.signalAll(Int32(byte))
            }
        }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            stopFlag = 1
            var byte = UInt8(truncatingIfNeeded: signal)
            _ = write(signalPipe, &byte, 1)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
        sigaction(SIGTERM, &action, nil)
    }

    static var requested: Bool { stopFlag != 0 }

    /// `SIGINT`, `SIGTERM`, or the number.
    static func name(_ signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        default: return "signal \(signal)"
        }
    }
}
