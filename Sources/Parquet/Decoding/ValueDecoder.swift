/// Decodes the values section of a data page according to the page's encoding, for the
/// `count` non-null values the levels announce: dictionary indices are returned as they are
/// (a caller may keep the chunk dictionary-encoded); any other encoding appends the values to
/// the chunk's buffer, PLAIN byte strings straight into its one values buffer.
enum ValueDecoder {
    /// True for the encodings whose values section holds dictionary indices.
    static func isDictionary(_ encoding: Encoding) -> Bool {
        switch encoding {
        case .plainDictionary, .rleDictionary: return true
        default: return false
        }
    }

    /// The dictionary indices of a page: a bit-width byte, then the RLE hybrid. Each index is
    /// checked against the dictionary's size here, so later lookups cannot go out of bounds.
    static func indices(
        descriptor: ColumnDescriptor, count: Int, dictionary: ColumnBuffer?, from reader: inout ByteReader
    ) throws(ParquetError) -> [UInt32] {
        let column = descriptor.dottedPath
        guard let dictionary else {
            throw ParquetError.corruptPage(column: column, reason: "dictionary-encoded page without a dictionary page")
        }
        if count == 0 { return [] }
        let width = Int(try reader.readUInt8())
        guard width <= 32 else {
            throw ParquetError.corruptPage(column: column, reason: "dictionary index bit width \(width) exceeds 32")
        }
        let indices = try RLEHybrid.decode(try reader.readRemaining(), bitWidth: width, count: count, column: column)
        let limit = dictionary.count
        if let bad = indices.first(where: { Int($0) >= limit }) {
            throw ParquetError.corruptPage(column: column, reason: "dictionary index \(bad) outside a dictionary of \(limit)")
        }
        return indices
    }

    /// Decodes a non-dictionary values section and appends it to `values`.
    static func decodeValues(
        encoding: Encoding, descriptor: ColumnDescriptor, count: Int, from reader: inout ByteReader,
        appendingTo values: inout ColumnBuffer
    ) throws(ParquetError) {
        if count == 0 { return }  // an all-null page need not carry a decodable stream
        if encoding == .plain {
            try PlainDecoder.decode(descriptor.physicalType, count: count, typeLength: descriptor.field.typeLength,
                                    from: &reader, appendingTo: &values)
            return
        }
        try values.append(try decodeValues(encoding: encoding, descriptor: descriptor, count: count, from: &reader),
                          column: descriptor.dottedPath)
    }

    private static func decodeValues(
        encoding: Encoding, descriptor: ColumnDescriptor, count: Int, from reader: inout ByteReader
    ) throws(ParquetError) -> ColumnBuffer {
        let type = descriptor.physicalType
        let column = descriptor.dottedPath
        let typeLength = descriptor.field.typeLength
        func unsupported() -> ParquetError {
            .unsupportedEncoding(encoding: "\(encoding) for \(type)", column: column)
        }
        switch encoding {
        case .plain:
            return try PlainDecoder.decode(type, count: count, typeLength: typeLength, from: &reader)
        case .rle:
            guard type == .boolean else { throw unsupported() }
            let length = try reader.readUInt32LE()
            guard let size = Int(exactly: length) else { throw ParquetError.truncated(offset: reader.offset, needed: Int.max) }
            let bits = try RLEHybrid.decode(try reader.readBytes(size), bitWidth: 1, count: count, column: column)
            return .boolean(bits.map { $0 != 0 })
        case .deltaBinaryPacked:
            let values = try DeltaBinaryPackedDecoder.decode(&reader, maxCount: count, column: column)
            guard values.count == count else {
                throw ParquetError.corruptPage(column: column, reason: "DELTA_BINARY_PACKED holds \(values.count) values, levels need \(count)")
            }
            switch type {
            case .int32: return .int32(values.map { Int32(truncatingIfNeeded: $0) })
            case .int64: return .int64(values)
            default: throw unsupported()
            }
        case .deltaLengthByteArray:
            guard type == .byteArray else { throw unsupported() }
            return .byteArray(try DeltaByteArrayDecoder.decodeLengthPrefixed(&reader, count: count, column: column))
        case .deltaByteArray:
            let values = try DeltaByteArrayDecoder.decodeIncremental(&reader, count: count, column: column)
            switch type {
            case .byteArray: return .byteArray(values)
            case .fixedLenByteArray: return .fixedLenByteArray(values)
            default: throw unsupported()
            }
        case .byteStreamSplit:
            return try ByteStreamSplitDecoder.decode(type, count: count, typeLength: typeLength, from: &reader, column: column)
        default:
            throw unsupported()
        }
    }
}
