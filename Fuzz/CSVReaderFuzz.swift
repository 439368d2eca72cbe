// libFuzzer entry point for the CSV reader (compiled with the LakeFormats sources by `make fuzz`).
//
// Every input must end in a table or a `CSVError`, never a trap; a table written back with
// `CSVWriter` must parse to the same header and fields.

@_cdecl("LLVMFuzzerTestOneInput")
public func csvReaderFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
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
