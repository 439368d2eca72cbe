// A Parquet library error about one file, named in the message: a file that is not valid
// Parquet is a data problem (exit 1); the operating system refusing to read it is exit 2.

import Foundation
import Parquet

/// A Parquet file that cannot be read is a data problem, except when the operating system
/// refused to open it.
struct ParquetFileError: UserFacingError {
    let path: String
    let error: ParquetError

    var message: String { "\(path): \(error.message)" }
    var suggestion: String? { error.hint }
    var exitStatus: Int32 {
        if case .io = error { return 2 }
        return 1
    }
}

extension ParquetFileReader {
    /// Opens `path` for a command, turning a missing file and library errors into user-facing ones.
    static func opening(_ path: String) throws -> ParquetFileReader {
        guard FileManager.default.fileExists(atPath: path) else { throw ParquetCommandError.missingFile(path) }
        do {
            return try ParquetFileReader(path: path)
        } catch {
            throw ParquetFileError(path: path, error: error)
        }
    }
}

extension ParquetFileError {
    /// Runs `body`, naming `path` in any Parquet library error it throws.
    static func naming<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ParquetError {
            throw ParquetFileError(path: path, error: error)
        }
    }
}
