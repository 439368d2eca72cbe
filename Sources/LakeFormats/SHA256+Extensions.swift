// The SHA-256 compression function on the processor's SHA extensions (x86 SHA-NI: the
// `sha256rnds2`, `sha256msg1` and `sha256msg2` instructions), about eight times the speed of
// the portable loop. Content hashes decide what gets rebuilt, and a changed 500 MB upload is
// hashed before anything else happens, so this is the one place worth the instructions.
//
// The instructions are reached through clang's intrinsics (LakeFormats is compiled with
// `-Xcc -msha -Xcc -msse4.1` on x86_64, see Package.swift) and only ever called after CPUID
// said the processor has them. Elsewhere the portable loop runs.
//
// Register layout (Intel's): the state lives in two vectors, ABEF and CDGH (A in the top
// lane). Each `sha256rnds2` does two rounds, so a 4-word message group takes two calls, the
// second on the group's upper half. The message schedule for later groups is built on the fly:
// `msg1` adds σ0 of the next words, the group three back (W[t-7]) is aligned in, `msg2` adds σ1.

#if arch(x86_64)
import _Builtin_intrinsics.intel
import _Builtin_intrinsics.intel.cpuid

extension SHA256 {
    private typealias Vector = SIMD2<Int64>

    /// True when the processor has the SHA extensions (CPUID leaf 7, EBX bit 29) and SSE4.1.
    static let hasSHAExtensions: Bool = {
        var a: UInt32 = 0, b: UInt32 = 0, c: UInt32 = 0, d: UInt32 = 0
        guard __get_cpuid_count(1, 0, &a, &b, &c, &d) != 0, c & (1 << 19) != 0 else { return false }
        guard __get_cpuid_count(7, 0, &a, &b, &c, &d) != 0 else { return false }
        return b & (1 << 29) != 0
    }()

    /// The round constants four by four, as the vectors `sha256rnds2` adds.
    private static let roundConstantVectors: [Vector] = (0..<16).map { g in
        words(SIMD4(roundConstants[4 * g], roundConstants[4 * g + 1], roundConstants[4 * g + 2], roundConstants[4 * g + 3]))
    }

    @inline(__always) private static func lanes(_ v: Vector) -> SIMD4<UInt32> { unsafeBitCast(v, to: SIMD4<UInt32>.self) }
    @inline(__always) private static func words(_ x: SIMD4<UInt32>) -> Vector { unsafeBitCast(x, to: Vector.self) }

    /// Compresses each 64-byte block of `blocks` into `state` with the SHA instructions. Call
    /// only when `hasSHAExtensions`.
    static func compressWithExtensions(_ state: inout State, blocks: UnsafeRawBufferPointer) {
        precondition(blocks.count % blockByteCount == 0, "SHA-256 compresses whole blocks only")
        var abef = words(SIMD4(state.f, state.e, state.b, state.a))
        var cdgh = words(SIMD4(state.h, state.g, state.d, state.c))
        // Message words are big-endian: reverse the bytes of each 32-bit lane.
        let byteSwap = _mm_set_epi64x(0x0c0d_0e0f_0809_0a0b, 0x0405_0607_0001_0203)
        roundConstantVectors.withUnsafeBufferPointer { k in
            var offset = 0
            while offset < blocks.count {
                let savedABEF = abef, savedCDGH = cdgh
                var m0 = _mm_shuffle_epi8(blocks.loadUnaligned(fromByteOffset: offset, as: Vector.self), byteSwap)
                var m1 = _mm_shuffle_epi8(blocks.loadUnaligned(fromByteOffset: offset + 16, as: Vector.self), byteSwap)
                var m2 = _mm_shuffle_epi8(blocks.loadUnaligned(fromByteOffset: offset + 32, as: Vector.self), byteSwap)
                var m3 = _mm_shuffle_epi8(blocks.loadUnaligned(fromByteOffset: offset + 48, as: Vector.self), byteSwap)

                /// Rounds 4g…4g+3 on `current`; finishes the schedule of group g+1 in `next`
                /// and starts the one of group g+3 in `previous`.
                @inline(__always) func group(_ g: Int, _ current: Vector, _ previous: inout Vector, _ next: inout Vector) {
                    var message = _mm_add_epi32(current, k[g])
                    cdgh = _mm_sha256rnds2_epu32(cdgh, abef, message)
                    if g >= 3 && g <= 14 {
                        let c = lanes(current), p = lanes(previous)
                        next = _mm_add_epi32(next, words(SIMD4(p[1], p[2], p[3], c[0])))  // W[t-7]
                        next = _mm_sha256msg2_epu32(next, current)
                    }
                    message = _mm_unpackhi_epi64(message, message)
                    abef = _mm_sha256rnds2_epu32(abef, cdgh, message)
                    if g >= 1 && g <= 12 { previous = _mm_sha256msg1_epu32(previous, current) }
                }
                for quarter in 0..<4 {
                    let g = 4 * quarter
                    group(g, m0, &m3, &m1)
                    group(g + 1, m1, &m0, &m2)
                    group(g + 2, m2, &m1, &m3)
                    group(g + 3, m3, &m2, &m0)
                }
                abef = _mm_add_epi32(abef, savedABEF)
                cdgh = _mm_add_epi32(cdgh, savedCDGH)
                offset += blockByteCount
            }
        }
        let x = lanes(abef), y = lanes(cdgh)
        state.a = x[3]; state.b = x[2]; state.e = x[1]; state.f = x[0]
        state.c = y[3]; state.d = y[2]; state.g = y[1]; state.h = y[0]
    }
}
#else
extension SHA256 {
    static let hasSHAExtensions = false

    static func compressWithExtensions(_ state: inout State, blocks: UnsafeRawBufferPointer) {
        compressPortably(&state, blocks: blocks)
    }
}
#endif
