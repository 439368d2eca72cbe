/// Every failure the Parquet module reports, reading or writing.
///
/// One enum for the whole module so callers can match on cases (a corrupt file, an unsupported
/// codec, a misuse of the writer) and map them to exit codes; `message` and `hint` are written for
/// the person who ran the tool, not for the programmer.
public enum ParquetError: Error, Equatable, Sendable {
    /// A read needed `needed` bytes at `offset` but the buffer ended first.
    case truncated(offset: Int, needed: Int)
    /// The file does not start and end with the `PAR1` magic.
    case notParquet(reason: String)
    /// The file uses Parquet modular encryption (`PARE` magic), which this library does not read.
    case encryptedFile
    /// The footer length or position is impossible for the file size.
    case invalidFooter(reason: String)
    /// The Thrift compact bytes could not be decoded (bad type id, nesting too deep, bad length…).
    case invalidThrift(offset: Int, reason: String)
    /// A required Thrift field is absent from a metadata struct.
    case missingField(structName: String, field: String)
    /// Metadata decoded but its values contradict each other or the format (negative sizes, …).
    case invalidMetadata(reason: String)
    /// The schema elements do not form a valid tree.
    case invalidSchema(reason: String)
    /// The page compression codec is not one this library implements.
    case unsupportedCodec(String)
    /// A page or column uses an encoding this library does not implement for its type.
    case unsupportedEncoding(encoding: String, column: String)
    /// A page's bytes contradict its header or the column's schema.
    case corruptPage(column: String, reason: String)
    /// A codec rejected its input or produced a size other than announced.
    case compressionFailed(codec: String, reason: String)
    /// A decompressed page would exceed the configured size limit.
    case decompressedSizeLimitExceeded(limit: Int)
    /// A row group index outside `0..<count`.
    case rowGroupOutOfRange(index: Int, count: Int)
    /// A projected column name that the schema does not contain.
    case columnNotFound(String)
    /// The operating system refused an open, read or write.
    case io(path: String, operation: String, errno: Int32)
    /// The writer API was used in a way that cannot produce a valid file.
    case invalidWriterUse(reason: String)
}

extension ParquetError: CustomStringConvertible {
    /// One line describing what is wrong, suitable after `error: `.
    public var message: String {
        switch self {
        case let .truncated(offset, needed):
            return "Parquet data ends early: needed \(needed) byte(s) at offset \(offset)"
        case let .notParquet(reason):
            return "not a Parquet file: \(reason)"
        case .encryptedFile:
            return "the Parquet file is encrypted (PARE magic), which is not supported"
        case let .invalidFooter(reason):
            return "invalid Parquet footer: \(reason)"
        case let .invalidThrift(offset, reason):
            return "invalid Parquet metadata encoding at offset \(offset): \(reason)"
        case let .missingField(structName, field):
            return "Parquet metadata \(structName) lacks required field '\(field)'"
        case let .invalidMetadata(reason):
            return "invalid Parquet metadata: \(reason)"
        case let .invalidSchema(reason):
            return "invalid Parquet schema: \(reason)"
        case let .unsupportedCodec(name):
            return "unsupported Parquet compression codec \(name)"
        case let .unsupportedEncoding(encoding, column):
            return "unsupported Parquet encoding \(encoding) in column '\(column)'"
        case let .corruptPage(column, reason):
            return "corrupt Parquet page in column '\(column)': \(reason)"
        case let .compressionFailed(codec, reason):
            return "\(codec) (de)compression failed: \(reason)"
        case let .decompressedSizeLimitExceeded(limit):
            return "a Parquet page decompresses to more than the limit of \(limit) bytes"
        case let .rowGroupOutOfRange(index, count):
            return "row group \(index) does not exist (the file has \(count))"
        case let .columnNotFound(name):
            return "no column named '\(name)' in the Parquet schema"
        case let .io(path, operation, errno):
            return "cannot \(operation) '\(path)': errno \(errno)"
        case let .invalidWriterUse(reason):
            return "Parquet writer misuse: \(reason)"
        }
    }

    /// A suggestion for what the user can do, when there is one.
    public var hint: String? {
        switch self {
        case .truncated, .notParquet, .invalidFooter, .invalidThrift, .corruptPage:
            return "the file may be truncated or damaged; regenerate it from its source"
        case .unsupportedCodec:
            return "rewrite the file with SNAPPY, GZIP, ZSTD or no compression"
        case .encryptedFile:
            return "decrypt the file with the tool that wrote it"
        default:
            return nil
        }
    }

    public var description: String { message }
}
