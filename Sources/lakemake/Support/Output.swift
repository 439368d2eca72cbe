// Where commands print: data to stdout, errors and progress to stderr. Colour and progress
// only on a terminal, and never with NO_COLOR.

import Foundation
import Glibc

/// The process's output streams.
final class Output: @unchecked Sendable {
    static let standard = Output()

    private let lock = NSLock()
    /// True when stderr is a terminal: progress lines may be drawn there.
    let isTerminal: Bool
    /// Colour allowed: a terminal and no NO_COLOR.
    let colour: Bool
    private var progressShown = false

    init() {
        isTerminal = isatty(2) == 1
        colour = isTerminal && isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    func print(_ text: String) { write(1, text + "\n") }

    func error(_ text: String) { write(2, text + "\n") }

    /// Redraws a one-line progress indicator on a terminal; does nothing otherwise.
    func progress(_ text: String) {
        guard isTerminal else { return }
        lock.lock()
        progressShown = true
        lock.unlock()
        write(2, "\r\u{1B}[K" + text)
    }

    /// Clears the progress line, if one was drawn.
    func endProgress() {
        lock.lock()
        let shown = progressShown
        progressShown = false
        lock.unlock()
        if shown { write(2, "\r\u{1B}[K") }
    }

    func styled(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    private func write(_ fd: Int32, _ text: String) {
        lock.lock()
        defer { lock.unlock() }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            bytes = bytes.dropFirst(n)
        }
    }
}
