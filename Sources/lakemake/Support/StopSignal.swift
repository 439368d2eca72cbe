// Ctrl-C and SIGTERM for long-running commands: the handler only sets a flag, and the command's
// loop checks it between builds, so a build is never cut in half by the signal itself.

import Glibc

/// Set by the SIGINT/SIGTERM handler; read by `watch` between builds.
nonisolated(unsafe) private var stopFlag: sig_atomic_t = 0

/// Installs the handlers and tells whether a stop was requested.
enum StopSignal {
    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in stopFlag = 1 }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        sigaction(SIGTERM, &action, nil)
    }

    static var requested: Bool { stopFlag != 0 }
}
