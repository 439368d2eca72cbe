// Where a value sits in a document, written the way people write JSONPath: `$[3].unit_price`.

/// The path from the document root to a value, such as `$[3].unit_price`.
///
/// Error reports carry a path so that a user can find the offending value even in a document
/// printed on one line.
public struct JSONPath: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// One step of a path: an object member or an array element.
    public enum Component: Equatable, Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    /// The steps from the root, outermost first. Empty for the root itself.
    public var components: [Component]

    /// The root of the document, `$`.
    public static let root = JSONPath(components: [])

    public init(components: [Component]) {
        self.components = components
    }

    /// A copy with one more step at the end.
    public func appending(_ component: Component) -> JSONPath {
        JSONPath(components: components + [component])
    }

    /// The path in JSONPath notation. Keys that are plain identifiers are written `.key`;
    /// any other key is written in brackets as a JSON string, e.g. `$["unit price"]`.
    public var description: String {
        var text = "$"
        for component in components {
            switch component {
            case let .index(index):
                text += "[\(index)]"
            case let .key(key) where Self.isIdentifier(key):
                text += "." + key
            case let .key(key):
                var writer = JSONWriter(style: .compact)
                writer.string(key)
                text += "[" + writer.text + "]"
            }
        }
        return text
    }

    private static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return key.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
    }
}
