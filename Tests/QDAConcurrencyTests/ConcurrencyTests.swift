import Foundation
import Testing
import QDAConcurrency

@Suite struct ConcurrencyTests {
  @Test func concurrentMapKeepsJobOrder() {
    let squares = concurrentMap(1_000) { $0 * $0 }
    #expect(squares == (0..<1_000).map { $0 * $0 })
  }

  /// A background job runs while the caller goes on, and its value can be asked for twice.
  @Test func backgroundWorkIsCollectedOnceDone() {
    let gate = DispatchSemaphore(value: 0)
    let job = Background { () -> [Int] in
      gate.wait()  // held until the caller has gone on
      return concurrentMap(100) { $0 + 1 }
    }
    gate.signal()
    #expect(job.value() == Array(1...100))
    #expect(job.value() == Array(1...100))
    let missing = Background { () -> String? in nil }
    #expect(missing.value() == nil)
  }
}
