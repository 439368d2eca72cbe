// Day-level aggregates: company and product metrics over every store file of the date.

import LakeBuild

extension SalesActions {
    /// Reads every store-metrics file of `in` line `line`.
    static func storeMetrics(_ ctx: ActionContext, line: Int) throws(ActionError) -> [StoreMetrics] {
        guard ctx.inputs.indices.contains(line) else { return [] }
        var out: [StoreMetrics] = []
        for path in ctx.inputs[line] {
            let bytes = try ctx.read(path)
            out.append(try mapped { () throws(SalesError) in try StoreMetrics(bytes: bytes, path: path) })
        }
        return out
    }

    /// The store list: the input ending in `stores.csv`.
    static func storeList(_ ctx: ActionContext) throws(ActionError) -> [StoreInfo] {
        guard let path = ctx.inputs.joined().first(where: { $0.hasSuffix("stores.csv") }) else {
            throw .failed("rule \(ctx.rule) needs reference/stores.csv as an input")
        }
        let bytes = try ctx.read(path)
        return try mapped { () throws(SalesError) in try StoreList.parse(bytes, path: path) }
    }

    /// Stores whose metrics file on `in` line `line` is absent because their upload was
    /// rejected upstream (the engine names the rejected raw file behind each absent member).
    static func rejectedStores(_ ctx: ActionContext, line: Int) -> [String] {
        ctx.absent(line: line).filter(\.isRejected).compactMap { storeID(inMetricsPath: $0.path) }
    }

    /// `…/store_id=0003.json` → `0003`.
    static func storeID(inMetricsPath path: String) -> String? {
        guard let name = path.split(separator: "/").last, name.hasPrefix("store_id="), name.hasSuffix(".json") else { return nil }
        return String(name.dropFirst("store_id=".count).dropLast(".json".count))
    }

    /// Store metrics of a day + `reference/stores.csv` → `metrics/sales/company/date={date}.json`.
    static let companyMetrics = Action(name: "sales.company_metrics", version: 2) { ctx throws(ActionError) in
        let date = try date(ctx)
        let metrics = CompanyMetrics(date: date.text, stores: try storeMetrics(ctx, line: 0), expected: try storeList(ctx),
                                     rejected: rejectedStores(ctx, line: 0))
        return .outputs([metrics.jsonBytes], rejections: [])
    }

    /// Store metrics of a day → `metrics/sales/products/date={date}.json`.
    static let productMetrics = Action(name: "sales.product_metrics", version: 1) { ctx throws(ActionError) in
        let date = try date(ctx)
        return .outputs([ProductMetrics(date: date.text, stores: try storeMetrics(ctx, line: 0)).jsonBytes], rejections: [])
    }
}
