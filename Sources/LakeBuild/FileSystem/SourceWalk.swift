// A walk of raw/ and reference/ in the form a build first compares with its stored plan:
// large folders kept compact (`CompactFolder`), everything else in a listing. A build that
// finds nothing changed is done without adding 100 000 paths to a dictionary; one that goes
// on asks for the whole listing.

/// The files a walk found: `listing`, and the files of the large folders kept apart.
public struct SourceWalk: Sendable {
    /// Every file, link, unusable name and escaping link outside `compact`.
    public var listing: LakeListing
    /// Regular files of large folders, not in `listing.files`.
    public var compact: [CompactFolder]

    public init(listing: LakeListing = LakeListing(), compact: [CompactFolder] = []) {
        self.listing = listing
        self.compact = compact
    }

    /// How many regular files the walk found.
    public var fileCount: Int { compact.reduce(listing.files.count) { $0 + $1.count } }

    /// The listing with every file in it (the compact folders' paths made on every core).
    public consuming func wholeListing() -> LakeListing {
        guard !compact.isEmpty else { return listing }
        listing.files.reserveCapacity(fileCount)
        for folder in compact {
            let parts = inParallelChunks(folder.count, atLeast: 4096) { range in range.map { folder.path($0) } }
            var k = 0
            for part in parts {
                for path in part {
                    listing.files[path] = folder.stats[k]
                    k += 1
                }
            }
        }
        compact = []
        return listing
    }
}
