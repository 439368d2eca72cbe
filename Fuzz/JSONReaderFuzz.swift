// libFuzzer entry point for the JSON reader (compiled with the LakeFormats sources by `make fuzz`).
//
// Every input must end in a token stream or a `JSONError`, never a trap. The text each
// token lends through `withText` (the byte-level API) must be the token's own. Two more
// properties are checked on top: the pull reader and the tree parser agree on whether a document is valid,
// (except for duplicate keys, which only the tree rejects), and a valid document written back compactly parses to the same tree.

@_cdecl("LLVMFuzzerTestOneInput")
public func jsonReaderFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var reader = JSONReader(bytes, maxDepth: 200)
    var pullAccepted = true
    do {
        while let token = try reader.next() {
            _ = reader.location.description
            _ = reader.path.description
            // The token's text as the byte-level API lends it must be the token's own.
            let text = reader.withText { span in (0..<span.count).map { span[$0] } }
            switch token {
            case let .key(string), let .string(string):
                precondition(text == Array(string.utf8), "withText differs from the token's string")
            case let .number(number):
                precondition(text == Array(number.literal.utf8), "withText differs from the literal")
                let cents = try? number.cents()
                precondition(cents == reader.withText { try? JSONNumber.cents(literal: $0) }, "cents differ")
                precondition(number.int64() == reader.withText { JSONNumber.int64(literal: $0) }, "int64 differs")
                _ = number.double()
            default:
                break
            }
        }
    } catch {
        pullAccepted = false
        _ = error.description
    }
    let tree: JSONValue
    do {
        tree = try JSONValue.parse(bytes, maxDepth: 200)
    } catch {
        // The tree parser alone rejects duplicate keys (a tree cannot hold both values).
        if case .duplicateKey = error.reason { return 0 }
        precondition(!pullAccepted, "the pull reader accepted a document the tree parser rejects: \(error)")
        return 0
    }
    precondition(pullAccepted, "the tree parser accepted a document the pull reader rejects")
    var writer = JSONWriter(style: .compact)
    write(tree, to: &writer)
    guard let again = try? JSONValue.parse(writer.bytes, maxDepth: 200) else {
        preconditionFailure("compact output of a valid document does not parse: \(writer.text)")
    }
    precondition(again == tree, "a document changed when written back: \(writer.text)")
    return 0
}

private func write(_ value: JSONValue, to writer: inout JSONWriter) {
    switch value {
    case let .object(members):
        writer.beginObject()
        for member in members {
            writer.key(member.key)
            write(member.value, to: &writer)
        }
        writer.endObject()
    case let .array(elements):
        writer.beginArray()
        for element in elements { write(element, to: &writer) }
        writer.endArray()
    case let .string(text): writer.string(text)
    case let .number(number): writer.number(number)
    case let .bool(flag): writer.bool(flag)
    case .null: writer.null()
    }
}
