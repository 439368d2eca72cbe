// The SHA-256 compression function (FIPS 180-4 §6.2.2), the hot loop of content hashing.
// All additions are modulo 2^32 by definition, hence the wrapping `&+` operators throughout.

extension SHA256 {
    /// The 64 round constants K0...K63 (FIPS 180-4 §4.2.2).
    static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
        (x >> n) | (x << (32 - n))
    }

    /// Compresses each 64-byte block of `blocks` into `state`, on the SHA instructions when the
    /// processor has them (`SHA256+Extensions.swift`), else with the portable loop.
    @inline(__always)
    static func compress(_ state: inout State, blocks: UnsafeRawBufferPointer) {
        if hasSHAExtensions {
            compressWithExtensions(&state, blocks: blocks)
        } else {
            compressPortably(&state, blocks: blocks)
        }
    }

    /// Compresses each 64-byte block of `blocks` into `state` in plain Swift.
    ///
    /// `blocks.count` must be a multiple of 64. Message words are read through the raw buffer;
    /// the schedule lives in a stack allocation reused for every block, so hashing allocates
    /// nothing on the heap.
    static func compressPortably(_ state: inout State, blocks: UnsafeRawBufferPointer) {
        precondition(blocks.count % blockByteCount == 0, "SHA-256 compresses whole blocks only")
        roundConstants.withUnsafeBufferPointer { k in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                var offset = 0
                while offset < blocks.count {
                    for t in 0..<16 {
                        w[t] = blocks.loadUnaligned(fromByteOffset: offset + 4 * t, as: UInt32.self).bigEndian
                    }
                    for t in 16..<64 {
                        let x = w[t - 15], y = w[t - 2]
                        let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3)
                        let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >> 10)
                        w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
                    }
                    var a = state.a, b = state.b, c = state.c, d = state.d
                    var e = state.e, f = state.f, g = state.g, h = state.h
                    for t in 0..<64 {
                        let bigSigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                        let choice = g ^ (e & (f ^ g))  // (e AND f) XOR (NOT e AND g)
                        let t1 = h &+ bigSigma1 &+ choice &+ k[t] &+ w[t]
                        let bigSigma0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                        let majority = (a & b) | (c & (a | b))  // (a AND b) XOR (a AND c) XOR (b AND c)
                        let t2 = bigSigma0 &+ majority
                        h = g; g = f; f = e; e = d &+ t1
                        d = c; c = b; b = a; a = t1 &+ t2
                    }
                    state.a &+= a; state.b &+= b; state.c &+= c; state.d &+= d
                    state.e &+= e; state.f &+= f; state.g &+= g; state.h &+= h
                    offset += blockByteCount
                }
            }
        }
    }
}
