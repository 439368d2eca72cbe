// The day's report (two outputs from one run) and the QuickSight export.

import LakeBuild

extension SalesActions {
    /// in 1: insights of the day; in 2: company metrics of the window; in 3: product metrics
    /// of the day; in 4: store metrics of the day; in 5 (optional): reference/stores.csv, whose
    /// names label the stores → report.txt and report.html, amounts in `currency` (ISO 4217,
    /// default USD).
    static let report = Action(name: "sales.report", version: 3) { ctx throws(ActionError) in
        let date = try date(ctx)
        let insightsPath = try single(ctx, line: 0)
        let insightsBytes = try ctx.read(insightsPath)
        let insights = try mapped { () throws(SalesError) in try SalesInsights(bytes: insightsBytes, path: insightsPath) }
        var window: [CompanyMetrics] = []
        for path in ctx.inputs.count > 1 ? ctx.inputs[1] : [] {
            let bytes = try ctx.read(path)
            window.append(try mapped { () throws(SalesError) in try CompanyMetrics(bytes: bytes, path: path) })
        }
        guard let company = window.first(where: { $0.date == date.text }) else {
            throw .failed("rule \(ctx.rule): the window has no company metrics for \(date.text)")
        }
        var products: ProductMetrics?
        if ctx.inputs.count > 2, let path = ctx.inputs[2].first {
            let bytes = try ctx.read(path)
            products = try mapped { () throws(SalesError) in try ProductMetrics(bytes: bytes, path: path) }
        }
        var storeList: [StoreInfo] = []
        if ctx.inputs.count > 4, let path = ctx.inputs[4].first {
            let bytes = try ctx.read(path)
            storeList = try mapped { () throws(SalesError) in try StoreList.parse(bytes, path: path) }
        }
        let report = DailyReport(chain: ctx.parameter("chain") ?? "Sales", company: company, companyWindow: window,
                                 products: products, stores: try storeMetrics(ctx, line: 3), insights: insights,
                                 storeList: storeList, currency: try currency(ctx))
        return .outputs([Array(report.text.utf8), Array(report.html.utf8)], rejections: [])
    }

    /// The rule's `currency` parameter, USD when it has none.
    static func currency(_ ctx: ActionContext) throws(ActionError) -> Currency {
        let code = ctx.parameter("currency") ?? "USD"
        guard let currency = Currency(code: code) else {
            throw SalesError.badParameter(name: "currency", value: code, expected: "an ISO 4217 code such as USD or EUR").actionError
        }
        return currency
    }

    /// `dataset=…`: store metrics of a day (store_summaries, top_products) or the day's
    /// insights (anomalies, trends, recommendations) → one NDJSON partition.
    static let quicksight = Action(name: "sales.quicksight", version: 1) { ctx throws(ActionError) in
        let date = try date(ctx)
        let dataset = ctx.parameter("dataset") ?? ""
        switch dataset {
        case "store_summaries", "top_products":
            let stores = try storeMetrics(ctx, line: 0)
            return .outputs([QuickSightExport.storeRows(dataset: dataset, date: date.text, stores: stores)], rejections: [])
        case "anomalies", "trends", "recommendations":
            let path = try single(ctx, line: 0)
            let bytes = try ctx.read(path)
            let insights = try mapped { () throws(SalesError) in try SalesInsights(bytes: bytes, path: path) }
            return .outputs([QuickSightExport.insightRows(dataset: dataset, insights: insights)], rejections: [])
        default:
            throw SalesError.badParameter(name: "dataset", value: dataset, expected: QuickSightExport.datasets.joined(separator: ", ")).actionError
        }
    }
}
