// `lakemake init [DIR]`: a new lake with its folders, an example rules file and one sample raw
// file, so that `cd DIR && lakemake build` works at once. It never overwrites rules.

import Arguments
import Foundation

enum InitCommand: LakemakeCommand {
    /// The argument of `lakemake init`.
    enum Options {
        static let directory: Argument<String?> = .optional("DIR", help: "Where to create the lake (default: the current folder).")
    }

    static let spec = CommandSpec(
        name: "init",
        abstract: "Create DIR/lake/ with its folders and DIR/rules/example.rules.",
        discussion: "Adds a sample raw file and a working copy rule, so 'cd DIR && lakemake build' builds something. Existing folders are kept; an existing rules/example.rules is never overwritten.",
        arguments: [Options.directory.spec],
        examples: [.init("lakemake init demo && cd demo && lakemake build")])

    static let folders = ["raw", "reference", "processed", "metrics", "reports", "rejected"]

    static let exampleRules = """
        # lakemake rules: each rule turns the files matching its first `in` line into its `out` files.
        # Every *.rules file in this folder is read, in name order.

        # Each text file landing in raw/example/ is copied to processed/example/.
        rule example_copy
          in   raw/example/{name}.txt
          out  processed/example/{name}.txt
          run  copy

        # Any shell command can be a rule: {in} and {out} are substituted (shell-quoted) and the
        # command writes {out}. Remove the leading '# ' to count the lines of every copy.
        # rule example_lines
        #   in   processed/example/{name}.txt
        #   out  reports/example/{name}.lines
        #   run  sh wc -l < {in} > {out}

        """

    static let sampleFile = (path: "raw/example/hello.txt", text: "hello, lake\n")

    static func run(_ inv: Invocation) throws -> Int32 {
        let given = inv.parsed[Options.directory] ?? "."
        let dir = Invocation.absolute(given)
        let fm = FileManager.default
        let rulesFile = dir + "/rules/example.rules"
        if fm.fileExists(atPath: rulesFile) {
            throw CommandError.invalid("\(rulesFile) already exists; not overwriting it",
                                       hint: "choose another DIR, or edit the rules that are there")
        }
        do {
            for folder in folders {
                try fm.createDirectory(atPath: dir + "/lake/" + folder, withIntermediateDirectories: true)
            }
            try fm.createDirectory(atPath: dir + "/rules", withIntermediateDirectories: true)
            try Data(exampleRules.utf8).write(to: URL(fileURLWithPath: rulesFile), options: .withoutOverwriting)
            let sample = dir + "/lake/" + sampleFile.path
            if !fm.fileExists(atPath: sample) {
                try fm.createDirectory(atPath: (sample as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(sampleFile.text.utf8).write(to: URL(fileURLWithPath: sample), options: .withoutOverwriting)
            }
        } catch {
            throw CommandError.invalid("could not create the lake in \(dir): \(error.localizedDescription)",
                                       hint: "check that the folder is writable")
        }
        inv.output.print("created \(dir)/lake/ and \(dir)/rules/example.rules")
        inv.output.print("next: cd \(given) && lakemake build")
        return 0
    }
}
