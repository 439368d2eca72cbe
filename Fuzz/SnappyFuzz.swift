// libFuzzer entry point for the Snappy decoder (compiled with the Parquet sources by `make fuzz`).
//
// Decoding arbitrary bytes must return at most `limit` bytes or throw `ParquetError`; the
// input compressed by our own encoder must decode back to itself.

@_cdecl("LLVMFuzzerTestOneInput")
public func snappyFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let limit = 1 << 20
    if let decoded = try? Snappy.decompress(bytes, limit: limit) {
        precondition(decoded.count <= limit, "decoded \(decoded.count) bytes above the limit")
    }
    for mode in [Snappy.Mode.matching, .literalOnly] {
        let compressed = Snappy.compress(bytes, mode: mode)
        guard let back = try? Snappy.decompress(compressed, limit: max(bytes.count, 1)) else {
            preconditionFailure("our own Snappy stream (\(mode)) does not decode")
        }
        precondition(back == bytes, "Snappy round trip (\(mode)) changed the bytes")
    }
    return 0
}
