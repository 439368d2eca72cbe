// The project's seeded generator under the name these tests use.

import LakeFormats

/// Deterministic random numbers for property tests.
typealias SeededGenerator = SplitMix64
