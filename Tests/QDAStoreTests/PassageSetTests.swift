import Foundation
import Testing
import QDASynthetic
@testable import QDAStore

/// `PassageSet` against `Set<Int64>` on seeded random ids and ranges, word boundaries included.
@Suite struct PassageSetTests {
  @Test(arguments: [1, 2, 3, 4, 5])
  func agreesWithASetOfIds(seed: UInt64) throws {
    var random = SplitMix64(seed: seed)
    let capacity = Int64.random(in: 1...700, using: &random)
    var a = PassageSet(capacity: capacity)
    var b = PassageSet(capacity: capacity)
    var modelA = Set<Int64>()
    var modelB = Set<Int64>()
    for _ in 0..<40 {
      let id = Int64.random(in: -2...(capacity + 2), using: &random)
      a.insert(id)
      if (0..<capacity).contains(id) { modelA.insert(id) }
      let first = Int64.random(in: -5...(capacity + 5), using: &random)
      let last = first + Int64.random(in: 0...200, using: &random)
      b.insert(from: first, through: last)
      for id in first...last where id >= 0 && id < capacity { modelB.insert(id) }
    }
    #expect(a.members() == modelA.sorted())
    #expect(b.members() == modelB.sorted())
    #expect(b.count == modelB.count)
    #expect(b.members(limit: 3) == Array(modelB.sorted().prefix(3)))
    #expect(b.bounds.map { [$0.first, $0.last] } == (modelB.isEmpty ? nil : [modelB.min()!, modelB.max()!]))
    for id in -1...(capacity + 1) { #expect(b.contains(id) == modelB.contains(id)) }
    var both = a
    both.formIntersection(b)
    #expect(both.members() == modelA.intersection(modelB).sorted())
    var either = a
    either.formUnion(b)
    #expect(either.members() == modelA.union(modelB).sorted())
    #expect(PassageSet(data: b.data) == b)
  }

  @Test func setsOfDifferentSizesCombine() {
    var small = PassageSet(capacity: 10)
    small.insert(3)
    var large = PassageSet(capacity: 200)
    large.insert(3)
    large.insert(150)
    var union = small
    union.formUnion(large)
    #expect(union.members() == [3, 150])
    var intersection = large
    intersection.formIntersection(small)
    #expect(intersection.members() == [3])
    #expect(PassageSet(data: Data([1, 2, 3])) == nil)
  }
}
