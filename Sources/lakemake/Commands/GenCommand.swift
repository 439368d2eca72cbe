// `lakemake gen …`: deterministic sample data. This file only declares the parent command and
// dispatches to one subcommand per pipeline, each in its own file.

import Arguments

enum GenCommand: LakemakeCommandGroup {
    static var subcommands: [any LakemakeCommand.Type] { [GenSalesCommand.self, GenFlightsCommand.self] }

    static let spec = CommandSpec(
        name: "gen",
        abstract: "Generate deterministic sample data into the lake's raw/ folder (same seed, same bytes).",
        subcommands: subcommands.map { $0.spec })
}
