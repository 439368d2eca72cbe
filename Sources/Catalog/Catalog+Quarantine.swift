import Foundation

extension Catalog {
    /// Moves a damaged catalog aside so a build can start a fresh one without deleting
    /// anything: `catalog.db` becomes `catalog.db.corrupt-N` (the first N from 1 not yet used),
    /// and its `-wal` and `-shm` companions, when present, move alongside
    /// (`catalog.db.corrupt-N-wal`, …). Returns the new path of the database file.
    public static func quarantine(path: String) throws(CatalogError) -> String {
        let files = FileManager.default
        var number = 1
        while ["", "-wal", "-shm"].contains(where: { files.fileExists(atPath: "\(path).corrupt-\(number)\($0)") }) {
            number += 1
        }
        let destination = "\(path).corrupt-\(number)"
        for suffix in ["", "-wal", "-shm"] where files.fileExists(atPath: path + suffix) {
            do {
                try files.moveItem(atPath: path + suffix, toPath: destination + suffix)
            } catch {
                throw CatalogError.quarantineFailed(path: path, detail: error.localizedDescription)
            }
        }
        return destination
    }
}
