import QDAModel

/// Distinct participants per theme: the sub-codes of one code (motivation and its themes).
public struct ThemeTable: Hashable, Sendable, Codable {
  public struct Row: Hashable, Sendable, Codable {
    public var codeID: String
    public var name: String
    /// Participants with at least one coding of the theme (or a code below it), in order.
    public var participants: [String]
    public var passageIDs: [Int64]
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
    total = row(codeID, code.name)
    themes = corpus.codebook.children(of: codeID).map { row($0.id, $0.name) }
  }

  public var table: DataTable {
    var rows: [[TableCell]] = [[
      TableCell("\(name) (any theme)"), .count(total.participants.count, passages: total.passageIDs),
      .count(total.passageIDs.count, passages: total.passageIDs),
    ]]
    for theme in themes {
      rows.append([
        TableCell(theme.name), .count(theme.participants.count, passages: theme.passageIDs),
        .count(theme.passageIDs.count, passages: theme.passageIDs),
      ])
    }
    return DataTable(
      id: codeID.replacingDots, title: "\(name): participants per theme",
      columns: ["Theme", "Participants (of \(denominator))", "Passages"], rows: rows,
      notes: ["A participant counts once per theme, however often they mention it; themes overlap."])
  }
}

extension String {
  var replacingDots: String { String(map { $0 == "." ? "_" : $0 }) }
}
