// `lakemake lineage PATH`: where a file came from (upstream, to the raw files) or what it
// feeds (`--down`), from the inputs each target recorded when it ran.

import Arguments
import Catalog
import Foundation

enum LineageCommand: LakemakeCommand {
    /// The options and argument of `lakemake lineage`.
    enum Options {
        static let down: Option<Bool> = .flag("down", help: "Follow the files that read PATH instead of those it was made from.")
        static let depth: Option<Int?> = .integer("depth", valueName: "N", in: 0...10_000, help: "Show at most N levels below PATH.")
        static let build: Option<Int?> = .integer("build", valueName: "N", in: 1...Int.max, help: "Answer as of build N (upstream only).")
        static let format: Option<String> = .value(
            "format", valueName: "FORMAT", choices: ["tree", "json", "dot", "openlineage"], defaultValue: "tree",
            help: "How to print the lineage.")
        static let json: Option<Bool> = .flag(
            "json", help: "Same as --format json: the tree as nested JSON, with everything the other formats show.")
        static let namespace: Option<String?> = .value(
            "namespace", valueName: "NS",
            help: "OpenLineage namespace of the jobs and datasets (default: file:// and the lake's absolute path).") { text throws(ValidationError) in
            guard !text.isEmpty else {
                throw ValidationError("--namespace is empty", hint: "give a namespace, or leave the option out for the default")
            }
            return text
        }
        static let post: Option<URL?> = .value(
            "post", valueName: "URL",
            help: "Send the OpenLineage events to URL (http or https), one POST per event, instead of printing them.") { text throws(ValidationError) in
            guard let url = OpenLineagePost.collectorURL(text) else {
                throw ValidationError("--post \(text) is not an http or https URL", hint: "for example http://localhost:5000/api/v1/lineage")
            }
            return url
        }
        static let path: Argument<String> = .required("PATH", help: "A lake path, lake-relative or inside the lake.")
    }

    static let spec = CommandSpec(
        name: "lineage",
        abstract: "Show where PATH came from (or, with --down, what it feeds).",
        discussion: "Every target records the exact inputs it read, with their hashes, so the tree reaches the raw files behind any output. --build N answers for the output as it was after build N. A file reached again is expanded once and marked (shown above). The openlineage format prints one OpenLineage 2-0-2 RunEvent per line (START and COMPLETE, or FAIL with an errorMessage facet) for every target run in the tree; jobs and datasets are named in one namespace, by default file:// and the lake's absolute path. With --post URL the events are sent instead, one HTTP POST each, in order, as Marquez and DataHub accept them; the first one refused stops the rest (exit status 1).",
        options: [
            Options.down.spec, Options.depth.spec, Options.build.spec, Options.format.spec, Options.json.spec,
            Options.namespace.spec, Options.post.spec,
        ],
        arguments: [Options.path.spec],
        examples: [
            .init("lakemake lineage reports/all.txt", "the tree down to the raw files"),
            .init("lakemake lineage raw/a/one.txt --down --format dot | dot -Tsvg > l.svg", "what a raw file feeds, as a picture"),
            .init("lakemake lineage reports/all.txt --format openlineage --post http://localhost:5000/api/v1/lineage",
                  "send the runs behind a report to Marquez"),
        ],
        validate: { parsed throws(ValidationError) in
            if parsed[Options.down] && parsed[Options.build] != nil {
                throw ValidationError("--build answers for upstream lineage only", hint: "drop --down, or drop --build")
            }
            let format = parsed[Options.format]
            if parsed[Options.json] && format != "tree" && format != "json" {
                throw ValidationError("--json and --format \(format) ask for two formats", hint: "give one of them")
            }
            if format != "openlineage", let option = parsed[Options.post] != nil ? "--post" : parsed[Options.namespace] != nil ? "--namespace" : nil {
                throw ValidationError("\(option) applies to OpenLineage events only", hint: "add --format openlineage")
            }
        })

    static func run(_ inv: Invocation) throws -> Int32 {
        let given = inv.parsed[Options.path]
        let path = try inv.lakePath(given)
        let down = inv.parsed[Options.down]
        let depth = inv.parsed[Options.depth]
        let asOf = inv.parsed[Options.build].map(Int64.init)
        let format = inv.parsed[Options.json] ? "json" : inv.parsed[Options.format]
        let namespace = inv.parsed[Options.namespace]
        let collector = inv.parsed[Options.post]
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
