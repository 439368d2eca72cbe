// `lakemake fetch …`: pull data from outside services into raw/. This file declares the parent
// and dispatches; each source has its own file.

import Arguments

enum FetchCommand: LakemakeCommandGroup {
    static var subcommands: [any LakemakeCommand.Type] { [FetchOpenSkyCommand.self] }

    static let spec = CommandSpec(
        name: "fetch",
        abstract: "Fetch data from outside services into raw/.",
        subcommands: [FetchOpenSkyCommand.spec])
}
