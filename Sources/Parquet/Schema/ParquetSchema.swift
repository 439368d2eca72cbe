// The schema tree and its leaf columns. The footer stores the schema as a depth-first list of
// SchemaElements (root first, groups announcing `num_children`); this file rebuilds the tree with
// bounds checks (a corrupt child count must not run past the list) and derives, per leaf, the
// maximum definition and repetition levels that page decoding and record assembly need.

/// A file's schema: the root's name, its top-level fields, and the leaf columns in file order.
public struct ParquetSchema: Sendable, Equatable {
    /// Name of the root group (`schema`, `spark_schema`, …).
    public let rootName: String
    public let fields: [ParquetField]
    /// Leaf columns, depth-first: the order of column chunks in every row group.
    public let columns: [ColumnDescriptor]

    /// Deepest nesting accepted when decoding a file's schema.
    public static let maxDepth = 64

    public init(fields: [ParquetField], rootName: String = "schema") {
        self.rootName = rootName
        self.fields = fields
        var columns: [ColumnDescriptor] = []
        for field in fields {
            Self.collectLeaves(field, path: [], definition: 0, repetition: 0, into: &columns)
        }
        self.columns = columns
    }

    private static func collectLeaves(
        _ field: ParquetField, path: [String], definition: Int, repetition: Int, into columns: inout [ColumnDescriptor]
    ) {
        let path = path + [field.name]
        let definition = definition + (field.repetition == .required ? 0 : 1)
        let repetition = repetition + (field.repetition == .repeated ? 1 : 0)
        if field.isGroup {
            for child in field.children {
                collectLeaves(child, path: path, definition: definition, repetition: repetition, into: &columns)
            }
        } else {
            columns.append(ColumnDescriptor(
                path: path, field: field, maxDefinitionLevel: definition, maxRepetitionLevel: repetition))
        }
    }

    /// The leaf column whose dotted path (`a.b.c`) or top-level name is `name`.
    public func columnIndex(named name: String) -> Int? {
        columns.firstIndex { $0.path.joined(separator: ".") == name }
    }
}

/// One leaf column: its path from the root (root name excluded), its field, and max levels.
public struct ColumnDescriptor: Sendable, Equatable {
    public let path: [String]
    public let field: ParquetField
    /// Number of optional or repeated nodes on the path.
    public let maxDefinitionLevel: Int
    /// Number of repeated nodes on the path.
    public let maxRepetitionLevel: Int

    /// The dotted path, for messages.
    public var dottedPath: String { path.joined(separator: ".") }
    /// The leaf's physical type (leaves always have one).
    public var physicalType: PhysicalType { field.physicalType ?? .byteArray }
}

extension ParquetSchema {
    /// Rebuilds the tree from a footer's depth-first element list.
    public init(elements: [SchemaElement]) throws(ParquetError) {
        guard let root = elements.first else { throw ParquetError.invalidSchema(reason: "the schema has no root element") }
        var next = 1
        let childCount = try Self.childCount(of: root, remaining: elements.count - 1)
        var fields: [ParquetField] = []
        for _ in 0..<childCount {
            fields.append(try Self.readField(elements, at: &next, depth: 1))
        }
        guard next == elements.count else {
            throw ParquetError.invalidSchema(reason: "\(elements.count - next) schema element(s) not reachable from the root")
        }
        self.init(fields: fields, rootName: root.name)
    }

    private static func childCount(of element: SchemaElement, remaining: Int) throws(ParquetError) -> Int {
        let declared = element.numChildren ?? 0
        guard declared >= 0, Int(declared) <= remaining else {
            throw ParquetError.invalidSchema(reason: "'\(element.name)' declares \(declared) children but only \(remaining) elements follow")
        }
        return Int(declared)
    }

    private static func readField(_ elements: [SchemaElement], at next: inout Int, depth: Int) throws(ParquetError) -> ParquetField {
        guard depth <= maxDepth else { throw ParquetError.invalidSchema(reason: "nesting deeper than \(maxDepth)") }
        guard next < elements.count else { throw ParquetError.invalidSchema(reason: "schema ends inside a group") }
        let element = elements[next]
        next += 1
        let repetition = element.repetitionType ?? .optional
        let logical: LogicalType?
        if case .unrecognized? = element.logicalType { logical = nil } else { logical = element.logicalType }
        if let type = element.type, (element.numChildren ?? 0) == 0 {
            if type == .fixedLenByteArray {
                guard let length = element.typeLength, length > 0 else {
                    throw ParquetError.invalidSchema(reason: "FIXED_LEN_BYTE_ARRAY column '\(element.name)' has no positive type_length")
                }
            }
            return ParquetField(
                name: element.name, type: type, repetition: repetition, logicalType: logical,
                convertedType: element.convertedType, typeLength: element.typeLength,
                precision: element.precision, scale: element.scale, fieldId: element.fieldId)
        }
        let count = try childCount(of: element, remaining: elements.count - next)
        guard count > 0 else { throw ParquetError.invalidSchema(reason: "group '\(element.name)' has no children") }
        var children: [ParquetField] = []
        for _ in 0..<count {
            children.append(try readField(elements, at: &next, depth: depth + 1))
        }
        return ParquetField(
            name: element.name, repetition: repetition, logicalType: logical,
            convertedType: element.convertedType, fieldId: element.fieldId, children: children)
    }

    /// The depth-first element list for a footer: root first (REQUIRED, with `num_children`).
    public func schemaElements() -> [SchemaElement] {
        var elements = [SchemaElement(repetitionType: nil, name: rootName, numChildren: Int32(fields.count))]
        for field in fields { Self.appendElements(field, to: &elements) }
        return elements
    }

    private static func appendElements(_ field: ParquetField, to elements: inout [SchemaElement]) {
        elements.append(SchemaElement(
            type: field.physicalType, typeLength: field.typeLength, repetitionType: field.repetition,
            name: field.name, numChildren: field.isGroup ? Int32(field.children.count) : nil,
            convertedType: field.convertedType, scale: field.scale, precision: field.precision,
            fieldId: field.fieldId, logicalType: field.logicalType))
        for child in field.children { appendElements(child, to: &elements) }
    }
}
