// The day's insights from its company, store and product metrics and the 28 previous days of
// company and product metrics (the company metrics' per-store table is the store history).

import LakeBuild

extension SalesActions {
    /// in 1: company metrics of the day; in 2: store metrics of the day; in 3: product metrics
    /// of the window (the day included); in 4: company metrics of the previous days
    /// → `reports/sales/insights/date={date}.json`, amounts in descriptions in `currency`
    /// (ISO 4217, default USD).
    static let insights = Action(name: "sales.insights", version: 3) { ctx throws(ActionError) in
        let date = try date(ctx)
        let companyPath = try single(ctx, line: 0)
        let companyBytes = try ctx.read(companyPath)
        let company = try mapped { () throws(SalesError) in try CompanyMetrics(bytes: companyBytes, path: companyPath) }
        let stores = try storeMetrics(ctx, line: 1)
        var products: [ProductMetrics] = []
        for path in ctx.inputs.count > 2 ? ctx.inputs[2] : [] {
            let bytes = try ctx.read(path)
            products.append(try mapped { () throws(SalesError) in try ProductMetrics(bytes: bytes, path: path) })
        }
        var history: [CompanyMetrics] = []
        for path in ctx.inputs.count > 3 ? ctx.inputs[3] : [] {
            let bytes = try ctx.read(path)
            history.append(try mapped { () throws(SalesError) in try CompanyMetrics(bytes: bytes, path: path) })
        }
        let window = SalesWindow(date: date, company: company, stores: stores, products: products, history: history,
                                 currency: try currency(ctx))
        return .outputs([SalesInsights(window: window).jsonBytes], rejections: [])
    }
}
