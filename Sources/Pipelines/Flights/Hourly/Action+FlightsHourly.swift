// `flights.hourly`: every raw snapshot of one hour → the hourly Parquet, the rejected-rows
// Parquet and the hour's counts, from one parse (flights.md §3). A snapshot that cannot be read,
// or whose `time` is not in its folder's date and hour, is rejected whole and the rest of the
// hour is still built. Snapshots are read one at a time, straight into the hour's columns
// (`HourlyAccumulator`); the Parquet is written from them a row group at a time.
//
// Inputs: line 1 the hour's snapshots (aggregate), then `reference/airlines.csv` and
// `reference/aircraft.csv`, found by file name.

import LakeBuild

extension Action {
    public static let flightsHourly = Action(name: "flights.hourly", version: 3) { ctx throws(ActionError) in
        guard let date = ctx.binding["date"], let hour = ctx.binding["hour"] else {
            throw .failed("flights.hourly needs {date} and {hour} wildcards")
        }
        let references = try FlightsInputs.references(ctx)
        var accumulator = HourlyAccumulator(references: references)
        var rejections: [Rejection] = []
        for path in ctx.inputs.first ?? [] {
            let bytes = try ctx.read(path)
            do throws(SnapshotError) {
                let time = UTCTime(unixSeconds: try accumulator.add(path: path, bytes: bytes))
                guard time.date == date, time.hourText == hour else {
                    accumulator.removeLast()
                    rejections.append(Rejection(path: path, errors: [RejectionDetail(
                        path: "$.time",
                        message: "snapshot time \(time.iso8601) does not belong to date=\(date)/hour=\(hour)")]))
                    continue
                }
            } catch {
                rejections.append(Rejection(path: path, errors: [error.detail]))
            }
        }
        var batch = accumulator.finish()
        batch.counts.rejectedFiles = rejections.count
        let failure = "cannot write the hourly Parquet"
        let observations = try ParquetOutputSink.writing(ctx, output: 0, failure: failure) { sink in
            try HourlyParquet.write(batch.columns, rows: batch.order, to: sink)
        }
        let rejected = try ParquetOutputSink.writing(ctx, output: 1, failure: failure) { sink in
            try RejectedRowsParquet.write(batch.rejected, to: sink)
        }
        let metrics = try ctx.openOutput(2)
        try metrics.write(HourlyMetrics.encode(batch.counts, date: date, hour: hour))
        return .written([observations, rejected, metrics], rejections: rejections)
    }
}
