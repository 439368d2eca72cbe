// A small SQLite layer in the shape of GRDB: a connection, prepared statements with typed
// binds and typed column getters, closure transactions, and one error type.
//
// This folder is the only place in lakemake that imports the C library. Everything above it
// (the catalog's tables and queries) speaks in Swift values and `SQLite.Error`.

/// Namespace for lakemake's thin SQLite layer: `Connection`, `Statement` and `Error`.
///
/// The types are deliberately not `Sendable`: a connection and its statements are used by one
/// thread at a time. `Catalog` serialises access to its connection.
public enum SQLite {}
