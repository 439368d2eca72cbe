import Foundation
import TestSupport
import XCTest

/// `lineage --format openlineage`: checked structurally here, and by the `openlineage-python`
/// package's `RunEvent` model when `LAKEMAKE_PYTHON` names an interpreter that has it; sent
/// with `--post` to a local collector.
final class OpenLineageEventsTests: XCTestCase {
    /// One target that fails (`bad`) beside one that is built (`one`).
    static let failingRules = """
        rule copy_a
          in   raw/a/{name}.txt
          out  processed/a/{name}.txt
          run  sh if [ {name} = bad ]; then echo "no good" >&2; exit 3; fi; cp {in} {out}

        """

    private func failingLake() throws -> TemporaryLake {
        let lake = try TemporaryLake(rules: Self.failingRules)
        try lake.write("raw/a/one.txt", "hello\n")
        try lake.write("raw/a/bad.txt", "x\n")
        XCTAssertEqual(try lake.run("build").status, 1)
        return lake
    }

    private func objects(_ lines: [String]) throws -> [[String: Any]] {
        try lines.map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    private func events() throws -> (lake: TemporaryLake, lines: [String]) {
        let lake = try TemporaryLake()
        try lake.write("raw/a/one.txt", "hello\n")
        try lake.write("raw/a/two.txt", "two\n")
        try lake.run("build")
        let result = try lake.run("lineage", "reports/all.txt", "--format", "openlineage")
        XCTAssertEqual(result.status, 0, result.stderr)
        return (lake, result.lines)
    }

    func testStartAndCompletePerTargetRunWithDatasetsAndVersions() throws {
        let (lake, lines) = try events()
        defer { lake.remove() }
        let objects = try objects(lines)
        XCTAssertEqual(objects.count, 6, "three target runs, two events each")
        XCTAssertEqual(objects.map { $0["eventType"] as? String }, ["START", "COMPLETE", "START", "COMPLETE", "START", "COMPLETE"])
        let uuid = try NSRegularExpression(pattern: "^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
        var runIDs: [String] = []
        for o in objects {
            XCTAssertEqual(o["schemaURL"] as? String, "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent")
            XCTAssertNotNil(o["producer"] as? String)
            let time = try XCTUnwrap(o["eventTime"] as? String)
            XCTAssertNotNil(ISO8601DateFormatter.withFraction.date(from: time), time)
            let runID = try XCTUnwrap((o["run"] as? [String: Any])?["runId"] as? String)
            XCTAssertEqual(uuid.numberOfMatches(in: runID, range: NSRange(runID.startIndex..., in: runID)), 1, runID)
            runIDs.append(runID)
            XCTAssertEqual((o["job"] as? [String: Any])?["namespace"] as? String, "file://" + lake.lake)
            XCTAssertEqual((o["run"] as? [String: Any])?["facets"] as? [String: String], [:], "no error facet on a run that completed")
        }
        XCTAssertEqual(runIDs[0], runIDs[1])
        XCTAssertEqual(Set(runIDs).count, 3)
        let report = objects[5]
        XCTAssertEqual((report["job"] as? [String: Any])?["name"] as? String, "all")
        let inputs = try XCTUnwrap(report["inputs"] as? [[String: Any]])
        XCTAssertEqual(inputs.map { $0["name"] as? String }, ["processed/a/one.txt", "processed/a/two.txt"])
        XCTAssertEqual(inputs.map { $0["namespace"] as? String }, ["file://" + lake.lake, "file://" + lake.lake])
        let version = (inputs[1]["facets"] as? [String: Any])?["version"] as? [String: Any]
        XCTAssertEqual(version?["datasetVersion"] as? String, "27dd8ed44a83ff94d557f9fd0412ed5a8cbca69ea04922d88c01184a07300a5a")
        let outputs = try XCTUnwrap(report["outputs"] as? [[String: Any]])
        let outVersion = (outputs.first?["facets"] as? [String: Any])?["version"] as? [String: Any]
        XCTAssertEqual(outVersion?["datasetVersion"] as? String, try Lakemake.sha256sum(lake.lake + "/reports/all.txt"))

        // The same catalog gives the same events.
        XCTAssertEqual(try lake.run("lineage", "reports/all.txt", "--format", "openlineage").lines, lines)
    }

    func testNamespaceOptionNamesJobsAndDatasets() throws {
        let (lake, _) = try events()
        defer { lake.remove() }
        let result = try lake.run("lineage", "reports/all.txt", "--format", "openlineage", "--namespace", "s3://bucket/lake")
        XCTAssertEqual(result.status, 0, result.stderr)
        for o in try objects(result.lines) {
            XCTAssertEqual((o["job"] as? [String: Any])?["namespace"] as? String, "s3://bucket/lake")
            let datasets = (o["inputs"] as? [[String: Any]] ?? []) + (o["outputs"] as? [[String: Any]] ?? [])
            XCTAssertFalse(datasets.isEmpty)
            XCTAssertEqual(Set(datasets.map { $0["namespace"] as? String }), ["s3://bucket/lake"])
        }
        XCTAssertEqual(try lake.run("lineage", "reports/all.txt", "--namespace", "x").status, 2, "a namespace means nothing to the tree")
        XCTAssertEqual(try lake.run("lineage", "reports/all.txt", "--format", "openlineage", "--namespace", "").status, 2)
    }

    func testFailedRunEndsWithFailCarryingTheRecordedError() throws {
        let lake = try failingLake()
        defer { lake.remove() }
        let result = try lake.run("lineage", "processed/a/bad.txt", "--format", "openlineage")
        XCTAssertEqual(result.status, 0, result.stderr)
        let events = try objects(result.lines)
        XCTAssertEqual(events.map { $0["eventType"] as? String }, ["START", "FAIL"])
        XCTAssertEqual((events[0]["run"] as? [String: Any])?["facets"] as? [String: String], [:], "START has no error yet")
        let facet = try XCTUnwrap(((events[1]["run"] as? [String: Any])?["facets"] as? [String: Any])?["errorMessage"] as? [String: Any])
        XCTAssertEqual(facet["message"] as? String, "command exited with status 3: no good")
        XCTAssertEqual(facet["programmingLanguage"] as? String, "Swift")
        XCTAssertEqual(facet["_schemaURL"] as? String,
                       "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet")
        XCTAssertEqual(facet["_producer"] as? String, events[1]["producer"] as? String)
        XCTAssertEqual(events[1]["outputs"] as? [String], [], "a failed run wrote nothing")
    }

    func testEventsLoadIntoTheOpenLineagePythonModel() throws {
        let python = try InteropPython.path(for: "the openlineage-python model")
        let (lake, built) = try events()
        defer { lake.remove() }
        let failing = try failingLake()
        defer { failing.remove() }
        let failed = try failing.run("lineage", "processed/a/bad.txt", "--format", "openlineage").lines
        XCTAssertEqual(failed.count, 2)
        let lines = built + failed
        let eventsFile = lake.root + "/events.ndjson"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: eventsFile))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", Self.loader, eventsFile]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, message)
        XCTAssertEqual(message.trimmingCharacters(in: .whitespacesAndNewlines), "8 events, 1 FAIL")
    }

