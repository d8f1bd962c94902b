/// Deterministic synthetic study data for benchmarks and scale tests: principal interviews that
/// follow the sample protocol (`Corpora/principals/protocol.yaml`), their participants' attributes,
/// and a Qualtrics survey export, at any size.
///
/// Every document is generated from `(seed, index)` alone, so documents can be made in any
/// order or in parallel and the same seed always gives the same bytes. Interviews vary in label
/// style (`Interviewer:`/`Principal:`, `Q:`/`A:`, bracketed time stamps, capitals), length (about
/// 3,000 to 14,000 words; about 50 KB on average), and encoding (UTF-8, UTF-8 with BOM, CRLF, UTF-16LE,
/// Windows-1252). Answers are drawn from sentence banks per question, so the codebook's rules,
/// the hour estimates, judgments and contradictions all have something to find.
///
/// ```swift
/// let corpus = SyntheticCorpus(seed: 7)
/// let file = corpus.interview(42)   // (name: "I00042.txt", bytes: […])
/// ```
public struct SyntheticCorpus: Sendable {
  public var seed: UInt64

  public init(seed: UInt64) { self.seed = seed }

  // MARK: - Interviews

  /// Interview `index` (0-based): its file name and bytes.
  public func interview(_ index: Int) -> (name: String, bytes: [UInt8]) {
    var random = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(index) &+ 1)
    let id = Self.participantID(index)
    let style = LabelStyle.allCases[random.next(LabelStyle.allCases.count)]
    let interviewerName = Self.interviewers[random.next(Self.interviewers.count)]
    var lines: [String] = []
    lines.append("Title: Leadership for Equity micro-credential — principal interview \(index + 1)")
    lines.append("Date: 2020-\(random.next(2) == 0 ? "08" : "09")-\(pad2(1 + random.next(28)))")
    lines.append("Participant: \(id)")
    lines.append("")
    var clock = 4
    func say(_ role: Role, _ text: String) {
      clock += 5 + text.count / 14
      lines.append(
        style.label(role, interviewer: interviewerName, participant: id, seconds: clock) + text)
    }
    say(.interviewer, "Thanks for making time for this. Is it all right if I record?")
    say(.participant, Self.pick(["Sure, that's fine.", "Yes, go ahead.", "Of course."], &random))
    // Long interviews revisit the questions with probes: a round is the protocol once.
    let rounds = 3 + random.next(9)
    for round in 0..<rounds {
      for question in Self.questions {
        say(
          .interviewer,
          round == 0 ? question.asked : Self.pick(Self.probes, &random) + " " + question.followUp)
        // Distinct sentences, in a random order.
        var bank = question.answers
        var answer: [String] = []
        for _ in 0..<min(bank.count, 4 + random.next(5)) {
          answer.append(Self.fill(bank.remove(at: random.next(bank.count)), &random))
        }
        if random.next(3) == 0 { answer.append(Self.pick(Self.filler, &random)) }
        say(.participant, answer.joined(separator: " "))
        if random.next(4) == 0 {
          say(
            .interviewer,
            Self.pick(["Mm-hmm.", "Right.", "That makes sense.", "Say more about that."], &random))
          say(.participant, Self.fill(Self.pick(question.answers, &random), &random))
        }
      }
    }
    say(.interviewer, "Thank you, this has been really helpful.")
    say(.participant, "You're welcome.")
    let encoding = Encoding.pick(&random)
    let text =
      lines.joined(separator: encoding == .crlf ? "\r\n" : "\n")
      + (encoding == .crlf ? "\r\n" : "\n")
    return ("\(id).txt", encoding.bytes(text))
  }

  /// The `participants.csv` for `count` interviews (plus one participant without a transcript).
  public func participants(_ count: Int) -> String {
    var random = SplitMix64(seed: seed ^ 0x5151_5151)
    var lines = ["participant_id,completed,years_as_admin,school_level,district"]
    for index in 0...count {
      let level = ["elementary", "elementary", "middle school", "high school"][random.next(4)]
      let completed = random.next(5) == 0 ? "no" : "yes"
      let district = Self.districts[random.next(Self.districts.count)]
      lines.append(
        "\(Self.participantID(index)),\(completed),\(3 + random.next(25)),\(level),\(district) SD \(10 + random.next(190))"
      )
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func participantID(_ index: Int) -> String {
    "I" + pad5(index + 1)
  }

  // MARK: - Survey

  /// The three header rows of the Qualtrics export; row 3's JSON cells quoted, as Qualtrics
  /// writes them (they hold commas).
  public static let surveyHeader: String = {
    let tags =
      "StartDate,EndDate,Status,Progress,Finished,ResponseId,Q1,Q2_1,Q2_2,Q2_3,Q2_4,Q3,Q4,Q5"
    let texts = [
      "Start Date", "End Date", "Response Type", "Progress", "Finished", "Response ID",
      "What is your role?",
      "How much do you agree? - I can articulate the purpose of micro-credentials",
      "How much do you agree? - Micro-credentials are significant to my learning",
      "How much do you agree? - I would recommend micro-credentials",
      "How much do you agree? - The platform is easy to use",
      "Which supports helped you? Select all that apply.",
      "About how many hours did you spend?", "What would you change about the micro-credentials?",
    ]
    let importIDs = [
      #"{"ImportId":"startDate","timeZone":"America/Denver"}"#,
      #"{"ImportId":"endDate","timeZone":"America/Denver"}"#,
      #"{"ImportId":"status"}"#, #"{"ImportId":"progress"}"#, #"{"ImportId":"finished"}"#,
      #"{"ImportId":"_recordId"}"#,
      #"{"ImportId":"QID1"}"#, #"{"ImportId":"QID2_1"}"#, #"{"ImportId":"QID2_2"}"#,
      #"{"ImportId":"QID2_3"}"#,
      #"{"ImportId":"QID2_4"}"#, #"{"ImportId":"QID3"}"#, #"{"ImportId":"QID4_TEXT"}"#,
      #"{"ImportId":"QID5_TEXT"}"#,
    ]
    return [
      tags, texts.map(csvCell).joined(separator: ","),
      importIDs.map(csvCell).joined(separator: ","),
    ]
    .joined(separator: "\n") + "\n"
  }()

  /// Respondent rows `range` of the survey export (CSV lines, quoted where needed).
  public func surveyRows(_ range: Range<Int>) -> String {
    var out = ""
    out.reserveCapacity(range.count * 260)
    for index in range {
      var random = SplitMix64(seed: seed &* 31 &+ UInt64(index) &+ 0xABCD)
      let finished = random.next(20) != 0
      let status = random.next(200) == 0 ? "Survey Preview" : "IP Address"
      let day = 1 + random.next(28)
      let start = "2021-04-\(pad2(day)) \(pad2(7 + random.next(12))):\(pad2(random.next(60))):00"
      let role = ["Teacher", "Teacher", "Teacher", "Instructional coach", "Assistant principal"][
        random.next(5)]
      var cells = [
        start, start, status, finished ? "100" : String(20 + random.next(70)),
        finished ? "True" : "False", "R_\(pad5(index))\(random.next(100_000))", role,
      ]
      for _ in 0..<4 {
        cells.append(
          random.next(9) == 0 ? "" : Self.agreement[min(4, random.next(3) + random.next(3))])
      }
      let supports = Self.supports.filter { _ in random.next(3) == 0 }
      cells.append(supports.joined(separator: ","))
      cells.append(random.next(6) == 0 ? "" : String(2 + random.next(40)))
      cells.append(
        random.next(3) == 0 ? Self.fill(Self.pick(Self.surveyComments, &random), &random) : "")
      out += cells.map(Self.csvCell).joined(separator: ",") + "\n"
    }
    return out
  }

  static func csvCell(_ value: String) -> String {
    value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
      ? "\"" + value.replacingAll("\"", "\"\"") + "\"" : value
  }

  // MARK: - Banks

  enum Role { case interviewer, participant }

  enum LabelStyle: CaseIterable {
    case named, qa, stamped, capitals

    func label(_ role: Role, interviewer: String, participant: String, seconds: Int) -> String {
      switch self {
      case .named: role == .interviewer ? "Interviewer: " : "Principal: "
      case .qa: role == .interviewer ? "Q: " : "A: "
      case .stamped:
        "[\(pad2(seconds / 3600)):\(pad2(seconds / 60 % 60)):\(pad2(seconds % 60))] "
          + (role == .interviewer ? interviewer : "Principal \(participant)") + ": "
      case .capitals: role == .interviewer ? "INTERVIEWER: " : "RESPONDENT: "
      }
    }
  }

  enum Encoding {
    case utf8, bom, crlf, utf16, windows1252

    static func pick(_ random: inout SplitMix64) -> Encoding {
      switch random.next(20) {
      case 0: .utf16
      case 1, 2: .windows1252
      case 3, 4: .bom
      case 5, 6, 7: .crlf
      default: .utf8
      }
    }

    func bytes(_ text: String) -> [UInt8] {
      switch self {
      case .utf8, .crlf: Array(text.utf8)
      case .bom: [0xEF, 0xBB, 0xBF] + Array(text.utf8)
      case .utf16:
        [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
      case .windows1252:
        text.unicodeScalars.map { scalar in
          switch scalar {
          case "’": 0x92
          case "“": 0x93
          case "”": 0x94
          case "—": 0x97
          case "–": 0x96
          default: scalar.value < 0x80 ? UInt8(scalar.value) : UInt8(ascii: "?")
          }
        }
      }
    }
  }

  struct Question {
    var asked: String
    var followUp: String
    var answers: [String]
  }

  static func pick<T>(_ items: [T], _ random: inout SplitMix64) -> T {
    items[random.next(items.count)]
  }

  /// Fills `{n}` (a number of hours), `{w}` (a number word) and `{s}` (a school).
  static func fill(_ template: String, _ random: inout SplitMix64) -> String {
    guard template.contains("{") else { return template }
    return
      template
      .replacingAll("{n}", String(5 + random.next(40)))
      .replacingAll(
        "{w}", ["ten", "fifteen", "twenty", "twenty-five", "thirty", "a dozen"][random.next(6)]
      )
      .replacingAll("{s}", districts[random.next(districts.count)] + " Elementary")
  }

  static let interviewers = ["Sam Whitaker", "K. Brandt", "Dr. Ortiz", "Jordan Lee", "M. Okafor"]
  static let districts = [
    "Prairie View", "Rock Creek", "Lincoln Heights", "Fox Bend", "Kaskaskia Valley", "Three Rivers",
    "Sangamon Park",
    "Illini Trail", "Maple Hollow", "Cedar Ridge", "Willow Bend", "Oak Grove",
  ]
  static let probes = [
    "Going back to something you said earlier.", "Let me ask about that again.",
    "I want to come back to this.",
  ]
  static let filler = [
    "Sorry, my phone is buzzing, give me a second.", "Anyway, that's a long way of saying it.",
    "I hope that makes sense.",
    "It was a strange spring for everybody.", "We were all just trying to keep up.",
  ]
  static let agreement = [
    "Strongly disagree", "Disagree", "Agree", "Strongly agree", "Strongly agree",
  ]
  static let supports = [
    "Collaborative planning time", "Coaching", "Online community", "Stipend", "Release time",
  ]
  static let surveyComments = [
    "More time to collaborate with colleagues on the tasks.",
    "Clearer feedback from the assessors, with examples.",
    "The platform kept logging me out; save drafts automatically.",
    "A stipend would help, {w} hours is a lot after school.",
    "Let teams work on the evidence together instead of alone.",
    "Honestly it was fine, I would do another one.",
  ]

  static let questions: [Question] = [
    Question(
      asked:
        "Could you tell me a little about yourself, how long you've been an administrator and your current role?",
      followUp: "How long have you been in your current role?",
      answers: [
        "I'm the principal at {s}, about four hundred students.",
        "I've been an administrator for {w} years, more or less.",
        "I was an assistant principal for a few years before this.",
        "Before that I taught fourth grade for a long time.",
        "We have a lot of growth in our English learner population.",
        "My role is mostly instructional leadership, on paper anyway.",
        "I was a counselor before I moved into administration.",
        "It's a small building, so I wear a lot of hats.",
      ]),
    Question(
      asked: "What motivated you to take on the Leadership for Equity micro-credential?",
      followUp: "What was your main reason for doing it?",
      answers: [
        "It was aligned with our district's priorities on equity.",
        "I wanted to bring it back to my staff and share it with my teachers.",
        "Equity is a passion of mine, it's personal for me.",
        "My superintendent asked a few of us to try it.",
        "It lined up with the Ed.D. coursework I'm doing for my degree.",
        "Our school improvement plan has an equity goal.",
        "I wanted something I could use with my leadership team.",
        "Honestly, the topic is close to my heart.",
      ]),
    Question(
      asked:
        "What did you find appealing about the micro-credential approach, compared with other professional development?",
      followUp: "What about the format appealed to you?",
      answers: [
        "I liked that it was self-paced and online.", "It's job-embedded, you use your own school.",
        "The flexibility mattered, I could work on it late at night.",
        "It's short-term, not a two-year commitment like a degree.",
        "I didn't think about the format much, my director sent it around.",
        "It felt more real than a one-day workshop.",
      ]),
    Question(
      asked: "About how many hours did you spend working on the micro-credential, start to finish?",
      followUp: "How much time did it take you, all told?",
      answers: [
        "Maybe {n} hours, start to finish.", "Somewhere between {n} and {n} hours, I'd guess.",
        "I'd say {w} hours, most of it on weekends.",
        "About two hours a week for {w} weeks.", "Honestly I couldn't say, I didn't keep track.",
        "It took me {n} hours, roughly.",
      ]),
    Question(
      asked: "Was the amount of time it required too much, about right, or too little?",
      followUp: "Did the time feel like too much?",
      answers: [
        "It felt about right for what it asked.",
        "It was too much time, to be honest, with everything else going on.",
        "About right, maybe a little heavy in the spring.",
        "It wasn't too much, it was reasonable.",
        "Too much, during reopening there was no time at all.",
      ]),
    Question(
      asked: "What advice would you give other principals about the time commitment?",
      followUp: "What would you tell someone starting it?",
      answers: [
        "Block out time on your calendar every week and protect it.",
        "Start early, don't leave it until the deadline.",
        "Set aside an hour on Tuesday and an hour on Thursday.",
        "Pick a problem in your building that's real.",
        "Manage your time, chunk it into small pieces.",
      ]),
    Question(
      asked:
        "What role did the incentives, the professional development hours and the endorsement on your license, play in your decision to complete it?",
      followUp: "Did the incentives matter to you?",
      answers: [
        "Honestly, none. It didn't factor in.", "They were a nice perk, not the reason I did it.",
        "The PD hours helped a little, I needed them for renewal.",
        "It didn't really matter to me.",
        "The endorsement on my license was part of why I finished.",
      ]),
    Question(
      asked:
        "What feedback do you have on the online platform where the micro-credential is hosted?",
      followUp: "How was the platform to use?",
      answers: [
        "The platform was intuitive, easy to find things.",
        "It kept logging me out, and I lost a draft once.",
        "I'd like notifications when something's been reviewed.",
        "Uploading the videos was clunky.",
        "It was straightforward, user-friendly.",
        "I wrote everything in a Word document and pasted it in.",
      ]),
    Question(
      asked: "How relevant and useful were the content and the resources?",
      followUp: "Which resources did you use most?",
      answers: [
        "Very relevant, the Playbook was my favorite.",
        "The readings on implicit bias were useful with my leadership team.",
        "Some of the videos were good, some were dated.",
        "The content asks you to be a collaborative leader, to build community.",
        "Everything in the content is about being responsive to your staff and your families.",
        "I still use the resources with my teachers.",
      ]),
    Question(
      asked:
        "Did you have opportunities to collaborate with other principals or colleagues while you worked on it?",
      followUp: "Did you work with anyone else on it?",
      answers: [
        "No, I did it alone, it was very solitary.",
        "There was no way to connect with the other principals in it.",
        "I talked with my assistant principal about it, but not the tasks.",
        "I wish there had been a cohort to work with.",
        "The tasks had to be done alone, which felt odd for leadership work.",
      ]),
    Question(
      asked: "Were there any challenges or tensions for you in completing the micro-credential?",
      followUp: "What made it hard to finish?",
      answers: [
        "Time was the big one, I felt torn between the work and my people.",
        "The content asks for collaborative leadership, but the tasks have to be done alone.",
        "Being responsive during reopening ate all my hours, and that's why I couldn't finish.",
        "The feedback from the assessor didn't make sense to me.",
        "I got behind for a few weeks in April but caught up.",
        "I had to choose between my staff and the micro-credential, there was no way to do both.",
      ]),
    Question(
      asked:
        "What recommendations would you make to the people who design and run the micro-credential?",
      followUp: "What would you change?",
      answers: [
        "An online community where participants can talk to each other.",
        "Clearer communication from the assessors, with examples.",
        "Let a building team do it together.", "A coach who checks in every few weeks would help.",
        "Add a progress bar and notifications.", "Connect the tasks to the team a bit more.",
      ]),
  ]
}

/// A small, fast, seeded generator (SplitMix64): the same seed gives the same sequence on every
/// platform, unlike the system generator. Tests use it too, so that a failing run can be repeated.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func nextValue() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  public mutating func next() -> UInt64 { nextValue() }

  /// A number in `0..<bound`.
  public mutating func next(_ bound: Int) -> Int { Int(nextValue() % UInt64(max(1, bound))) }
}

/// `7` → `07`.
func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

/// `42` → `00042`.
func pad5(_ value: Int) -> String {
  let digits = "\(value)"
  return String(repeating: "0", count: max(0, 5 - digits.count)) + digits
}

extension String {

  func replacingAll(_ target: String, _ replacement: String) -> String {
    guard contains(target) else { return self }
    return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
