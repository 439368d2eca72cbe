// `lakemake fetch …`: pull data from outside services into raw/. This file declares the parent
// and dispatches; each source has its own file.

import Arguments

enum FetchCommand: LakemakeCommand {
    static var subcommands: [any LakemakeCommand.Type] { [FetchOpenSkyCommand.self] }

    static let spec = CommandSpec(
        name: "fetch",
        abstract: "Fetch data from outside services into raw/.",
        subcommands: [FetchOpenSkyCommand.spec])

    static func run(_ inv: Invocation) throws -> Int32 {
        let name = inv.parsed.commandPath.dropFirst().first
        guard let command = subcommands.first(where: { $0.spec.name == name }) else {
            throw CommandError.invalid("fetch needs a source: opensky", hint: "run 'lakemake fetch --help'")
        }
        return try command.run(inv)
    }
}
