import Foundation
import Testing
import _QDAFuzz
import _QDATestSupport

/// Every fuzz target's seeds (real files from other tools and from the repository) and every
/// input that once found something (`Tests/Fixtures/fuzz/<target>/`, kept from a libFuzzer run
/// as a regression test) read cleanly through the target's checks.
@Suite struct FuzzSeedTests {
  @Test(arguments: FuzzTarget.allCases)
  func seedsAndPastFindingsReadCleanly(_ target: FuzzTarget) throws {
    let seeds = FuzzSeeds.inputs(for: target, packageRoot: Fixtures.packageRoot)
    #expect(!seeds.isEmpty, "no seeds for \(target.rawValue)")
    let findings = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/fuzz/\(target.rawValue)")
    let past = ((try? FileManager.default.contentsOfDirectory(atPath: findings.path)) ?? []).sorted().map {
      (name: $0, bytes: Array(FileManager.default.contents(atPath: findings.appendingPathComponent($0).path) ?? Data()))
    }
    for input in seeds + past {
      let finding = target.run(input.bytes)
      #expect(finding == nil, "\(target.rawValue) \(input.name): \(finding ?? "")")
    }
  }

  @Test func aFindingIsReported() {
    // A passage outside its text cannot be made from outside, but a refusal that names no file
    // can be checked: the located-error check is what every target's refusals go through.
    #expect(FuzzTarget.located(NSError(domain: "x", code: 1), by: "cannot read") != nil)
    #expect(FuzzTarget.located(NSError(domain: "x", code: 1), by: "f.vtt:3: cannot read the cue times") == nil)
  }
}
