// `lakemake lineage PATH`: where a file came from (upstream, to the raw files) or what it
// feeds (`--down`), from the inputs each target recorded when it ran.

import Arguments
import Catalog
import Foundation

enum LineageCommand: LakemakeCommand {
    static let spec = CommandSpec(
        name: "lineage",
        abstract: "Show where PATH came from (or, with --down, what it feeds).",
        discussion: "Every target records the exact inputs it read, with their hashes, so the tree reaches the raw files behind any output. --build N answers for the output as it was after build N. A file reached again is expanded once and marked (shown above). The openlineage format prints one OpenLineage 2-0-2 RunEvent per line (START and COMPLETE, or FAIL with an errorMessage facet) for every target run in the tree; jobs and datasets are named in one namespace, by default file:// and the lake's absolute path. With --post URL the events are sent instead, one HTTP POST each, in order, as Marquez and DataHub accept them; the first one refused stops the rest (exit status 1).",
        options: [
            .flag("down", help: "Follow the files that read PATH instead of those it was made from."),
            .value("depth", valueName: "N", help: "Show at most N levels below PATH."),
            .value("build", valueName: "N", help: "Answer as of build N (upstream only)."),
            .value("format", valueName: "FORMAT", choices: ["tree", "json", "dot", "openlineage"], defaultValue: "tree",
                   help: "How to print the lineage."),
            .flag("json", help: "Same as --format json: the tree as nested JSON, with everything the other formats show."),
            .value("namespace", valueName: "NS", help: "OpenLineage namespace of the jobs and datasets (default: file:// and the lake's absolute path)."),
            .value("post", valueName: "URL", help: "Send the OpenLineage events to URL (http or https), one POST per event, instead of printing them."),
        ],
        arguments: [ArgumentSpec("PATH", help: "A lake path, lake-relative or inside the lake.")],
        examples: [
            .init("lakemake lineage reports/all.txt", "the tree down to the raw files"),
            .init("lakemake lineage raw/a/one.txt --down --format dot | dot -Tsvg > l.svg", "what a raw file feeds, as a picture"),
            .init("lakemake lineage reports/all.txt --format openlineage --post http://localhost:5000/api/v1/lineage",
                  "send the runs behind a report to Marquez"),
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
        let namespace = inv.parsed.value("namespace")
        let post = inv.parsed.value("post")
        if format != "openlineage", let option = post != nil ? "--post" : namespace != nil ? "--namespace" : nil {
            throw CommandError.invalid("\(option) applies to OpenLineage events only", hint: "add --format openlineage")
        }
        if let namespace, namespace.isEmpty {
            throw CommandError.invalid("--namespace is empty", hint: "give a namespace, or leave the option out for the default")
        }
        let collector = try post.map { text in
            guard let url = OpenLineagePost.collectorURL(text) else {
                throw CommandError.invalid("--post \(text) is not an http or https URL", hint: "for example http://localhost:5000/api/v1/lineage")
            }
            return url
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
                namespace: namespace ?? OpenLineageEvents.defaultNamespace(lake: inv.lake), builds: builds)
            let lines = events.lines(for: root)
            if let collector {
                let sent = try OpenLineagePost(url: collector).send(lines)
                inv.output.error("lakemake: posted \(sent) OpenLineage event\(sent == 1 ? "" : "s") to \(collector.absoluteString)")
            } else {
                for line in lines { inv.output.print(line) }
            }
        default:
            inv.output.print(root.renderTree())
        }
        return 0
    }
}
