// `run sh COMMAND`: the command runs in the lake root through /bin/sh with `lakemake` first
// on PATH. `{in}`, `{in1}`…, `{out}`, `{out1}`… and `{wildcard}` are replaced by shell-quoted
// values; outputs are temporary paths that the engine publishes only when the command exits 0
// and wrote every one of them. The command runs in a process group of its own (`ChildProcess`),
// so a build that is stopped forwards the signal to it and waits.

import Foundation

struct ShellCommand {
    let template: String
    let toolDirectory: String?
    /// Told each command just before it runs (`build -v`).
    var onCommand: (@Sendable (_ primaryOutput: String, _ command: String) -> Void)? = nil

    func run(_ job: ActionJob, in fileSystem: FileSystem) -> ActionOutcome {
        let temps = job.outputs.map { fileSystem.temporaryPath(for: $0) }
        var values: [String: [String]] = ["in": job.inputs.flatMap { $0 }, "out": temps]
        for (i, line) in job.inputs.enumerated() { values["in\(i + 1)"] = line }
        for (i, t) in temps.enumerated() { values["out\(i + 1)"] = [t] }
        for pair in job.binding.pairs where values[pair.name] == nil { values[pair.name] = [pair.value] }
        let command = ShellCommand.substitute(template, values)

        // Make sure the temporary folder exists before the command writes into it.
        if let first = temps.first {
            do { try fileSystem.writeTemporary([], to: first) } catch { return .failed(.io(error)) }
        }

        var environment = ProcessInfo.processInfo.environment
        if let toolDirectory {
            environment["PATH"] = toolDirectory + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        }
        onCommand?(job.outputs.first ?? "", command)
        let exit: ChildExit
        do {
            exit = try ChildProcess.runShell(command, in: fileSystem.absolute(""), environment: environment)
        } catch {
            for t in temps { try? fileSystem.remove(t) }
            return .failed(error)
        }
        guard exit.status == 0 else {
            for t in temps { try? fileSystem.remove(t) }
            var errorText = String(decoding: exit.stderrTail, as: UTF8.self)
            if exit.stderrBytes > exit.stderrTail.count {
                errorText = "[\(exit.stderrBytes) bytes on standard error; the last \(exit.stderrTail.count) kept]\n" + errorText
            }
            return .failed(.commandFailed(status: exit.status, stderr: errorText))
        }
        for (t, out) in zip(temps, job.outputs) where fileSystem.stat(t) == nil {
            return .failed(.outputNotWritten(out))
        }
        if let changed = job.changedSource(in: fileSystem) {
            for t in temps { try? fileSystem.remove(t) }
            return .failed(.io(.changedDuringBuild(changed)))
        }
        return .produced(temps.map { .temporaryFile($0) }, rejections: [])
    }

    /// Replaces `{name}` for every known name; other braces (`${HOME}`) are left alone.
    static func substitute(_ template: String, _ values: [String: [String]]) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"),
               let list = values[String(rest[afterOpen..<close])],
               open == rest.startIndex || rest[rest.index(before: open)] != "$" {
                result += list.map(quote).joined(separator: " ")
                rest = rest[rest.index(after: close)...]
            } else {
                result += "{"
                rest = rest[afterOpen...]
            }
        }
        return result + rest
    }

    /// POSIX single-quoting.
    static func quote(_ s: String) -> String {
        if !s.isEmpty && s.allSatisfy({ $0.isLetter || $0.isNumber || "/._-=+,:@".contains($0) }) && s.allSatisfy(\.isASCII) {
            return s
        }
        return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
