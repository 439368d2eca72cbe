// A target's key is the SHA-256 of exactly what determines its outputs:
//
//   action name, action version, parameters sorted by key, and the ordered list of
//   (input path, input content hash)
//
// encoded canonically (every field length-prefixed, so no two different inputs encode alike).
// Input order is line order then member order, because actions may depend on it. Output paths
// are not hashed: they follow from the binding, which the input paths already fix. For `sh`
// rules the command text is a parameter, so editing the command rebuilds.

import Catalog
import LakeFormats

/// The facts a key is computed from; also what `explain` compares field by field.
public struct KeyMaterial: Sendable, Equatable {
    public var action: String
    public var version: Int
    public var parameters: [Parameter]
    /// The inputs as they are now (or were), in line-then-member order.
    public var inputs: [FileVersion]

    public init(action: String, version: Int, parameters: [Parameter], inputs: [FileVersion]) {
        self.action = action
        self.version = version
        self.parameters = parameters.sorted { LakePath.bytewiseLess($0.key, $1.key) }
        self.inputs = inputs
    }

    /// Parameters as stored in the catalog: `key=value` lines, sorted, values escaped.
    public var canonicalParameters: String {
        parameters.map { "\($0.key)=\(TargetKey.escape($0.value))" }.joined(separator: "\n")
    }
}

/// The verifying trace key of a target (lowercase hex SHA-256).
public enum TargetKey {
    public static func compute(_ m: KeyMaterial) -> String {
        // Every build computes this for every target (an equal key means equal inputs), so the
        // encoding is appended in place: no intermediate array per field.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 + m.inputs.count * 128)
        func decimal(_ n: Int) {
            if n >= 10 { decimal(n / 10) }
            bytes.append(UInt8(ascii: "0") + UInt8(n % 10))
        }
        func field(_ s: String) {
            decimal(s.utf8.count)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: s.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        field("lakemake-target-key-1")
        field(m.action)
        field(String(m.version))
        field(String(m.parameters.count))
        for p in m.parameters {
            field(p.key)
            field(p.value)
        }
        field(String(m.inputs.count))
        for i in m.inputs {
            field(i.path)
            field(i.content.sha256)
        }
        return SHA256.hex(SHA256.hash(bytes))
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }
}
