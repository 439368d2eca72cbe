// `lakemake gen …`: deterministic sample data. This file only declares the parent command and
// dispatches; each pipeline's generator is its own command file.

import Arguments

enum GenCommand: LakemakeCommand {
    static var subcommands: [any LakemakeCommand.Type] { [GenSalesCommand.self] }

    static let spec = CommandSpec(
        name: "gen",
        abstract: "Generate deterministic sample data into the lake's raw/ folder.",
        subcommands: subcommands.map { $0.spec })

    static func run(_ inv: Invocation) throws -> Int32 {
        let name = inv.parsed.commandPath.dropFirst().first
        guard let command = subcommands.first(where: { $0.spec.name == name }) else {
            throw CommandError.invalid("gen needs a kind of data", hint: "run 'lakemake gen --help' for the choices")
        }
        return try command.run(inv)
    }
}
