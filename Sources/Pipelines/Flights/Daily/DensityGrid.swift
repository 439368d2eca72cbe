// `metrics/flights/density/date=….json` (flights.md §5): airborne observations binned into a
// grid of `grid_size` degrees. `aircraft` counts distinct icao24 seen airborne in the cell that
// day; `density` is aircraft per 10 000 km² of the cell's spherical area. Cells are listed by
// latitude then longitude; edges are multiples of the grid size, so they never drift. Reads
// only the columns in `fields`.

import Foundation
import LakeFormats

/// One non-empty cell of the grid.
public struct DensityCell: Sendable, Equatable {
    public var row: Int
    public var column: Int
    public var observations: Int
    public var aircraft: Int
}

private struct CellKey: Hashable {
    var row: Int
    var column: Int
}

/// The density grid of one day.
public struct DensityGrid: Sendable {
    public let gridSize: Double
    public let cells: [DensityCell]

    /// The columns the grid reads.
    public static let fields: Set<HourlyField> = [.latitude, .longitude, .onGround, .icao24]

    /// The grid of hand-built observations (tests, small callers).
    public init(observations: [FlightObservation], gridSize: Double) {
        self.init(FlightDay(observations), gridSize: gridSize)
    }

    public init(_ day: FlightDay, gridSize: Double) {
        day.require(Self.fields)
        self.gridSize = gridSize
        let maxRow = Int(((90 - 1e-9) / gridSize).rounded(.down)), maxColumn = Int(((180 - 1e-9) / gridSize).rounded(.down))
        var counts: [CellKey: (observations: Int, aircraft: Set<ICAO24>)] = [:]
        for i in 0..<day.count where !day.onGround[i] {
            let row = min(Int((day.latitude[i] / gridSize).rounded(.down)), maxRow)
            let column = min(Int((day.longitude[i] / gridSize).rounded(.down)), maxColumn)
            counts[CellKey(row: row, column: column), default: (0, [])].observations += 1
            counts[CellKey(row: row, column: column), default: (0, [])].aircraft.insert(day.icao24[i])
        }
        cells = counts.keys.sorted { ($0.row, $0.column) < ($1.row, $1.column) }.map { key in
            let c = counts[key]
            return DensityCell(row: key.row, column: key.column, observations: c?.observations ?? 0, aircraft: c?.aircraft.count ?? 0)
        }
    }

    /// The edge of cell index `i`, rounded to remove binary noise (0.1 × 3 = 0.30000000000000004).
    func edge(_ i: Int) -> Double { (Double(i) * gridSize * 1e9).rounded() / 1e9 }

    public func density(_ cell: DensityCell) -> Double {
        let area = GreatCircle.cellAreaKm2(latMin: edge(cell.row), latMax: edge(cell.row + 1),
                                           lonMin: edge(cell.column), lonMax: edge(cell.column + 1))
        return area > 0 ? Double(cell.aircraft) / (area / 10_000) : 0
    }

    public func encode(date: String) -> [UInt8] {
        var w = JSONWriter(style: .pretty)
        w.beginObject()
        w.key("date"); w.string(date)
        w.key("grid_size"); w.double(gridSize)
        w.key("total_cells"); w.int(cells.count)
        w.key("bounds")
        if cells.isEmpty { w.null() } else {
            w.beginObject()
            w.key("lat_min"); w.double(edge(cells.map(\.row).min() ?? 0))
            w.key("lat_max"); w.double(edge((cells.map(\.row).max() ?? 0) + 1))
            w.key("lon_min"); w.double(edge(cells.map(\.column).min() ?? 0))
            w.key("lon_max"); w.double(edge((cells.map(\.column).max() ?? 0) + 1))
            w.endObject()
        }
        w.key("cells")
        w.beginArray()
        for cell in cells {
            w.beginObject()
            w.key("lat_min"); w.double(edge(cell.row))
            w.key("lat_max"); w.double(edge(cell.row + 1))
            w.key("lon_min"); w.double(edge(cell.column))
            w.key("lon_max"); w.double(edge(cell.column + 1))
            w.key("observations"); w.int(cell.observations)
            w.key("aircraft"); w.int(cell.aircraft)
            w.key("density"); w.double((density(cell) * 10_000).rounded() / 10_000)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.bytes
    }
}
