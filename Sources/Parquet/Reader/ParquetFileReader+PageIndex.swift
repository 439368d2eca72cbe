// Page-level predicate pushdown with the page index. The predicate column's ColumnIndex says,
// per data page, the min, max and whether it is all null; the pages that `mayMatch` cannot
// rule out give the candidate rows. Each projected column then reads, by its OffsetIndex, only
// the pages that overlap those rows (plus its dictionary page), and the decoded entries are
// trimmed to exactly the candidate rows, so all columns line up row for row.
//
// The index is an optimisation, never a source of truth for values: a chunk without an offset
// index, with locations that do not fit the file, or of a repeated column is read whole and
// trimmed by its levels instead, and a missing column index keeps every row.

/// Columns read with page-level pushdown, and what the page index saved.
public struct PageSelection: Sendable, Equatable {
    /// Rows of the row group (relative to its first row) that may match: sorted, disjoint.
    public let rows: [Range<Int>]
    /// The projected columns holding exactly `rows`, in schema order.
    public let columns: [ColumnVector]
    /// Data pages decoded, over all projected columns (a chunk without an offset index counts
    /// as one).
    public let pagesRead: Int
    /// Data pages the page index let the reader skip, over all projected columns.
    public let pagesSkipped: Int
}

extension ParquetFileReader {
    /// The ColumnIndex of a chunk, nil when the file has none for it.
    public func columnIndex(rowGroup index: Int, column: Int) throws(ParquetError) -> ColumnIndex? {
        let chunk = try rowGroup(index).columns[checkedColumn(column)]
        guard let bytes = try indexBytes(offset: chunk.columnIndexOffset, length: chunk.columnIndexLength) else { return nil }
        return try ColumnIndex(thriftBytes: bytes)
    }

    /// The OffsetIndex of a chunk, nil when the file has none for it.
    public func offsetIndex(rowGroup index: Int, column: Int) throws(ParquetError) -> OffsetIndex? {
        let chunk = try rowGroup(index).columns[checkedColumn(column)]
        guard let bytes = try indexBytes(offset: chunk.offsetIndexOffset, length: chunk.offsetIndexLength) else { return nil }
        return try OffsetIndex(thriftBytes: bytes)
    }

    /// The rows of row group `index` that may hold a match for `predicate`: the rows of the
    /// pages its column index cannot rule out (none when the chunk statistics rule out the
    /// row group, all when there is no usable column index).
    public func candidateRows(rowGroup index: Int, matching predicate: ColumnPredicate) throws(ParquetError) -> [Range<Int>] {
        guard let column = schema.columnIndex(named: predicate.column) else {
            throw ParquetError.columnNotFound(predicate.column)
        }
        let group = try rowGroup(index)
        let rows = try rowCount(group, index)
        guard rows > 0 else { return [] }
        guard try rowGroups(matching: predicate).contains(index) else { return [] }
        let descriptor = schema.columns[column]
        guard descriptor.maxRepetitionLevel == 0,
              let columnIndex = try columnIndex(rowGroup: index, column: column),
              let offsetIndex = try offsetIndex(rowGroup: index, column: column),
              let pages = pageRows(offsetIndex, rows: rows),
              columnIndex.nullPages.count == pages.count else { return [0..<rows] }
        let order = metadata.columnOrders.flatMap { column < $0.count ? $0[column] : nil }
        var candidates: [Range<Int>] = []
        for (page, pageRange) in pages.enumerated() where !columnIndex.nullPages[page] {
            let statistics = Statistics(
                nullCount: columnIndex.nullCounts?[page], maxValue: columnIndex.maxValues[page],
                minValue: columnIndex.minValues[page])
            guard Self.mayMatch(predicate, statistics: statistics, numValues: Int64(pageRange.count),
                                descriptor: descriptor, order: order) else { continue }
            if let last = candidates.last, last.upperBound == pageRange.lowerBound {
                candidates[candidates.count - 1] = last.lowerBound..<pageRange.upperBound
            } else {
                candidates.append(pageRange)
            }
        }
        return candidates
    }

    /// Reads the projected `columns` (nil = all) of row group `index`, restricted to the rows
    /// that pages of `predicate`'s column may hold; see `PageSelection`. Rows outside those
    /// pages are left out even when other columns' pages had to be read for them.
    public func readColumns(rowGroup index: Int, columns names: [String]? = nil, matching predicate: ColumnPredicate,
                            keepDictionary: Bool = false) throws(ParquetError) -> PageSelection {
        let wanted = try candidateRows(rowGroup: index, matching: predicate)
        return try readColumns(rowGroup: index, columnIndices: columnIndices(names), rows: wanted, keepDictionary: keepDictionary)
    }

