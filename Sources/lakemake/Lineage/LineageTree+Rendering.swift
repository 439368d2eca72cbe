// Lineage as text: a box-drawing tree for people, nested JSON for programs and a Graphviz
// digraph for pictures. All three follow the tree's order, which is the catalog's recorded
// input order (upstream) or, downstream, the consumers by primary output and each consumer's
// outputs in recorded order.

import Catalog
import LakeBuild
import LakeFormats

extension LineageNode {
    /// What the file is: `derived` (a recorded output), `raw`, `reference` or `not recorded`.
    var kind: String {
        if producer != nil { return "derived" }
        return LakeLayout.isRaw(path) ? "raw" : LakeLayout.isReference(path) ? "reference" : "not recorded"
    }

    /// `path  hash  rule R, build N` for one tree line.
    var label: String {
        var parts = [path]
        if let content { parts.append(String(content.sha256.prefix(12))) }
        if let producer {
            var origin = "rule \(producer.rule), build \(producer.buildID)"
            if producer.state != .built { origin += ", \(producer.state.rawValue)" }
            parts.append(origin)
        } else {
            parts.append(LakeLayout.isRaw(path) ? "raw" : LakeLayout.isReference(path) ? "reference"
                         : path.hasPrefix("../") ? "used by the rule" : "not recorded")
        }
        if shownAbove && producer != nil { parts.append("(shown above)") }
        return parts.joined(separator: "  ")
    }

    /// The tree drawn with box-drawing characters, one file per line.
    func renderTree() -> String {
        var lines = [label]
        appendChildren(to: &lines, indent: "")
        return lines.joined(separator: "\n")
    }

    private func appendChildren(to lines: inout [String], indent: String) {
        for (i, child) in children.enumerated() {
            let last = i == children.count - 1 && !truncated
            lines.append(indent + (last ? "└── " : "├── ") + child.label)
            child.appendChildren(to: &lines, indent: indent + (last ? "    " : "│   "))
        }
        if truncated { lines.append(indent + "└── … (more; raise --depth)") }
    }

    /// The tree as one nested JSON object; children sit under `childKey` (`inputs` upstream,
    /// `consumers` downstream). It holds what every other format shows: the tree's kinds and
    /// states, and the OpenLineage run (its id, and the build's start and end) of each output.
    func renderJSON(childKey: String, builds: [Int64: BuildRecord] = [:]) -> String {
        JSONText.make { w in write(to: &w, childKey: childKey, builds: builds) }
    }

    private func write(to w: inout JSONWriter, childKey: String, builds: [Int64: BuildRecord]) {
        w.beginObject()
        w.field("path", path)
        w.field("kind", kind)
        w.field("sha256", content?.sha256)
        w.field("size", content?.size)
        w.field("rule", producer?.rule)
        w.field("action", producer?.action)
        w.field("build", producer?.buildID)
        w.field("state", producer?.state.rawValue)
        w.key("run")
        if let producer {
            w.beginObject()
            w.field("id", OpenLineageEvents.runID(buildID: producer.buildID, target: producer.primaryOutput))
            w.field("started_at", builds[producer.buildID]?.startedAt)
            w.field("finished_at", builds[producer.buildID]?.finishedAt)
            w.endObject()
        } else {
            w.null()
        }
        w.key("truncated"); w.bool(truncated)
        w.key("shown_above"); w.bool(shownAbove)
        w.key(childKey); w.beginArray()
        for child in children { child.write(to: &w, childKey: childKey, builds: builds) }
        w.endArray()
        w.endObject()
    }

    /// A Graphviz digraph with edges pointing the way data flows, labelled with the rule.
    func renderDot(direction: LineageDirection) -> String {
        var nodes: [String] = []
        var nodeLabels: [String: String] = [:]
        var edges: [String] = []
        var seenEdges = Set<String>()
        func visit(_ node: LineageNode) {
            if nodeLabels[node.path] == nil {
                nodes.append(node.path)
                nodeLabels[node.path] = node.path + (node.content.map { "\n" + String($0.sha256.prefix(12)) } ?? "")
            }
            for child in node.children {
                let (from, to, rule) = direction == .upstream
                    ? (child.path, node.path, node.producer?.rule ?? "")
                    : (node.path, child.path, child.producer?.rule ?? "")
                let edge = "  \(Self.dotQuoted(from)) -> \(Self.dotQuoted(to)) [label=\(Self.dotQuoted(rule))];"
                if seenEdges.insert(edge).inserted { edges.append(edge) }
                visit(child)
            }
        }
        visit(self)
        var lines = ["digraph lineage {", "  rankdir=LR;", "  node [shape=box, fontname=\"monospace\"];"]
        for n in nodes { lines.append("  \(Self.dotQuoted(n)) [label=\(Self.dotQuoted(nodeLabels[n] ?? n))];") }
        lines += edges
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    /// A DOT double-quoted string: quotes and backslashes escaped, newlines as `\n`.
    static func dotQuoted(_ text: String) -> String {
        var out = "\""
        for c in text {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out + "\""
    }
}
