// `lakemake flights …`: the flight pipeline's read commands. This file declares the parent and
// dispatches; each subcommand has its own file.

import Arguments

enum FlightsCommand: LakemakeCommandGroup {
    static var subcommands: [any LakemakeCommand.Type] { [FlightsQueryCommand.self] }

    static let spec = CommandSpec(
        name: "flights",
        abstract: "Query the flight pipeline's hourly Parquet.",
        subcommands: [FlightsQueryCommand.spec])
}
