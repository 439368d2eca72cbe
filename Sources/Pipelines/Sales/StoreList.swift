// `reference/stores.csv`: the stores expected to upload every day (sales.md §1).

import LakeFormats

/// One expected store.
public struct StoreInfo: Sendable, Equatable {
    public var id: String
    public var name: String
    public var city: String
    public var opened: String
}

/// The expected stores, sorted by id.
public enum StoreList {
    /// Parses `store_id,name,city,opened` (header required; extra columns ignored).
    public static func parse(_ bytes: [UInt8], path: String) throws(SalesError) -> [StoreInfo] {
        let table: CSVTable
        do { table = try CSVReader.parse(bytes) } catch { throw .badStoreList(path: path, reason: String(describing: error)) }
        guard let id = table.column(named: "store_id") else { throw .badStoreList(path: path, reason: "no store_id column") }
        let name = table.column(named: "name"), city = table.column(named: "city"), opened = table.column(named: "opened")
        var stores: [StoreInfo] = []
        for row in table.rows {
            func field(_ i: Int?) -> String { i.flatMap { row.fields.indices.contains($0) ? row.fields[$0] : nil } ?? "" }
            let storeID = field(id)
            guard !storeID.isEmpty else { throw .badStoreList(path: path, reason: "line \(row.line): empty store_id") }
            stores.append(StoreInfo(id: storeID, name: field(name), city: field(city), opened: field(opened)))
        }
        return stores.sorted { $0.id < $1.id }
    }
}
