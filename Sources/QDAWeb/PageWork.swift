import Dispatch
import Foundation
import Synchronization

/// Where the pages' work runs: off Swift's cooperative threads (a page reads the project file,
/// which blocks), at most `limit` pages at a time; other requests wait their turn in order and
/// are all answered. A request whose task is cancelled (its client went away) while it waited
/// is not computed.
final class PageWork: Sendable {
  private let gate: Gate
  private let queue = DispatchQueue(label: "qda.serve.pages", attributes: .concurrent)

  init(limit: Int = max(2, ProcessInfo.processInfo.activeProcessorCount)) {
    gate = Gate(limit: limit)
  }

  /// The page `work` makes, or a 503 page when the request was cancelled before its turn.
  func run(_ work: @escaping @Sendable () -> Page) async -> Page {
    await gate.enter()
    let page: Page
    if Task.isCancelled {
      page = Page(status: 503, html: HTMLPage.page(title: "Cancelled", body: "<p class=\"error\">The request was cancelled.</p>"))
    } else {
      page = await withCheckedContinuation { continuation in queue.async { continuation.resume(returning: work()) } }
    }
    await gate.leave()
    return page
  }

  /// A counting semaphore for tasks: `enter` waits while `limit` are inside.
  actor Gate {
    let limit: Int
    private var inside = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    func enter() async {
      if inside < limit {
        inside += 1
        return
      }
      await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
      if waiting.isEmpty {
        inside -= 1
      } else {
        waiting.removeFirst().resume()
      }
    }
  }
}

/// Pages kept until the project changes: the dashboard of 1,000 generated interviews takes 3.3 s
/// to count (0.004 s kept), and every visitor asks for the same one. A page is kept per address
/// (path and query) and project revision (`Project.revision`, which every command that changes the
/// project moves on); a newer revision drops every kept page.
final class PageCache: Sendable {
  private struct State {
    var revision: Int64 = -1
    var pages: [String: Page] = [:]
    var computed = 0
  }
  private let state = Mutex(State())
  /// The most pages kept for one revision (each address's filters make another).
  let capacity: Int

  init(capacity: Int = 256) { self.capacity = capacity }

  /// The kept page for `key` at `revision`, else `make()`'s (kept when it is a 200 page and
  /// `revision` is known).
  func page(_ key: String, revision: Int64?, make: () -> Page) -> Page {
    if let revision, let kept = state.withLock({ state -> Page? in
      if state.revision != revision {
        state.revision = revision
        state.pages = [:]
      }
      return state.pages[key]
    }) {
      return kept
    }
    let page = make()
    state.withLock { state in
      state.computed += 1
      guard let revision, page.status == 200, state.revision == revision else { return }
      if state.pages.count >= capacity { state.pages.removeAll() }
      state.pages[key] = page
    }
    return page
  }

  /// How many pages were made rather than served from the cache (for tests and benchmarks).
  var computed: Int { state.withLock { $0.computed } }
}
