import Foundation
import QDAText

/// Feedback labelled for valence, as `qda learn valence` reads it: JSON Lines, one answer per
/// line, either labelled by sentence (to learn from, and to score)
///
/// ```json
/// {"id": "A1", "sentences": [{"text": "The videos were short.", "polarity": "neutral"},
///                            {"text": "I used every one of them.", "polarity": "positive"}]}
/// ```
///
/// or as a whole (to score): `{"id": "H1", "text": "…", "valence": "mixed"}`. An answer
/// labelled by sentence has the valence its sentences give it (`Valence(_:)`);
/// a `valence` given beside them must agree.
public struct LabelledFeedback: Hashable, Sendable {
  public var id: String
  /// The line of the file it was read from (1-based).
  public var line: Int
  public var sentences: [String]
  /// Each sentence's polarity, when labelled by sentence.
  public var polarities: [Polarity]?
  public var valence: Valence

  /// Reads a file's text; every problem names the file and line.
  public static func parse(_ text: String, file: String) throws -> [LabelledFeedback] {
    var result: [LabelledFeedback] = []
    var ids = Set<String>()
    for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      let lineText = raw.trimmingCharacters(in: .whitespacesAndNewlines)
      guard !lineText.isEmpty else { continue }
      let line = offset + 1
      func problem(_ message: String) -> LabelledFeedbackError {
        LabelledFeedbackError("\(file):\(line): \(message)")
      }
      guard
        let object = try? JSONSerialization.jsonObject(with: Data(lineText.utf8)) as? [String: Any]
      else {
        throw problem("not a JSON object")
      }
      let id = (object["id"] as? String) ?? "line \(line)"
      guard ids.insert(id).inserted else { throw problem("the id '\(id)' was given before") }
      var item: LabelledFeedback
      if let sentences = object["sentences"] {
        guard let list = sentences as? [[String: Any]], !list.isEmpty else {
          throw problem("'sentences' must be a list of {\"text\", \"polarity\"} objects")
        }
        var texts: [String] = []
        var polarities: [Polarity] = []
        for (index, entry) in list.enumerated() {
          guard let words = entry["text"] as? String,
            !words.trimmingCharacters(in: .whitespaces).isEmpty
          else {
            throw problem("sentence \(index + 1) has no 'text'")
          }
          guard let name = entry["polarity"] as? String, let polarity = Polarity(rawValue: name)
          else {
            throw problem(
              "sentence \(index + 1)'s 'polarity' must be positive, negative or neutral, not \(entry["polarity"].map { "'\($0)'" } ?? "missing")"
            )
          }
          texts.append(words)
          polarities.append(polarity)
        }
        let valence = Valence(polarities)
        if let given = object["valence"] as? String, Valence(word: given) != valence {
          throw problem(
            "'valence' is '\(given)' but its sentences' polarities make it \(valence.rawValue)")
        }
        item = LabelledFeedback(
          id: id, line: line, sentences: texts, polarities: polarities, valence: valence)
      } else {
        guard let words = object["text"] as? String,
          !words.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else {
          throw problem("neither 'sentences' nor 'text'")
        }
        guard let given = object["valence"] as? String, let valence = Valence(word: given) else {
          throw problem(
            "'valence' must be positive, negative, mixed or none, not \(object["valence"].map { "'\($0)'" } ?? "missing")"
          )
        }
        let scalars = Array(words.unicodeScalars)
        let sentences = SentenceSplitter.sentences(in: scalars, range: 0..<scalars.count)
          .map {
            String(String.UnicodeScalarView(scalars[$0])).trimmingCharacters(
              in: .whitespacesAndNewlines)
          }
          .filter { !$0.isEmpty }
        item = LabelledFeedback(
          id: id, line: line, sentences: sentences, polarities: nil, valence: valence)
      }
      result.append(item)
    }
    return result
  }
}

/// A labelled-feedback file that cannot be read.
public struct LabelledFeedbackError: Error, CustomStringConvertible, Sendable, Equatable {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// How a valence model reads labelled feedback: answers read right, and the confusion.
public struct ValenceEvaluation: Hashable, Sendable {
  public var file: String
  public var right: Int
  public var total: Int
  /// Labelled valence → read valence → answers.
  public var confusion: [Valence: [Valence: Int]]

  public init(file: String, labelled: [Valence], read: [Valence]) {
    self.file = file
    total = labelled.count
    right = zip(labelled, read).filter { $0 == $1 }.count
    var confusion: [Valence: [Valence: Int]] = [:]
    for (truth, guess) in zip(labelled, read) {
      confusion[truth, default: [:]][guess, default: 0] += 1
    }
    self.confusion = confusion
  }
}
