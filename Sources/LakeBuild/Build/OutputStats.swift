// Outputs are stat'ed by name: every planned output and every derived file the catalog
// recorded (to notice hand edits, deletions and orphans), each once, across the cores.

import Catalog
import Foundation

enum OutputStats {
    /// The stats of every planned and recorded output that exists; a path in `known` (stat'ed
    /// moments ago by the no-op check) is not stat'ed again. `statted` counts the new stats.
    static func gather(graph: TargetGraph, state: CatalogState, fileSystem: FileSystem,
                       known: [String: FileStat?] = [:]) -> (stats: [(String, FileStat)], statted: Int) {
        var reused: [(String, FileStat)] = []
        var paths: [String] = []
        func add(_ path: String) {
            if let stat = known[path] {
                if let stat { reused.append((path, stat)) }
            } else {
                paths.append(path)
            }
        }
        var seen = Set<String>()
        for path in graph.producer.keys { add(path) }
        for (path, record) in state.files where record.kind == .derived && graph.producer[path] == nil {
            seen.insert(path)
            add(path)
        }
        // A recorded target's outputs, even without a `files` row (a catalog written by a build
        // that was killed before its end), so orphans are found and deleted.
        for target in state.targets {
            for o in target.outputs where graph.producer[o.path] == nil && seen.insert(o.path).inserted { add(o.path) }
        }
        return (reused + gather(paths: paths, fileSystem: fileSystem), paths.count)
    }

    /// The stats of those `paths` that exist.
    static func gather(paths: [String], fileSystem: FileSystem) -> [(String, FileStat)] {
        zip(paths, fileSystem.stat(paths)).compactMap { p, s in s.map { (p, $0) } }
    }
}
