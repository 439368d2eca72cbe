// The catalog schema, derived from four constraints.
//
// 1. A no-op build of a 10 000-file lake takes at most 0.1 s. So the whole state a build
//    compares against is read in bulk by a fixed number of whole-table SELECTs (files,
//    targets, target_outputs, target_inputs), never by a query per file or target. Child
//    tables are WITHOUT ROWID tables keyed by (target_id, position), so a whole-table scan
//    returns each target's rows together and in order, and the loader merges them in one pass
//    with no sort.
// 2. Every output's exact inputs are kept (the lineage). target_inputs records each input's
//    path, hash and size as the target read them, in line-then-member order, because that
//    order is what the target key hashes.
// 3. History is kept, but off the no-op path. Every target row written also appends a
//    `history` row with its outputs and inputs in `history_files`, so "the output as it was
//    after build N" and "what was its previous key" can be answered. Nothing on the no-op path
//    reads it; it is indexed by (primary_output, build_id) for the commands that do, and it is
//    compacted: only the newest 20 versions per output are kept (`Catalog.historyVersionsKept`).
// 4. The catalog is rebuildable from disk. It is a cache of facts about the lake plus the
//    build log; losing it costs a full re-hash and rebuild, never data. So the schema favours
//    simple, queryable rows over cleverness, and `sqlite3` users can read it directly.
//
// Build times live only in `builds`, never in an output, so outputs stay reproducible.
// Device and inode numbers are UInt64 in Swift and stored as the Int64 with the same bits.

/// The SQL that creates each schema version's tables.
enum Schema {
    /// Schema version 1: files, builds, targets with their outputs and inputs, and history.
    static let version1 = """
        CREATE TABLE files (
            path             TEXT    NOT NULL PRIMARY KEY,
            kind             TEXT    NOT NULL CHECK (kind IN ('raw', 'reference', 'derived')),
            device           INTEGER NOT NULL,
            inode            INTEGER NOT NULL,
            size             INTEGER NOT NULL,
            mtime_ns         INTEGER NOT NULL,
            ctime_ns         INTEGER NOT NULL,
            sha256           TEXT    NOT NULL,
            first_seen_build INTEGER NOT NULL,
            last_seen_build  INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE builds (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at   TEXT    NOT NULL,
            finished_at  TEXT,
            command_line TEXT    NOT NULL,
            built        INTEGER NOT NULL DEFAULT 0,
            unchanged    INTEGER NOT NULL DEFAULT 0,
            rejected     INTEGER NOT NULL DEFAULT 0,
            failed       INTEGER NOT NULL DEFAULT 0,
            removed      INTEGER NOT NULL DEFAULT 0,
            skipped      INTEGER NOT NULL DEFAULT 0,
            exit_status  INTEGER
        );

        CREATE TABLE targets (
            id             INTEGER PRIMARY KEY,
            primary_output TEXT    NOT NULL UNIQUE,
            rule           TEXT    NOT NULL,
            action         TEXT    NOT NULL,
            action_version INTEGER NOT NULL,
            parameters     TEXT    NOT NULL,
            key            TEXT    NOT NULL,
            state          TEXT    NOT NULL CHECK (state IN ('built', 'rejected', 'failed')),
            error          TEXT,
            duration_ms    INTEGER NOT NULL,
            build_id       INTEGER NOT NULL REFERENCES builds(id)
        );

        CREATE TABLE target_outputs (
            target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
            position  INTEGER NOT NULL,
            path      TEXT    NOT NULL UNIQUE,
            sha256    TEXT    NOT NULL,
            size      INTEGER NOT NULL,
            PRIMARY KEY (target_id, position)
        ) WITHOUT ROWID;

        CREATE TABLE target_inputs (
            target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
            position  INTEGER NOT NULL,
            path      TEXT    NOT NULL,
            sha256    TEXT    NOT NULL,
            size      INTEGER NOT NULL,
            PRIMARY KEY (target_id, position)
        ) WITHOUT ROWID;

        CREATE INDEX target_inputs_by_path ON target_inputs(path);

        CREATE TABLE history (
            id             INTEGER PRIMARY KEY,
            build_id       INTEGER NOT NULL REFERENCES builds(id),
            primary_output TEXT    NOT NULL,
            event          TEXT    NOT NULL CHECK (event IN ('built', 'rejected', 'failed', 'removed')),
            rule           TEXT    NOT NULL,
            action         TEXT    NOT NULL,
            action_version INTEGER NOT NULL,
            parameters     TEXT    NOT NULL,
            key            TEXT    NOT NULL,
            error          TEXT,
            duration_ms    INTEGER NOT NULL
        );

        CREATE INDEX history_by_output ON history(primary_output, build_id);

        CREATE TABLE history_files (
            history_id INTEGER NOT NULL REFERENCES history(id) ON DELETE CASCADE,
            role       TEXT    NOT NULL CHECK (role IN ('output', 'input')),
            position   INTEGER NOT NULL,
            path       TEXT    NOT NULL,
            sha256     TEXT    NOT NULL,
            size       INTEGER NOT NULL,
            PRIMARY KEY (history_id, role, position)
        ) WITHOUT ROWID;
        """

    /// Version 2: one row holding the state a build left behind when it completed with
    /// nothing failed, so an unchanged lake is recognised with one SELECT and one walk instead
    /// of a read of every target (ninja's no-op is a stat pass and one log read). The engine
    /// encodes `state`; the catalog keeps it opaque. Any build that writes clears it first.
    static let version2 = """
        CREATE TABLE noop_snapshot (
            id         INTEGER PRIMARY KEY CHECK (id = 1),
            config     TEXT NOT NULL,
            state      BLOB NOT NULL
        );
        """

    /// Version 3: the no-op snapshot becomes the stored plan (the whole target graph, which
    /// builds start from), and a build that changed little appends its changes to it instead
    /// of rewriting it.
    static let version3 = """
        ALTER TABLE noop_snapshot RENAME TO stored_plan;
        DELETE FROM stored_plan;
        ALTER TABLE stored_plan ADD COLUMN graph BLOB;
        CREATE TABLE stored_plan_changes (
            id    INTEGER PRIMARY KEY,
            state BLOB
        );
        """
}
