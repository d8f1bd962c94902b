import Testing
import QDACodebook
import QDAModel
import _QDATestSupport

@Suite struct CodebookReaderTests {
  func read(_ yaml: String) throws -> Codebook {
    try CodebookReader().read(yaml, file: "book.yaml")
  }

  @Test func readsTheCHATCodebook() throws {
    let path = Fixtures.repository("Codebooks/chat.yaml")
    let codebook = try CodebookReader().read(try Fixtures.text(path), file: path)
    let top = codebook.codes.filter { $0.parentID == nil }
    #expect(top.map(\.element) == Element.allCases)
    for code in top {
      #expect(!code.definition.isEmpty, "\(code.id) needs a definition")
      #expect(!code.inclusion.isEmpty && !code.exclusion.isEmpty && !code.examples.isEmpty, "\(code.id)")
    }
    let required = [
      "subject.background", "object.design", "object.tasks", "outcome.motivation",
      "outcome.motivation.priorities", "outcome.motivation.staff", "outcome.motivation.passion",
      "outcome.motivation.degree", "outcome.motivation.supervisor", "rules.time", "rules.deadlines",
      "rules.incentives", "rules.requirements", "tools.platform", "tools.content",
      "community.collaboration", "division_of_labor.role", "division_of_labor.experience",
    ]
    for id in required { #expect(codebook.code(id) != nil, "missing \(id)") }
    #expect(codebook.code("tools.content")?.element == .toolsAndSigns)
    #expect(codebook.code("outcome.motivation.staff")?.element == .outcome)
    #expect(codebook.code("object.design")?.reportSection == .outcome)
    #expect(codebook.tables == TableCodes(timeCommitment: "rules.time", timeAdvice: "rules.time.advice", motivation: "outcome.motivation", incentives: "rules.incentives",
      feedback: ["tools.platform", "tools.content"]))
    #expect(codebook.valence == "chat.valence.json")
    #expect(codebook.codes.filter { $0.parentID != nil }.allSatisfy { !$0.rules.isEmpty })
  }

  @Test func prefixesChildIdsAndReadsEveryRuleKind() throws {
    let codebook = try read("""
      codes:
        - id: rules
          name: Rules
          element: rules
          codes:
            - id: time
              name: Time
              rules:
                - hours
                - any: [hour*, "time commitment"]
                  unless: ["first time"]
                - all: [time, job]
                  scope: all
                - id: near-role
                  near: [[time], [role, job]]
                  within: 3
                  questions: [Q4, probing]
                  negated: skip
      """)
    let time = try #require(codebook.code("rules.time"))
    #expect(time.parentID == "rules")
    #expect(time.element == .rules)
    #expect(time.rules == [
      CodingRule(id: "rules.time/1", pattern: .any(["hours"])),
      CodingRule(id: "rules.time/2", pattern: .any(["hour*", "time commitment"]), unless: ["first time"]),
      CodingRule(id: "rules.time/3", pattern: .all(["time", "job"]), scope: .all),
      CodingRule(id: "rules.time/near-role", pattern: .near(["time"], ["role", "job"], within: 3), questions: ["Q4", "probing"], codesNegated: false),
    ])
  }

  @Test(arguments: [
    ("codes:\n  - name: X\n    element: rules\n    defintion: y\n",
     "book.yaml:4:5: unknown key 'defintion' in a code (did you mean 'definition'?); expected one of: id, name, element, definition, include, exclude, examples, color, rules, report_section, summary, codable, guid, codes"),
    ("codes:\n  - name: X\n    element: rulez\n",
     "book.yaml:3:14: 'rulez' is not a CHAT element; use one of: subject, object, outcome, rules, tools_and_signs, community, division_of_labor (or none)"),
    ("codes:\n  - name: X\n",
     "book.yaml:2:5: top-level code 'x' has no 'element' (the CHAT element it belongs to)"),
    ("codes:\n  - id: a\n    name: A\n    element: rules\n  - id: a\n    name: B\n    element: rules\n",
     "book.yaml:5:9: code id 'a' is already used at book.yaml:2:5"),
    ("codes:\n  - name: A\n    element: rules\n    rules:\n      - near: [[a]]\n",
     "book.yaml:5:15: 'near' takes two lists of terms: near: [[time], [role, job]]"),
    ("codes:\n  - name: A\n    element: rules\n    rules:\n      - any: [a]\n        all: [b]\n",
     "book.yaml:5:9: a rule needs exactly one of 'any', 'all', 'near' or 'answers' (this one has any and all)"),
    ("tables:\n  motivation: outcome.why\ncodes:\n  - name: A\n    element: rules\n",
     "book.yaml:2:15: tables.motivation names 'outcome.why', which is not a code of this codebook"),
    ("tables:\n  feedback: [a, tools.app]\ncodes:\n  - id: a\n    name: A\n    element: tools_and_signs\n",
     "book.yaml:2:17: tables.feedback names 'tools.app', which is not a code of this codebook"),
    ("codes:\n  - name: A\n    element: rules\n    color: red\n",
     "book.yaml:4:12: color 'red' must be written #rrggbb"),
    ("codes:\n  - name: A\n    element: [rules\n",
     "book.yaml:4:1: did not find expected ',' or ']' (while parsing a flow sequence at line 3, column 14)"),
  ])
  func reportsProblemsWithLineAndColumn(yaml: String, message: String) {
    do {
      _ = try read(yaml)
      Issue.record("expected an error")
    } catch {
      #expect(String(describing: error) == message)
    }
  }
}