    /// Reads the given leaf columns of row group `index` for exactly the rows `wanted` (sorted,
    /// disjoint ranges relative to the row group's first row): by its OffsetIndex, each column
    /// reads only the pages overlapping those rows (plus its dictionary page), and its entries
    /// are trimmed to those rows, so all columns line up row for row. Late materialisation: a
    /// reader that has found the rows it wants by one column reads the others for them alone.
    /// Precondition: the ranges lie within the row group.
    public func readColumns(rowGroup index: Int, columnIndices: [Int], rows wanted: [Range<Int>],
                            keepDictionary: Bool = false) throws(ParquetError) -> PageSelection {
        let group = try rowGroup(index)
        let rows = try rowCount(group, index)
        precondition(wanted.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= rows }, "rows outside row group \(index) of \(rows) rows")
        var columns: [ColumnVector] = []
        var pagesRead = 0
        var pagesSkipped = 0
        for column in columnIndices {
            let descriptor = schema.columns[try checkedColumn(column)]
            let meta = try chunkMetadata(group.columns[column], descriptor: descriptor)
            if descriptor.maxRepetitionLevel == 0, meta.numValues == Int64(rows), rows > 0,
               let offsetIndex = try offsetIndex(rowGroup: index, column: column),
               let pages = pageRows(offsetIndex, rows: rows) {
                let selected = pages.indices.filter { page in wanted.contains { $0.overlaps(pages[page]) } }
                pagesRead += selected.count
                pagesSkipped += pages.count - selected.count
                let (vector, segments) = try readPages(
                    selected, of: offsetIndex, pageRows: pages, meta: meta, descriptor: descriptor, keepDictionary: keepDictionary)
                columns.append(vector.selecting(rows: wanted, segments: segments))
            } else {
                let whole = try readColumns(rowGroup: index, columnIndices: [column], keepDictionary: keepDictionary)[0]
                pagesRead += offsetIndexPageCount(group.columns[column])
                columns.append(whole.selecting(rows: wanted, segments: [(entry: 0, row: 0)]))
            }
        }
        return PageSelection(rows: wanted, columns: columns, pagesRead: pagesRead, pagesSkipped: pagesSkipped)
    }

    // MARK: Helpers

    private func checkedColumn(_ column: Int) throws(ParquetError) -> Int {
        guard schema.columns.indices.contains(column) else { throw ParquetError.columnNotFound("#\(column)") }
        return column
    }

    private func rowCount(_ group: RowGroup, _ index: Int) throws(ParquetError) -> Int {
        guard let rows = Int(exactly: group.numRows), rows >= 0 else {
            throw ParquetError.invalidMetadata(reason: "row group \(index) has \(group.numRows) rows")
        }
        return rows
    }

    /// Number of data pages an offset index lists for a chunk (0 without one), for counting.
    private func offsetIndexPageCount(_ chunk: ColumnChunk) -> Int {
        guard let bytes = try? indexBytes(offset: chunk.offsetIndexOffset, length: chunk.offsetIndexLength),
              let index = try? OffsetIndex(thriftBytes: bytes) else { return 1 }
        return index.pageLocations.count
    }

    /// The bytes of an index structure, checked to lie inside the data area of the file.
    private func indexBytes(offset: Int64?, length: Int32?) throws(ParquetError) -> [UInt8]? {
        guard let offset, let length else { return nil }
        guard offset >= 4, length > 0, let start = Int(exactly: offset),
              start <= footerStart, Int(length) <= footerStart - start else {
            throw ParquetError.invalidMetadata(reason: "page index at \(offset) (\(length) bytes) lies outside the data area")
        }
        return try source.read(start..<(start + Int(length)))
    }

    /// The row range of every page, or nil when the locations are not usable (rows that do not
    /// ascend from 0, or pages outside the data area).
    private func pageRows(_ index: OffsetIndex, rows: Int) -> [Range<Int>]? {
        let locations = index.pageLocations
        guard locations.first?.firstRowIndex == 0 else { return nil }
        var ranges: [Range<Int>] = []
        for (page, location) in locations.enumerated() {
            let end = page + 1 < locations.count ? Int(clamping: locations[page + 1].firstRowIndex) : rows
            let start = Int(clamping: location.firstRowIndex)
            guard start < end, end <= rows, location.offset >= 4, location.compressedPageSize > 0,
                  location.offset + Int64(location.compressedPageSize) <= Int64(footerStart) else { return nil }
            ranges.append(start..<end)
        }
        return ranges
    }

    /// Decodes the `selected` pages (and the dictionary page) of a flat chunk. Returns the
    /// entries and, per run of adjacent pages, its first entry and first row.
    private func readPages(
        _ selected: [Int], of index: OffsetIndex, pageRows: [Range<Int>], meta: ColumnMetaData,
        descriptor: ColumnDescriptor, keepDictionary: Bool
    ) throws(ParquetError) -> (ColumnVector, [(entry: Int, row: Int)]) {
        let locations = index.pageLocations
        var bytes: [UInt8] = []
        if let dictionary = meta.dictionaryPageOffset, dictionary >= 4, dictionary < locations[0].offset {
            bytes += try source.read(Int(dictionary)..<Int(locations[0].offset))
        }
        var segments: [(entry: Int, row: Int)] = []
        var entries = 0
        var position = 0
        while position < selected.count {
            var end = position + 1
            while end < selected.count, selected[end] == selected[end - 1] + 1 { end += 1 }
            let first = locations[selected[position]], last = locations[selected[end - 1]]
            bytes += try source.read(Int(first.offset)..<Int(last.offset + Int64(last.compressedPageSize)))
            segments.append((entry: entries, row: pageRows[selected[position]].lowerBound))
            entries += pageRows[selected[position]].lowerBound.distance(to: pageRows[selected[end - 1]].upperBound)
            position = end
        }
        var pageMeta = meta
        pageMeta.numValues = Int64(entries)
        guard entries > 0 else {
            let empty = ColumnVector(descriptor: descriptor, storage: .buffer(.empty(descriptor.physicalType)),
                                     definitionLevels: [], repetitionLevels: [])
            return (empty, [])
        }
        let reader = ColumnChunkReader(descriptor: descriptor, metadata: pageMeta, decompressedLimit: decompressedPageLimit)
        return (try reader.read(bytes, keepDictionary: keepDictionary), segments)
    }
}

