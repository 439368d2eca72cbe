// The `sales.*` actions rules can name (sales.md §2–§8). Each is a pure function of its
// inputs: it reads them through the context, takes store and date from the binding, and
// returns the bytes of its outputs. Versions are bumped whenever an action's output changes.

import LakeBuild

extension ActionRegistry {
    /// Registers every sales action.
    public mutating func registerSales() {
        register(SalesActions.parquet)
        register(SalesActions.storeMetrics)
        register(SalesActions.companyMetrics)
        register(SalesActions.productMetrics)
        register(SalesActions.insights)
        register(SalesActions.report)
        register(SalesActions.quicksight)
    }
}

/// The sales actions, one per rule kind.
enum SalesActions {
    /// The binding's `date` as a calendar date.
    static func date(_ ctx: ActionContext) throws(ActionError) -> CalendarDate {
        guard let text = ctx.binding["date"], let date = CalendarDate(text) else {
            throw .failed("rule \(ctx.rule) must bind a {date:date} wildcard for \(ctx.outputs.first ?? "its output")")
        }
        return date
    }

    /// The binding's `store`.
    static func store(_ ctx: ActionContext) throws(ActionError) -> String {
        guard let store = ctx.binding["store"] else { throw .failed("rule \(ctx.rule) must bind a {store} wildcard") }
        return store
    }

    /// The single input of `in` line `line`.
    static func single(_ ctx: ActionContext, line: Int) throws(ActionError) -> String {
        guard ctx.inputs.indices.contains(line), let path = ctx.inputs[line].first else {
            throw .failed("rule \(ctx.rule) needs an input on its `in` line \(line + 1)")
        }
        return path
    }

    /// `raw/sales/store_{store}_{date}.json` → `processed/…/data.parquet`, or a rejection.
    static let parquet = Action(name: "sales.parquet", version: 1) { ctx throws(ActionError) in
        let path = try single(ctx, line: 0)
        switch SalesUploadParser.parse(try ctx.read(path)) {
        case .invalid(let errors, let total):
            return .rejected([Rejection(path: path, errors: errors, totalErrors: total)])
        case .items(let columns):
            let stream = try ParquetOutputSink.writing(ctx, output: 0, failure: "could not write Parquet") { sink in
                try SalesParquet.write(columns, to: sink)
            }
            return .written([stream], rejections: [])
        }
    }

    /// A partition → `metrics/sales/stores/date={date}/store_id={store}.json`.
    static let storeMetrics = Action(name: "sales.store_metrics", version: 1) { ctx throws(ActionError) in
        let path = try single(ctx, line: 0)
        let date = try date(ctx), store = try store(ctx)
        let bytes = try ctx.read(path)
        let batch = try mapped { () throws(SalesError) in try SalesParquet.batch(from: bytes, path: path) }
        return .outputs([StoreMetrics(storeID: store, date: date, batch: batch).jsonBytes], rejections: [])
    }

    /// Runs `body`, turning a sales error into the engine's.
    static func mapped<T>(_ body: () throws(SalesError) -> T) throws(ActionError) -> T {
        do { return try body() } catch { throw error.actionError }
    }
}