@Suite struct ProtocolReaderTests {
  @Test func readsAnswerRules() throws {
    let codebook = try CodebookReader().read("""
      codes:
        - id: rules
          name: Rules
          element: rules
          rules:
            - answers: probing
            - answers: [Q7, Q8]
      """, file: "book.yaml")
    let rules = try #require(codebook.code("rules")?.rules)
    #expect(rules.map(\CodingRule.pattern) == [RulePattern.answers, .answers])
    #expect(rules.map(\CodingRule.questions) == [["probing"], ["Q7", "Q8"]])
    #expect {
      try CodebookReader().read("""
        codes:
          - id: rules
            name: Rules
            element: rules
            rules:
              - answers: probing
                questions: [Q1]
        """, file: "book.yaml")
    } throws: { String(describing: $0).hasPrefix("book.yaml:7:") }
  }

  @Test func readsTheSampleProtocol() throws {
    let codebook = try CodebookReader().read(try Fixtures.text(Fixtures.repository("Codebooks/chat.yaml")), file: "chat.yaml")
    let path = Fixtures.repository("Corpora/principals/protocol.yaml")
    let proto = try ProtocolReader().read(try Fixtures.text(path), file: path, codebook: codebook)
    #expect(proto.questions.map(\.id) == (1...12).map { "Q\($0)" })
    #expect(proto.study.participantsNoun == "principals")
    #expect(proto.study.programme == "the micro-credential")
    #expect(proto.question(measuring: .hoursEstimate)?.id == "Q4")
    #expect(proto.question(measuring: .timeJudgment)?.id == "Q5")
    #expect(proto.question(measuring: .timeAdvice)?.id == "Q6")
    #expect(proto.question(measuring: .incentiveRole)?.id == "Q7")
    #expect(proto.study.label(forAttribute: "years_as_admin") == "years of experience as an administrator")
    #expect(proto.study.label(forAttribute: "other_thing") == "other thing")
  }

  @Test func rejectsProbesTheCodebookLacksAndUnknownMeasures() throws {
    let codebook = Codebook(name: "b", version: "1", codes: [Code(id: "rules", name: "Rules", element: .rules)])
    #expect(throws: CodebookError(InputLocation(file: "p.yaml", line: 4, column: 13), .unknownReference, "question Q1 probes 'rules.time', which the codebook does not define")) {
      try ProtocolReader().read("questions:\n  - id: Q1\n    text: Hours?\n    probes: [rules.time]\n", file: "p.yaml", codebook: codebook)
    }
    #expect(throws: CodebookError.self) {
      try ProtocolReader().read("questions:\n  - id: Q1\n    text: Hours?\n    measure: hours\n", file: "p.yaml")
    }
  }
}
