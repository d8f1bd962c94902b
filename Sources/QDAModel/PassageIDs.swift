/// Passage ids in order, held compactly: each id as its difference from the one before, in a
/// variable-length byte code (zigzag, seven bits a byte). The ids behind a table's counts are
/// mostly ascending and close together, so an id takes one or two bytes instead of eight: a
/// study of 10,000 interviews has tables listing some thirty million of them.
///
/// It reads as a collection of `Int64` in the order given, and encodes as a JSON array of them,
/// exactly as `[Int64]` does.
///
/// ```swift
/// let ids = PassageIDs([3, 4, 9])
/// ids.count       // 3
/// Array(ids)      // [3, 4, 9]
/// ```
public struct PassageIDs: Collection, Hashable, Sendable, Codable, ExpressibleByArrayLiteral {
  private var bytes: [UInt8] = []
  /// The number of ids (kept, so that counting does not decode).
  public private(set) var count = 0
  /// The last id, from which the next is coded.
  private var last: Int64 = 0

  public init() {}

  /// The bytes the ids take.
  public var byteCount: Int { bytes.count }

  public init(_ ids: some Sequence<Int64>) {
    for id in ids { append(id) }
  }

  public init(arrayLiteral ids: Int64...) { self.init(ids) }

  public mutating func append(_ id: Int64) {
    // The difference, zigzag-coded so that a small step back is small too.
    let difference = id &- last
    var value = UInt64(bitPattern: (difference << 1) ^ (difference >> 63))
    while value >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
      value >>= 7
    }
    bytes.append(UInt8(value))
    last = id
    count += 1
  }

  // MARK: Collection

  /// A position: where its id's code starts, the id, and where the next code starts.
  public struct Index: Comparable, Sendable {
    fileprivate var offset: Int
    fileprivate var id: Int64
    fileprivate var next: Int

    public static func < (a: Index, b: Index) -> Bool { a.offset < b.offset }
    public static func == (a: Index, b: Index) -> Bool { a.offset == b.offset }
  }

  public var startIndex: Index { decode(at: 0, after: 0) }
  public var endIndex: Index { Index(offset: bytes.count, id: 0, next: bytes.count) }
  public var isEmpty: Bool { count == 0 }

  public subscript(position: Index) -> Int64 {
    precondition(position.offset < bytes.count, "PassageIDs index out of range")
    return position.id
  }

  public func index(after position: Index) -> Index {
    decode(at: position.next, after: position.id)
  }

  private func decode(at offset: Int, after previous: Int64) -> Index {
    guard offset < bytes.count else { return endIndex }
    var value: UInt64 = 0
    var shift: UInt64 = 0
    var next = offset
    while true {
      let byte = bytes[next]
      next += 1
      value |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { break }
      shift += 7
    }
    let difference = Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    return Index(offset: offset, id: previous &+ difference, next: next)
  }

  // MARK: Codable, as `[Int64]`

  public init(from decoder: any Decoder) throws {
    self.init(try [Int64](from: decoder))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.unkeyedContainer()
    for id in self { try container.encode(id) }
  }

  // MARK: Hashable: the same ids in the same order have the same bytes.

  public static func == (a: PassageIDs, b: PassageIDs) -> Bool {
    a.count == b.count && a.bytes == b.bytes
  }
  public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}
