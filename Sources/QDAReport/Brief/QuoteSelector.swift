import QDAModel
import QDAText
import QDAAnalysis

/// An exemplar quote chosen for a report.
struct Exemplar: Hashable {
  var text: String
  var source: QuoteSource
}

/// Chooses exemplar quotes: from participants' own speech, of readable length (trimmed at
/// sentence boundaries, with an ellipsis where words were cut), spread across participants, and
/// never the same passage twice in one report.
struct QuoteSelector {
  /// The words a quote aims for; quotes run between `minimumWords` and `maximumWords`.
  var targetWords = 45
  var minimumWords = 18
  var maximumWords = 95

  /// How the brief names each document (`BriefBuilder.documentLabels`).
  var documentLabels: [Int64: String] = [:]

  private(set) var usedPassages: Set<Int64> = []
  private(set) var timesQuoted: [String: Int] = [:]
  private var scalarCache: [Int64: [Unicode.Scalar]] = [:]
  /// The most candidates scored for one quote.
  static let consideredAtMost = 400

  /// The best quote among candidate spans (each a span inside a passage), or nil.
  mutating func pick(_ candidates: [(passageID: Int64, span: TextSpan)], corpus: CorpusSnapshot)
    -> Exemplar?
  {
    var best: (score: Double, exemplar: Exemplar)?
    var unused = candidates.filter { !usedPassages.contains($0.passageID) }
    if unused.count > Self.consideredAtMost {
      // A large study has thousands of candidates for a code; an even spread of them, in
      // project order (so across documents and participants), finds as good a quote.
      let count = unused.count
      unused = (0..<Self.consideredAtMost).map { unused[$0 * count / Self.consideredAtMost] }
    }
    // The texts not read before, read together.
    var asked = Set<Int64>()
    let unread = unused.compactMap {
      scalarCache[$0.passageID] == nil && asked.insert($0.passageID).inserted
        ? corpus.passage($0.passageID) : nil
    }
    for (passage, text) in zip(unread, corpus.texts(of: unread)) {
      if let id = passage.id { scalarCache[id] = Array(scalarsOf: text) }
    }
    for candidate in unused {
      guard let passage = corpus.passage(candidate.passageID), passage.role != .interviewer,
        let participant = corpus.participant(of: passage),
        let document = corpus.document(passage.documentID),
        let scalars = scalarCache[candidate.passageID],
        let quote = excerpt(passage, scalars: scalars, around: candidate.span, document: document)
      else { continue }
      let words = quote.words
      var score = -abs(Double(words - targetWords)) / Double(targetWords)
      score -= 2.0 * Double(timesQuoted[participant] ?? 0)
      if words < minimumWords { score -= 1 }
      let exemplar = Exemplar(
        text: quote.text,
        source: QuoteSource(
          participant: participant,
          documentKey: document.id.flatMap { documentLabels[$0] } ?? "interview",
          passageID: candidate.passageID,
          start: quote.start, end: quote.end, place: Citation.place(of: passage)))
      if best.map({ score > $0.score }) ?? true { best = (score, exemplar) }
    }
    if let chosen = best?.exemplar {
      usedPassages.insert(chosen.source.passageID)
      timesQuoted[chosen.source.participant, default: 0] += 1
    }
    return best?.exemplar
  }

  /// The sentences around a span, grown to a readable length inside the passage.
  private func excerpt(
    _ passage: Passage, scalars: [Unicode.Scalar], around span: TextSpan, document: Document
  )
    -> (text: String, words: Int, start: Int, end: Int)?
  {
    let base = passage.span.start
    let sentences = SentenceSplitter.sentences(in: scalars, range: 0..<scalars.count)
    guard !sentences.isEmpty else { return nil }
    func words(_ range: Range<Int>) -> Int {
      scalars[range].split(whereSeparator: { $0 == " " || $0 == "\n" }).count
    }
    let relative = (span.start - base)..<(span.end - base)
    var first = sentences.firstIndex { $0.upperBound > relative.lowerBound } ?? 0
    var last = sentences.lastIndex { $0.lowerBound < relative.upperBound } ?? first
    // Too long: keep the sentences from the start of the span up to the limit.
    while last > first,
      words(sentences[first].lowerBound..<sentences[last].upperBound) > maximumWords
    {
      last -= 1
    }
    // Too short: add the next sentence, then the previous one.
    while words(sentences[first].lowerBound..<sentences[last].upperBound) < minimumWords {
      if last + 1 < sentences.count,
        words(sentences[first].lowerBound..<sentences[last + 1].upperBound) <= maximumWords
      {
        last += 1
      } else if first > 0,
        words(sentences[first - 1].lowerBound..<sentences[last].upperBound) <= maximumWords
      {
        first -= 1
      } else {
        break
      }
    }
    let range = sentences[first].lowerBound..<sentences[last].upperBound
    var text = String(scalars: scalars[range])
    // A single sentence longer than the limit is cut at a word and marked.
    var count = words(range)
    if count > maximumWords {
      let kept = text.split(separator: " ", omittingEmptySubsequences: false).prefix(maximumWords)
      text = kept.joined(separator: " ") + " …"
      count = maximumWords
    } else if last + 1 < sentences.count {
      text += " …"
    }
    if first > 0 { text = "… " + text }
    return (text, count, base + range.lowerBound, base + range.upperBound)
  }

  /// Lead-ins, varied in turn as the brief varies them.
  static func lead(_ index: Int, noun: String, followsQuote: Bool = false) -> String {
    // "Another" only right after a quote; otherwise a fresh voice.
    if followsQuote {
      let leads = ["Another \(noun) said:", "Another \(noun) shared:"]
      return leads[index % leads.count]
    }
    let leads = [
      "One \(noun) explained:", "As one \(noun) put it:", "One \(noun) described it this way:",
      "One \(noun) said:",
    ]
    return leads[index % leads.count]
  }
}
