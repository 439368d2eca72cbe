// The no-op path's only catalog access: four whole-table SELECTs, merged in memory.
//
// targets are scanned in id order, and target_outputs / target_inputs are WITHOUT ROWID
// tables keyed by (target_id, position), so their scans arrive grouped by target and ordered
// by position. One forward pass over each child table attaches the rows to their target with
// no per-target query, no sort and no dictionary lookup by id.

extension Catalog {
    /// Reads every file and every target with its outputs and inputs, in exactly four SQL
    /// statements whatever the size of the lake. With `inputs: false` the targets' input lists
    /// (by far the largest table: an aggregate reads hundreds of files) are left empty and the
    /// state says so; a build compares keys first and asks for one target's inputs only when
    /// its key differs (`target(producing:)`).
    public func loadState(inputs loadInputs: Bool = true) throws(CatalogError) -> CatalogState {
        try withConnection { connection in
            // Collected into an array first so the dictionary is built at its final capacity
            // instead of rehashing as it grows.
            var fileList: [FileRecord] = []
            let fileRows = try connection.prepare(Self.selectFiles)
            defer { fileRows.reset() }
            while try fileRows.step() {
                fileList.append(try Self.decodeFile(fileRows))
            }
            let files = Dictionary(fileList.lazy.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })

            var ids: [Int64] = []
            var targets: [TargetRecord] = []
            let targetRows = try connection.prepare(Self.selectTargets + " ORDER BY id")
            defer { targetRows.reset() }
            while try targetRows.step() {
                let (id, target) = try Self.decodeTarget(targetRows)
                ids.append(id)
                targets.append(target)
            }

            let outputs = try Self.loadChildren(
                connection, sql: "SELECT target_id, path, sha256, size FROM target_outputs ORDER BY target_id, position",
                table: "target_outputs", ids: ids
            ) { FileVersion(path: $0, sha256: $1, size: $2) }
            let inputs = loadInputs ? try Self.loadChildren(
                connection, sql: "SELECT target_id, path, sha256, size FROM target_inputs ORDER BY target_id, position",
                table: "target_inputs", ids: ids
            ) { FileVersion(path: $0, sha256: $1, size: $2) } : []

            var targetIndexByOutput: [String: Int] = [:]
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

    /// Scans one child table (rows ordered by target id, then position) and groups its rows per
    /// target, parallel to `ids` (which is ascending).
    private static func loadChildren<Row>(
        _ connection: SQLite.Connection, sql: String, table: String, ids: [Int64],
        make: (String, String, Int64) -> Row
    ) throws -> [[Row]] {
        var grouped = [[Row]](repeating: [], count: ids.count)
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
            grouped[index].append(make(try rows.string(at: 1), try rows.string(at: 2), try rows.int64(at: 3)))
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
            var files: [String: FileRecord] = [:]
            let query = try connection.prepare(Self.selectFiles + " WHERE path = ?1")
            for path in Set(paths) {
                try query.bind(path, at: 1)
                if try query.step() { files[path] = try Self.decodeFile(query) }
                query.reset()
            }
            var targetIndexByOutput: [String: Int] = [:]
            for (index, target) in targets.enumerated() {
                targetIndexByOutput[target.primaryOutput] = index
                for output in target.outputs { targetIndexByOutput[output.path] = index }
            }
            return CatalogState(files: files, targets: targets, targetIndexByOutput: targetIndexByOutput, inputsLoaded: true)
        }
    }
}
