// `lakemake flights …`: the flight pipeline's read commands. This file declares the parent and
// dispatches; each subcommand has its own file.

import Arguments

enum FlightsCommand: LakemakeCommand {
    static var subcommands: [any LakemakeCommand.Type] { [FlightsQueryCommand.self] }

    static let spec = CommandSpec(
        name: "flights",
        abstract: "Query the flight pipeline's hourly Parquet.",
        subcommands: [FlightsQueryCommand.spec])

    static func run(_ inv: Invocation) throws -> Int32 {
        let name = inv.parsed.commandPath.dropFirst().first
        guard let command = subcommands.first(where: { $0.spec.name == name }) else {
            throw CommandError.invalid("flights needs a subcommand: query", hint: "run 'lakemake flights --help'")
        }
        return try command.run(inv)
    }
}