extension ColumnVector {
    /// The entries of the rows in `wanted` (sorted, disjoint row ranges). The entries of this
    /// vector are runs (`segments`: first entry and its row) of consecutive rows; a row starts at
    /// every entry whose repetition level is 0 (every entry, for flat columns).
    func selecting(rows wanted: [Range<Int>], segments: [(entry: Int, row: Int)]) -> ColumnVector {
        let count = entryCount
        let maxDefinition = Int16(clamping: descriptor.maxDefinitionLevel)
        var keptEntries: [Range<Int>] = []
        var keptValues: [Range<Int>] = []
        if repetitionLevels.isEmpty {
            // Flat: entry i of a segment is row `segment.row + i`, so the kept entries are the
            // wanted rows clipped to each segment, found per range instead of per entry.
            for (index, segment) in segments.enumerated() {
                let end = index + 1 < segments.count ? segments[index + 1].entry : count
                let rows = segment.row..<(segment.row + end - segment.entry)
                for range in wanted where range.overlaps(rows) {
                    let clipped = range.clamped(to: rows)
                    keptEntries.append((clipped.lowerBound - segment.row + segment.entry)..<(clipped.upperBound - segment.row + segment.entry))
                }
            }
            if definitionLevels.isEmpty {
                keptValues = keptEntries
            } else {
                // Values are the entries whose level is the maximum: count them up to each range.
                var entry = 0, value = 0
                for range in keptEntries {
                    while entry < range.lowerBound { if definitionLevels[entry] >= maxDefinition { value += 1 }; entry += 1 }
                    var present = 0
                    while entry < range.upperBound { if definitionLevels[entry] >= maxDefinition { present += 1 }; entry += 1 }
                    if present > 0 { Self.extend(&keptValues, with: value..<(value + present)) }
                    value += present
                }
            }
            return selected(entries: keptEntries, values: keptValues)
        }
        var segment = 0
        var row = -1
        var value = 0
        var want = 0
        for entry in 0..<count {
            if segment < segments.count, segments[segment].entry == entry {
                row = segments[segment].row - 1
                segment += 1
            }
            if repetitionLevels.isEmpty || repetitionLevels[entry] == 0 { row += 1 }
            while want < wanted.count, wanted[want].upperBound <= row { want += 1 }
            let keep = want < wanted.count && wanted[want].contains(row)
            let hasValue = definitionLevels.isEmpty || definitionLevels[entry] >= maxDefinition
            if keep {
                Self.extend(&keptEntries, with: entry)
                if hasValue { Self.extend(&keptValues, with: value) }
            }
            if hasValue { value += 1 }
        }
        return selected(entries: keptEntries, values: keptValues)
    }

    /// This vector with only the entries and values of the given ranges.
    private func selected(entries keptEntries: [Range<Int>], values keptValues: [Range<Int>]) -> ColumnVector {
        func gather<T>(_ items: [T], _ ranges: [Range<Int>]) -> [T] {
            if ranges.count == 1, ranges[0] == items.indices { return items }
            return ranges.reduce(into: [T]()) { $0 += items[$1] }
        }
        let storage: Storage
        switch self.storage {
        case let .buffer(buffer):
            storage = .buffer(keptValues == [0..<buffer.count] ? buffer : buffer.slices(keptValues))
        case let .dictionary(entries, indices):
            storage = .dictionary(entries: entries, indices: gather(indices, keptValues))
        }
        return ColumnVector(descriptor: descriptor, storage: storage,
                            definitionLevels: definitionLevels.isEmpty ? [] : gather(definitionLevels, keptEntries),
                            repetitionLevels: repetitionLevels.isEmpty ? [] : gather(repetitionLevels, keptEntries))
    }

    private static func extend(_ ranges: inout [Range<Int>], with index: Int) {
        extend(&ranges, with: index..<(index + 1))
    }

    /// Appends `range`, joining it to the last range when they touch.
    private static func extend(_ ranges: inout [Range<Int>], with range: Range<Int>) {
        if let last = ranges.last, last.upperBound == range.lowerBound {
            ranges[ranges.count - 1] = last.lowerBound..<range.upperBound
        } else {
            ranges.append(range)
        }
    }
}
