// Why a sales action could not run. Invalid uploads are not errors of this kind: they are
// rejections with positions (see SalesUploadParser). These are the cases where an input that
// lakemake itself produced is unreadable, or a parameter is wrong.

import LakeBuild

/// A failure of a `sales.*` action that is not a data problem of an upload.
public enum SalesError: Error, Sendable, Equatable {
    /// The Parquet writer refused the batch.
    case parquet(String)
    /// A partition is not in the layout `sales.parquet` writes.
    case unexpectedParquet(path: String, reason: String)
    /// A metrics or insights file is not in the layout the sales actions write.
    case unexpectedJSON(path: String, reason: String)
    /// `reference/stores.csv` is malformed.
    case badStoreList(path: String, reason: String)
    /// A rule parameter has an unusable value.
    case badParameter(name: String, value: String, expected: String)

    /// What went wrong, for the user.
    public var message: String {
        switch self {
        case .parquet(let m): return "could not write Parquet: \(m)"
        case .unexpectedParquet(let p, let r): return "\(p) is not a sales partition: \(r)"
        case .unexpectedJSON(let p, let r): return "\(p) is not a sales metrics file: \(r)"
        case .badStoreList(let p, let r): return "\(p): \(r)"
        case .badParameter(let n, let v, let e): return "parameter \(n)=\"\(v)\": expected \(e)"
        }
    }

    /// The engine's form of the error.
    var actionError: ActionError { .failed(message) }
}
