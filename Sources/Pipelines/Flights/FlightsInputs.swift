// How flights actions find their inputs: reference tables by file name (so the order of `in`
// lines is free), data files by line.

import LakeBuild
import Parquet

/// Locating and reading the inputs of a flights action.
enum FlightsInputs {
    /// The first input whose path ends with `/name`, if any.
    static func path(_ ctx: ActionContext, named name: String) -> String? {
        ctx.inputs.joined().first { $0 == name || $0.hasSuffix("/" + name) }
    }

    /// The airline and aircraft tables; either may be absent from the rule, leaving rows unenriched.
    static func references(_ ctx: ActionContext) throws(ActionError) -> FlightReferences {
        var references = FlightReferences.empty
        do throws(FlightsError) {
            if let path = path(ctx, named: "airlines.csv") {
                references.airlines = try AirlineTable(path: path, bytes: try read(ctx, path))
            }
            if let path = path(ctx, named: "aircraft.csv") {
                references.aircraft = try AircraftTable(path: path, bytes: try read(ctx, path))
            }
        } catch {
            throw error.actionError
        }
        return references
    }

    static func airports(_ ctx: ActionContext) throws(ActionError) -> AirportTable {
        guard let path = path(ctx, named: "airports.csv") else { return AirportTable(airports: []) }
        do throws(FlightsError) { return try AirportTable(path: path, bytes: try read(ctx, path)) } catch { throw error.actionError }
    }

    /// The columns `fields` of every hourly Parquet file on `line`, in order: each file is
    /// read row group by row group, for those columns only.
    static func day(_ ctx: ActionContext, line: Int, fields: Set<HourlyField>) throws(ActionError) -> FlightDay {
        var day = FlightDay(fields: fields)
        for path in ctx.inputs.indices.contains(line) ? ctx.inputs[line] : [] {
            do throws(FlightsError) {
                let bytes = try read(ctx, path)
                let reader: ParquetFileReader
                do { reader = try ParquetFileReader(bytes: bytes) } catch { throw FlightsError.unreadableInput(path: path, reason: "\(error)") }
                try day.append(reader, path: path)
            } catch { throw error.actionError }
        }
        return day
    }

    /// Reads a file, mapping the engine's error into this module's.
    static func read(_ ctx: ActionContext, _ path: String) throws(FlightsError) -> [UInt8] {
        do { return try ctx.read(path) } catch { throw .unreadableInput(path: path, reason: error.message) }
    }
}
