// The full path's catalog access: five whole-table SELECTs, merged in memory.
//
// target_rows is scanned in id order; target_output_rows is a WITHOUT ROWID table keyed by
// (target_id, position), so its scan arrives grouped by target and ordered by position, and
// the input lists are read by walking target_rows in id order and each target's list
// (input_list_items, keyed by (list_id, position)) in position order. One forward pass over
// each attaches the rows to their target with no per-target query, no sort and no dictionary
// lookup by id. `paths` is read first, whole, into an array by id: each row names its path by
// id, and every row naming one path shares that path's one string (a join would make a string
// per row, and look each id up in the table's B-tree).

import LakeFormats

extension Catalog {
    /// Reads every file and every target with its outputs and inputs, in exactly five SQL
    /// statements whatever the size of the lake (paths, files, targets, outputs, inputs). With `inputs: false` the targets' input lists
    /// (by far the most rows: an aggregate reads hundreds of files) are left empty and the
    /// state says so; a build compares keys first and asks for one target's inputs only when
    /// its key differs (`target(producing:)`).
    public func loadState(inputs loadInputs: Bool = true) throws(CatalogError) -> CatalogState {
        try withConnection { connection in
            let paths = try Self.loadPaths(on: connection)
            // Collected into an array first so the dictionary is built at its final capacity
            // instead of rehashing as it grows.
            var fileList: [FileRecord] = []
            let fileRows = try connection.prepare(Self.selectFilesByPathID)
            defer { fileRows.reset() }
            while try fileRows.step() {
                fileList.append(try Self.decodeFile(fileRows, paths: paths))
            }
            // One row per path id, and `paths` holds each byte sequence once: no key repeats.
            var files = ByteExactDictionary<FileRecord>()
            files.reserveCapacity(fileList.count)
            for file in fileList { files[file.path] = file }

            var ids: [Int64] = []
            var targets: [TargetRecord] = []
            let targetRows = try connection.prepare(Self.selectTargetsByPathID + " ORDER BY t.id")
            defer { targetRows.reset() }
            while try targetRows.step() {
                let (id, _, target) = try Self.decodeTarget(targetRows, paths: paths)
                ids.append(id)
                targets.append(target)
            }

            let outputs = try Self.loadChildren(connection, sql: """
                SELECT target_id, path_id, sha256, size FROM target_output_rows ORDER BY target_id, position
                """, table: "target_outputs", ids: ids, paths: paths)
            let inputs = loadInputs ? try Self.loadChildren(connection, sql: """
                SELECT t.id, i.path_id, i.sha256, i.size
                FROM target_rows AS t JOIN input_list_items AS i ON i.list_id = t.input_list_id
                ORDER BY t.id, i.position
                """, table: "target_inputs", ids: ids, paths: paths) : []

            var targetIndexByOutput = ByteExactDictionary<Int>()
            targetIndexByOutput.reserveCapacity(targets.count + outputs.reduce(0) { $0 + $1.count })
            for index in targets.indices {
                targets[index].outputs = outputs[index]
                if loadInputs { targets[index].inputs = inputs[index] }
                targetIndexByOutput[targets[index].primaryOutput] = index
                for output in outputs[index] {
                    targetIndexByOutput[output.path] = index
                }
            }
            return CatalogState(files: files, targets: targets, targetIndexByOutput: targetIndexByOutput, inputsLoaded: loadInputs)
        }
    }

    /// Runs a (target id, path id, sha256, size) query whose rows are ordered by target id,
    /// then position, and groups its rows per target, parallel to `ids` (which is ascending).
    private static func loadChildren(
        _ connection: SQLite.Connection, sql: String, table: String, ids: [Int64], paths: [String]
    ) throws -> [[FileVersion]] {
        var grouped = [[FileVersion]](repeating: [], count: ids.count)
        let rows = try connection.prepare(sql)
        defer { rows.reset() }
        var index = 0
        while try rows.step() {
            let targetID = try rows.int64(at: 0)
            while index < ids.count, ids[index] < targetID { index += 1 }
            guard index < ids.count, ids[index] == targetID else {
                // Foreign keys make this impossible unless the file was edited by hand.
                throw CatalogError.unexpectedValue(table: table, column: "target_id", value: String(targetID))
            }
            grouped[index].append(FileVersion(path: try path(rows, at: 1, paths: paths, table: table),
                                              sha256: try StoredHash.hex(rows, at: 2, table: table, column: "sha256"),
                                              size: try rows.int64(at: 3)))
        }
        return grouped
    }
}

extension Catalog {
    /// The rows a change-driven build reads instead of the whole state: the targets that have
    /// one of `outputs` among their outputs (with their outputs and inputs) and the `files`
    /// rows of `paths`, each by its index. A path without a row is simply absent.
    public func loadState(targetsProducing outputs: [String], files paths: [String]) throws(CatalogError) -> CatalogState {
        try withConnection { connection in
            var targets: [TargetRecord] = []
            var seen = Set<Int64>()
            for path in outputs {
                guard let id = try Self.targetID(producing: path, on: connection), seen.insert(id).inserted,
                      let target = try Self.loadTarget(id: id, on: connection) else { continue }
                targets.append(target)
            }
            var files = ByteExactDictionary<FileRecord>()
            let query = try connection.prepare(Self.selectFiles + " WHERE p.path = ?1")
            for key in Set(paths.map(ByteExactString.init)) {
                let path = key.text
                try query.bind(path, at: 1)
                if try query.step() { files[path] = try Self.decodeFile(query) }
                query.reset()
            }
            var targetIndexByOutput = ByteExactDictionary<Int>()
            for (index, target) in targets.enumerated() {
                targetIndexByOutput[target.primaryOutput] = index
                for output in target.outputs { targetIndexByOutput[output.path] = index }
            }
            return CatalogState(files: files, targets: targets, targetIndexByOutput: targetIndexByOutput, inputsLoaded: true)
        }
    }
}
