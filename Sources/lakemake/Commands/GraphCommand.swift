// `lakemake graph`: the pipeline as a picture. Rules are the nodes, labelled with how many
// targets each has in the lake now and how many of them a build would run; an edge joins a rule
// to every rule that may read its outputs (`RuleGraph`). Counts come from the same dry run as
// `status` (from the stored plan, which counts each rule's targets), so the picture never
// disagrees with `build -n`. Read-only.

import Arguments
import Catalog
import LakeBuild

enum GraphCommand: LakemakeCommand {
    /// The options of `lakemake graph`.
    enum Options {
        static let format: Option<String> = .value(
            "format", valueName: "FORMAT", choices: ["dot", "mermaid"], defaultValue: "dot", help: "How to draw the graph.")
        static let json: Option<Bool> = .flag(
            "json", help: "Print {rules: [{name, targets, stale, consumers: [name]}]} instead of a drawing.")
    }

    static let spec = CommandSpec(
        name: "graph",
        abstract: "Draw the rule graph: rules as nodes with their target and stale counts.",
        discussion: "An edge goes from a rule to each rule that may read its outputs. Rules with stale targets are highlighted. DOT renders with Graphviz; Mermaid renders in GitHub Markdown (put it in a ```mermaid block). Works on a lake never built (every target is stale).",
        options: [Options.format.spec, Options.json.spec],
        examples: [
            .init("lakemake graph | dot -Tsvg > rules.svg", "a picture for the README"),
            .init("lakemake graph --format mermaid", "a Mermaid flowchart for a review"),
        ])

    /// One rule as drawn.
    struct Node {
        var name: String
        var targets: Int
        var stale: Int
        /// Indices of the rules that may read this rule's outputs.
        var consumers: [Int]

        var label: String { "\(targets) target\(targets == 1 ? "" : "s"), \(stale) stale" }
    }

    static func run(_ inv: Invocation) throws -> Int32 {
        let rules = try inv.loadRules()
        let report: BuildReport
        if inv.hasCatalog {
            // The dry run `build -n` makes, from the stored plan, with each rule's targets
            // counted in the plan: under a second on 100 000 uploads, where deciding every
            // target took 15-37 s and 710 MB. With no usable stored plan it plans in full.
            report = try LakeSurvey.dryRun(inv, catalog: try inv.readCatalog(), rules: rules) { $0.countsTargetsPerRule = true }
        } else {
            report = try LakeSurvey(inv).dryRun(inv)
        }
        var targets: [String: Int] = [:], stale: [String: Int] = [:]
        for t in report.targets {
            targets[t.rule, default: 0] += 1
            if case .wouldBuild = t.outcome { stale[t.rule, default: 0] += 1 }
        }
        if let counted = report.targetsPerRule { targets = counted }
        let graph = RuleGraph(rules)
        let nodes = graph.rules.enumerated().map { i, rule in
            Node(name: rule.name, targets: targets[rule.name] ?? 0, stale: stale[rule.name] ?? 0, consumers: graph.consumers[i])
        }
        if inv.parsed[Options.json] {
            inv.output.print(json(nodes))
        } else {
            inv.output.print(inv.parsed[Options.format] == "mermaid" ? mermaid(nodes) : dot(nodes))
        }
        return 0
    }

    static func dot(_ nodes: [Node]) -> String {
        var lines = ["digraph rules {", "  rankdir=LR;", "  node [shape=box, fontname=\"monospace\"];"]
        for n in nodes {
            let style = n.stale > 0 ? ", style=filled, fillcolor=\"#ffe3b3\"" : ""
            lines.append("  \(LineageNode.dotQuoted(n.name)) [label=\(LineageNode.dotQuoted(n.name + "\n" + n.label))\(style)];")
        }
        for n in nodes {
            for c in n.consumers { lines.append("  \(LineageNode.dotQuoted(n.name)) -> \(LineageNode.dotQuoted(nodes[c].name));") }
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    static func mermaid(_ nodes: [Node]) -> String {
        // Node ids are r0, r1, … (rule names may hold characters Mermaid reads as syntax).
        var lines = ["flowchart LR"]
        for (i, n) in nodes.enumerated() {
            lines.append("  r\(i)[\"\(mermaidText(n.name))<br/>\(n.label)\"]")
        }
        for (i, n) in nodes.enumerated() {
            for c in n.consumers { lines.append("  r\(i) --> r\(c)") }
        }
        let stale = nodes.indices.filter { nodes[$0].stale > 0 }
        if !stale.isEmpty {
            lines.append("  classDef stale fill:#ffe3b3")
            lines.append("  class \(stale.map { "r\($0)" }.joined(separator: ",")) stale")
        }
        return lines.joined(separator: "\n")
    }

    /// Text inside a Mermaid quoted label: quotes and angle brackets as entity codes.
    static func mermaidText(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\"": out += "#quot;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            default: out.append(c)
            }
        }
        return out
    }

    static func json(_ nodes: [Node]) -> String {
        JSONText.make { w in
            w.beginObject()
            w.key("rules"); w.beginArray()
            for n in nodes {
                w.beginObject()
                w.field("name", n.name)
                w.field("targets", n.targets)
                w.field("stale", n.stale)
                w.stringArray("consumers", n.consumers.map { nodes[$0].name })
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
    }
}