    /// Builds `RunEvent` objects field by field (the model's validators check the UUID, the
    /// ISO time and the URIs; its facet classes know only the fields the 2-0-2 schema has) and
    /// requires the model's own serialisation — which carries the schema URLs of the event and
    /// of each facet as the model defines them — to equal each line, whole.
    static let loader = #"""
import json, sys
from openlineage.client.event_v2 import RunEvent, RunState, Run, Job, InputDataset, OutputDataset
from openlineage.client.facet_v2 import dataset_version_dataset, error_message_run
from openlineage.client.serde import Serde

def datasets(cls, items):
    out = []
    for d in items:
        v = d["facets"]["version"]
        facet = dataset_version_dataset.DatasetVersionDatasetFacet(datasetVersion=v["datasetVersion"], producer=v["_producer"])
        out.append(cls(namespace=d["namespace"], name=d["name"], facets={"version": facet}))
    return out

def run_facets(facets):
    out = {}
    for key, f in facets.items():
        assert key == "errorMessage", key
        out[key] = error_message_run.ErrorMessageRunFacet(message=f["message"], programmingLanguage=f["programmingLanguage"], producer=f["_producer"])
    return out

count, fails = 0, 0
for line in open(sys.argv[1]):
    e = json.loads(line)
    event = RunEvent(eventType=RunState(e["eventType"]), eventTime=e["eventTime"], run=Run(runId=e["run"]["runId"], facets=run_facets(e["run"]["facets"])),
                     job=Job(namespace=e["job"]["namespace"], name=e["job"]["name"]), producer=e["producer"],
                     inputs=datasets(InputDataset, e["inputs"]), outputs=datasets(OutputDataset, e["outputs"]))
    back = json.loads(Serde.to_json(event))
    for d in back["inputs"]: d.pop("inputFacets") if d.get("inputFacets") == {} else None
    for d in back["outputs"]: d.pop("outputFacets") if d.get("outputFacets") == {} else None
    assert back == e, (back, e)
    assert (e["eventType"] == "FAIL") == ("errorMessage" in e["run"]["facets"]), e
    fails += e["eventType"] == "FAIL"
    count += 1
print(f"{count} events, {fails} FAIL")
"""#
}

extension ISO8601DateFormatter {
    nonisolated(unsafe) static let withFraction: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }()
}
