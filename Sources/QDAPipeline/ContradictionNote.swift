import Foundation
import QDAModel

/// A contradiction written as a REFI-QDA note: a readable text for other tools, ending in a
/// line QDAKit reads back (`qdakit-contradiction: {…}`), so a project exported and imported
/// again keeps its contradictions and the researchers' decisions.
enum ContradictionNote {
  static let marker = "qdakit-contradiction: "

  struct Record: Codable {
    var document: String?
    var contradiction: Contradiction
  }

  static func key(_ contradiction: Contradiction, index: Int) -> String {
    "\(contradiction.participant)|\(contradiction.first.rawValue)|\(contradiction.second.rawValue)|\(contradiction.evidence)|\(index)"
  }

  static func title(_ contradiction: Contradiction) -> String {
    "Contradiction: \(contradiction.first.name) × \(contradiction.second.name) (\(contradiction.participant))"
  }

  static func text(_ contradiction: Contradiction, documentKey: String?) -> String {
    var stored = contradiction
    stored.id = nil
    stored.passageIDs = []
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let json =
      (try? encoder.encode(Record(document: documentKey, contradiction: stored))).map {
        String(decoding: $0, as: UTF8.self)
      } ?? "{}"
    return """
      \(contradiction.level.rawValue.capitalized) contradiction between \(contradiction.first.name) and \(contradiction.second.name), \
      shown as \(contradiction.manifestation.name) by \(contradiction.participant) (\(contradiction.status.rawValue)).
      \(contradiction.evidence)

      \(marker)\(json)
      """
  }

  /// The contradiction a note holds, if it is one of ours.
  static func read(_ text: String) -> Record? {
    guard let range = text.range(of: marker, options: .backwards) else { return nil }
    let json = text[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
    return try? JSONDecoder().decode(Record.self, from: Data(json.utf8))
  }
}
