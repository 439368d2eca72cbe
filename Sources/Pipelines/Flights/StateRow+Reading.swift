// Reading one element of a snapshot's `states` into a `StateRow`, token by token: the value's
// bytes are lent by `JSONReader.withText` and parsed or copied where they stand. Only a
// problem (a wrong type, a bad shape) makes text, for the rejected-rows table.

import LakeFormats

/// Where a row's text is, for the rejected-rows table.
enum RowText {
    /// The row's bytes in the file, from its opening to its closing bracket.
    case bytes(ClosedRange<Int>)
    /// A row that is neither an array nor an object: its JSON text.
    case text(String)
}

extension StateRow {
    /// Reads the row whose first token `first` was just returned by `reader`, over the file's
    /// `bytes`; empties the row first.
    mutating func read(_ first: JSONTokenKind, _ reader: inout JSONReader, _ bytes: [UInt8]) throws(JSONError) -> RowText {
        reset()
        let start = reader.location.offset
        let text: RowText
        switch first {
        case .beginArray:
            var index = 0
            while let value = try reader.nextKind(), value != .endArray {
                try read(value, into: StateField(rawValue: index), fallback: false, &reader, bytes)
                index += 1
            }
            valueCount = index
            text = .bytes(start...reader.location.offset)
        case .beginObject:
            var seenKeys: UInt32 = 0  // one bit per accepted key: an SI key and its fallback are different keys
            while try reader.nextKind() == .key {
                let target = reader.withText { StateField.archiveField($0) }
                guard let value = try reader.nextKind() else { break }
                if let target {
                    let bit: UInt32 = 1 << UInt32(target.key)
                    if seenKeys & bit != 0 { problems.append(RowProblem(.badShape, field: StateField.archiveKey(target.key))) }
                    seenKeys |= bit
                }
                try read(value, into: target?.field, fallback: target?.isFallback ?? false, &reader, bytes)
            }
            text = .bytes(start...reader.location.offset)
        default:
            let scalar = Self.scalarText(first, reader)
            problems.append(RowProblem(.badShape, value: RowProblem.shortened(scalar)))
            text = .text(scalar)
        }
        finish()
        return text
    }

    /// Reads one value of the row into `field` (nil: a value the pipeline ignores).
    private mutating func read(_ value: JSONTokenKind, into field: StateField?, fallback: Bool,
                               _ reader: inout JSONReader, _ bytes: [UInt8]) throws(JSONError) {
        switch value {
        case .beginArray, .beginObject:
            let start = reader.location.offset
            try reader.skipRest(after: value)
            if let field, field != .sensors {
                wrongType(field, text: String(decoding: bytes[start...reader.location.offset], as: UTF8.self))
            }
        default:
            if let field { accept(field, value, fallback: fallback, reader) }
        }
    }

    /// Stores a scalar value of `field`, checking its type.
    private mutating func accept(_ field: StateField, _ value: JSONTokenKind, fallback: Bool, _ reader: borrowing JSONReader) {
        if fallback && filledBySI & field.bit != 0 { return }
        if !fallback && StateField.siFields & field.bit != 0 { filledBySI |= field.bit }
        switch field {
        case .icao24: icao24 = string(field, value, reader)
        case .callsign: callsign = string(field, value, reader)
        case .originCountry: originCountry = string(field, value, reader)
        case .timePosition: timePosition = integer(field, value, reader)
        case .lastContact:
            lastContactGiven = true
            lastContact = integer(field, value, reader)
        case .longitude: longitude = double(field, value, reader)
        case .latitude: latitude = double(field, value, reader)
        case .baroAltitude: baroAltitude = double(field, value, reader)
        case .onGround: onGround = bool(field, value, reader) ?? false
        case .velocity: velocity = double(field, value, reader)
        case .trueTrack: trueTrack = double(field, value, reader)
        case .verticalRate: verticalRate = double(field, value, reader)
        case .sensors: break  // neither validated nor output (flights.md §1): any value is fine
        case .geoAltitude: geoAltitude = double(field, value, reader)
        case .squawk: squawk = string(field, value, reader)
        case .spi: spi = bool(field, value, reader) ?? false
        case .positionSource: positionSource = integer(field, value, reader).flatMap { Int32(exactly: $0) }
        case .category: category = integer(field, value, reader).flatMap { Int32(exactly: $0) }
        }
    }

    private mutating func string(_ field: StateField, _ value: JSONTokenKind, _ reader: borrowing JSONReader) -> Range<Int>? {
        switch value {
        case .string: return reader.withText { store($0) }
        case .null: return nil
        default: wrongType(field, text: Self.scalarText(value, reader)); return nil
        }
    }

    private mutating func double(_ field: StateField, _ value: JSONTokenKind, _ reader: borrowing JSONReader) -> Double? {
        switch value {
        case .number:
            if let number = reader.withText({ JSONNumber.double(literal: $0) }) { return number }
            wrongType(field, text: Self.scalarText(value, reader)); return nil
        case .null: return nil
        default: wrongType(field, text: Self.scalarText(value, reader)); return nil
        }
    }

    private mutating func integer(_ field: StateField, _ value: JSONTokenKind, _ reader: borrowing JSONReader) -> Int64? {
        switch value {
        case .number:
            if let number = reader.withText({ SnapshotScanner.integer(literal: $0) }) { return number }
            wrongType(field, text: Self.scalarText(value, reader)); return nil
        case .null: return nil
        default: wrongType(field, text: Self.scalarText(value, reader)); return nil
        }
    }

    private mutating func bool(_ field: StateField, _ value: JSONTokenKind, _ reader: borrowing JSONReader) -> Bool? {
        switch value {
        case .bool(let flag): return flag
        case .null: return nil
        default: wrongType(field, text: Self.scalarText(value, reader)); return nil
        }
    }

    /// The scalar token `value` just read by `reader` as JSON text: a string re-quoted, a
    /// number's literal, a literal.
    static func scalarText(_ value: JSONTokenKind, _ reader: borrowing JSONReader) -> String {
        var writer = JSONWriter(style: .compact)
        switch value {
        case .string, .key: writer.string(String(decoding: reader.text, as: UTF8.self))
        case .number: return String(decoding: reader.text, as: UTF8.self)
        case .bool(let flag): writer.bool(flag)
        default: writer.null()
        }
        return writer.text
    }
}
