// `lakemake lineage PATH`: where a file came from (upstream, to the raw files) or what it
// feeds (`--down`), from the inputs each target recorded when it ran.

import Arguments
import Catalog
import Foundation

enum LineageCommand: LakemakeCommand {
    static let spec = CommandSpec(
        name: "lineage",
        abstract: "Show where PATH came from (or, with --down, what it feeds).",
        discussion: "Every target records the exact inputs it read, with their hashes, so the tree reaches the raw files behind any output. --build N answers for the output as it was after build N. A file reached again is expanded once and marked (shown above). The openlineage format prints one OpenLineage RunEvent per line (START and COMPLETE, or FAIL) for every target run in the tree.",
        options: [
            .flag("down", help: "Follow the files that read PATH instead of those it was made from."),
            .value("depth", valueName: "N", help: "Show at most N levels below PATH."),
            .value("build", valueName: "N", help: "Answer as of build N (upstream only)."),
            .value("format", valueName: "FORMAT", choices: ["tree", "json", "dot", "openlineage"], defaultValue: "tree",
                   help: "How to print the lineage."),
            .flag("json", help: "Same as --format json: the tree as nested JSON, with everything the other formats show."),
        ],
        arguments: [ArgumentSpec("PATH", help: "A lake path, lake-relative or inside the lake.")],
        examples: [
            .init("lakemake lineage reports/all.txt", "the tree down to the raw files"),
            .init("lakemake lineage raw/a/one.txt --down --format dot | dot -Tsvg > l.svg", "what a raw file feeds, as a picture"),
        ])

    static func run(_ inv: Invocation) throws -> Int32 {
        let given = inv.parsed.argument("PATH") ?? ""
        let path = try inv.lakePath(given)
        let down = inv.parsed.flag("down")
        let depth = try inv.parsed.int("depth", in: 0...10_000)
        let asOf = try inv.parsed.int("build", in: 1...Int.max).map(Int64.init)
        if down && asOf != nil {
            throw CommandError.invalid("--build answers for upstream lineage only", hint: "drop --down, or drop --build")
        }
        var format = inv.parsed.value("format") ?? "tree"
        if inv.json {
            guard format == "tree" || format == "json" else {
                throw CommandError.invalid("--json and --format \(format) ask for two formats", hint: "give one of them")
            }
            format = "json"
        }
        let catalog = try inv.readCatalog()
        let direction: LineageDirection = down ? .downstream : .upstream
        let builder = LineageTree(catalog: catalog, direction: direction, depth: depth, asOfBuild: asOf)
        guard let root = try builder.tree(for: path) else { throw CommandError.unknownPath(given) }
        switch format {
        case "json":
            var builds: [Int64: BuildRecord] = [:]
            for b in try catalog.builds(limit: Int(Int32.max)) { builds[b.id] = b }
            inv.output.print(root.renderJSON(childKey: down ? "consumers" : "inputs", builds: builds))
        case "dot":
            inv.output.print(root.renderDot(direction: direction))
        case "openlineage":
            var builds: [Int64: BuildRecord] = [:]
            for b in try catalog.builds(limit: Int(Int32.max)) { builds[b.id] = b }
            let events = OpenLineageEvents(
                datasetNamespace: "lakemake://" + URL(fileURLWithPath: inv.lake).lastPathComponent, builds: builds)
            for line in events.lines(for: root) { inv.output.print(line) }
        default:
            inv.output.print(root.renderTree())
        }
        return 0
    }
}
