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

    /// The stats of those `paths` that exist, stat'ed in parallel.
    static func gather(paths: [String], fileSystem: FileSystem) -> [(String, FileStat)] {
        let chunks = max(1, min(64, paths.count / 2048))
        let results = ResultBox<[(String, FileStat)]>(count: chunks)
        let all = paths
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            var found: [(String, FileStat)] = []
            var i = c
            while i < all.count {
                if let s = fileSystem.stat(all[i]) { found.append((all[i], s)) }
                i += chunks
            }
            results.set(c, found)
        }
        return (0..<chunks).flatMap { results.get($0) ?? [] }
    }
}
