import Dispatch
import Synchronization

/// Runs `count` independent jobs on every core and returns their results in job order: the one
/// way the stages split work (documents, attributes, chunks of an export) across cores.
///
/// ```swift
/// let lengths = concurrentMap(texts.count) { texts[$0].count }
/// ```
public func concurrentMap<Value>(_ count: Int, _ job: @Sendable (Int) -> Value) -> [Value] {
  let slots = Slots<Value>(count)
  DispatchQueue.concurrentPerform(iterations: count) { index in slots.set(index, job(index)) }
  return slots.values
}

/// Work started on another thread, its result collected when needed: a stage that overlaps the
/// next (a batch coded while the one before is written; a file hashed while others are written).
///
/// ```swift
/// let coded = Background { concurrentMap(batch.count) { code(batch[$0]) } }
/// try write(previous)
/// try write(coded.value())
/// ```
public final class Background<Value: Sendable>: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var result: Value?

  public init(_ work: @escaping @Sendable () -> Value) {
    DispatchQueue.global().async { [self] in
      result = work()
      done.signal()
    }
  }

  /// The work's result, waiting for it if need be.
  public func value() -> Value {
    done.wait()
    done.signal()  // later calls return at once
    guard let result else { preconditionFailure("the work finished without a result") }
    return result
  }
}

/// Results written by concurrent jobs, one slot each, behind a lock. (Unchecked: the values are
/// not required to be `Sendable`; each is handed from its job to the one caller that waits for
/// them all, never shared.)
private final class Slots<Value>: @unchecked Sendable {
  private let lock = Mutex(())
  private var slots: [Value?]
  init(_ count: Int) { slots = Array(repeating: nil, count: count) }
  func set(_ index: Int, _ value: Value) { lock.withLock { _ in slots[index] = value } }
  var values: [Value] {
    lock.withLock { _ in
      slots.map { slot in
        guard let slot else { preconditionFailure("a job did not set its slot") }
        return slot
      }
    }
  }
}
