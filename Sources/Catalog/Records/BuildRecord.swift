/// How many targets a build handled in each way; stored on its `builds` row.
public struct BuildCounts: Sendable, Equatable {
    public var built: Int
    public var unchanged: Int
    public var rejected: Int
    public var failed: Int
    public var removed: Int
    public var skipped: Int

    public init(built: Int = 0, unchanged: Int = 0, rejected: Int = 0, failed: Int = 0,
                removed: Int = 0, skipped: Int = 0) {
        self.built = built
        self.unchanged = unchanged
        self.rejected = rejected
        self.failed = failed
        self.removed = removed
        self.skipped = skipped
    }
}

/// One row of the `builds` table: a run of `lakemake build`, for `lakemake log`.
///
/// Build times live only here, never in an output, so outputs stay reproducible.
public struct BuildRecord: Sendable, Equatable {
    public var id: Int64
    /// When the build started, as the engine passed it (ISO-8601 UTC).
    public var startedAt: String
    /// When it finished; nil for a build that is running or was killed.
    public var finishedAt: String?
    /// The command line as typed.
    public var commandLine: String
    /// Zero until the build finishes.
    public var counts: BuildCounts
    /// Process exit status; nil until the build finishes.
    public var exitStatus: Int?

    public init(id: Int64, startedAt: String, finishedAt: String?, commandLine: String,
                counts: BuildCounts, exitStatus: Int?) {
        self.id = id
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.commandLine = commandLine
        self.counts = counts
        self.exitStatus = exitStatus
    }
}
