// Everything a caller can choose about the files the writer produces. The defaults are the
// profile every mainstream reader accepts (parquet-notes §0.2): v1 data pages, dictionary with
// PLAIN fallback, SNAPPY, statistics, ~1 MiB pages of at most 20 000 rows.

/// File-wide writer settings, with per-column overrides.
public struct ParquetWriterOptions: Sendable {
    /// The `created_by` written when the caller sets none. Parseable as
    /// `<app> version <semver> (build <id>)`, which parquet-java needs to trust statistics.
    public static let defaultCreatedBy = "lakemake version 0.1.0 (build unknown)"

    public var codec: CompressionCodec = .snappy
    /// How SNAPPY pages are compressed; `.literalOnly` reproduces writers that emit no copies.
    public var snappyMode: Snappy.Mode = .matching
    public var useDictionary = true
    /// A chunk whose PLAIN-encoded dictionary would exceed this many bytes is written PLAIN.
    public var dictionaryPageSizeLimit = 1 << 20
    /// A data page ends once its values reach about this many bytes…
    public var dataPageSizeLimit = 1 << 20
    /// …or this many rows.
    public var dataPageRowLimit = 20_000
    /// A batch whose estimated PLAIN size exceeds this is split into several row groups.
    public var rowGroupSizeLimit = 128 << 20
    public var writeStatistics = true
    /// Write the page index (ColumnIndex and OffsetIndex of every chunk) before the footer, so
    /// readers can skip pages by min/max and locate pages directly. Column indexes need
    /// `writeStatistics`.
    public var writePageIndex = true
    public var createdBy = ParquetWriterOptions.defaultCreatedBy
    /// Written in this order to `FileMetaData.key_value_metadata`; omitted when empty.
    public var keyValueMetadata: [KeyValue] = []
    /// Settings for single columns, keyed by dotted column path (`a.b` for nested leaves).
    public var columnOverrides: [String: ColumnWriteOptions] = [:]

    public init() {}
}

/// Per-column exceptions to `ParquetWriterOptions`; nil fields keep the file-wide value.
public struct ColumnWriteOptions: Sendable {
    public var codec: CompressionCodec?
    public var useDictionary: Bool?

    public init(codec: CompressionCodec? = nil, useDictionary: Bool? = nil) {
        self.codec = codec
        self.useDictionary = useDictionary
    }
}

/// The settings that apply to one column once overrides are resolved.
struct ColumnSettings {
    var codec: CompressionCodec
    var snappyMode: Snappy.Mode
    var useDictionary: Bool
    var dictionaryPageSizeLimit: Int
    var dataPageSizeLimit: Int
    var dataPageRowLimit: Int
    var writeStatistics: Bool

    init(options: ParquetWriterOptions, column: ColumnDescriptor) {
        let override = options.columnOverrides[column.dottedPath]
        codec = override?.codec ?? options.codec
        snappyMode = options.snappyMode
        useDictionary = override?.useDictionary ?? options.useDictionary
        dictionaryPageSizeLimit = options.dictionaryPageSizeLimit
        dataPageSizeLimit = max(1, options.dataPageSizeLimit)
        dataPageRowLimit = max(1, options.dataPageRowLimit)
        writeStatistics = options.writeStatistics
    }
}
