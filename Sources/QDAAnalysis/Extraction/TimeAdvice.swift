import QDAText

/// Recognises advice to others about managing the time a programme takes, and refusals to give
/// advice.
///
/// Advice is a sentence in the form of advice (an instruction, "Block it out"; a "you should…",
/// "make sure…", "my advice is…", "I'd tell them to…") that is about time: a calendar, a
/// schedule, blocks of time, pacing, starting early, not leaving the work to the end. "Read
/// the rubric carefully" is advice, but not about time; "I do a lot of scheduling" is about
/// time, but not advice. Declining ("I'll pass on that one", "I've got nothing for you") is
/// recognised so that an answer to the advice question can count as no advice.
///
/// ```swift
/// TimeAdvice.advice(in: CueText("Front-load it, before the spring gets busy."))  // found
/// TimeAdvice.declines(CueText("I'm the last person you want advice from."))      // true
/// ```
public enum TimeAdvice {
  /// The words that make a sentence time-management advice, or nil.
  ///
  /// - Parameters:
  ///   - addressedToPeers: require the advice to speak to the listener ("your calendar", "you
  ///     should"): for sentences outside an answer to an advice question, where an instruction
  ///     may be meant for the programme's designers ("Give people more time").
  ///   - askedAboutTime: the sentence answers a question asking for advice about the time, which
  ///     makes its advice about time without a word of time ("Keep a log from the first day").
  public static func advice(
    in text: CueText, addressedToPeers: Bool = false, askedAboutTime: Bool = false
  ) -> String? {
    guard !text.isQuestion, !declines(text), isAdviceForm(text) else { return nil }
    if addressedToPeers, !text.contains(anyOf: ["you", "your", "yourself"]) { return nil }
    guard askedAboutTime || timeTerms.matchesAny(text) else { return nil }
    return text.text
  }

  /// Whether a sentence declines to give advice.
  public static func declines(_ text: CueText) -> Bool { refusals.matchesAny(text) }

  /// Whether a sentence has the form of advice: an instruction, or advice said as such.
  static func isAdviceForm(_ text: CueText) -> Bool {
    if adviceFrames.matchesAny(text) { return true }
    // An instruction: the first word after openers is a verb in its plain form ("Block it",
    // "One, pull your data…", "And don't save the reflection for the end").
    var index = 0
    while index < text.words.count, openers.contains(text.words[index].text) { index += 1 }
    guard index < text.words.count else { return false }
    let word = text.words[index].text
    if word == "do", index + 1 < text.words.count, text.words[index + 1].text == "n't" {
      return true
    }
    if word == "never" || word == "always" {
      return index + 1 < text.words.count && instructionVerbs.contains(text.words[index + 1].text)
    }
    // "Front-load it": a verb written with a hyphen.
    // A noun that is also a verb is not an instruction when a verb follows ("Work was crazy").
    let next = index + 1 < text.words.count ? text.words[index + 1].text : ""
    return instructionVerbs.contains(word) && !notAfterInstructions.contains(next)
  }

  static let notAfterInstructions: Set<String> = [
    "you", "i", "we", "they", "is", "was", "were", "are", "'s", "has", "had", "have", "took", "got",
    "felt", "went",
    "did", "does", "will", "would", "could", "can", "might", "kept", "made", "came", "seemed", "of",
  ]

  /// Words a sentence of advice can open with before its verb.
  static let openers: Set<String> = [
    "and", "so", "also", "just", "yes", "yeah", "really", "honestly", "oh", "well", "okay", "ok",
    "um", "uh",
    "seriously", "then", "but", "first", "second", "third", "one", "two", "three", "four", "number",
    "firstly",
    "secondly", "finally", "lastly", "again", "plus", "now", "please", "definitely", "absolutely",
    "always",
  ]

