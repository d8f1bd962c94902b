import QDAText

/// Recognises a participant's recommendation to the people who design or run a programme: a
/// change proposed, not a complaint alone, not advice to fellow participants, and not a
/// suggestion someone else made in the story being told.
///
/// A sentence proposes a change when it says what should be different in the speaker's own
/// voice:
/// - a modal aimed at the programme and its people ("they should", "the portal needs to",
///   "there ought to be", "they could have"), or a wish about them ("I wish they had");
/// - a counterfactual that something would help ("it would be nice if", "it would have helped
///   to"), or a proposal in the first person ("I'd suggest", "my advice to them", "if I were
///   running it");
/// - a question that proposes ("Why not …?", "What if they …?", "How about …?").
///
/// In the answer to a question about recommendations the speaker is already proposing, so an
/// imperative ("Give people a sample."), "more …" or "less …" ("More live sessions."), "you
/// should" and "I'd change …" count too. "I wouldn't change anything" and regret about oneself
/// ("I should have started earlier") never count; "she suggested I start with the data" reports
/// another person's suggestion.
///
/// ```swift
/// SuggestionReader.cue(in: CueText("It would help if the portal showed a preview."), inRecommendationsAnswer: false)
/// // "it would help if"
/// ```
public enum SuggestionReader {
  /// The words that make a sentence a recommendation, or nil.
  ///
  /// - Parameters:
  ///   - inRecommendationsAnswer: the sentence answers a question about what the speaker
  ///     would recommend or change.
  ///   - inAdviceAnswer: it answers a question about advice to other participants, where "you
  ///     should" speaks to peers.
  public static func cue(
    in text: CueText, inRecommendationsAnswer: Bool, inAdviceAnswer: Bool = false
  ) -> String? {
    let words = text.words.map(\.text)
    // "A mentor." answers the question; elsewhere two words propose nothing.
    guard words.count >= (inRecommendationsAnswer ? 2 : 3) else { return nil }
    if declines.matchesAny(text) { return nil }
    if text.isQuestion, let match = proposingQuestions.firstMatch(in: text),
      match.words.lowerBound <= 2
    {
      return text.quote(match.words)
    }
    for match in strong.matches(in: text) where !reportsOrRegrets(text, at: match.words) {
      return text.quote(match.words)
    }
    // Elsewhere a question proposes by its opening words or a frame ("…, it would be nice if
    // …?") only; in the answer about recommendations a proposal may end on an aside ("…, since
    // I waited five weeks?").
    if text.isQuestion, !inRecommendationsAnswer { return nil }
    // "The app ought to…", "the university should…": a modal after a noun, not a person the
    // speaker tells about ("he should", "I must").
    for index in words.indices.dropFirst()
    where ["should", "ought", "oughta", "must"].contains(words[index]) {
      let subject = words[index - 1]
      if words[index] == "must", index + 1 < words.count,
        ["have", "'ve", "be"].contains(words[index + 1])
      {
        continue
      }
      guard !personalSubjects.contains(subject), !notSubjects.contains(subject), subject.count > 2,
        subject.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic })
      else { continue }
      if reportsOrRegrets(text, at: (index - 1)..<(index + 1)) { continue }
      return text.quote((index - 1)..<min(words.count, index + 2))
    }
    for match in modals.matches(in: text) where !reportsOrRegrets(text, at: match.words) {
      // "You should" speaks to peers, except when the speaker answers what they would change.
      let subject = words[match.words.lowerBound]
      if subject == "you", !inRecommendationsAnswer || inAdviceAnswer { continue }
      return text.quote(match.words)
    }
    guard inRecommendationsAnswer, !inAdviceAnswer else { return nil }
    if let match = answerProposals.firstMatch(in: text), !reportsOrRegrets(text, at: match.words) {
      return text.quote(match.words)
    }
    // "I'd introduce …", "I would still push for …": the speaker's proposal (not "I'd say").
    for index in words.indices.dropLast(2)
    where words[index] == "i" && ["'d", "would"].contains(words[index + 1]) {
      var verb = index + 2
      while verb < words.count,
        ["still", "also", "really", "probably", "definitely", "just", "maybe", "n't", "not"]
          .contains(words[verb])
      {
        if words[verb] == "n't" || words[verb] == "not" { verb = words.count }
        verb += 1
      }
      if verb < words.count, !hedges.contains(words[verb]) {
        return text.quote(index..<min(words.count, verb + 1))
      }
    }
    // "The feedback could come back faster": a modal about anything but the speaker.
    for index in words.indices.dropFirst() where answerModals.contains(words[index]) {
      guard !["i", "we", "you"].contains(words[index - 1]) else { continue }
      if ["need", "needs"].contains(words[index]),
        index + 1 >= words.count || words[index + 1] != "to"
      {
        continue
      }
      return text.quote((index - 1)..<min(words.count, index + 2))
    }
    // A proposal by its shape, opening the sentence or a clause among its first words, after
    // words that only join it on ("And", "Honestly,", "I think"): "More live sessions.", "And
    // keep the handbook.", "A mentor.", "Maybe a checklist."
    var starts: [Int] = []
    var index = 0
    while index < words.count, index < 6 {
      if index == 0 || text.startsClause(index) || leadIns.contains(words[index - 1]) {
        starts.append(index)
      }
      guard
        leadIns.contains(words[index])
          || (words[index] == "i" && index + 1 < words.count
            && ["think", "guess", "mean"].contains(words[index + 1]))
      else { break }
      index += words[index] == "i" ? 2 : 1
    }
    if index < words.count, !starts.contains(index) { starts.append(index) }
    let openerMatches = openers.matches(in: text)
    for index in starts where index < words.count {
      if let match = openerMatches.first(where: { $0.words.lowerBound == index }) {
        return text.quote(match.words)
      }
      // "And the shorter videos.", "A clearer description of the project": a thing named, with
      // no verb of a statement about the past or present close behind.
      if determiners.contains(words[index]),
        !words[(index + 1)..<min(words.count, index + 5)].contains(where: {
          statementVerbs.contains($0) || ($0.hasSuffix("ed") && $0.count > 4)
        }),
        !(index + 1 < words.count
          && ["lot", "little", "bit", "few", "couple"].contains(words[index + 1]))
      {
        return text.quote(index..<min(words.count, index + 3))
      }
    }
    // An imperative opening the sentence or any clause: "If it gets hard, let people pause."
    for index in words.indices
    where (index == 0 || text.startsClause(index) || starts.contains(index))
      && imperatives.contains(words[index])
    {
      guard index + 1 < words.count, !["i", "me", "up", "'s"].contains(words[index + 1]) else {
        continue
      }
      return text.quote(index..<min(words.count, index + 3))
    }
    return nil
  }

  /// Whether the words before a match report someone else's suggestion or regret the speaker's
  /// own doing: "she suggested I …", "I should have …", "I wish I'd …".
  static func reportsOrRegrets(_ text: CueText, at range: Range<Int>) -> Bool {
    let words = text.words.map(\.text)
    // "More than I'd have liked", "as I would have liked": a comparison, not a proposal.
    if range.lowerBound > 0, ["than", "as"].contains(words[range.lowerBound - 1]) { return true }
    // "I shouldn't have waited": the speaker before the modal.
    let speakerBefore = range.lowerBound > 0 && ["i", "we"].contains(words[range.lowerBound - 1])
    let first = speakerBefore ? words[range.lowerBound - 1] : words[range.lowerBound]
    // "I should have started earlier", "I could've asked": the speaker's own past.
    if first == "i" || first == "we" {
      let rest = words[range].dropFirst()
      if rest.contains("have") || rest.contains("'ve") {
        return !rest.contains("wish") && !rest.contains("liked") && !rest.contains("loved")
      }
      // "I wish I had", "I wish I'd".
      if rest.contains("wish"), range.upperBound < words.count,
        ["i", "we"].contains(words[range.upperBound])
      {
        return true
      }
    }
    // "He said they should …", "the mentor suggested we …": reported speech earlier in the clause.
    let start = max(0, range.lowerBound - 4)
    for index in start..<range.lowerBound where reportingVerbs.contains(words[index]) {
      // "I said they should" is the speaker's own proposal.
      if index > 0, words[index - 1] == "i" { continue }
      return true
    }
    return false
  }

  static let reportingVerbs: Set<String> = [
    "said", "suggested", "recommended", "told", "advised", "asked", "says", "thought",
  ]

  /// "Nothing I'd change", "I wouldn't change a thing": no recommendation.
  static let declines = CueLexicon([
    // "I'd tell them two things.": an announcement, the proposals follow.
    "i 'd|would tell|offer|give|make|say .. two|three|four|couple|few .. things|recommendations|suggestions|points",
    "two|three|four|couple|few things|recommendations|suggestions come to mind",
    "would n't|would not|wouldn't change|add|do .. anything|a thing|much",
    "nothing i 'd|would change",
    "ca n't think of|can not think of anything", "no recommendations", "no suggestions",
    "not really anything",
    "i do n't know what i 'd|would change",
  ])

  /// Questions that propose a change.
  static let proposingQuestions = CueLexicon([
    "why not", "why do n't|does n't|would n't|could n't they|you|the|it|we",
    "what if they|you|the|there|it",
    "how about", "what about a|an|some|more|letting|making|having|giving", "could n't they|you|the",
    "would n't it be",
    "could|can|would the|they .. just|not|maybe",
  ])

  /// Frames that propose a change wherever they are said.
  static let strong = CueLexicon([
    // "It would help if", "it would be so much better if", "it would have been great to".
    "it|that|which 'd|would .. help|helped|better|nice|great|good|useful|helpful|easier|smarter|amazing|wonderful|fantastic|ideal|lovely|smart if|to",
    "would 've|have been nice|great|good|better|helpful|useful|easier|amazing|wonderful|ideal if|to",
    // "Would be much better if …" with its subject left out.
    "would|'d be .. better|nicer|easier|great|helpful|amazing|wonderful|ideal if",
    // "A preview button would be nice.", "Something like that would help."
    "would|'d be nice|great|helpful|useful|huge|ideal|welcome", "would|'d be a big|huge|real help",
    "would|'d .. help|helped", "would|'d make a|all .. difference",
    "what would help|have helped", "what i 'd|would change|add|cut|like|love|want",
    "i 'd|would suggest|recommend|propose|urge|advise", "i suggest|recommend|propose",
    "i 'd|would like|love|want to see", "i 'd|would have liked|loved", "i 'd|would 've liked|loved",
    "i 'd|would love|like|prefer it if|for", "my two cents", "if you ask me",
    "here 's what i 'd|would",
    "my suggestion|recommendation|advice|ask|wish would be|is|was",
    "my one|biggest|main|only suggestion|recommendation|ask|wish",
    "my advice to them|the|whoever", "if i were|was running|designing|in|them|the",
    "if i ran|designed|could change|could redesign", "if it were|was up to me",
    "i|we wish they|there|the|it|someone|somebody|you", "i|we hope they|the .. will|would|'ll",
    "what they|it|people|we|folks need|needed|needs is|was", "what was missing",
    "they|it|the program|programme|course could use", "would|could benefit from",
    "there needs|need|has to be", "there should|could be", "there ought to be",
    "there 's|is got to be",
  ])

  /// Modals about the programme and its people ("they should", "the reviewers need to").
  static let modals = CueLexicon([
    "they|someone|somebody|designers|reviewers|assessors|mentors|coaches|facilitators|instructors|districts|organizers|organisers should|ought|oughta|must",
    "they|someone|somebody|designers|reviewers|assessors|mentors|coaches|facilitators|instructors|districts|organizers|organisers need|needs to",
    "they|someone|somebody|designers|reviewers|assessors|mentors|coaches could|might just|easily|also|simply|have|'ve|at",
    "it should|ought be|have|n't|not|let|give|include|show|offer|allow|come|tell",
    "it needs|ought to", "it oughta",
    "the|your|that|this .. program|programme|course|portal|platform|site|website|system|district|designers|reviewers|assessors|mentors|coaches|module|modules|rubric|cohort|sessions|credential|state should|ought|oughta|must",
    "the|your|that|this .. program|programme|course|portal|platform|site|website|system|district|designers|reviewers|assessors|mentors|coaches|module|modules|rubric|cohort|sessions|credential|state need|needs to",
    "you should|ought|oughta|need|could", "you guys should|need|could",
    "should n't make|have|require|ask|force",
  ])

  /// In the answer to a recommendations question: proposals said in the first person.
  static let answerProposals = CueLexicon([
    "i 'd|would change|add|cut|keep|make|drop|want|move|give|have|put|love|like|say",
    "i want|wanted them|the|more|less",
  ])

  /// In the answer to a recommendations question: words that open a proposal, among them a
  /// thing named on its own ("A mentor.", "Some way to talk to the others.").
  static let openers = CueLexicon([
    "more|less|fewer|better|shorter|longer|clearer|faster|earlier|smaller|simpler|quicker|real|actual",
    "maybe|perhaps a|an|more|some|they|you|the|just|offer|add|give|let|have",
    "do n't make|ask|require|force|put|let",
    "stop|quit making|asking|requiring", "having a|an|more|some",
    "a|an|some|one .. coach|mentor|community|space|place|way|forum|board|group|cohort|session|sessions|meeting|meetings|call|calls|check|person|contact|example|examples|template|templates|checklist|option|version|button|feature|network|channel|chat|video|videos|guide|handbook|timeline|deadline|calendar|reminder|reminders|notification|notifications|bar|partner|buddy|liaison|hotline|line|model|sample|samples|turnaround|feedback|review|reviews|response|responses|access|support|structure|schedule|orientation|overview|rubric|exemplar|exemplars|walkthrough|tutorial|faq|list",
    "somebody|someone who|to|that|you", "some way|kind|sort|place|space|chance",
    "a way|place|space|chance|chance to|person",
  ])

  /// Subjects of a modal that speak of people or of something already said, not of the
  /// programme ("he should have", "what it should", "that must").
  static let personalSubjects: Set<String> = [
    "i", "we", "you", "he", "she", "me", "us", "kids", "students", "teachers", "parents",
    "families", "staff", "everybody",
    "everyone", "nobody", "anyone", "anybody", "one", "who", "that", "this", "which", "what", "it",
    "there", "they",
  ]

  /// Words before a modal that are not its subject ("than it should", "as it should").
  static let notSubjects: Set<String> = [
    "than", "what", "how", "and", "but", "then", "really", "probably", "still", "also", "just",
  ]

  /// Words after "I'd" that hedge rather than propose ("I'd say", "I'd guess").
  static let hedges: Set<String> = [
    "say", "think", "guess", "imagine", "assume", "be", "have", "rather", "probably", "been", "bet",
    "hope", "call",
  ]

  /// Modals that, in an answer about recommendations, propose.
  static let answerModals: Set<String> = [
    "should", "could", "ought", "oughta", "need", "needs", "must",
  ]

  /// Words that open a thing named.
  static let determiners: Set<String> = [
    "a", "an", "some", "the", "more", "fewer", "less", "smaller", "shorter", "clearer",
  ]

  /// Verbs that make a sentence a statement ("The portal was fine."), not a thing proposed.
  static let statementVerbs: Set<String> = [
    "was", "were", "is", "are", "'s", "did", "does", "do", "had", "has", "got", "gets", "went",
    "came", "took", "seemed",
    "felt", "looked", "made", "kept", "said", "told", "can", "cannot", "ca", "will", "wo", "would",
  ]

  /// Words that only join a proposal on to what came before.
  static let leadIns: Set<String> = [
    "and", "also", "plus", "so", "oh", "well", "honestly", "definitely", "just", "then", "um", "uh",
    "first", "second",
    "third", "finally", "but", "really", "probably", "personally", "possibly", "like",
  ]

  /// Verbs that open an imperative proposal.
  static let imperatives: Set<String> = [
    "give", "make", "let", "add", "offer", "build", "provide", "keep", "cut", "drop", "put",
    "allow", "pair", "send",
    "create", "include", "shorten", "simplify", "fix", "open", "bring", "show", "tell", "start",
    "find", "lower",
    "raise", "extend", "record", "post", "share", "set", "schedule", "hire", "pay", "train",
    "invite", "check", "connect",
    "link", "match", "assign", "move", "turn", "split", "break", "limit", "cap", "publish",
    "explain", "clarify",
  ]
}
