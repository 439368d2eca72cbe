// The stored plan kept in memory between the builds of one process. `watch` runs a build per
// burst of uploads; each reads the stored plan from the catalog, and decoding it (the string
// table, every file's fingerprint, the target graph) is most of what such a build costs
// besides its actions. With a memory, a build still reads the plan's rows, the only source of
// truth (another `lakemake build` may have run in between), but decodes only what differs
// from the plan it kept: the same whole plan, byte for byte, with more change rows after the
// ones already applied. Anything else (a whole plan written anew, rows that differ) decodes
// the plan from scratch, as a build without a memory does.

import Catalog
import Foundation

/// A decoded stored plan and the rows it was decoded from, handed from build to build.
public final class StoredPlanMemory: @unchecked Sendable {
    private let lock = NSLock()
    /// The rows `plan` was decoded from.
    private var record: StoredPlanRecord?
    private var plan: StoredPlan?

    public init() {}

    /// The plan `record` decodes to, from the kept one when `record` is it with more changes
    /// after; nil when no kept plan fits (the caller decodes and calls `keep`).
    /// - Parameter graph: reads the graph part of the whole plan, for this build's catalog.
    func plan(for record: StoredPlanRecord, graph: @escaping () -> [UInt8]) -> StoredPlan? {
        lock.withLock {
            guard let kept = self.record, var plan, kept.config == record.config, kept.graphSize == record.graphSize,
                  kept.changes.count <= record.changes.count, kept.base == record.base,
                  record.changes.starts(with: kept.changes) else { return nil }
            guard plan.apply(changeRows: record.changes[kept.changes.count...]) else {
                (self.record, self.plan) = (nil, nil)
                return nil
            }
            (self.record, self.plan) = (record, plan)
            plan.loadGraph = graph
            return plan
        }
    }

    /// Keeps `plan`, decoded from `record`, for the next build.
    func keep(_ plan: StoredPlan, from record: StoredPlanRecord) {
        var plan = plan
        // Not the build's catalog: a later build sets its own.
        plan.loadGraph = { [] }
        lock.withLock { (self.record, self.plan) = (record, plan) }
    }

    /// Keeps the graph a build decoded from the kept plan (with all of its changes applied).
    func keep(graph: StoredGraph, outcomes: [StoredPlan.Outcome], of plan: StoredPlan) {
        lock.withLock {
            guard self.plan?.changeCount == plan.changeCount, self.plan?.targetCount == plan.targetCount else { return }
            self.plan?.decoded = StoredPlan.DecodedGraph(graph: graph, outcomes: outcomes, changesApplied: plan.changeCount)
        }
    }
}

extension Build {
    /// Reads the stored plan into `memory`, graph decoded and every change applied, so that
    /// the next build given `memory` starts from it: what `watch` does after each build, while
    /// it waits for files (under the build lock, so the plan's rows and graph are one plan).
    public func prepare(_ memory: StoredPlanMemory) {
        let configuration = StoredPlan.configuration(rules: rules, versionOf: versionOf, usedFiles: usedFiles)
        guard let plan = try? storedPlan(configuration: configuration, memory: memory),
              plan.decoded?.changesApplied != plan.changeCount,
              let (graph, outcomes) = plan.graph(rules: rules) else { return }
        memory.keep(graph: graph, outcomes: outcomes, of: plan)
    }
}
