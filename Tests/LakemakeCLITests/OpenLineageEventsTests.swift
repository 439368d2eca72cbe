import Foundation
import TestSupport
import XCTest

/// `lineage --format openlineage`: checked structurally here, and by the `openlineage-python`
/// package's `RunEvent` model when `LAKEMAKE_PYTHON` names an interpreter that has it.
final class OpenLineageEventsTests: XCTestCase {
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
        let objects = try lines.map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        XCTAssertEqual(objects.count, 6, "three target runs, two events each")
        XCTAssertEqual(objects.map { $0["eventType"] as? String }, ["START", "COMPLETE", "START", "COMPLETE", "START", "COMPLETE"])
        let uuid = try NSRegularExpression(pattern: "^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
        var runIDs: [String] = []
        for o in objects {
            XCTAssertEqual(o["schemaURL"] as? String, "https://openlineage.io/spec/2-0-2/OpenLineage.json#/definitions/RunEvent")
            XCTAssertNotNil(o["producer"] as? String)
            let time = try XCTUnwrap(o["eventTime"] as? String)
            XCTAssertNotNil(ISO8601DateFormatter.withFraction.date(from: time), time)
            let runID = try XCTUnwrap((o["run"] as? [String: Any])?["runId"] as? String)
            XCTAssertEqual(uuid.numberOfMatches(in: runID, range: NSRange(runID.startIndex..., in: runID)), 1, runID)
            runIDs.append(runID)
            XCTAssertEqual((o["job"] as? [String: Any])?["namespace"] as? String, "lakemake")
        }
        XCTAssertEqual(runIDs[0], runIDs[1])
        XCTAssertEqual(Set(runIDs).count, 3)
        let report = objects[5]
        XCTAssertEqual((report["job"] as? [String: Any])?["name"] as? String, "all")
        let inputs = try XCTUnwrap(report["inputs"] as? [[String: Any]])
        XCTAssertEqual(inputs.map { $0["name"] as? String }, ["processed/a/one.txt", "processed/a/two.txt"])
        XCTAssertEqual(inputs.map { $0["namespace"] as? String }, ["lakemake://lake", "lakemake://lake"])
        let version = (inputs[1]["facets"] as? [String: Any])?["version"] as? [String: Any]
        XCTAssertEqual(version?["datasetVersion"] as? String, "27dd8ed44a83ff94d557f9fd0412ed5a8cbca69ea04922d88c01184a07300a5a")
        let outputs = try XCTUnwrap(report["outputs"] as? [[String: Any]])
        let outVersion = (outputs.first?["facets"] as? [String: Any])?["version"] as? [String: Any]
        XCTAssertEqual(outVersion?["datasetVersion"] as? String, try Lakemake.sha256sum(lake.lake + "/reports/all.txt"))

        // The same catalog gives the same events.
        XCTAssertEqual(try lake.run("lineage", "reports/all.txt", "--format", "openlineage").lines, lines)
    }

    func testEventsLoadIntoTheOpenLineagePythonModel() throws {
        let python = try InteropPython.path(for: "the openlineage-python model")
        let (lake, lines) = try events()
        defer { lake.remove() }
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
        XCTAssertEqual(message.trimmingCharacters(in: .whitespacesAndNewlines), "6 events")
    }

    /// Builds `RunEvent` objects field by field (the model's validators check the UUID, the
    /// ISO time and the URIs) and compares the model's own serialisation with each line.
    static let loader = #"""
import json, sys
from openlineage.client.event_v2 import RunEvent, RunState, Run, Job, InputDataset, OutputDataset
from openlineage.client.facet_v2 import dataset_version_dataset
from openlineage.client.serde import Serde

def datasets(cls, items):
    out = []
    for d in items:
        v = d["facets"]["version"]
        facet = dataset_version_dataset.DatasetVersionDatasetFacet(datasetVersion=v["datasetVersion"], producer=v["_producer"])
        out.append(cls(namespace=d["namespace"], name=d["name"], facets={"version": facet}))
    return out

count = 0
for line in open(sys.argv[1]):
    e = json.loads(line)
    event = RunEvent(eventType=RunState(e["eventType"]), eventTime=e["eventTime"], run=Run(runId=e["run"]["runId"]),
                     job=Job(namespace=e["job"]["namespace"], name=e["job"]["name"]), producer=e["producer"],
                     inputs=datasets(InputDataset, e["inputs"]), outputs=datasets(OutputDataset, e["outputs"]))
    back = json.loads(Serde.to_json(event))
    for key in ("eventType", "eventTime", "producer"):
        assert back[key] == e[key], (key, back[key], e[key])
    assert back["run"]["runId"] == e["run"]["runId"]
    assert back["job"]["name"] == e["job"]["name"]
    assert [d["name"] for d in back["inputs"]] == [d["name"] for d in e["inputs"]]
    assert [d["facets"]["version"]["datasetVersion"] for d in back["outputs"]] == [d["facets"]["version"]["datasetVersion"] for d in e["outputs"]]
    assert back["outputs"][0]["facets"]["version"]["_schemaURL"] == e["outputs"][0]["facets"]["version"]["_schemaURL"]
    count += 1
print(f"{count} events")
"""#
}

extension ISO8601DateFormatter {
    nonisolated(unsafe) static let withFraction: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }()
}
