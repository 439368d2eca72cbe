// Comparing text as bytes. Swift's `==` holds two spellings of one text in different Unicode
// forms (é as one code point, or as e and a combining accent) equal; file names are bytes, so
// two such names are two files, and paths must be compared by their UTF-8 bytes. Generic byte
// comparison (`utf8.elementsEqual`) walks a byte at a time and showed up in every profile of
// code that interns paths; this is as fast as `==` for ASCII text, which paths almost always are.

extension String {
    /// True when every byte is ASCII: such a path is one spelling of its text (Unicode
    /// normalisation leaves it as it is), where another path may be the same text in other bytes.
    @inlinable
    public var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }

    /// True when both strings are the same UTF-8 bytes.
    @inlinable
    public func hasSameUTF8(as other: String) -> Bool {
        let x = utf8Span, y = other.utf8Span
        guard x.count == y.count else { return false }
        // For ASCII, equal text is equal bytes, and `==` compares memory at once.
        if x.isKnownASCII && y.isKnownASCII { return self == other }
        let a = x.span, b = y.span
        var i = 0
        while i < a.count {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }
}

/// A string compared and hashed as its UTF-8 bytes: the key of a set or dictionary of file
/// names, where two spellings of one name in different Unicode forms are two entries.
public struct ByteExactString: Hashable, Sendable {
    public let text: String

    @inlinable
    public init(_ text: String) { self.text = text }

    @inlinable
    public static func == (a: ByteExactString, b: ByteExactString) -> Bool { a.text.hasSameUTF8(as: b.text) }

    /// Swift's own string hash: equal bytes are equal text, so equal keys hash alike (and it is
    /// far faster than feeding the hasher a byte at a time).
    @inlinable
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

/// A dictionary keyed by paths compared as bytes (see `ByteExactString`), read and written with
/// plain strings: the lake's files by path, and the indexes from an output path to what
/// produces it, where a file renamed to the other Unicode spelling of its name is a new file
/// that must not find the old name's entry.
public struct ByteExactDictionary<Value>: Sequence, ExpressibleByDictionaryLiteral {
    @usableFromInline var storage: [ByteExactString: Value]

    @inlinable
    public init() { storage = [:] }

    @inlinable
    public init(dictionaryLiteral elements: (String, Value)...) {
        storage = [:]
        for (key, value) in elements { storage[ByteExactString(key)] = value }
    }

    @inlinable
    public subscript(_ key: String) -> Value? {
        get { storage[ByteExactString(key)] }
        set { storage[ByteExactString(key)] = newValue }
    }

    /// Where an entry is: found once by its key, then read or compared without hashing the
    /// key again.
    public typealias Index = Dictionary<ByteExactString, Value>.Index

    @inlinable
    public func index(forKey key: String) -> Index? { storage.index(forKey: ByteExactString(key)) }

    @inlinable
    public subscript(position: Index) -> (key: String, value: Value) {
        let entry = storage[position]
        return (entry.key.text, entry.value)
    }

    /// Every entry's index, in the dictionary's order.
    @inlinable
    public var indices: Dictionary<ByteExactString, Value>.Indices { storage.indices }

    @inlinable
    public var count: Int { storage.count }
    @inlinable
    public var isEmpty: Bool { storage.isEmpty }
    @inlinable
    public var keys: LazyMapSequence<Dictionary<ByteExactString, Value>.Keys, String> { storage.keys.lazy.map(\.text) }
    @inlinable
    public var values: Dictionary<ByteExactString, Value>.Values { storage.values }
    @inlinable
    public mutating func reserveCapacity(_ n: Int) { storage.reserveCapacity(n) }

    /// The entries `isIncluded` keeps.
    @inlinable
    public func filter(_ isIncluded: (_ key: String, _ value: Value) throws -> Bool) rethrows -> Self {
        var kept = Self()
        kept.storage = try storage.filter { try isIncluded($0.key.text, $0.value) }
        return kept
    }

    @inlinable
    public func makeIterator() -> some IteratorProtocol<(key: String, value: Value)> {
        storage.lazy.map { (key: $0.key.text, value: $0.value) }.makeIterator()
    }
}

extension ByteExactDictionary: Sendable where Value: Sendable {}

extension ByteExactDictionary: Equatable where Value: Equatable {
    @inlinable
    public static func == (a: Self, b: Self) -> Bool { a.storage == b.storage }
}
