// Which uploads `lakemake ingest` accepts for the sales pipeline, and where they go: the same
// name rule as the `sales_parquet` pattern, so an ingested file is never unmatched.

/// The sales pipeline's part of `lakemake ingest`.
public enum SalesIngest {
    /// The lake-relative raw path for an upload named `fileName`, or nil when the name is not a
    /// sales upload name (`store_NNNN_YYYY-MM-DD.json` with a real date).
    public static func rawPath(forFileName fileName: String) -> String? {
        SalesUploadName(fileName: fileName)?.rawPath
    }
}
