// Outputs are stat'ed by name: every planned output and every derived file the catalog
// recorded (to notice hand edits, deletions and orphans), each once, across the cores.

import Catalog
import Foundation

enum OutputStats {
    /// The stats of every planned and recorded output that exists; `statted` counts the stats.
    static func gather(graph: TargetGraph, state: CatalogState, fileSystem: FileSystem) -> (stats: [(String, FileStat)], statted: Int) {
        var paths = Array(graph.producer.keys)
        var seen = Set<String>()
        for (path, record) in state.files where record.kind == .derived && graph.producer[path] == nil {
            seen.insert(path)
            paths.append(path)
        }
        // A recorded target's outputs, even without a `files` row (a catalog written by a build
        // that was killed before its end), so orphans are found and deleted.
        for target in state.targets {
            for o in target.outputs where graph.producer[o.path] == nil && seen.insert(o.path).inserted { paths.append(o.path) }
        }
        return (gather(paths: paths, fileSystem: fileSystem), paths.count)
    }

    /// The stats of those `paths` that exist.
    static func gather(paths: [String], fileSystem: FileSystem) -> [(String, FileStat)] {
        zip(paths, fileSystem.stat(paths)).compactMap { p, s in s.map { (p, $0) } }
    }
}
