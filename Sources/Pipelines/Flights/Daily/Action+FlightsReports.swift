// The report and QuickSight actions (flights.md §7–§8), built from the JSON documents and
// Parquet files of the earlier rules.

import LakeBuild
import LakeFormats

extension Action {
    /// `flights.report`: report.txt and report.html. Inputs: the day's statistics, density,
    /// routes, the statistics of the previous days (a window), found by folder, and optionally a
    /// GeoJSON outline under `reference/` (the coastlines the density map is drawn over).
    public static let flightsReport = Action(name: "flights.report", version: 3) { ctx throws(ActionError) in
        let all = ctx.inputs.joined()
        let date = ctx.binding["date"] ?? ""
        func document(_ path: String) throws(ActionError) -> JSONValue {
            let bytes = try ctx.read(path)
            do throws(JSONError) { return try JSONValue.parse(bytes) } catch {
                throw FlightsError.unreadableInput(path: path, reason: error.message).actionError
            }
        }
        let dailyPath = "metrics/flights/daily/date=\(date).json"
        guard let daily = all.first(where: { $0.hasSuffix(dailyPath) }) else { throw .missingInput(dailyPath) }
        let density = try all.first { $0.contains("metrics/flights/density/") }.map(document)
        let routes = try all.first { $0.contains("metrics/flights/routes/") }.map(document)
        var window: [JSONValue] = []
        for path in all where path.contains("metrics/flights/daily/") && path != daily { window.append(try document(path)) }
        var coastline: Coastline?
        if let path = all.first(where: LakeLayout.isReference) {
            let bytes = try ctx.read(path)
            do throws(FlightsError) { coastline = try Coastline(geoJSON: bytes, path: path) } catch { throw error.actionError }
        }
        let data = FlightsDailyReportData(daily: try document(daily), density: density, routes: routes, window: window)
        return .outputs([Array(FlightsDailyReport.text(data).utf8), Array(FlightsDailyReport.html(data, coastline: coastline).utf8)], rejections: [])
    }

    /// `flights.quicksight_hourly`: one NDJSON line per hour of the day.
    public static let flightsQuickSightHourly = Action(name: "flights.quicksight_hourly", version: 1) { ctx throws(ActionError) in
        let day = try FlightsInputs.day(ctx, line: 0, fields: FlightsQuickSightExport.hourlyFields)
        return .outputs([FlightsQuickSightExport.hourly(date: ctx.binding["date"] ?? "", day: day)], rejections: [])
    }

    /// `flights.quicksight_routes`: one NDJSON line per route of the day.
    public static let flightsQuickSightRoutes = Action(name: "flights.quicksight_routes", version: 1) { ctx throws(ActionError) in
        guard let path = ctx.inputs.first?.first else { throw .failed("flights.quicksight_routes needs the routes file") }
        let bytes = try ctx.read(path)
        do throws(JSONError) {
            let doc = try JSONValue.parse(bytes)
            return .outputs([FlightsQuickSightExport.routes(date: ctx.binding["date"] ?? "", routesDocument: doc)], rejections: [])
        } catch {
            throw FlightsError.unreadableInput(path: path, reason: error.message).actionError
        }
    }
}
