import QDAModel
import QDAConcurrency

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
  /// Resources and programmes many participants name.
  public var namedResources: NamedResourceTable
  /// Participants' recommendations for the programme, grouped.
  public var recommendations: RecommendationTable
  /// What participants said under each code, in themes.
  public var codeThemes: CodeThemeTable
  /// Whether participants spoke well or poorly of the platform and the content (read once the
  /// pipeline gives it the sentence model's vectors and a valence model).
  public var feedbackValence: FeedbackValenceTable

  /// - Parameter groupingThemes: whether the code themes are grouped now (by words); the
  ///   pipeline passes false when it groups them itself (by meaning, or by words when the model
  ///   is not installed), so the work is not done twice.
  public init(_ corpus: CorpusSnapshot, groupingThemes: Bool = true) {
    // Two halves of about the same cost, one per core: the tables that read passages' words
    // (hours, judgments, incentives, themes: one reading of every interview) and the ones that
    // count codings.
    enum Half {
      case words(
        TimeCommitmentTable, IncentivesTable, ThemeTable?, NamedResourceTable, RecommendationTable)
      case counts(
        ExperienceTable, CodeSummaryTable, [CodeAttributeCrosstab], CoOccurrenceTable,
        CodeThemeTable, FeedbackValenceTable)
    }
    let halves = concurrentMap(2) { half -> Half in
      if half == 0 {
        let findings = InterviewFindings(corpus)
        return .words(
          TimeCommitmentTable(corpus, findings: findings),
          IncentivesTable(corpus, findings: findings),
          corpus.codebook.tables.motivation.flatMap {
            ThemeTable(corpus, codeID: $0, findings: findings)
          },
          NamedResourceTable(corpus), RecommendationTable(corpus, findings: findings))
      }
      // The coded words of each code (and their themes) on this side: the other reads every
      // interview's words and takes longer.
      return .counts(
        ExperienceTable(corpus), CodeSummaryTable(corpus), CodeAttributeCrosstab.all(corpus),
        CoOccurrenceTable(corpus),
        CodeThemeTable(corpus, grouping: groupingThemes), FeedbackValenceTable(corpus))
    }
    guard
      case .words(let time, let incentives, let motivation, let resources, let recommendations) =
        halves[0],
      case .counts(
        let experience, let codes, let crosstabs, let cooccurrence, let themes, let feedback) =
        halves[1]
    else { preconditionFailure("the halves come back in order") }
    (timeCommitment, self.incentives, self.motivation, self.experience) = (
      time, incentives, motivation, experience
    )
    (self.codes, self.crosstabs, self.cooccurrence, namedResources) = (
      codes, crosstabs, cooccurrence, resources
    )
    self.recommendations = recommendations
    codeThemes = themes
    feedbackValence = feedback
  }

  /// Every table, in report order.
  public var tables: [DataTable] {
    var result = [timeCommitment.summary, timeCommitment.estimatesTable]
    if let motivation { result.append(motivation.table) }
    result.append(incentives.table)
    if !namedResources.resources.isEmpty { result.append(namedResources.table) }
    if !recommendations.suggestions.isEmpty { result.append(recommendations.table) }
    if codeThemes.codes.contains(where: { !$0.themes.isEmpty }) {
      result.append(codeThemes.table(denominator: codes.denominator))
    }
    result += feedbackValence.tables(interviewed: codes.denominator)
    result += experience.tables
    result.append(codes.table)
    result += crosstabs.map(\.table)
    result.append(cooccurrence.table)
    return result
  }
}
