// Reading the records of a CSV file in blocks, so a CSV far larger than memory can be
// converted: `CSVTokenizer` (the one every CSV in lakemake goes through) splits the bytes,
// and the fields are read as borrowed bytes of its buffer: the header's one record at a time,
// the rest a block of records at a time (`nextBlock`), to be parsed column by column.

import Glibc
import LakeFormats

/// Streams the records of a CSV file.
struct ParquetCSVRecords {
    let path: String
    private let descriptor: Int32
    private var tokenizer = CSVTokenizer()
    /// Where each read lands before joining the tokenizer's buffer.
    private var block = [UInt8](repeating: 0, count: ParquetCSVRecords.blockSize)

    static let blockSize = 4 << 20

    /// The size of the file when it was opened (0 when it cannot be told), for estimates.
    let fileBytes: Int

    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ParquetCommandError.missingFile(path) }
        var status = stat()
        fileBytes = fstat(descriptor, &status) == 0 ? Int(status.st_size) : 0
    }

    /// Closes the file; the records are not readable afterwards.
    func close() { _ = Glibc.close(descriptor) }

    /// Reads the next record; false at the end of the file.
    mutating func next() throws -> Bool {
        while true {
            let step: CSVTokenizer.Step
            do { step = try tokenizer.nextRecord() } catch { throw ParquetCommandError.malformedCSV(file: path, error) }
            switch step {
            case .record: return true
            case .end: return false
            case .needsInput: refill()
            }
        }
    }

    /// The 1-based line on which the current record starts.
    var line: Int { tokenizer.line }

    /// The number of fields of the current record.
    var count: Int { tokenizer.fieldCount }

    /// The bytes of field `index` of the current record (quotes removed, doubled quotes undone).
    subscript(index: Int) -> ArraySlice<UInt8> { tokenizer[index] }

    /// Reads the next records, at most `limit` and as many as the buffer holds, read with
    /// `withField(record:column:)` until the next call; 0 at the end of the file. For going
    /// through the file column by column, a stretch at a time. `expectFields` must be called
    /// first. A malformed record is thrown once the records before it were returned.
    mutating func nextBlock(limit: Int) throws -> Int {
        while true {
            let step: CSVTokenizer.Step, count: Int
            do { (step, count) = try tokenizer.nextRecords(limit: limit) } catch { throw ParquetCommandError.malformedCSV(file: path, error) }
            if count > 0 { return count }
            switch step {
            case .record, .end: return 0
            case .needsInput: refill()
            }
        }
    }

    /// Calls `body` with the bytes of field `column` of record `record` of the last block,
    /// borrowed from the tokenizer's buffer.
    @inline(__always)
    func withField<Result, Failure: Error>(
        record: Int, column: Int, _ body: (Span<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try tokenizer.withField(record: record, column: column, body)
    }

    /// The 1-based line on which record `record` of the last block starts.
    func line(ofRecord record: Int) -> Int { tokenizer.line(ofRecord: record) }

    /// From the next record on, a record with another number of fields is an error.
    mutating func expectFields(_ count: Int) { tokenizer.expectedFieldCount = count }

    private mutating func refill() {
        let n = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if n <= 0 {
            tokenizer.endInput()
        } else {
            tokenizer.append(block[0..<n])
        }
    }
}
