import Dispatch
import Foundation

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
    await value(work) ?? Self.cancelled
  }

  /// What `work` returns, or nil when the request was cancelled before its turn.
  func value<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T? {
    await gate.enter()
    let value: T?
    if Task.isCancelled {
      value = nil
    } else {
      value = await withCheckedContinuation { continuation in
        queue.async { continuation.resume(returning: work()) }
      }
    }
    await gate.leave()
    return value
  }

  static let cancelled = Page(
    status: 503,
    html: HTMLPage.page(
      title: "Cancelled", body: "<p class=\"error\">The request was cancelled.</p>"))

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

/// Pages kept until the project changes, made once however many ask at once.
///
/// Every page is a function of its address (path and query) and the project's revision
/// (`Project.revision`, which every command that changes the project moves on), so a page made
/// is kept and served again until the revision moves, and a newer revision drops every kept
/// page. The dashboard of 1,000 generated interviews takes 3.3 s to count (0.004 s kept), and a
/// burst of visitors asks for the same few pages: a page being made when others ask for it is
/// made once, and they wait for it rather than each making it again (`RoutesTests`: a burst of
/// 200 requests over five addresses makes five pages).
actor PageCache {
  private var revision: Int64 = -1
  private var pages: [String: Page] = [:]
  /// The addresses kept, oldest first: past `capacity` the oldest is dropped.
  private var kept: [String] = []
  /// Pages being made, and the requests waiting for each (by number).
  private var making: [String: (task: Task<Page, Never>, waiting: Set<Int>)] = [:]
  private var waiters = 0
  /// How many pages were made rather than served kept (for tests and benchmarks).
  private(set) var computed = 0
  /// The most pages kept for one revision (each address's filters make another).
  let capacity: Int

  init(capacity: Int = 256) { self.capacity = capacity }

  /// The kept page for `key` at `revision`, the one being made for it, else `make()`'s (kept
  /// when it is a 200 page and `revision` is known; without a revision nothing is kept).
  ///
  /// A page is made once for all the requests waiting for it; when every one of them is
  /// cancelled (their clients went away) its making is cancelled too (`PageWork` then skips it
  /// if it has not started), and a request that comes later makes it anew.
  func page(_ key: String, revision: Int64?, make: @escaping @Sendable () async -> Page) async
    -> Page
  {
    guard let revision else {
      computed += 1
      return await make()
    }
    // (Only a newer revision drops what is kept: a request that read the revision just before
    // a write may arrive after one that read it just after.)
    if revision > self.revision {
      self.revision = revision
      pages = [:]
      kept = []
      making = [:]
    }
    let current = revision == self.revision
    if current, let page = pages[key] { return page }
    let task: Task<Page, Never>
    if current, let made = making[key] {
      task = made.task
    } else {
      task = Task { await make() }
      // (A page for an older revision is made for its request alone, and not kept.)
      if current { making[key] = (task, []) } else { computed += 1 }
    }
    waiters += 1
    let waiter = waiters
    if current { making[key]?.waiting.insert(waiter) }
    let page = await withTaskCancellationHandler {
      await task.value
    } onCancel: {
      Task { await self.cancel(waiter, of: key, task) }
    }
    guard let made = making[key], made.task == task else { return page }
    // The first waiter to get the page keeps it (a 200 page, at the current revision).
    making[key] = nil
    computed += 1
    if page.status == 200, self.revision == revision {
      if kept.count >= capacity { pages[kept.removeFirst()] = nil }
      pages[key] = page
      kept.append(key)
    }
    return page
  }

  /// How many requests wait for `key`'s page being made (for tests).
  func waiting(for key: String) -> Int { making[key]?.waiting.count ?? 0 }

  /// A waiting request was cancelled: when none is left waiting for the page, its making is
  /// cancelled and forgotten.
  private func cancel(_ waiter: Int, of key: String, _ task: Task<Page, Never>) {
    guard var made = making[key], made.task == task else { return }
    made.waiting.remove(waiter)
    if made.waiting.isEmpty {
      task.cancel()
      making[key] = nil
    } else {
      making[key] = made
    }
  }
}
