/// Everything that can go wrong with the build catalog (`lake/.lakemake/catalog.db`), each
/// with a message a user can act on and a hint saying what to do.
public enum CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is not a SQLite database, or `PRAGMA quick_check` found damage.
    case corrupt(path: String, detail: String)
    /// The catalog was written by a newer lakemake whose schema this one does not know.
    case tooNew(found: Int, supported: Int)
    /// A read-only command found a catalog that needs migrating; only a build may migrate.
    case outdated(found: Int, supported: Int)
    /// A read-only command found no catalog at all.
    case missing(path: String)
    /// The catalog (or its directory, or its file system) cannot be written.
    case readOnly(path: String)
    /// A migration step failed; the catalog was left at the previous version.
    case migrationFailed(version: Int, detail: String)
    /// A column held a value this version of lakemake does not understand.
    case unexpectedValue(table: String, column: String, value: String)
    /// A record handed to the catalog held this value where a SHA-256 in lower-case hex
    /// belongs; the catalog stores hashes as their 32 bytes and could not give it back.
    case notAHash(value: String)
    /// Moving a corrupt catalog aside failed.
    case quarantineFailed(path: String, detail: String)
    /// The whole stored plan's file (beside the database) could not be written.
    case planFile(path: String, detail: String)
    /// Any other SQLite failure.
    case sqlite(SQLite.Error)

    /// What went wrong, in one sentence.
    public var message: String {
        switch self {
        case .corrupt(let path, let detail):
            return "the build catalog \(path) is damaged: \(detail)"
        case .tooNew(let found, let supported):
            return "the build catalog has schema version \(found), but this lakemake knows only up to \(supported)"
        case .outdated(let found, let supported):
            return "the build catalog has schema version \(found) and needs upgrading to \(supported)"
        case .missing(let path):
            return "there is no build catalog at \(path)"
        case .readOnly(let path):
            return "the build catalog \(path) cannot be written"
        case .migrationFailed(let version, let detail):
            return "upgrading the build catalog to schema version \(version) failed: \(detail)"
        case .unexpectedValue(let table, let column, let value):
            return "the build catalog holds '\(value)' in \(table).\(column), which this lakemake does not understand"
        case .notAHash(let value):
            return "'\(value.prefix(80))' was to be recorded as a SHA-256, but it is not 64 lower-case hex characters"
        case .quarantineFailed(let path, let detail):
            return "could not move the damaged build catalog \(path) aside: \(detail)"
        case .planFile(let path, let detail):
            return "could not store the build plan \(path): \(detail)"
        case .sqlite(let error):
            return "the build catalog failed: \(error.message)"
        }
    }

    /// What the user can do about it.
    public var hint: String {
        switch self {
        case .corrupt:
            return "run 'lakemake build': it moves the damaged catalog aside and rebuilds it from the lake; no data is lost"
        case .tooNew:
            return "use the newer lakemake that wrote this catalog, or move the catalog aside and run 'lakemake build' to rebuild it"
        case .outdated:
            return "run 'lakemake build' once to upgrade the catalog"
        case .missing:
            return "run 'lakemake build' to create it"
        case .readOnly:
            return "check the permissions of the lake's .lakemake folder and that its file system is not mounted read-only"
        case .migrationFailed:
            return "the catalog is unchanged; move it aside and run 'lakemake build' to rebuild it from the lake"
        case .unexpectedValue:
            return "the catalog may have been written by another lakemake version; move it aside and run 'lakemake build' to rebuild it"
        case .notAHash:
            return "this is a bug in lakemake: nothing was recorded; please report it with the command that failed"
        case .quarantineFailed:
            return "check the permissions of the lake's .lakemake folder, then try again"
        case .planFile:
            return "every output and its record are intact, and the next build plans the lake in full; check the free space and the permissions of the lake's .lakemake folder"
        case .sqlite(let error) where error.isFull:
            return "the disk holding the lake is full: free some space and run 'lakemake build' again; the catalog and every published output are intact"
        case .sqlite(let error) where error.isBusy:
            return "another process is holding the catalog; wait for it to finish and try again"
        case .sqlite:
            return "try again; if it persists, move the catalog aside and run 'lakemake build' to rebuild it"
        }
    }

    public var description: String { "\(message)\nhint: \(hint)" }
}

extension CatalogError {
    /// Maps a failure raised inside the catalog to the case a user should see.
    static func wrapping(_ error: any Error, path: String) -> CatalogError {
        if let error = error as? CatalogError { return error }
        if let error = error as? SQLite.Error {
            if error.isCorruption { return .corrupt(path: path, detail: error.message) }
            if error.isReadOnly { return .readOnly(path: path) }
            return .sqlite(error)
        }
        return .sqlite(SQLite.Error(code: 1, message: String(describing: error)))
    }
}
