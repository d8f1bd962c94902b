public import Foundation
internal import GRDB

/// The learned coder's models kept in a project: the codebook's prior (copied in when the
/// codebook is installed, so later commands need not find its file) and the model learned from
/// a coder, with that coder's name.
extension Project {
  /// Which model a project keeps.
  public enum CodingModelSlot: String, Sendable {
    /// The prior the codebook names.
    case prior = "model_prior"
    /// The model learned from a coder (`qda learn`).
    case learned = "model_learned"
    /// The valence model the codebook names (`qda learn valence`).
    case valence = "model_valence"
  }

  /// A kept model's JSON, if any.
  public func codingModel(_ slot: CodingModelSlot) throws -> Data? {
    try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [slot.rawValue])
      .map { Data($0.utf8) }
  }

  /// Keeps a model's JSON (or removes it, given nil).
  public func setCodingModel(_ slot: CodingModelSlot, _ json: Data?) throws {
    if let json {
      try db.execute(
        sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
        arguments: [slot.rawValue, String(decoding: json, as: UTF8.self)])
    } else {
      try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [slot.rawValue])
    }
  }
}
