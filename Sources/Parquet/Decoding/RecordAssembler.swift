// Record assembly (the Dremel algorithm): rebuilds nested values from each leaf column's
// definition and repetition levels. A node is walked top-down; its presence is read off the
// definition level of the first leaf below it (every leaf below a node agrees on the node's
// levels): below the node's own level means null (or an empty list for a repeated node), and
// then every leaf below advances exactly one entry. A repeated node keeps adding elements while
// the next repetition level equals its own. Each step consumes at least one level entry, so a
// corrupt file ends with an error, never a loop.
//
// LIST and MAP groups follow the backward-compatibility rules of LogicalTypes.md: a repeated
// primitive, a repeated group with several fields, or one named `array` / `<list>_tuple` is the
// element itself (legacy 2-level lists); otherwise the repeated group's single child is.

/// Assembles rows of `ParquetValue` from the column data of some top-level fields.
struct RecordAssembler {
    /// A schema node with its levels and the contiguous range of leaves (in `cursors`) below it.
    private final class Node {
        let field: ParquetField
        let definitionLevel: Int
        let repetitionLevel: Int
        let leaves: Range<Int>
        let children: [Node]

        init(field: ParquetField, definitionLevel: Int, repetitionLevel: Int, leaves: Range<Int>, children: [Node]) {
            self.field = field
            self.definitionLevel = definitionLevel
            self.repetitionLevel = repetitionLevel
            self.leaves = leaves
            self.children = children
        }
    }

    /// Reading position in one leaf column.
    private struct Cursor {
        let definitionLevels: [Int16]
        let repetitionLevels: [Int16]
        let values: [ParquetValue]
        let maxDefinitionLevel: Int
        let entryCount: Int
        var position = 0
        var valuePosition = 0
    }

    private let roots: [Node]
    private var cursors: [Cursor]
    private let columnName: String

    /// `fields` are top-level fields; `columns` holds, in order, the leaves of exactly those fields.
    init(fields: [ParquetField], columns: [ColumnData]) throws(ParquetError) {
        try self.init(fields: fields, columns: columns.map {
            ColumnVector(descriptor: $0.descriptor, storage: .buffer(ColumnBuffer($0.values)),
                         definitionLevels: $0.definitionLevels, repetitionLevels: $0.repetitionLevels)
        })
    }

    /// The same from columnar chunks; dictionary-encoded ones convert each distinct value once.
    init(fields: [ParquetField], columns: [ColumnVector]) throws(ParquetError) {
        var leafIndex = 0
        var roots: [Node] = []
        for field in fields {
            roots.append(Self.makeNode(field, definition: 0, repetition: 0, nextLeaf: &leafIndex))
        }
        guard leafIndex == columns.count else {
            throw ParquetError.invalidSchema(reason: "\(columns.count) columns given for \(leafIndex) leaves")
        }
        cursors = columns.map { column in
            let levels = max(column.definitionLevels.count, column.repetitionLevels.count)
            return Cursor(
                definitionLevels: column.definitionLevels, repetitionLevels: column.repetitionLevels,
                values: ParquetValue.converting(storage: column.storage, field: column.descriptor.field),
                maxDefinitionLevel: column.descriptor.maxDefinitionLevel,
                entryCount: levels > 0 ? levels : column.valueCount)
        }
        self.roots = roots
        columnName = fields.map(\.name).joined(separator: ",")
    }

    private static func makeNode(_ field: ParquetField, definition: Int, repetition: Int, nextLeaf: inout Int) -> Node {
        let definition = definition + (field.repetition == .required ? 0 : 1)
        let repetition = repetition + (field.repetition == .repeated ? 1 : 0)
        let first = nextLeaf
        if !field.isGroup { nextLeaf += 1 }
        let children = field.children.map { makeNode($0, definition: definition, repetition: repetition, nextLeaf: &nextLeaf) }
        return Node(field: field, definitionLevel: definition, repetitionLevel: repetition, leaves: first..<nextLeaf, children: children)
    }

    private func corrupt(_ reason: String) -> ParquetError {
        .corruptPage(column: columnName, reason: reason)
    }

    /// Assembles `count` rows, then checks that every level entry was used.
    mutating func assembleRows(_ count: Int) throws(ParquetError) -> [[ParquetValue]] {
        // Each row consumes at least one level entry per column, which bounds the loop; without
        // columns only the row count does, so it must be plausible.
        guard !cursors.isEmpty || count <= ColumnChunkReader.maxValuesPerPage else {
            throw corrupt("\(count) rows without any column")
        }
        if let rows = try flatRows(count) { return rows }
        var rows: [[ParquetValue]] = []
        rows.reserveCapacity(min(count, cursors.first?.entryCount ?? 0))
        for _ in 0..<count {
            var row: [ParquetValue] = []
            for root in roots { row.append(try field(root)) }
            rows.append(row)
        }
        for cursor in cursors where cursor.position != cursor.entryCount {
            throw corrupt("\(cursor.entryCount - cursor.position) level entries left after \(count) rows")
        }
        return rows
    }

