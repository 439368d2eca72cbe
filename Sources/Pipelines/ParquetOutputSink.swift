// A Parquet file written straight into an action's output stream: the writer hands over each
// column chunk as it is encoded, so in a build the file goes to its temporary file piece by
// piece and is never whole in memory.

import LakeBuild
import Parquet

/// An action's output stream as the destination of a `ParquetWriter`.
final class ParquetOutputSink: ParquetSink {
    let stream: StreamedOutput
    /// The stream's own error when a write to it failed (the writer only reports that it did).
    private(set) var failure: ActionError?

    init(_ stream: StreamedOutput) { self.stream = stream }

    func write(_ bytes: [UInt8]) throws(ParquetError) {
        do {
            try stream.write(bytes)
        } catch {
            failure = error
            throw ParquetError.io(path: stream.temporaryPath ?? "output \(stream.index)", operation: "write", errno: 0)
        }
    }

    /// Opens output `index` of `ctx` and runs `body` with a sink into it; an error of the stream
    /// itself comes out as that error, any other as `failure(message)`.
    static func writing(_ ctx: ActionContext, output index: Int, failure message: String,
                        _ body: (ParquetOutputSink) throws -> Void) throws(ActionError) -> StreamedOutput {
        let sink = ParquetOutputSink(try ctx.openOutput(index))
        do {
            try body(sink)
        } catch {
            if let failure = sink.failure { throw failure }
            throw .failed("\(message): \(error)")
        }
        return sink.stream
    }
}
