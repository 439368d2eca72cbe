// Where a catalog keeps its whole stored plan: a file of its own beside the database
// (`catalog.db-plan-N`), not a row. Writing 30 MB of blob into SQLite cost a 100 000-upload
// lake's build 0.35 s (45 000 page writes into the WAL, then the checkpoint copying them
// again, and two fsyncs); a file is written with a few calls and no sync.
//
// Nothing depends on the file being durable. Each whole plan gets a new number and a file of
// its own; the catalog row that names it (with its sizes and CRC-32s) is committed only after
// the file is written, and the file it replaces is removed only after that commit. A build
// killed at any point leaves the row naming a complete file (or no row); a file lost or torn
// by a power cut fails its CRC, and the next build plans the lake in full, as it does with no
// plan at all. A catalog in memory keeps its plans in memory.

import CZlib
import Foundation
import Glibc
import LakeFormats

/// The whole-plan files of one catalog.
final class StoredPlanFiles: @unchecked Sendable {
    private let databasePath: String
    private let lock = NSLock()
    /// The plans of a catalog in memory, by number.
    private var inMemory: [Int64: [UInt8]] = [:]

    init(databasePath: String) { self.databasePath = databasePath }

    private var isInMemory: Bool { databasePath.isEmpty || databasePath == ":memory:" }

    /// The file of plan `generation`.
    func path(_ generation: Int64) -> String { "\(databasePath)-plan-\(generation)" }

    /// Writes plan `generation` as `parts` one after the other, replacing any file of that
    /// number (one left by a build killed before its commit).
    func write(_ generation: Int64, _ parts: [[UInt8]]) throws(CatalogError) {
        if isInMemory {
            lock.withLock { inMemory[generation] = Array(parts.joined()) }
            return
        }
        let path = path(generation)
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Self.failure(path, "cannot create it", errno) }
        for part in parts {
            if let code = FileDescriptorIO.writeAll(fd, part) {
                Glibc.close(fd)
                unlink(path)
                throw Self.failure(path, "cannot write it", code)
            }
        }
        guard Glibc.close(fd) == 0 else {
            let code = errno
            unlink(path)
            throw Self.failure(path, "cannot write it", code)
        }
    }

    /// Plan `generation`, opened for reading; nil when it is gone.
    func open(_ generation: Int64) -> StoredPlanSource? {
        if isInMemory { return lock.withLock { inMemory[generation] }.map(StoredPlanSource.init(bytes:)) }
        let fd = Glibc.open(path(generation), O_RDONLY | O_CLOEXEC)
        return fd >= 0 ? StoredPlanSource(fd: fd) : nil
    }

    /// Removes every plan but `generation` (the one the catalog names): the one it replaced,
    /// and any a killed build wrote and never named.
    func removeAll(except generation: Int64) {
        if isInMemory {
            lock.withLock { inMemory = inMemory.filter { $0.key == generation } }
            return
        }
        let folder = (databasePath as NSString).deletingLastPathComponent
        let prefix = (databasePath as NSString).lastPathComponent + "-plan-"
        let kept = (path(generation) as NSString).lastPathComponent
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else { return }
        for name in names where name.hasPrefix(prefix) && name != kept {
            unlink(folder.isEmpty ? name : folder + "/" + name)
        }
    }

    private static func failure(_ path: String, _ what: String, _ code: Int32) -> CatalogError {
        .planFile(path: path, detail: "\(what): \(String(cString: strerror(code)))")
    }
}

/// An open whole-plan file (or a plan in memory), read by offset. The file stays readable
/// while open even once a later build has replaced and removed it, so a plan's graph part,
/// read later than its files part, is always the same plan's.
final class StoredPlanSource: @unchecked Sendable {
    private let fd: Int32
    private let bytes: [UInt8]

    init(fd: Int32) {
        self.fd = fd
        bytes = []
    }

    init(bytes: [UInt8]) {
        fd = -1
        self.bytes = bytes
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    /// The `count` bytes at `offset` when their CRC-32 is `crc32`; nil when the file is
    /// shorter or the bytes differ (a file torn by a power cut).
    func read(offset: Int, count: Int, crc32 expected: UInt32) -> [UInt8]? {
        let read: [UInt8]?
        if fd < 0 {
            read = offset >= 0 && count >= 0 && offset + count <= bytes.count ? Array(bytes[offset..<offset + count]) : nil
        } else {
            read = FileDescriptorIO.read(fd, offset: offset, count: count)
        }
        guard let read, Self.crc32(read) == expected else { return nil }
        return read
    }

    /// The CRC-32 (zlib's) of `bytes`.
    static func crc32(_ bytes: [UInt8]) -> UInt32 { crc32([bytes]) }

    /// The CRC-32 of `pieces` one after the other.
    static func crc32(_ pieces: [[UInt8]]) -> UInt32 {
        var crc: UInt = 0
        for piece in pieces {
            crc = piece.withUnsafeBytes { crc32_z(crc, $0.baseAddress?.assumingMemoryBound(to: UInt8.self), $0.count) }
        }
        return UInt32(crc)
    }
}
