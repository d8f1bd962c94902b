import QDAModel

/// Distinct participants per theme: the sub-codes of one code (motivation and its themes).
///
/// For the motivation code, the themes QDAKit recognises itself (`MotivationTheme`: district
/// priorities, staff, passion, a degree, going deep, a supervisor's request) are counted from
/// what participants say anywhere in their interviews (`InterviewFindings`) and from the
/// codings people made, not from the rules' codings, which match words without the context a
/// theme needs. A recognised theme the codebook has no sub-code for is added after the
/// codebook's. Any other sub-code is counted from its codings.
public struct ThemeTable: Hashable, Sendable, Codable {
  /// One piece of evidence for a theme: a participant's sentence.
  public struct Evidence: Hashable, Sendable, Codable {
    public var participant: String
    public var quote: String
    public var passageID: Int64
    /// Where the quote lies in the passage's text, in scalar offsets.
    public var start: Int
    public var end: Int
  }

  public struct Row: Hashable, Sendable, Codable {
    public var codeID: String
    public var name: String
    /// Participants with at least one coding of the theme (or a code below it), or who voiced
    /// it, in order.
    public var participants: [String]
    public var passageIDs: [Int64]
    /// The sentences that voice the theme, one per participant (recognised themes).
    public var evidence: [Evidence] = []
    /// Whether the codebook has the theme as a sub-code (false for a recognised theme added).
    public var inCodebook = true
    /// How the row was counted, in words.
    public var countedFrom: String = "codings"
  }

  /// The code whose sub-codes are the themes.
  public var codeID: String
  public var name: String
  /// Everyone the table could count (the interviewed participants).
  public var denominator: Int
  /// The code as a whole: participants who discussed it at all.
  public var total: Row
  public var themes: [Row]

  /// Builds the table for `codeID`; each direct sub-code is a theme.
  public init?(_ corpus: CorpusSnapshot, codeID: String) {
    let recognises = codeID == corpus.codebook.tables.motivation
    self.init(corpus, codeID: codeID, findings: recognises ? InterviewFindings(corpus) : nil)
  }

  /// Builds the table for `codeID` with findings already read (for the motivation code).
  public init?(_ corpus: CorpusSnapshot, codeID: String, findings: InterviewFindings?) {
    guard let code = corpus.codebook.code(codeID) else { return nil }
    self.codeID = codeID
    name = code.name
    let interviewed = corpus.interviewed
    denominator = interviewed.count
    func row(_ id: String, _ name: String) -> Row {
      let (participants, passages) = corpus.speakers(under: id)
      return Row(
        codeID: id, name: name, participants: interviewed.filter(participants.contains),
        passageIDs: passages)
    }
    let children = corpus.codebook.children(of: codeID)
    let recognised =
      findings != nil && codeID == corpus.codebook.tables.motivation
      && children.contains { MotivationTheme(codeID: $0.id) != nil }
    guard recognised, let findings else {
      total = row(codeID, code.name)
      themes = children.map { row($0.id, $0.name) }
      return
    }
    // The people's codings of a theme (every coder but the rules).
    func peoplesRow(_ id: String) -> [(String, Int64)] {
      corpus.codings(under: id).compactMap { coding in
        guard !coding.isAutomatic, let passage = corpus.passage(coding.passageID),
          passage.role != .interviewer,
          let participant = corpus.participant(of: passage)
        else { return nil }
        return (participant, coding.passageID)
      }
    }
    func recognisedRow(_ theme: MotivationTheme, id: String, name: String, inCodebook: Bool) -> Row
    {
      var evidence: [Evidence] = []
      for participant in interviewed {
        guard let found = findings[participant]?.themes.first(where: { $0.theme == theme }) else {
          continue
        }
        evidence.append(
          Evidence(
            participant: participant, quote: found.evidence, passageID: found.passageID,
            start: found.start, end: found.end))
      }
      let coded = inCodebook ? peoplesRow(id) : []
      let who = Set(evidence.map(\.participant) + coded.map(\.0))
      return Row(
        codeID: id, name: name, participants: interviewed.filter(who.contains),
        passageIDs: Array(Set(evidence.map(\.passageID) + coded.map(\.1))).sorted(),
        evidence: evidence,
        inCodebook: inCodebook,
        countedFrom: inCodebook
          ? "what participants said, and people's codings" : "what participants said")
    }
    var rows: [Row] = []
    var covered = Set<MotivationTheme>()
    for child in children {
      if let theme = MotivationTheme(codeID: child.id), !covered.contains(theme) {
        covered.insert(theme)
        rows.append(recognisedRow(theme, id: child.id, name: child.name, inCodebook: true))
      } else {
        rows.append(row(child.id, child.name))
      }
    }
    for theme in MotivationTheme.allCases where !covered.contains(theme) {
      rows.append(
        recognisedRow(theme, id: "\(codeID).\(theme.rawValue)", name: theme.name, inCodebook: false)
      )
    }
    themes = rows
    // The code as a whole: its codings, and everyone counted under a theme.
    var whole = row(codeID, code.name)
    let who = Set(whole.participants + rows.flatMap(\.participants))
    whole.participants = interviewed.filter(who.contains)
    whole.passageIDs = Array(Set(whole.passageIDs + rows.flatMap(\.passageIDs))).sorted()
    total = whole
  }

  public var table: DataTable {
    var rows: [[TableCell]] = [
      [
        TableCell("\(name) (any theme)"),
        .count(total.participants.count, passages: total.passageIDs),
        .count(total.passageIDs.count, passages: total.passageIDs),
      ]
    ]
    for theme in themes {
      rows.append([
        TableCell(theme.name), .count(theme.participants.count, passages: theme.passageIDs),
        .count(theme.passageIDs.count, passages: theme.passageIDs),
      ])
    }
    return DataTable(
      id: codeID.replacingDots, title: "\(name): participants per theme",
      columns: ["Theme", "Participants (of \(denominator))", "Passages"], rows: rows,
      notes: ["A participant counts once per theme, however often they mention it; themes overlap."]
        + themes.filter { !$0.inCodebook }.map {
          "\($0.name): recognised in what participants said; not a sub-code of the codebook."
        },
      data: TableData(
        columns: [
          .text("theme", "The theme; the first row counts anyone under any theme of the code."),
          .text(
            "in_codebook",
            "yes when the theme is a sub-code of the codebook, no when it is recognised in what participants said; empty for the first row."
          ),
          .integer(
            "participants",
            "Interviewed participants who said something under the theme (once each, however often)."
          ),
          .integer("interviewed", "Interviewed participants in all: the denominator."),
          .integer("passages", "Their passages under the theme."),
        ],
        rows: [
          [
            .text("\(name) (any theme)"), .missing, .integer(total.participants.count),
            .integer(denominator), .integer(total.passageIDs.count),
          ]
        ]
          + themes.map {
            [
              .text($0.name), .text($0.inCodebook ? "yes" : "no"), .integer($0.participants.count),
              .integer(denominator),
              .integer($0.passageIDs.count),
            ]
          }))
  }
}

extension String {
  var replacingDots: String { String(map { $0 == "." ? "_" : $0 }) }
}
