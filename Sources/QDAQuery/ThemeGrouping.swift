import QDAText
import QDANumerics

/// Groups the sentences a question found into a handful of themes by meaning, each with a label
/// of its own words and the sentence that stands for it.
///
/// Grouping is spherical k-means over cosine similarity (vectors are unit length), its centres
/// started at sentences far apart. Deterministic. Pure: the caller embeds the sentences.
public enum ThemeGrouping {
  /// One theme: its members (indexes into the input), label and representative.
  public struct Theme: Sendable, Hashable {
    public var members: [Int]
    /// Up to three words most frequent in its sentences and rarer elsewhere.
    public var label: String
    /// The member closest to the group's mean.
    public var representative: Int
  }

  /// - Parameters:
  ///   - vectors: the sentences' unit vectors.
  ///   - texts: the sentences, for labels.
  ///   - count: the most themes.
  ///   - exclude: words not to label with (the question's own).
  public static func group(
    vectors: [[Float]], texts: [String], count: Int, exclude: Set<String> = []
  ) -> [Theme] {
    guard !vectors.isEmpty, count > 0 else { return [] }
    // Spherical k-means: centres start at the sentences farthest apart (the best-ranked sentence
    // first, then each time the one least like every centre so far), then each sentence goes to
    // its closest centre and each centre to its members' mean, until nothing moves.
    let k = min(count, vectors.count)
    var centres = [vectors[0]]
    while centres.count < k {
      let next =
        vectors.indices.max { a, b in
          (centres.map { UnitVectors.dot(vectors[a], $0) }.max() ?? 0, b) > (
            centres.map { UnitVectors.dot(vectors[b], $0) }.max() ?? 0, a
          )
        } ?? 0
      centres.append(vectors[next])
    }
    var assignment = [Int](repeating: -1, count: vectors.count)
    for _ in 0..<50 {
      var moved = false
      for index in vectors.indices {
        let closest =
          centres.indices.max {
            (UnitVectors.dot(vectors[index], centres[$0]), $1) < (
              UnitVectors.dot(vectors[index], centres[$1]), $0
            )
          } ?? 0
        if assignment[index] != closest { assignment[index] = closest; moved = true }
      }
      guard moved else { break }
      for centre in centres.indices {
        let members = vectors.indices.filter { assignment[$0] == centre }
        if !members.isEmpty {
          centres[centre] = UnitVectors.normalised(UnitVectors.mean(members.map { vectors[$0] }))
        }
      }
    }
    let groups = centres.indices.map { centre in vectors.indices.filter { assignment[$0] == centre }
    }.filter { !$0.isEmpty }
    let documentFrequency = frequencies(texts.indices.map { Set(words(texts[$0])) })
    return groups.map { members in
      let mean = UnitVectors.mean(members.map { vectors[$0] })
      let representative =
        members.max { UnitVectors.dot(vectors[$0], mean) < UnitVectors.dot(vectors[$1], mean) }
        ?? members[0]
      var counts: [String: Int] = [:]
      for member in members {
        for word in Set(words(texts[member])) where !exclude.contains(word) {
          counts[word, default: 0] += 1
        }
      }
      // Frequent here, and more here than in the other sentences found.
      let total = Float(texts.count)
      let scored = counts.map { word, here -> (String, Float) in
        let share = Float(here) / Float(members.count)
        let elsewhere = Float(documentFrequency[word] ?? 0) / total
        return (word, share - elsewhere + Float(here) * 0.001)
      }
      let label = scored.filter { $0.1 > 0 || members.count == texts.count }
        .sorted { ($0.1, $1.0) > ($1.1, $0.0) }.prefix(3).map(\.0).joined(separator: ", ")
      return Theme(members: members.sorted(), label: label, representative: representative)
    }.sorted {
      ($0.members.count, $1.members.first ?? 0) > ($1.members.count, $0.members.first ?? 0)
    }
  }

  static func words(_ text: String) -> [String] {
    Tokenizer.tokens(in: text, punctuation: false).map { $0.text.lowercased() }.filter {
      $0.count > 2 && $0.allSatisfy(\.isLetter) && !SearchText.stopWords.contains($0)
        && !labelStopWords.contains($0)
    }
  }

  /// Words too common in speech to name a theme.
  static let labelStopWords: Set<String> = [
    "yeah", "really", "like", "know", "just", "lot", "thing", "things", "kind", "sort", "mean",
    "actually", "pretty",
    "something", "much", "even", "well", "get", "got", "going", "one", "two", "because", "did",
    "didn't", "don't",
    "pause", "laughs", "laughter", "inaudible", "crosstalk", "okay", "yes", "sure", "right",
  ]

  static func frequencies(_ sets: [Set<String>]) -> [String: Int] {
    var counts: [String: Int] = [:]
    for set in sets { for word in set { counts[word, default: 0] += 1 } }
    return counts
  }
}
