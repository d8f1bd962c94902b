import QDAModel

/// Every table of a project, computed from a snapshot.
///
/// ```swift
/// let analysis = Analysis(snapshot)
/// analysis.timeCommitment.meanHours  // 18
/// ```
public struct Analysis: Sendable, Codable {
  public var timeCommitment: TimeCommitmentTable
  public var motivation: ThemeTable?
  public var incentives: IncentivesTable
  public var experience: ExperienceTable
  public var codes: CodeSummaryTable
  public var crosstabs: [CodeAttributeCrosstab]
  public var cooccurrence: CoOccurrenceTable

  public init(_ corpus: CorpusSnapshot) {
    timeCommitment = TimeCommitmentTable(corpus)
    motivation = corpus.codebook.tables.motivation.flatMap { ThemeTable(corpus, codeID: $0) }
    incentives = IncentivesTable(corpus)
    experience = ExperienceTable(corpus)
    codes = CodeSummaryTable(corpus)
    crosstabs = CodeAttributeCrosstab.all(corpus)
    cooccurrence = CoOccurrenceTable(corpus)
  }

  /// Every table, in report order.
  public var tables: [DataTable] {
    var result = [timeCommitment.summary, timeCommitment.estimatesTable]
    if let motivation { result.append(motivation.table) }
    result.append(incentives.table)
    result += experience.tables
    result.append(codes.table)
    result += crosstabs.map(\.table)
    result.append(cooccurrence.table)
    return result
  }
}
