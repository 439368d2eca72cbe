// Where commands print: data to stdout, errors and progress to stderr. Escape codes (colour,
// the redrawn progress line) only on a terminal, and never with NO_COLOR or TERM=dumb.

import Foundation
import Glibc
import LakeFormats

/// The process's output streams.
final class Output: @unchecked Sendable {
    static let standard = Output()

    private let lock = NSLock()
    /// True when stderr is a terminal: someone is watching, so failures are worth printing the
    /// moment they happen.
    let isTerminal: Bool
    /// A progress line may be redrawn on stderr: a terminal that takes escape codes, no NO_COLOR.
    let drawsProgress: Bool
    /// Colour allowed on stdout.
    let colour: Bool
    /// Colour allowed on stderr.
    let errorColour: Bool
    private var progressShown = false

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        // no-color.org: NO_COLOR set to anything but the empty string turns colour off.
        let plain = !(environment["NO_COLOR"] ?? "").isEmpty || environment["TERM"] == "dumb"
        isTerminal = isatty(2) == 1
        drawsProgress = isTerminal && !plain
        errorColour = drawsProgress
        colour = isatty(1) == 1 && !plain
    }

    func print(_ text: String) { write(1, text + "\n") }

    /// A line on stderr; a progress line being shown is cleared first (the next update redraws it).
    func error(_ text: String) { write(2, text + "\n") }

    /// Redraws a one-line progress indicator on a terminal; does nothing otherwise.
    func progress(_ text: String) {
        guard drawsProgress else { return }
        write(2, "\r\u{1B}[K" + text, progress: true)
    }

    /// Clears the progress line, if one was drawn.
    func endProgress() {
        lock.lock()
        defer { lock.unlock() }
        if progressShown { _ = FileDescriptorIO.writeAll(2, Array("\r\u{1B}[K".utf8)) }
        progressShown = false
    }

    /// `text` in an SGR colour (`"31"` red, `"32"` green, `"33"` yellow) when stdout takes colour.
    func styled(_ text: String, _ code: String) -> String { colour ? Output.paint(text, code) : text }

    /// The same for stderr.
    func styledError(_ text: String, _ code: String) -> String { errorColour ? Output.paint(text, code) : text }

    private static func paint(_ text: String, _ code: String) -> String { "\u{1B}[\(code)m\(text)\u{1B}[0m" }

    private func write(_ fd: Int32, _ text: String, progress: Bool = false) {
        lock.lock()
        defer { lock.unlock() }
        if fd == 2 && progressShown && !progress {
            // A line printed over a progress line starts on a cleared line.
            _ = FileDescriptorIO.writeAll(2, Array("\r\u{1B}[K".utf8))
        }
        if fd == 2 { progressShown = progress }
        // A closed terminal or pipe is not an error of the command's.
        _ = FileDescriptorIO.writeAll(fd, Array(text.utf8))
    }
}
