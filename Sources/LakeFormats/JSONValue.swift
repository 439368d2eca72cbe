// A whole JSON document in memory, for small inputs such as metadata blocks and reports.
// Built on top of `JSONReader` with an explicit stack (no recursion), so nesting limits and
// error positions are the reader's. Objects keep members in document order and reject
// duplicate keys, which RFC 8259 leaves undefined and which would make results depend on
// which copy a consumer happens to keep.

/// A parsed JSON value. Object members keep their document order.
public enum JSONValue: Equatable, Sendable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(JSONNumber)
    case bool(Bool)
    case null

    /// The member named `key`, if this is an object that has one.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The element at `index`, if this is an array that long.
    public subscript(index: Int) -> JSONValue? {
        guard case let .array(elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case let (.object(left), .object(right)):
            return left.count == right.count
                && zip(left, right).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.array(left), .array(right)): return left == right
        case let (.string(left), .string(right)): return left == right
        case let (.number(left), .number(right)): return left == right
        case let (.bool(left), .bool(right)): return left == right
        case (.null, .null): return true
        default: return false
        }
    }

    /// An array or object under construction.
    private struct OpenContainer {
        var isObject: Bool
        var elements: [JSONValue] = []
        var members: [(key: String, value: JSONValue)] = []
        var keys: Set<String> = []
        var pendingKey: String?
    }

    /// Parses one complete document, rejecting duplicate keys in any object.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 1000) throws(JSONError) -> JSONValue {
        var reader = JSONReader(bytes, maxDepth: maxDepth)
        var stack: [OpenContainer] = []
        var result: JSONValue?
        while let token = try reader.next() {
            var completed: JSONValue?
            switch token {
            case .beginObject: stack.append(OpenContainer(isObject: true))
            case .beginArray: stack.append(OpenContainer(isObject: false))
            case .endObject, .endArray:
                if let container = stack.popLast() {
                    completed = container.isObject ? .object(container.members) : .array(container.elements)
                }
            case let .key(key):
                guard stack[stack.count - 1].keys.insert(key).inserted else {
                    throw JSONError(.duplicateKey(key), at: reader.location, path: reader.path)
                }
                stack[stack.count - 1].pendingKey = key
            case let .string(text): completed = .string(text)
            case let .number(number): completed = .number(number)
            case let .bool(flag): completed = .bool(flag)
            case .null: completed = .null
            }
            guard let value = completed else { continue }
            if stack.isEmpty {
                result = value
            } else if stack[stack.count - 1].isObject, let key = stack[stack.count - 1].pendingKey {
                stack[stack.count - 1].members.append((key, value))
                stack[stack.count - 1].pendingKey = nil
            } else {
                stack[stack.count - 1].elements.append(value)
            }
        }
        // The reader only returns nil after a complete top-level value.
        return result ?? .null
    }
}
