// Whole reads and writes on an open file descriptor, retried on EINTR and short transfers:
// the loop every writer of a file, and every reader at an offset, needs once.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum FileDescriptorIO {
    /// Writes all of `bytes` to `fd` at its current offset; the `errno` of the failure
    /// otherwise (`EIO` for a write that makes no progress).
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if n == 0 { return EIO }
            written += n
        }
        return nil
    }

    /// The `count` bytes at `offset` of `fd`; nil when a read fails or the file ends first.
    public static func read(_ fd: Int32, offset: Int, count: Int) -> [UInt8]? {
        guard offset >= 0, count >= 0 else { return nil }
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var done = 0
            while done < count {
                let n = pread(fd, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    failed = true
                    break
                }
                done += n
            }
            initialized = failed ? 0 : count
        }
        return failed ? nil : bytes
    }
}
