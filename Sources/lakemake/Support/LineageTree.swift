// The lineage of one lake path, read from the catalog's recorded traces: upstream through the
// inputs each target had when it ran, down to the raw files, or downstream through the targets
// that read it. `--build N` reads the versions recorded after build N instead of the current
// ones. Rendering lives in LineageTree+Rendering.swift and OpenLineageEvents.swift.

import Catalog

/// One file in a lineage tree, with the target that produced it and its neighbours.
struct LineageNode: Equatable {
    var path: String
    /// The content hash the file had where it was recorded (as an input of its parent, or as an
    /// output of its own target); nil when the catalog has no hash for it.
    var sha256: String?
    var size: Int64?
    /// The target that wrote this file, as recorded; nil for raw and reference files.
    var producer: TargetRecord?
    /// Upstream: the producer's inputs. Downstream: every output of each target that read this
    /// file (a target with several outputs gives one node per output).
    var children: [LineageNode]
    /// True when `--depth` cut the tree here and there was more to show.
    var truncated: Bool = false
}

/// Which way a lineage walk goes.
enum LineageDirection {
    case upstream
    case downstream
}

/// Builds lineage trees from the catalog.
struct LineageTree {
    let catalog: Catalog
    let direction: LineageDirection
    /// Maximum levels below the root; nil for no limit.
    let depth: Int?
    /// Answer for the lake as it was after this build (upstream only).
    let asOfBuild: Int64?

    /// The tree rooted at `path`, or nil when the catalog knows nothing about the path.
    func tree(for path: String) throws -> LineageNode? {
        let producer = try target(producing: path)
        let file = try catalog.files(prefix: path).first { $0.path == path }
        let consumers = direction == .downstream ? try catalog.targets(consuming: path) : []
        guard producer != nil || file != nil || !consumers.isEmpty else { return nil }
        let output = producer?.outputs.first { $0.path == path }
        var root = LineageNode(path: path, sha256: output?.sha256 ?? file?.sha256, size: output?.size ?? file?.size,
                               producer: producer, children: [])
        try expand(&root, level: 0, onPath: [path])
        return root
    }

    private func target(producing path: String) throws -> TargetRecord? {
        if let asOfBuild { return try catalog.target(producing: path, asOfBuild: asOfBuild) }
        return try catalog.target(producing: path)
    }

    /// One node per output of a consuming target, in the target's recorded output order: one
    /// run writes all of them, so each one is downstream of every input of the run.
    private static func outputNodes(of consumer: TargetRecord) -> [LineageNode] {
        // A rejected or failed run wrote nothing; it still read the file, so its primary output is shown.
        guard !consumer.outputs.isEmpty else {
            return [LineageNode(path: consumer.primaryOutput, sha256: nil, size: nil, producer: consumer, children: [])]
        }
        return consumer.outputs.map { output in
            LineageNode(path: output.path, sha256: output.sha256, size: output.size, producer: consumer, children: [])
        }
    }

    /// Fills in `node.children`; `onPath` guards against a cycle in damaged data.
    private func expand(_ node: inout LineageNode, level: Int, onPath: Set<String>) throws {
        let next: [LineageNode]
        switch direction {
        case .upstream:
            next = try (node.producer?.inputs ?? []).map { input in
                LineageNode(path: input.path, sha256: input.sha256, size: input.size,
                            producer: try target(producing: input.path), children: [])
            }
        case .downstream:
            next = try catalog.targets(consuming: node.path).flatMap(Self.outputNodes)
        }
        if let depth, level >= depth {
            node.truncated = !next.isEmpty
            return
        }
        node.children = try next.map { child in
            var child = child
            if !onPath.contains(child.path) {
                try expand(&child, level: level + 1, onPath: onPath.union([child.path]))
            }
            return child
        }
    }
}
