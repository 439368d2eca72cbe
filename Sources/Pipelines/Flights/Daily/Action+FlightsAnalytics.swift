// The daily analytics actions (flights.md §4–§6). Each reads the day's hourly Parquet from its
// first `in` line (an aggregate over `hour=*`), only the columns it uses; the statistics also
// read the hourly counts on the second line, routes the airports table.

import Foundation
import LakeBuild
import LakeFormats

extension Action {
    /// `flights.daily`: the day's statistics.
    public static let flightsDaily = Action(name: "flights.daily", version: 2) { ctx throws(ActionError) in
        let date = ctx.binding["date"] ?? ""
        let day = try FlightsInputs.day(ctx, line: 0, fields: DailyStatistics.fields)
        var hours: [HourlyCounts] = []
        for path in ctx.inputs.count > 1 ? ctx.inputs[1] : [] {
            do throws(FlightsError) {
                hours.append(try HourlyMetrics.decode(try FlightsInputs.read(ctx, path), path: path))
            } catch { throw error.actionError }
        }
        return .outputs([DailyStatistics.encode(date: date, day: day, hours: hours)], rejections: [])
    }

    /// `flights.density [grid_size=1.0]`: the traffic-density grid.
    public static let flightsDensity = Action(name: "flights.density", version: 1) { ctx throws(ActionError) in
        let text = ctx.parameter("grid_size") ?? "1.0"
        guard let size = Double(text), size >= 0.01, size <= 90 else {
            throw FlightsError.invalidParameter(name: "grid_size", value: text, expected: "degrees between 0.01 and 90").actionError
        }
        let grid = DensityGrid(try FlightsInputs.day(ctx, line: 0, fields: DensityGrid.fields), gridSize: size)
        return .outputs([grid.encode(date: ctx.binding["date"] ?? "")], rejections: [])
    }

    /// `flights.routes`: tracks and origin–destination routes.
    public static let flightsRoutes = Action(name: "flights.routes", version: 1) { ctx throws(ActionError) in
        let finder = RouteFinder(try FlightsInputs.day(ctx, line: 0, fields: RouteFinder.fields), airports: try FlightsInputs.airports(ctx))
        return .outputs([finder.encode(date: ctx.binding["date"] ?? "")], rejections: [])
    }
}
