// `lakemake gen …`: deterministic sample data. This file only declares the parent command and
// dispatches to one subcommand per pipeline, each in its own file.

import Arguments

enum GenCommand: LakemakeCommand {
    static var subcommands: [any LakemakeCommand.Type] { [GenSalesCommand.self, GenFlightsCommand.self] }

    static let spec = CommandSpec(
        name: "gen",
        abstract: "Generate deterministic sample data into the lake's raw/ folder (same seed, same bytes).",
        subcommands: subcommands.map { $0.spec })

    static func run(_ inv: Invocation) throws -> Int32 {
        let name = inv.parsed.commandPath.dropFirst().first
        guard let command = subcommands.first(where: { $0.spec.name == name }) else {
            throw CommandError.invalid("gen needs a subcommand: " + subcommands.map { $0.spec.name }.joined(separator: ", "),
                                       hint: "run 'lakemake gen --help'")
        }
        return try command.run(inv)
    }
}
