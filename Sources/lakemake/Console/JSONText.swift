// Pretty JSON for `--json` output, written with the project's own deterministic writer.

import LakeFormats

/// Builds one JSON document for stdout.
enum JSONText {
    /// The document `body` writes, without the writer's trailing newline.
    static func make(_ body: (inout JSONWriter) -> Void) -> String {
        var w = JSONWriter(style: .pretty)
        body(&w)
        let text = w.text
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}

extension JSONWriter {
    mutating func field(_ name: String, _ value: String?) {
        key(name)
        if let value { string(value) } else { null() }
    }

    mutating func field(_ name: String, _ value: Int64?) {
        key(name)
        if let value { int(value) } else { null() }
    }

    mutating func field(_ name: String, _ value: Int) {
        key(name)
        int(value)
    }

    mutating func stringArray(_ name: String, _ values: [String]) {
        key(name)
        beginArray()
        for v in values { string(v) }
        endArray()
    }
}
