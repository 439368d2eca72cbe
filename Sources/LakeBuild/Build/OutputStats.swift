// Outputs are stat'ed by name: every planned output and every derived file the catalog
// recorded (to notice hand edits, deletions and orphans), each once, across the cores.

import Catalog
import Foundation

enum OutputStats {
    static func gather(graph: TargetGraph, state: CatalogState, fileSystem: FileSystem) -> [(String, FileStat)] {
        var paths = Array(graph.producer.keys)
        for (path, record) in state.files where record.kind == .derived && graph.producer[path] == nil {
            paths.append(path)
        }
        return gather(paths: paths, fileSystem: fileSystem)
    }

    /// The stats of those `paths` that exist.
    static func gather(paths: [String], fileSystem: FileSystem) -> [(String, FileStat)] {
        zip(paths, fileSystem.stat(paths)).compactMap { p, s in s.map { (p, $0) } }
    }
}
