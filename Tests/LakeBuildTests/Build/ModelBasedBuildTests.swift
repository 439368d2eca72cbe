// After any seeded sequence of raw additions, edits and deletions, an incremental build's
// outputs equal a clean build's, byte for byte (swift-collections' model-based style).

import LakeFormats
import LakeBuild
import XCTest

final class ModelBasedBuildTests: XCTestCase {
    static let rules = """
    rule head
      in   raw/m/{day:date}_{n:\\d}.txt
      out  processed/m/{day}/{n}.txt
      run  test.first_line

    rule day
      in   processed/m/{day:date}/*.txt
      out  metrics/m/{day}.txt
      run  test.concat

    rule trend
      in   metrics/m/{day:date}.txt
      in   metrics/m/{day-1d..day-1d}.txt
      out  reports/m/{day}.txt
      run  test.concat
    """

    func testIncrementalEqualsCleanAfterRandomSteps() throws {
        for seed in UInt64(1)...6 {
            var rng = SplitMix64(seed: seed)
            let incremental = try EngineFixture(rules: Self.rules)
            var files: [String: String] = [:]
            for step in 0..<12 {
                let day = "2025-03-0\(1 + Int(rng.next() % 4))"
                let path = "raw/m/\(day)_\(rng.next() % 3).txt"
                switch rng.next() % 3 {
                case 0, 1:
                    let text = "v\(rng.next() % 3)\nbody \(step)\n"
                    files[path] = text
                    incremental.fs.put(path, text)
                default:
                    if let victim = files.keys.sorted().first(where: { $0 >= path }) ?? files.keys.sorted().first {
                        files[victim] = nil
                        try incremental.fs.remove(victim)
                    }
                }
                try incremental.build(BuildOptions(jobs: 1 + Int(rng.next() % 3)))
                // A build is a fixed point: the next one runs nothing (and may take the snapshot path).
                try incremental.build()
                XCTAssertEqual(incremental.runner.ran, [], "seed \(seed) step \(step): second build ran something")

                let clean = try EngineFixture(rules: Self.rules)
                for (p, t) in files { clean.fs.put(p, t) }
                try clean.build()
                let derived = { (f: EngineFixture) in f.fs.allPaths.filter { !$0.hasPrefix("raw/") && !$0.hasPrefix(".lakemake/") } }
                XCTAssertEqual(derived(incremental), derived(clean), "seed \(seed) step \(step)")
                for p in derived(clean) {
                    XCTAssertEqual(incremental.fs.contents(p), clean.fs.contents(p), "seed \(seed) step \(step): \(p)")
                }
            }
        }
    }
}
