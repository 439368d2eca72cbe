// libFuzzer entry point for the Parquet reader (compiled with the Parquet sources by `make fuzz`).
//
// Any bytes must give a reader or a thrown error, never a trap, and reading every row group
// (columns and assembled rows) must do the same. The page limit is small so that a forged
// header cannot make the fuzzer allocate gigabytes.

@_cdecl("LLVMFuzzerTestOneInput")
public func parquetReaderFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let reader = try? ParquetFileReader(bytes: bytes, decompressedPageLimit: 1 << 20) else { return 0 }
    _ = reader.schema
    for index in reader.rowGroups.indices.prefix(8) {
        _ = try? reader.readRowGroup(index)
        _ = try? reader.rows(rowGroup: index)
    }
    return 0
}
