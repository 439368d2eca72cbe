// Lineage as OpenLineage 2-0-2 RunEvents, one JSON object per line: a START and a COMPLETE
// (FAIL, with an `errorMessage` run facet, when the run was rejected or failed) for every
// target run in a lineage tree. Event times are the catalog's build times; run ids are derived
// from (build id, target), so the same catalog always gives the same events. Jobs (rules) and
// datasets (lake paths) share one namespace, by default `file://` and the lake's absolute
// path, so two lakes with rules of the same name stay apart in Marquez or DataHub.

import Catalog
import LakeFormats

/// Turns the target runs of a lineage tree into OpenLineage RunEvent lines.
struct OpenLineageEvents {
    /// The namespace of every job and dataset (`--namespace`, or `defaultNamespace(lake:)`).
    let namespace: String
    /// Build times by build id.
    let builds: [Int64: BuildRecord]
    /// The URI naming the tool that wrote the events.
    var producer: String { "urn:lakemake:\(LakemakeCLI.version)" }

    /// The 2-0-2 schema keeps its definitions under `$defs` (not `definitions`).
    static let schemaURL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"
    static let versionFacetSchemaURL =
        "https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet"
    static let errorFacetSchemaURL =
        "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet"

    /// `file://` and the lake's absolute path: unique per lake on a host, stable across runs.
    static func defaultNamespace(lake: String) -> String { "file://" + lake }

    /// Two lines per distinct target run in the tree, runs ordered by build id then output.
    func lines(for root: LineageNode) -> [String] {
        var runs: [TargetRecord] = []
        var seen = Set<String>()
        func collect(_ node: LineageNode) {
            if let p = node.producer, seen.insert("\(p.buildID)\u{0}\(p.primaryOutput)").inserted { runs.append(p) }
            node.children.forEach(collect)
        }
        collect(root)
        runs.sort { ($0.buildID, $0.primaryOutput) < ($1.buildID, $1.primaryOutput) }
        return runs.flatMap { run in
            let build = builds[run.buildID]
            let start = build?.startedAt ?? ""
            let end = build?.finishedAt ?? start
            return [event(run, type: "START", time: start),
                    event(run, type: run.state == .built ? "COMPLETE" : "FAIL", time: end)]
        }
    }

    private func event(_ run: TargetRecord, type: String, time: String) -> String {
        var w = JSONWriter(style: .compact)
        w.beginObject()
        w.field("eventType", type)
        w.field("eventTime", time)
        w.key("run"); w.beginObject()
        w.field("runId", Self.runID(buildID: run.buildID, target: run.primaryOutput))
        w.key("facets"); w.beginObject()
        if type == "FAIL" {
            w.key("errorMessage"); w.beginObject()
            w.field("_producer", producer)
            w.field("_schemaURL", Self.errorFacetSchemaURL)
            w.field("message", Self.errorMessage(run))
            w.field("programmingLanguage", "Swift")
            w.endObject()
        }
        w.endObject()
        w.endObject()
        w.key("job"); w.beginObject()
        w.field("namespace", namespace)
        w.field("name", run.rule)
        w.key("facets"); w.beginObject(); w.endObject()
        w.endObject()
        w.key("inputs"); w.beginArray()
        for i in run.inputs { dataset(&w, path: i.path, sha256: i.content.sha256) }
        w.endArray()
        w.key("outputs"); w.beginArray()
        for o in run.outputs { dataset(&w, path: o.path, sha256: o.content.sha256) }
        w.endArray()
        w.field("producer", producer)
        w.field("schemaURL", Self.schemaURL)
        w.endObject()
        let text = w.text
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    private func dataset(_ w: inout JSONWriter, path: String, sha256: String) {
        w.beginObject()
        w.field("namespace", namespace)
        w.field("name", path)
        w.key("facets"); w.beginObject()
        w.key("version"); w.beginObject()
        w.field("_producer", producer)
        w.field("_schemaURL", Self.versionFacetSchemaURL)
        w.field("datasetVersion", sha256)
        w.endObject()
        w.endObject()
        w.endObject()
    }

    /// What the catalog recorded about why the run did not complete (for a rejection, its JSON
    /// document), or the state when nothing was recorded.
    static func errorMessage(_ run: TargetRecord) -> String {
        if let error = run.error, !error.isEmpty { return error }
        return run.state == .rejected ? "rejected" : "failed"
    }

    /// A UUID-shaped run id from SHA-256 of "<build id>\0<target>": the first 16 bytes with
    /// the version nibble set to 5 and the RFC 4122 variant bits, as in a name-based UUID.
    static func runID(buildID: Int64, target: String) -> String {
        var bytes = Array(SHA256.hash(Array("\(buildID)\u{0}\(target)".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = SHA256.hex(bytes)
        let cuts = [0, 8, 12, 16, 20, 32].map { hex.index(hex.startIndex, offsetBy: $0) }
        return (0..<5).map { String(hex[cuts[$0]..<cuts[$0 + 1]]) }.joined(separator: "-")
    }
}
