import Foundation
import QDAAnalysis
import QDAStore
import Synchronization

/// The passages' texts of a snapshot read without them, read from the project when the tables
/// or the brief ask (a whole study's texts would otherwise be held in memory).
///
/// The tables cannot fail, so a failed read gives them nil and is kept: `check()` throws it
/// once the outputs are made, and nothing made from a text that could not be read is kept.
final class StoredPassageTexts: PassageTextSource, Sendable {
  private let store: ProjectStore
  private let path: String
  private let failure = Mutex<(any Error)?>(nil)

  init(store: ProjectStore, path: String) {
    self.store = store
    self.path = path
  }

  func texts(ofPassages ids: [Int64]) -> [String?] {
    do {
      let texts = try store.read { try $0.passageTexts(ids: ids) }
      if let missing = zip(ids, texts).first(where: { $1 == nil })?.0 {
        keep(
          PipelineError(
            .notFound,
            "\(path): passage \(missing) is no longer in the project (was it changed while the report was made?)"
          ))
      }
      return texts
    } catch {
      keep(error)
      return ids.map { _ in nil }
    }
  }

  func check() throws {
    if let failure = failure.withLock({ $0 }) { throw failure }
  }

  private func keep(_ error: any Error) {
    failure.withLock { if $0 == nil { $0 = error } }
  }
}
