import Foundation
import QDACodebook
import Testing
import _QDATestSupport

/// The codebook loader on damaged copies of `Codebooks/chat.yaml` (lines dropped, doubled,
/// swapped, bytes inserted): it reads them or fails with a `CodebookError`, never crashes.
@Suite struct CodebookFuzzTests {
  @Test func damagedCodebooksReadOrFailWithALocatedError() throws {
    let original = try Fixtures.text(Fixtures.repository("Codebooks/chat.yaml")).split(separator: "\n", omittingEmptySubsequences: false)
    for seed in FuzzInput.firstSeed..<(FuzzInput.firstSeed + UInt64(FuzzInput.iterations / 3)) {
      var input = FuzzInput(seed: seed)
      var lines = original.map(String.init)
      for _ in 0..<Int.random(in: 1...4, using: &input) {
        let index = Int.random(in: 0..<lines.count, using: &input)
        switch Int.random(in: 0..<4, using: &input) {
        case 0: lines.remove(at: index)
        case 1: lines.insert(lines[index], at: index)
        case 2: lines[index] = input.text(length: 6)
        default: lines.swapAt(index, Int.random(in: 0..<lines.count, using: &input))
        }
      }
      do {
        _ = try CodebookReader().read(lines.joined(separator: "\n"), file: "chat.yaml")
      } catch let error as CodebookError {
        #expect(String(describing: error).hasPrefix("chat.yaml"), "seed \(seed): \(error)")
      } catch {
        Issue.record("seed \(seed): unexpected \(type(of: error)): \(error)")
      }
    }
  }
}
