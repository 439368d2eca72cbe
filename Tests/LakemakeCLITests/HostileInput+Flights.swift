// Hostile flight snapshots (flights.md §1–§3). The sample is one clean hour of 2025-09-18; every
// hostile file lands on 2025-09-19, so the sample's outputs must stay byte-identical to a clean
// build. A snapshot that cannot be read is rejected whole (its own rejection file, counted in the
// hour's `rejected_files`); a readable snapshot's bad rows go to the rejected-rows table instead
// (`HostileInput.flightRows`). Expected lines, columns and messages are worked out by hand from
// the file text, the JSON reader's documented messages and the snapshot errors of flights.md.

import Foundation

extension HostileInput {
    /// The hour every hostile snapshot claims: 2025-09-19 03:00:03 UTC.
    static let flightTime: Int64 = 1_758_250_803
    static let flightHour = "raw/flights/date=2025-09-19/hour=03/"

    /// A valid served row (17 values), with value `index` replaced when given.
    static func flightRow(_ changes: [Int: String] = [:]) -> String {
        var values = ["\"3c6444\"", "\"DLH9LF  \"", "\"Germany\"", "\(flightTime - 30)", "\(flightTime - 30)", "8.5", "50.0",
                      "3048.0", "false", "128.6", "90.0", "0.0", "null", "3100.0", "\"0421\"", "false", "0"]
        for (index, value) in changes { values[index] = value }
        return "[" + values.joined(separator: ", ") + "]"
    }

    /// A snapshot: `time` on line 1, `states` opening on line 2, row k on line k + 3.
    static func flightSnapshot(_ rows: [String], time: String = String(flightTime)) -> String {
        "{\"time\": \(time),\n\"states\": [\n" + rows.joined(separator: ",\n") + "\n]}\n"
    }

    static func flightError(_ line: Int?, _ column: Int?, _ path: String, _ message: String) -> Expected {
        rejection("flights_hourly", line, column, path, message)
    }

