import Foundation
import QDAText
import QDANumerics

/// Ranks participants' sentences by how well they answer a question in plain words.
///
/// Three things count, added up:
/// - **meaning**: the sentence encoder's similarity of the question to the sentence, to the
///   interviewer's question it answers (as the learned coder reads it) and to the sentences
///   around it;
/// - **codes**: how close the question comes to the codes on the sentence (each code read as its
///   name, definition and examples): a question about workload finds what was coded Division of
///   labor / Workload in other words than the question's;
/// - **words**: the share of the question's content words (stemmed) the sentence holds, each
///   weighted by how rare it is among the sentences searched, so a word every answer has
///   ("principal") counts for little.
///
/// Vectors are unit length (the encoder normalises them), so a dot product is a cosine. Pure:
/// the caller embeds the texts.
public struct MeaningRanking: Sendable {
  /// One sentence to rank.
  public struct Candidate: Sendable {
    public var sentence: [Float]
    /// The interviewer's question it answers, if any.
    public var context: [Float]?
    /// The sentences before and after it in its passage.
    public var neighbours: [[Float]]
    public var text: String
    /// The codes on it (any coder).
    public var codes: Set<String>

    public init(
      sentence: [Float], context: [Float]?, neighbours: [[Float]], text: String,
      codes: Set<String> = []
    ) {
      self.sentence = sentence
      self.context = context
      self.neighbours = neighbours
      self.text = text
      self.codes = codes
    }
  }

  public static let sentenceWeight: Float = 1
  public static let contextWeight: Float = 0.3
  public static let neighbourWeight: Float = 0.2
  public static let codeWeight: Float = 0.3
  public static let wordWeight: Float = 0.3

  let question: [Float]
  let stems: [String]
  /// Code → how close the question comes to it, 0 (the median code) … 1 (the closest).
  let affinity: [String: Float]

  /// - Parameters:
  ///   - question: the question's vector.
  ///   - words: its content words (`SearchText.plain`).
  ///   - codes: code id → the vector of its name, definition and examples.
  public init(question: [Float], words: [String], codes: [String: [Float]] = [:]) {
    self.question = question
    var seen: Set<String> = []
    stems = words.map { PorterStemmer.stem($0) }.filter { seen.insert($0).inserted }
    var similarity: [String: Float] = [:]
    for (code, vector) in codes { similarity[code] = UnitVectors.dot(question, vector) }
    let sorted = similarity.values.sorted()
    var affinity: [String: Float] = [:]
    if let top = sorted.last, sorted.count > 1 {
      let median = sorted[sorted.count / 2]
      for (code, value) in similarity where top > median {
        affinity[code] = max(0, (value - median) / (top - median))
      }
    }
    self.affinity = affinity
  }

  /// The candidates' indexes and scores, best first (ties in the given order).
  public func ranked(_ candidates: [Candidate]) -> [(index: Int, score: Float)] {
    let words = candidates.map {
      Set(
        Tokenizer.tokens(in: $0.text, punctuation: false).map {
          PorterStemmer.stem($0.text.lowercased())
        })
    }
    // Inverse document frequency of the question's stems over the sentences searched.
    var weight: [String: Float] = [:]
    for stem in stems {
      let frequency = words.reduce(0) { $0 + ($1.contains(stem) ? 1 : 0) }
      weight[stem] = Float(log(Double(candidates.count + 1) / Double(frequency + 1)))
    }
    let total = weight.values.reduce(0, +)
    // Similarities are read from the sentences' mean: what every answer in a study shares (the
    // people, the programme) says nothing about which answers a question wants.
    let mean = UnitVectors.mean(candidates.map(\.sentence))
    let centred = UnitVectors.centred(question, mean)
    func similarity(_ vector: [Float]) -> Float {
      UnitVectors.dot(centred, UnitVectors.centred(vector, mean))
    }
    return candidates.indices.map { index -> (Int, Float) in
      let candidate = candidates[index]
      var score = Self.sentenceWeight * similarity(candidate.sentence)
      if let context = candidate.context { score += Self.contextWeight * similarity(context) }
      if !candidate.neighbours.isEmpty {
        score +=
          Self.neighbourWeight * candidate.neighbours.reduce(0) { $0 + similarity($1) }
          / Float(candidate.neighbours.count)
      }
      score += Self.codeWeight * (candidate.codes.compactMap { affinity[$0] }.max() ?? 0)
      if total > 0 {
        score +=
          Self.wordWeight
          * stems.reduce(0) { $0 + (words[index].contains($1) ? weight[$1] ?? 0 : 0) } / total
      }
      return (index, score)
    }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
  }
}
