// The lineage of one lake path, read from the catalog's recorded traces: upstream through the
// inputs each target had when it ran, down to the raw files, or downstream through the targets
// that read it. `--build N` reads the versions recorded after build N instead of the current
// ones. Lineage is a graph with shared nodes (a 7-day window reads each day seven times), so
// each file is expanded once, where the depth-first walk first meets it; later occurrences are
// back-references, and the catalog is asked about each file once. Rendering lives in
// LineageTree+Rendering.swift and OpenLineageEvents.swift.

import Catalog

/// One file in a lineage tree, with the target that produced it and its neighbours.
struct LineageNode: Equatable {
    var path: String
    /// The content the file had where it was recorded (as an input of its parent, or as an
    /// output of its own target); nil when the catalog has no hash for it.
    var content: FileContent?
    /// The target that wrote this file, as recorded; nil for raw and reference files.
    var producer: TargetRecord?
    /// Upstream: the producer's inputs. Downstream: every output of each target that read this
    /// file (a target with several outputs gives one node per output).
    var children: [LineageNode]
    /// True when `--depth` cut the tree here and there was more to show.
    var truncated: Bool = false
    /// True when this file's lineage is already shown earlier in the tree (lineage is a DAG:
    /// a file read by many targets, or reached along many paths, is expanded once).
    var shownAbove: Bool = false
}

/// Which way a lineage walk goes.
enum LineageDirection {
    case upstream
    case downstream
}

/// Builds lineage trees from the catalog.
final class LineageTree {
    let catalog: Catalog
    let direction: LineageDirection
    /// Maximum levels below the root; nil for no limit.
    let depth: Int?
    /// Answer for the lake as it was after this build (upstream only).
    let asOfBuild: Int64?

    /// Files already expanded in this walk.
    private var expanded = Set<String>()
    /// Catalog answers already read, by path.
    private var producers: [String: TargetRecord?] = [:]
    private var consumers: [String: [TargetRecord]] = [:]

    init(catalog: Catalog, direction: LineageDirection, depth: Int?, asOfBuild: Int64?) {
        self.catalog = catalog
        self.direction = direction
        self.depth = depth
        self.asOfBuild = asOfBuild
    }

    /// The tree rooted at `path`, or nil when the catalog knows nothing about the path.
    func tree(for path: String) throws -> LineageNode? {
        let producer = try target(producing: path)
        let file = try catalog.files(prefix: path).first { $0.path == path }
        let readers = direction == .downstream ? try targets(consuming: path) : []
        guard producer != nil || file != nil || !readers.isEmpty else { return nil }
        let output = producer?.outputs.first { $0.path == path }
        var root = LineageNode(path: path, content: output?.content ?? file?.content,
                               producer: producer, children: [])
        expanded = []
        try expand(&root, level: 0)
        return root
    }

    private func target(producing path: String) throws -> TargetRecord? {
        if let known = producers[path] { return known }
        let found = try asOfBuild.map { try catalog.target(producing: path, asOfBuild: $0) } ?? catalog.target(producing: path)
        producers[path] = .some(found)
        return found
    }

    private func targets(consuming path: String) throws -> [TargetRecord] {
        if let known = consumers[path] { return known }
        let found = try catalog.targets(consuming: path)
        consumers[path] = found
        return found
    }

    /// One node per output of a consuming target, in the target's recorded output order: one
    /// run writes all of them, so each one is downstream of every input of the run.
    private static func outputNodes(of consumer: TargetRecord) -> [LineageNode] {
        // A rejected or failed run wrote nothing; it still read the file, so its primary output is shown.
        guard !consumer.outputs.isEmpty else {
            return [LineageNode(path: consumer.primaryOutput, content: nil, producer: consumer, children: [])]
        }
        return consumer.outputs.map { output in
            LineageNode(path: output.path, content: output.content, producer: consumer, children: [])
        }
    }

    /// Fills in `node.children`, unless the file was expanded before (then it is marked
    /// `shownAbove`); that also stops a cycle in damaged data.
    private func expand(_ node: inout LineageNode, level: Int) throws {
        guard expanded.insert(node.path).inserted else {
            node.shownAbove = true
            return
        }
        let next: [LineageNode]
        switch direction {
        case .upstream:
            next = try (node.producer?.inputs ?? []).map { input in
                LineageNode(path: input.path, content: input.content,
                            producer: try target(producing: input.path), children: [])
            }
        case .downstream:
            next = try targets(consuming: node.path).flatMap(Self.outputNodes)
        }
        if let depth, level >= depth {
            node.truncated = !next.isEmpty
            return
        }
        var children: [LineageNode] = []
        children.reserveCapacity(next.count)
        for var child in next {
            try expand(&child, level: level + 1)
            children.append(child)
        }
        node.children = children
    }
}