    /// The snapshots rejected whole, and the names, folders and links no rule accepts.
    static var flights: [HostileInput] {
        let row = flightRow()
        let good = flightSnapshot([row])
        var cases: [(String, Content, Expected)] = []
        func add(_ title: String, _ text: String, _ expected: Expected) { cases.append((title, .bytes(Array(text.utf8)), expected)) }
        func addBytes(_ title: String, _ bytes: [UInt8], _ expected: Expected) { cases.append((title, .bytes(bytes), expected)) }
        let badTime = "'time' must be a number of unix seconds"
        let badStates = "'states' must be an array or null"
        let notObject = "a snapshot must be a JSON object with 'time' and 'states'"

        // Empty, truncated and not-JSON files.
        add("an empty snapshot", "", flightError(1, 1, "$", "unexpected end of input, expected a value"))
        add("a snapshot of whitespace", "\n\n   ", flightError(3, 4, "$", "unexpected end of input, expected a value"))
        add("only an opening brace", "{", flightError(1, 2, "$", "unexpected end of input, expected a key in double quotes"))
        add("truncated after a row", "{\"time\": \(flightTime),\n\"states\": [\n" + row + ",",
            flightError(3, row.utf8.count + 2, "$.states[1]", "unexpected end of input, expected a value"))
        let rowStart = good.utf8.count - row.utf8.count - 4  // the row is followed by "\n]}\n"
        let cutInCallsign = String(good.prefix(rowStart + column(of: "DLH", in: row) + 1))  // ends with `"DL`
        add("truncated inside the callsign", cutInCallsign,
            flightError(3, column(of: "\"DLH", in: row), "$.states[0][1]", "string is never closed"))
        add("truncated after the time's colon", "{\"time\":", flightError(1, 9, "$.time", "unexpected end of input, expected a value"))
        add("a CSV file", "icao24,callsign\n3c6444,DLH9LF\n", flightError(1, 1, "$", "unexpected 'i', expected a value"))
        let compact = "{\"time\": \(flightTime), \"states\": null}"
        add("two snapshots in one file", compact + "\n" + compact + "\n",
            flightError(2, 1, "$", "unexpected content after the end of the JSON value"))
        add("trailing garbage", good + "x", flightError(5, 1, "$", "unexpected content after the end of the JSON value"))

        // Encoding.
        addBytes("a snapshot with a UTF-8 byte-order mark", [0xEF, 0xBB, 0xBF] + Array(good.utf8),
                 flightError(1, 1, "$", "file starts with a byte-order mark"))
        addBytes("a UTF-16 snapshot", [0xFF, 0xFE] + Array(good.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
                 flightError(1, 1, "$", "unexpected byte 0xFF, expected a value"))
        for (title, bad) in [("a Latin-1 byte in the callsign", [0xE9] as [UInt8]), ("an overlong UTF-8 slash in the callsign", [0xC0, 0xAF]),
                             ("a UTF-8 encoded surrogate in the callsign", [0xED, 0xA0, 0x80]),
                             ("a truncated UTF-8 sequence in the callsign", [0xE2, 0x82]), ("a byte 0xFF in the callsign", [0xFF])] {
            var bytes = Array(good.utf8)
            let at = column(of: "LH9", in: row)  // between D and L
            bytes.insert(contentsOf: bad, at: rowStart + at - 1)
            addBytes(title, bytes, flightError(3, at, "$.states[0][1]", "invalid UTF-8"))
        }

        // Numbers.
        for literal in ["NaN", "Infinity", "-Infinity"] {
            let r = flightRow([6: literal])
            add("\(literal) as a latitude", flightSnapshot([r]),
                flightError(3, column(of: literal, in: r), "$.states[0][6]", "NaN and Infinity are not valid JSON numbers"))
        }
        add("NaN as the time", flightSnapshot([row], time: "NaN"), flightError(1, 10, "$.time", "NaN and Infinity are not valid JSON numbers"))
        add("a 400-digit time", flightSnapshot([row], time: String(repeating: "9", count: 400)), flightError(nil, nil, "$.time", badTime))
        add("1e400 as the time", flightSnapshot([row], time: "1e400"), flightError(nil, nil, "$.time", badTime))
        let zeros = flightRow([6: "050.0"])
        add("a leading zero in a latitude", flightSnapshot([zeros]),
            flightError(3, column(of: "050.0", in: zeros), "$.states[0][6]", "numbers must not have leading zeros"))
        let plus = flightRow([5: "+8.5"])
        add("a plus sign on a longitude", flightSnapshot([plus]),
            flightError(3, column(of: "+8.5", in: plus), "$.states[0][5]", "unexpected '+', expected a value"))

        // Wrong types and shapes for the snapshot itself.
        add("the time as a string", flightSnapshot([row], time: "\"2025-09-19T03:00:03Z\""), flightError(nil, nil, "$.time", badTime))
        add("the time null", flightSnapshot([row], time: "null"), flightError(nil, nil, "$.time", badTime))
        add("the time as an object", flightSnapshot([row], time: "{\"unix\": \(flightTime)}"), flightError(nil, nil, "$.time", badTime))
        add("no time", "{\"states\": [\n" + row + "\n]}\n", flightError(nil, nil, "$.time", badTime))
        add("states as an object", "{\"time\": \(flightTime), \"states\": {\"3c6444\": " + row + "}}", flightError(nil, nil, "$.states", badStates))
        add("states as a string", "{\"time\": \(flightTime), \"states\": \"none\"}", flightError(nil, nil, "$.states", badStates))
        add("states as a number", "{\"time\": \(flightTime), \"states\": 0}", flightError(nil, nil, "$.states", badStates))
        add("no states", "{\"time\": \(flightTime)}", flightError(nil, nil, "$.states", badStates))
        add("an array of rows", "[\n" + row + "\n]\n", flightError(nil, nil, "$", notObject))
        add("a string", "\"states\"\n", flightError(nil, nil, "$", notObject))
        add("null", "null", flightError(nil, nil, "$", notObject))
        add("the time given twice", "{\"time\": \(flightTime),\n\"states\": [],\n\"time\": \(flightTime + 3600)}",
            flightError(3, 1, "$.time", "duplicate key \"time\""))
        add("the states given twice", "{\"time\": \(flightTime), \"states\": [" + row + "], \"states\": null}",
            flightError(1, 36 + row.utf8.count, "$.states", "duplicate key \"states\""))

        // Times that do not belong to the folder's hour.
        let wrongHour = "snapshot time %@ does not belong to date=2025-09-19/hour=03"
        add("a time in the next hour", flightSnapshot([row], time: String(flightTime + 3600)),
            flightError(nil, nil, "$.time", String(format: wrongHour, "2025-09-19T04:00:03Z")))
        add("a time a day earlier", flightSnapshot([row], time: String(flightTime - 86_400)),
            flightError(nil, nil, "$.time", String(format: wrongHour, "2025-09-18T03:00:03Z")))
        add("a negative time", flightSnapshot([row], time: "-1"),
            flightError(nil, nil, "$.time", String(format: wrongHour, "1969-12-31T23:59:59Z")))
        add("the time in milliseconds", flightSnapshot([row], time: String(flightTime * 1000)),
            flightError(nil, nil, "$.time", String(format: wrongHour, "57686-10-01T00:50:00Z")))

        // Syntax.
        add("a trailing comma after the last row", "{\"time\": \(flightTime),\n\"states\": [\n" + row + ",\n]}",
            flightError(4, 1, "$.states[1]", "trailing comma"))
        add("a trailing comma after states", "{\"time\": \(flightTime), \"states\": null, }",
            flightError(1, 38, "$", "trailing comma"))
        add("a comment", "{\"time\": \(flightTime),\n// five-minute snapshot\n\"states\": null}",
            flightError(2, 1, "$", "unexpected '/', expected a key in double quotes"))
        let quoted = flightRow([1: "'DLH9LF'"])
        add("a single-quoted callsign", flightSnapshot([quoted]),
            flightError(3, column(of: "'DLH", in: quoted), "$.states[0][1]", "unexpected ''', expected a value"))
        add("an unquoted key", "{time: \(flightTime), states: null}", flightError(1, 2, "$", "unexpected 't', expected a key in double quotes"))
        func badCallsign(_ title: String, _ literal: String, _ offset: Int, _ message: String) {
            let r = flightRow([1: literal])
            add(title, flightSnapshot([r]), flightError(3, column(of: literal, in: r) + offset, "$.states[0][1]", message))
        }
        badCallsign("a raw tab in the callsign", "\"DLH\t9LF\"", 4, "control character byte 0x09 in string must be escaped")
        badCallsign("an invalid escape in the callsign", "\"DLH\\x9LF\"", 4, "invalid escape sequence \\'x'")
        badCallsign("a lone surrogate in the callsign", "\"\\udc00\"", 1, "unpaired UTF-16 surrogate \\uDC00")
        badCallsign("a short unicode escape in the callsign", "\"\\u00\"", 1, "\\u must be followed by four hexadecimal digits")

        // Deep nesting: the reader stops at 1 000 levels (the snapshot object and `states` are
        // the first two) instead of exhausting the stack.
        let head = "{\"time\": \(flightTime), \"states\": "
        add("arrays nested 100 000 deep in states", head + String(repeating: "[", count: 100_000),
            flightError(1, head.utf8.count + 1000, "$.states" + String(repeating: "[0]", count: 999),
                        "arrays and objects are nested more than 1000 deep"))
        add("objects nested 100 000 deep in a row", head + "[" + String(repeating: "{\"a\": ", count: 100_000),
            flightError(1, head.utf8.count + 2 + 998 * 6, "$.states[0]" + String(repeating: ".a", count: 998),
                        "arrays and objects are nested more than 1000 deep"))

        var corpus = cases.enumerated().map { (i, c) in
            HostileInput(c.0, path: flightHour + String(format: "hostile_%03d.json", i), c.1, c.2)
        }
        // Names and folders no rule accepts: impossible dates and hours, a one-digit hour, a file
        // outside any hour, folders that try to climb out, a name that is not `.json`.
        let names = [
            "date=2025-09-19/hour=24/flight_data_20250919_030003.json", "date=2025-09-19/hour=99/a.json",
            "date=2025-02-30/hour=03/a.json", "date=2025-13-01/hour=03/a.json", "date=2025-9-19/hour=03/a.json",
            "date=2025-09-19/hour=3/a.json", "date=2025-09-19/hour=03/late/a.json", "date=2025-09-19/a.json", "a.json",
            "date=..%2F..%2Fetc/hour=03/a.json", "date=../hour=03/a.json", "date=2025-09-19/hour=03/a.JSON",
            "date=2025-09-19/hour=03/a.json.tmp", "date=2025-09-19/hour=03/a.json.gz", "date=2025-09-19/hour=../a.json",
        ]
        for name in names {
            corpus.append(HostileInput("the name \(name.debugDescription)", path: "raw/flights/" + name, text: good, .unmatched))
        }
        corpus.append(HostileInput("a snapshot linked to /etc/passwd", path: flightHour + "link_etc.json", .symlink("/etc/passwd"), .escapingLink))
        corpus.append(HostileInput("a snapshot linked out of the lake", path: flightHour + "link_out.json",
                                   .symlink("../../../../../outside.json"), .escapingLink))
        // Folders too: an hour folder that is a link to /etc, a day folder climbing out.
        corpus.append(HostileInput("an hour folder linked to /etc", path: "raw/flights/date=2025-09-19/hour=07", .symlink("/etc"), .escapingLink))
        corpus.append(HostileInput("a day folder linked out of the lake", path: "raw/flights/date=2025-09-21", .symlink("../../.."), .escapingLink))
        return corpus
    }

    /// One readable snapshot of hostile rows: each is rejected on its own, with every reason
    /// that applies, and the one good row is kept. Row k of the file is `states[k]`.
    static let flightRows: [(row: String, reasons: String)] = [
        (flightRow(), ""),
        (flightRow([0: "123456"]), "bad_type"),
        (flightRow([6: "\"50.0\""]), "bad_type"),
        (flightRow([6: String(repeating: "9", count: 400)]), "bad_type"),
        (flightRow([6: "91.0"]), "invalid_latitude"),
        (flightRow([5: "-180.5"]), "invalid_longitude"),
        (flightRow([5: "0", 6: "0"]), "null_island"),
        (flightRow([5: "null", 6: "null"]), "missing_position"),
        ("[\"3c6445\", \"DLH1\", \"Germany\", \(flightTime - 30), \(flightTime - 30)]", "bad_shape,missing_position"),
        ("7", "bad_shape,invalid_icao24,missing_position"),
        ("[]", "bad_shape,invalid_icao24,missing_position"),
        ("{\"icao24\": \"3c6446\", \"last_contact\": \(flightTime), \"longitude\": 8.5, \"latitude\": 50.0, \"latitude\": 51.0}", "bad_shape"),
        (flightRow([4: String(flightTime + 1000)]), "future_contact"),
        (flightRow([4: String(flightTime - 4000)]), "stale"),
        (flightRow([0: "\"zzzzzz\""]), "invalid_icao24"),
        (flightRow([0: "\"../../etc\""]), "invalid_icao24"),
        (flightRow([5: "{\"deg\": 8.5}"]), "bad_type"),
        (flightRow([9: "1e400"]), "bad_type"),
        (flightRow([4: "\"yesterday\""]), "bad_type"),
    ]
}
