/// Bytes from a hex string written in a test (pairs of hex digits, no separators).
func hex(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = []
    var iterator = text.makeIterator()
    while let high = iterator.next(), let low = iterator.next() {
        guard let byte = UInt8(String([high, low]), radix: 16) else { preconditionFailure("bad hex in test") }
        bytes.append(byte)
    }
    return bytes
}
