// libFuzzer entry point for the rules parser (compiled with the `LakeBuild/Rules` sources by
// `make fuzz`).
//
// Any text must give a `RuleSet` or a `RulesError` whose rendered message (with its source
// line and caret) is produced without a trap.

@_cdecl("LLVMFuzzerTestOneInput")
public func rulesParserFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let sources = [RulesSource(file: "fuzz.rules", text: text)]
    do {
        let rules = try RulesParser.parse(sources, knownActions: ["copy", "sales.parquet"])
        _ = rules.rules.count
    } catch {
        _ = error.rendered(sources: sources)
    }
    return 0
}
