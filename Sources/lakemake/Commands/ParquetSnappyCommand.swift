// `lakemake parquet snappy [--decompress] IN OUT`: the raw Snappy block codec that Parquet
// pages use, applied to a whole file. It lets a page body be inspected by hand, and it is how
// `bench/parquet.sh` times the codec alone against another Snappy implementation.

import Arguments
import Foundation
import Parquet

/// Compresses or decompresses one raw Snappy block (no framing format).
enum ParquetSnappyCommand: ParquetSubcommand {
    /// The largest block accepted, in either direction (Snappy's length preamble is 32-bit).
    static let limit = Int(UInt32.max)

    /// The option and arguments of `lakemake parquet snappy`.
    enum Options {
        static let decompress: Option<Bool> = .flag("decompress", short: "d", help: "Expand IN instead of compressing it.")
        static let input: Argument<String> = .required("IN", help: "The file to read.")
        static let output: Argument<String> = .required("OUT", help: "The file to write (replaced if it exists).")
    }

    static let spec = CommandSpec(
        name: "snappy",
        abstract: "Compress (or with --decompress, expand) a file as one raw Snappy block.",
        discussion: "This is the block format of Parquet's SNAPPY pages, not the framed .sz format.",
        options: [Options.decompress.spec],
        arguments: [Options.input.spec, Options.output.spec],
        examples: [.init("lakemake parquet snappy -d page.snappy page.bin")])

    static func run(_ inv: Invocation) throws -> Int32 {
        let input = inv.parsed[Options.input], output = inv.parsed[Options.output]
        guard let data = FileManager.default.contents(atPath: input) else { throw ParquetCommandError.missingFile(input) }
        let bytes = [UInt8](data)
        guard bytes.count <= limit else {
            throw CommandError.invalid("\(input) is larger than the 4 GiB a Snappy block can hold", hint: nil)
        }
        let result = inv.parsed[Options.decompress]
            ? try ParquetFileError.naming(input) { try Snappy.decompress(bytes, limit: limit) }
            : Snappy.compress(bytes)
        guard FileManager.default.createFile(atPath: output, contents: Data(result)) else {
            throw CommandError.invalid("\(output): cannot be written", hint: "check that its folder exists and is writable")
        }
        return 0
    }
}
