// The catalog schema, derived from four constraints.
//
// 1. A no-op build of a 10 000-file lake takes at most 0.1 s. So the whole state a build
//    compares against is read in bulk by a fixed number of whole-table SELECTs (paths, files,
//    targets, target outputs, input lists), never by a query per file or target. Child
//    tables are WITHOUT ROWID tables keyed by (owner id, position), so a whole-table scan
//    returns each owner's rows together and in order, and the loader merges them in one pass
//    with no sort. Rows name paths by integer id; the loader reads `paths` once into an array.
// 2. Every output's exact inputs are kept (the lineage). An input list records each input's
//    path, hash and size as the target read them, in line-then-member order, because that
//    order is what the target key hashes. A list is stored once (`input_lists`, addressed by
//    its content) however many versions of the target read exactly it.
// 3. History is kept, but off the no-op path. Every target row written also appends a
//    `history_rows` row (with its outputs, and the id of its input list), so "the output as it
//    was after build N" and "what was its previous key" can be answered. Nothing on the no-op
//    path reads it; it is indexed by (primary_output_id, build_id) for the commands that do,
//    and it is compacted: only the newest 20 versions per output are kept
//    (`Catalog.historyVersionsKept`).
// 4. The catalog is rebuildable from disk. It is a cache of facts about the lake plus the
//    build log; losing it costs a full re-hash and rebuild, never data. So the schema favours
//    simple, queryable rows over cleverness, and `sqlite3` users can read it directly: since
//    version 4 stores ids and binary hashes, views with the version 3 names and columns
//    (`files`, `targets`, `target_inputs`, …) give them text paths and hex hashes.
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

    /// Version 5: the whole stored plan moves out of the database into a file beside it
    /// (`catalog.db-plan-N`, see `StoredPlanFiles`); its row keeps the configuration, the
    /// file's number, and the size and CRC-32 of each of its two parts. The plan stored in the
    /// row and its changes are dropped: the next build plans the lake in full once (no target
    /// is rebuilt for it) and writes the file.
    static let version5 = """
        DROP TABLE stored_plan;
        DELETE FROM stored_plan_changes;
        CREATE TABLE stored_plan (
            id          INTEGER PRIMARY KEY CHECK (id = 1),
            config      TEXT    NOT NULL,
            generation  INTEGER NOT NULL,
            base_size   INTEGER NOT NULL,
            base_crc32  INTEGER NOT NULL,
            graph_size  INTEGER NOT NULL,
            graph_crc32 INTEGER NOT NULL
        );
        """

    /// Version 4: paths are interned and hashes are binary, and a target's input list is
    /// stored once, however many history versions share it (issue: a 100 000-upload lake's
    /// catalog was 660 MB, most of it the same paths as text and the same input lists copied
    /// into every history version).
    ///
    /// - `paths` gives every path an id once; every other table names paths by id. Ids are
    ///   never deleted or reused, so a cached path → id pair stays true for good.
    /// - Hashes (file, output and input SHA-256, and the target key) are 32-byte BLOBs.
    /// - `input_lists` is content-addressed: `digest` is a SHA-256 over the ordered (path,
    ///   hash, size) items (`InputList.digest`), so the current target and each history version
    ///   with the same inputs refer to one list. Triggers delete a list as soon as no target
    ///   and no history row refers to it any more, whatever deleted or changed the last one.
    /// - `input_list_items_by_path` is the reverse index: from a path to the lists, hence the
    ///   targets, that read it.
    /// - The tables of version 3 become views of the same names and columns (text paths,
    ///   lower-case hex hashes), so queries written for `sqlite3` keep working.
    ///
    /// The migration (`Migrations.fillVersion4`) creates these tables, copies every row of the
    /// version 3 tables into them, drops those tables and then creates the views.
    static let version4Tables = """
        CREATE TABLE paths (
            id   INTEGER PRIMARY KEY,
            path TEXT    NOT NULL UNIQUE
        );

        CREATE TABLE file_rows (
            path_id          INTEGER NOT NULL PRIMARY KEY REFERENCES paths(id),
            kind             TEXT    NOT NULL CHECK (kind IN ('raw', 'reference', 'derived')),
            device           INTEGER NOT NULL,
            inode            INTEGER NOT NULL,
            size             INTEGER NOT NULL,
            mtime_ns         INTEGER NOT NULL,
            ctime_ns         INTEGER NOT NULL,
            sha256           BLOB    NOT NULL,
            first_seen_build INTEGER NOT NULL,
            last_seen_build  INTEGER NOT NULL
        );

        CREATE TABLE input_lists (
            id     INTEGER PRIMARY KEY,
            digest BLOB    NOT NULL UNIQUE
        );

        CREATE TABLE input_list_items (
            list_id  INTEGER NOT NULL REFERENCES input_lists(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            path_id  INTEGER NOT NULL REFERENCES paths(id),
            sha256   BLOB    NOT NULL,
            size     INTEGER NOT NULL,
            PRIMARY KEY (list_id, position)
        ) WITHOUT ROWID;

        CREATE INDEX input_list_items_by_path ON input_list_items(path_id);

        CREATE TABLE target_rows (
            id                INTEGER PRIMARY KEY,
            primary_output_id INTEGER NOT NULL UNIQUE REFERENCES paths(id),
            rule              TEXT    NOT NULL,
            action            TEXT    NOT NULL,
            action_version    INTEGER NOT NULL,
            parameters        TEXT    NOT NULL,
            key               BLOB    NOT NULL,
            state             TEXT    NOT NULL CHECK (state IN ('built', 'rejected', 'failed')),
            error             TEXT,
            duration_ms       INTEGER NOT NULL,
            build_id          INTEGER NOT NULL REFERENCES builds(id),
            input_list_id     INTEGER NOT NULL REFERENCES input_lists(id)
        );

        CREATE INDEX target_rows_by_input_list ON target_rows(input_list_id);

        CREATE TABLE target_output_rows (
            target_id INTEGER NOT NULL REFERENCES target_rows(id) ON DELETE CASCADE,
            position  INTEGER NOT NULL,
            path_id   INTEGER NOT NULL UNIQUE REFERENCES paths(id),
            sha256    BLOB    NOT NULL,
            size      INTEGER NOT NULL,
            PRIMARY KEY (target_id, position)
        ) WITHOUT ROWID;

        CREATE TABLE history_rows (
            id                INTEGER PRIMARY KEY,
            build_id          INTEGER NOT NULL REFERENCES builds(id),
            primary_output_id INTEGER NOT NULL REFERENCES paths(id),
            event             TEXT    NOT NULL CHECK (event IN ('built', 'rejected', 'failed', 'removed')),
            rule              TEXT    NOT NULL,
            action            TEXT    NOT NULL,
            action_version    INTEGER NOT NULL,
            parameters        TEXT    NOT NULL,
            key               BLOB    NOT NULL,
            error             TEXT,
            duration_ms       INTEGER NOT NULL,
            input_list_id     INTEGER REFERENCES input_lists(id)
        );

        CREATE INDEX history_rows_by_output ON history_rows(primary_output_id, build_id);
        CREATE INDEX history_rows_by_input_list ON history_rows(input_list_id);

        CREATE TABLE history_output_rows (
            history_id INTEGER NOT NULL REFERENCES history_rows(id) ON DELETE CASCADE,
            position   INTEGER NOT NULL,
            path_id    INTEGER NOT NULL REFERENCES paths(id),
            sha256     BLOB    NOT NULL,
            size       INTEGER NOT NULL,
            PRIMARY KEY (history_id, position)
        ) WITHOUT ROWID;
        """

    /// Deletes an input list the moment its last referrer goes: a target re-recorded with
    /// other inputs or removed, or a history version compacted away. In the database rather
    /// than in Swift so that no way of deleting a row (including by hand in `sqlite3`) can
    /// leave a list behind.
    static let version4Triggers = """
        CREATE TRIGGER input_list_unused_after_target_update AFTER UPDATE OF input_list_id ON target_rows
        WHEN old.input_list_id IS NOT new.input_list_id BEGIN
            DELETE FROM input_lists WHERE id = old.input_list_id
                AND NOT EXISTS (SELECT 1 FROM target_rows WHERE input_list_id = old.input_list_id)
                AND NOT EXISTS (SELECT 1 FROM history_rows WHERE input_list_id = old.input_list_id);
        END;

        CREATE TRIGGER input_list_unused_after_target_delete AFTER DELETE ON target_rows BEGIN
            DELETE FROM input_lists WHERE id = old.input_list_id
                AND NOT EXISTS (SELECT 1 FROM target_rows WHERE input_list_id = old.input_list_id)
                AND NOT EXISTS (SELECT 1 FROM history_rows WHERE input_list_id = old.input_list_id);
        END;

        CREATE TRIGGER input_list_unused_after_history_delete AFTER DELETE ON history_rows
        WHEN old.input_list_id IS NOT NULL BEGIN
            DELETE FROM input_lists WHERE id = old.input_list_id
                AND NOT EXISTS (SELECT 1 FROM target_rows WHERE input_list_id = old.input_list_id)
                AND NOT EXISTS (SELECT 1 FROM history_rows WHERE input_list_id = old.input_list_id);
        END;
        """

    /// The tables of version 3, as views: text paths and lower-case hex hashes, the columns
    /// and names `docs/catalog.md` and people's own queries use. `targets` and `history` add
    /// `input_list_id`, which shows which versions share one input list.
    static let version4Views = """
        CREATE VIEW files (path, kind, device, inode, size, mtime_ns, ctime_ns, sha256, first_seen_build,
                           last_seen_build) AS
            SELECT p.path, f.kind, f.device, f.inode, f.size, f.mtime_ns, f.ctime_ns, lower(hex(f.sha256)),
                   f.first_seen_build, f.last_seen_build
            FROM file_rows AS f JOIN paths AS p ON p.id = f.path_id;

        CREATE VIEW targets (id, primary_output, rule, action, action_version, parameters, key, state, error,
                             duration_ms, build_id, input_list_id) AS
            SELECT t.id, p.path, t.rule, t.action, t.action_version, t.parameters, lower(hex(t.key)), t.state,
                   t.error, t.duration_ms, t.build_id, t.input_list_id
            FROM target_rows AS t JOIN paths AS p ON p.id = t.primary_output_id;

        CREATE VIEW target_outputs (target_id, position, path, sha256, size) AS
            SELECT o.target_id, o.position, p.path, lower(hex(o.sha256)), o.size
            FROM target_output_rows AS o JOIN paths AS p ON p.id = o.path_id;

        CREATE VIEW target_inputs (target_id, position, path, sha256, size) AS
            SELECT t.id, i.position, p.path, lower(hex(i.sha256)), i.size
            FROM target_rows AS t
            JOIN input_list_items AS i ON i.list_id = t.input_list_id
            JOIN paths AS p ON p.id = i.path_id;

        CREATE VIEW history (id, build_id, primary_output, event, rule, action, action_version, parameters, key,
                             error, duration_ms, input_list_id) AS
            SELECT h.id, h.build_id, p.path, h.event, h.rule, h.action, h.action_version, h.parameters,
                   lower(hex(h.key)), h.error, h.duration_ms, h.input_list_id
            FROM history_rows AS h JOIN paths AS p ON p.id = h.primary_output_id;

        CREATE VIEW history_files (history_id, role, position, path, sha256, size) AS
            SELECT o.history_id, 'output', o.position, p.path, lower(hex(o.sha256)), o.size
            FROM history_output_rows AS o JOIN paths AS p ON p.id = o.path_id
            UNION ALL
            SELECT h.id, 'input', i.position, p.path, lower(hex(i.sha256)), i.size
            FROM history_rows AS h
            JOIN input_list_items AS i ON i.list_id = h.input_list_id
            JOIN paths AS p ON p.id = i.path_id;
        """
}