  static let instructionVerbs: Set<String> = [
    "block", "put", "start", "set", "get", "make", "plan", "schedule", "pace", "break", "chunk",
    "carve", "protect",
    "front", "frontload", "pull", "keep", "do", "give", "take", "find", "use", "read", "write",
    "save", "try",
    "treat", "build", "ask", "leave", "work", "pick", "stay", "budget", "limit", "guard", "mark",
    "reserve", "talk",
    "spread", "stick", "commit", "aim", "map", "look", "figure", "prioritize", "prioritise",
    "space", "split",
    "batch", "dedicate", "allot", "allocate", "clear", "hold", "go", "be", "expect", "know",
    "remember", "plug",
    "book", "calendar", "timebox", "finish", "submit", "wake", "chip", "tackle", "focus", "stop",
    "pencil", "lock",
    "sit", "tell", "think", "learn", "decide", "gather", "collect", "draft", "outline", "jot",
    "log", "track",
    "assume", "begin", "structure", "organize", "organise", "turn", "shut", "close", "wait", "let",
    "rush", "cram",
    "skip", "underestimate", "overthink", "fall", "show",
  ]

  /// Advice said as advice: "you should…", "make sure…", "my advice is…", "I'd tell them to…".
  static let adviceFrames = CueLexicon([
    "you should|must|need|gotta", "you 've got|gotta to", "you have to", "you got to",
    "you 'll|will want to",
    "you really|definitely|absolutely|just|still should|must|need|have|gotta", "you 'd|had better",
    "you better", "you want to", "you might|may want", "you do n't want",
    "make sure", "my advice", "the advice", "my tip", "the key is", "the trick is", "the secret is",
    "it helps to|if",
    "i 'd|would tell|say|advise|recommend|suggest|encourage", "i always tell|say|advise|recommend",
    "i tell people|principals|folks|everyone|anyone|them", "i 'd|would say to", "i recommend",
    "i suggest",
    "i would recommend", "i advise",
  ])

  /// Words of time management: calendars, schedules, blocks of time, pacing, starting early,
  /// not leaving the work to the end.
  static let timeTerms = CueLexicon([
    "calendar*", "schedul*", "block|blocks|blocked", "time", "timer", "timeline", "hour|hours",
    "minute|minutes",
    "deadline*", "due", "week|weeks|weekly|weekend|weekends", "daily", "nightly",
    "every day|night|morning|evening",
    "each day|night|morning|evening", "mornings|evenings|nights", "pace|pacing|paced",
    "front load|loading|loaded",
    "frontload*", "start|begin early|earlier", "get started|going early", "early start",
    "start now", "early on",
    "get ahead", "plan ahead", "work ahead", "ahead of time|schedule",
    "last minute", "last-minute", "the end", "procrastinat*", "chunk*", "chip",
    "a little at a time",
    "little by little", "bit by bit", "a little bit every|each", "a little every|each",
    "small pieces",
    "month|months|monthly", "day one|two", "afternoon|afternoons",
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday",
    "mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays", "week one|two", "first week",
    "january|february|march|april|june",
    "july|august|september|october|november|december", "summer", "semester", "window", "routine",
    "break|breaks|vacation|holiday|holidays",
    "the fall|spring|winter", "in fall|spring|winter", "first day|days",
  ])

  /// Words of an advice question that ask about managing the workload, though they name no
  /// time: "Any advice on managing it?", "…on juggling it all?".
  static let managingAsks = CueLexicon([
    "manage|managing|juggle|juggling|balance|balancing it|that|this|everything|all",
    "manage|managing|juggle|juggling the load",
    "workload", "fit|fitting it|this|that in",
  ])

  /// Advice the speaker says is theirs to give, which outweighs an opening that declined ("I'm
  /// the wrong one to ask. What I would say is…"); a "you should" in passing does not.
  static let statedAdvice = CueLexicon([
    "my advice", "i 'd|would tell|say|advise|recommend|suggest",
    "i always tell|say|advise|recommend", "i recommend",
    "i suggest", "i would recommend", "i advise",
  ])

  /// Ways of declining to advise.
  static let refusals = CueLexicon([
    "pass on that|this", "'ll pass", "i pass", "got nothing", "no advice", "n't have any advice",
    "n't have advice",
    "the one|person|guy to ask", "not the right|best|wrong person|one|guy",
    "the wrong person|one|guy",
    "the last person|guy|one you|to|who|that", "nothing comes to mind",
    "nothing really comes to mind", "can n't think of anything",
    "who am i to", "can n't|not|could n't really advise",
    "n't have any tips", "do n't know what i 'd tell", "no idea what i 'd tell", "nothing to add",
    "not much advice",
    "not the best person", "n't have good advice", "not in a position to",
    "n't think i have any|much", "i do n't have any", "i have none", "none really",
    "nothing really",
  ])
}
