// libFuzzer entry point for the CSV reader and its tokenizer (compiled with the LakeFormats
// sources by `make fuzz`).
//
// Every input must end in a table or a `CSVError`, never a trap; a table written back with
// `CSVWriter` must parse to the same header and fields. The tokenizer fed the input in blocks
// (of a size taken from the input) must find the same records, or the same error, as it does
// in the whole input, and so must `nextRecords(limit:)` (many records at a time, as
// `parquet from-csv` reads) fed the same blocks.

@_cdecl("LLVMFuzzerTestOneInput")
public func csvReaderFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    checkBlocks(bytes)
    let table: CSVTable
    do {
        table = try CSVReader.parse(bytes)
    } catch {
        _ = error.description
        return 0
    }
    var writer = CSVWriter()
    writer.append(table.header)
    for row in table.rows { writer.append(row.fields) }
    guard let again = try? CSVReader.parse(writer.bytes) else {
        preconditionFailure("written table does not parse: \(writer.text)")
    }
    precondition(again.header == table.header, "header changed when written back: \(writer.text)")
    precondition(again.rows.map(\.fields) == table.rows.map(\.fields), "fields changed when written back: \(writer.text)")
    return 0
}

/// One record as the tokenizer hands it out.
private struct Tokens: Equatable {
    var line: Int
    var fields: [[UInt8]]
}

/// Every record of `tokenizer`, feeding it `blocks` when it asks, and the error that stopped
/// it, if one did.
private func tokens(_ tokenizer: inout CSVTokenizer, _ blocks: [ArraySlice<UInt8>]) -> ([Tokens], CSVError?) {
    var blocks = blocks[...]
    var records: [Tokens] = []
    do {
        while true {
            switch try tokenizer.nextRecord() {
            case .record: records.append(Tokens(line: tokenizer.line, fields: (0..<tokenizer.fieldCount).map { Array(tokenizer[$0]) }))
            case .end: return (records, nil)
            case .needsInput:
                if let block = blocks.popFirst() { tokenizer.append(block) } else { tokenizer.endInput() }
            }
        }
    } catch {
        return (records, error)
    }
}

/// `tokens` through `nextRecords(limit:)`: `limit` records at a time, read column by column.
private func tokensInBatches(_ tokenizer: inout CSVTokenizer, _ blocks: [ArraySlice<UInt8>], limit: Int) -> ([Tokens], CSVError?) {
    var blocks = blocks[...]
    var records: [Tokens] = []
    let width = tokenizer.expectedFieldCount ?? 0
    do {
        while true {
            let (step, count) = try tokenizer.nextRecords(limit: limit)
            for record in 0..<count {
                let fields = (0..<width).map { column in
                    tokenizer.withField(record: record, column: column) { bytes in (0..<bytes.count).map { bytes[$0] } }
                }
                records.append(Tokens(line: tokenizer.line(ofRecord: record), fields: fields))
            }
            switch step {
            case .record: continue
            case .end: return (records, nil)
            case .needsInput:
                if let block = blocks.popFirst() { tokenizer.append(block) } else { tokenizer.endInput() }
            }
        }
    } catch {
        return (records, error)
    }
}

/// The first byte picks the block size, the second the expected field count, the third how
/// many records `nextRecords` reads at a time.
private func checkBlocks(_ bytes: [UInt8]) {
    let size = 1 + Int(bytes.first ?? 0) % 17
    let blocks = stride(from: 0, to: bytes.count, by: size).map { bytes[$0..<min($0 + size, bytes.count)] }
    var whole = CSVTokenizer(bytes), fed = CSVTokenizer()
    whole.expectedFieldCount = bytes.count > 1 ? Int(bytes[1] % 4) + 1 : nil
    fed.expectedFieldCount = whole.expectedFieldCount
    let (expected, expectedError) = tokens(&whole, [])
    let (found, foundError) = tokens(&fed, blocks)
    precondition(found == expected && foundError == expectedError, "blocks of \(size) read differently")
    guard let width = whole.expectedFieldCount else { return }
    var batched = CSVTokenizer()
    batched.expectedFieldCount = width
    let limit = 1 + Int(bytes.count > 2 ? bytes[2] : 0) % 5
    let (inBatches, batchError) = tokensInBatches(&batched, blocks, limit: limit)
    precondition(inBatches == expected && batchError == expectedError, "blocks of \(size), \(limit) records at a time read differently")
}