    /// Rows of a flat selection (every field a top-level, non-repeated leaf whose levels have
    /// exactly one entry per row), filled column by column without walking the tree per row;
    /// nil when the selection is not flat, so the general walk (and its errors) applies.
    private mutating func flatRows(_ count: Int) throws(ParquetError) -> [[ParquetValue]]? {
        guard !cursors.isEmpty, roots.allSatisfy({ !$0.field.isGroup && $0.field.repetition != .repeated }),
              cursors.allSatisfy({ $0.entryCount == count && $0.repetitionLevels.isEmpty }) else { return nil }
        var rows = [[ParquetValue]](repeating: [], count: count)
        for row in 0..<count { rows[row].reserveCapacity(cursors.count) }
        for leaf in cursors.indices {
            let levels = cursors[leaf].definitionLevels
            let values = cursors[leaf].values
            let full = Int16(clamping: cursors[leaf].maxDefinitionLevel)
            var next = 0
            for row in 0..<count {
                if levels.isEmpty || levels[row] >= full {
                    guard next < values.count else { throw corrupt("fewer values than definition levels announce") }
                    rows[row].append(values[next])
                    next += 1
                } else {
                    rows[row].append(.null)
                }
            }
            cursors[leaf].position = count
            cursors[leaf].valuePosition = next
        }
        return rows
    }

    // MARK: Level access

    private func definition(_ leaf: Int) throws(ParquetError) -> Int {
        let cursor = cursors[leaf]
        guard cursor.position < cursor.entryCount else { throw corrupt("levels end before the row count is reached") }
        return cursor.definitionLevels.isEmpty ? cursor.maxDefinitionLevel : Int(cursor.definitionLevels[cursor.position])
    }

    private func continuesRepetition(_ leaf: Int, at level: Int) -> Bool {
        let cursor = cursors[leaf]
        guard cursor.position < cursor.entryCount, !cursor.repetitionLevels.isEmpty else { return false }
        return Int(cursor.repetitionLevels[cursor.position]) == level
    }

    /// Consumes one entry of every leaf below `node` (the node is null or an empty list).
    private mutating func skip(_ node: Node) throws(ParquetError) {
        for leaf in node.leaves {
            if try definition(leaf) >= cursors[leaf].maxDefinitionLevel { cursors[leaf].valuePosition += 1 }
            cursors[leaf].position += 1
        }
    }

    /// Consumes one entry of a leaf and returns its value, or null below its max level.
    private mutating func leafValue(_ leaf: Int) throws(ParquetError) -> ParquetValue {
        let level = try definition(leaf)
        cursors[leaf].position += 1
        guard level >= cursors[leaf].maxDefinitionLevel else { return .null }
        let index = cursors[leaf].valuePosition
        guard index < cursors[leaf].values.count else { throw corrupt("fewer values than definition levels announce") }
        cursors[leaf].valuePosition += 1
        return cursors[leaf].values[index]
    }

    // MARK: Nodes

    /// A field in its parent: null, a list (repeated), or one instance.
    private mutating func field(_ node: Node) throws(ParquetError) -> ParquetValue {
        switch node.field.repetition {
        case .repeated:
            return .list(try repeated(node) { (assembler: inout RecordAssembler) throws(ParquetError) in try assembler.instance(node) })
        case .optional:
            if try definition(node.leaves.lowerBound) < node.definitionLevel {
                try skip(node)
                return .null
            }
            return try instance(node)
        case .required:
            return try instance(node)
        }
    }

    /// The elements of a repeated node, each produced by `element`.
    private mutating func repeated<T>(_ node: Node, element: (inout RecordAssembler) throws(ParquetError) -> T) throws(ParquetError) -> [T] {
        let first = node.leaves.lowerBound
        if try definition(first) < node.definitionLevel {
            try skip(node)
            return []
        }
        var elements: [T] = []
        repeat {
            elements.append(try element(&self))
        } while continuesRepetition(first, at: node.repetitionLevel)
        return elements
    }

    /// One present occurrence of `node`.
    private mutating func instance(_ node: Node) throws(ParquetError) -> ParquetValue {
        guard node.field.isGroup else { return try leafValue(node.leaves.lowerBound) }
        if node.children.count == 1, node.children[0].field.repetition == .repeated {
            let repeatedChild = node.children[0]
            if isList(node.field) {
                return .list(try repeated(repeatedChild) { (assembler: inout RecordAssembler) throws(ParquetError) in
                    try assembler.listElement(repeatedChild, listName: node.field.name)
                })
            }
            if isMap(node.field), repeatedChild.field.isGroup {
                return .map(try repeated(repeatedChild) { (assembler: inout RecordAssembler) throws(ParquetError) in try assembler.mapEntry(repeatedChild) })
            }
        }
        var members: [(name: String, value: ParquetValue)] = []
        for child in node.children { members.append((child.field.name, try field(child))) }
        return .struct(members)
    }

    private func isList(_ field: ParquetField) -> Bool {
        field.logicalType == .list || field.convertedType == .list
    }

    private func isMap(_ field: ParquetField) -> Bool {
        field.logicalType == .map || field.convertedType == .map || field.convertedType == .mapKeyValue
    }

    private mutating func listElement(_ repeatedNode: Node, listName: String) throws(ParquetError) -> ParquetValue {
        let field = repeatedNode.field
        if !field.isGroup || repeatedNode.children.count > 1 || field.name == "array" || field.name == listName + "_tuple" {
            return try instance(repeatedNode)
        }
        return try self.field(repeatedNode.children[0])
    }

    private mutating func mapEntry(_ keyValue: Node) throws(ParquetError) -> (key: ParquetValue, value: ParquetValue) {
        let key = try field(keyValue.children[0])
        let value = keyValue.children.count > 1 ? try field(keyValue.children[1]) : .null
        for extra in keyValue.children.dropFirst(2) { _ = try field(extra) }  // consume, not part of a map entry
        return (key, value)
    }
}
