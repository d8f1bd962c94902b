public import Foundation
internal import GRDB

extension Project {
  /// The stored vectors of some sentence keys for one encoder, as float32 (stored as float16).
  ///
  /// - Parameters:
  ///   - keys: the sentences' keys (`TextKey` of their text).
  ///   - model: the encoder's fingerprint.
  /// - Returns: the vectors found, by key.
  public func sentenceVectors(keys: [Int64], model: String) throws -> [Int64: [Float]] {
    var found: [Int64: [Float]] = [:]
    found.reserveCapacity(keys.count)
    let unique = Array(Set(keys))
    try Self.forEachChunk(of: unique) { chunk, placeholders in
      let rows = try Row.fetchCursor(
        db,
        sql: "SELECT key, vector FROM sentence_vector WHERE model = ? AND key IN (\(placeholders))",
        arguments: StatementArguments([model] as [any DatabaseValueConvertible] + chunk))
      while let row = try rows.next() {
        let data: Data = row[1]
        found[row[0]] = Self.floats(fromHalfPrecision: data)
      }
    }
    return found
  }

  /// Which of some keys have no stored vector for an encoder.
  public func missingSentenceVectors(keys: [Int64], model: String) throws -> Set<Int64> {
    var missing = Set(keys)
    let unique = Array(missing)
    try Self.forEachChunk(of: unique) { chunk, placeholders in
      let rows = try Int64.fetchCursor(
        db, sql: "SELECT key FROM sentence_vector WHERE model = ? AND key IN (\(placeholders))",
        arguments: StatementArguments([model] as [any DatabaseValueConvertible] + chunk))
      while let key = try rows.next() { missing.remove(key) }
    }
    return missing
  }

  /// Stores vectors (as float16) by key for an encoder, replacing any stored for the same keys.
  public func storeSentenceVectors(_ vectors: [(key: Int64, vector: [Float])], model: String) throws
  {
    let statement = try db.cachedStatement(
      sql: "INSERT OR REPLACE INTO sentence_vector(key, model, vector) VALUES (?, ?, ?)")
    let before = db.totalChangesCount
    for (key, vector) in vectors {
      try statement.execute(arguments: [key, model, Self.halfPrecision(vector)])
    }
    cacheWrites?.changes += db.totalChangesCount - before
  }

  /// Deletes the vectors of other encoders than `model`, and those of `model` whose keys are not
  /// in `keep` (sentences no longer in the project).
  ///
  /// - Returns: how many vectors were deleted.
  @discardableResult
  public func pruneSentenceVectors(keeping keep: Set<Int64>, model: String) throws -> Int {
    try db.execute(sql: "DELETE FROM sentence_vector WHERE model != ?", arguments: [model])
    var deleted = db.changesCount
    let stored = try Int64.fetchAll(
      db, sql: "SELECT key FROM sentence_vector WHERE model = ?", arguments: [model])
    let statement = try db.cachedStatement(
      sql: "DELETE FROM sentence_vector WHERE key = ? AND model = ?")
    for key in stored where !keep.contains(key) {
      try statement.execute(arguments: [key, model])
      deleted += 1
    }
    return deleted
  }

  /// How many vectors are stored for an encoder.
  public func sentenceVectorCount(model: String) throws -> Int {
    try Int.fetchOne(
      db, sql: "SELECT count(*) FROM sentence_vector WHERE model = ?", arguments: [model]) ?? 0
  }

  static func halfPrecision(_ vector: [Float]) -> Data {
    var data = Data(count: vector.count * 2)
    data.withUnsafeMutableBytes { raw in
      for (index, value) in vector.enumerated() {
        raw.storeBytes(
          of: Float16(value).bitPattern.littleEndian, toByteOffset: index * 2, as: UInt16.self)
      }
    }
    return data
  }

  static func floats(fromHalfPrecision data: Data) -> [Float] {
    let count = data.count / 2
    return data.withUnsafeBytes { raw in
      (0..<count).map { index in
        Float(
          Float16(
            bitPattern: UInt16(
              littleEndian: raw.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self))))
      }
    }
  }
}
