import QDAModel
import QDAQuery
import Testing
import _QDATestSupport

@Suite struct QueryParsingTests {
  static let veteran = Participant(
    id: "P10", attributes: ["years_as_admin": .number(17), "completed": .yesNo(false), "district": .category("Illini Trail")])

  @Test(arguments: [
    ("completed=no", true), ("completed=yes", false), ("completed!=yes", true), ("years_as_admin>=15", true),
    ("years_as_admin>17", false), ("years_as_admin<=17", true), ("years_as_admin<10", false),
    ("district=illini trail", true), ("district!=Illini Trail", false), ("school_level=high", false),
    ("school_level!=high", true),
  ])
  func conditionsCompareByTheAttributesType(text: String, matches: Bool) throws {
    #expect(try AttributeCondition(text).matches(Self.veteran) == matches)
  }

  @Test(arguments: [
    ("completed", "--where completed: write attribute=value, or use !=, >=, <=, > or < (for example completed=no, years_as_admin>=15)"),
    ("=no", "--where =no: name the attribute before ="),
    ("years>=", "--where years>=: give a value after >="),
  ])
  func badConditionsSayHowToWriteThem(text: String, message: String) {
    #expect(throws: QueryError(message)) { try AttributeCondition(text) }
  }

  @Test(arguments: [
    "time", "\"planning time\"", "collab*", "NEAR(time alone, 5)", "time AND alone", "time OR hours", "time NOT hours",
    "(time OR hours) AND alone", "text:time",
  ])
  func wellFormedQueriesPass(query: String) throws {
    #expect(try FullTextQuery.check("  " + query + " ") == query)
  }

  @Test(arguments: [
    ("\"planning time", "the query has an unclosed quote: close the phrase with \" (for example \"planning time\")"),
    ("(time OR hours", "the query opens a parenthesis it never closes"),
    ("time)", "the query closes a parenthesis it never opened"),
    ("AND time", "the query starts with AND: put a word before it (for example time AND alone)"),
    ("time OR", "the query ends with OR: put a word after it (for example time OR alone)"),
    ("time AND OR hours", "AND OR has no word between the operators"),
    ("speaker:ana", "'speaker:' is not something to search in; search the passage text without a prefix (or text:…)"),
    ("NEAR time alone", "write NEAR as NEAR(word word, distance), for example NEAR(time alone, 5)"),
    ("*ollab", "a * goes at the end of a word prefix (collab*), not at its start"),
  ])
  func malformedQueriesSayWhatToFix(query: String, message: String) {
    #expect(throws: QueryError(message)) { try FullTextQuery.check(query) }
  }
}

/// Random query strings: the checker accepts or explains, and what it accepts is balanced.
@Suite struct QueryFuzzTests {
  @Test func everyQueryIsAcceptedBalancedOrExplained() {
    for seed in FuzzInput.firstSeed..<(FuzzInput.firstSeed + UInt64(FuzzInput.iterations)) {
      var input = FuzzInput(seed: seed)
      let words = ["time", "AND", "OR", "NOT", "(", ")", "\"", "NEAR(", "collab*", "*x", "text:", "x:", ",", "5", "alone"]
      let query = (0..<Int.random(in: 0...8, using: &input)).map { _ in words.randomElement(using: &input)! }.joined(separator: " ")
      do {
        let accepted = try FullTextQuery.check(query)
        #expect(accepted.filter { $0 == "\"" }.count % 2 == 0, "seed \(seed): \(query)")
      } catch is QueryError {
      } catch {
        Issue.record("seed \(seed): unexpected \(error)")
      }
      _ = try? AttributeCondition(input.text(length: 5))
    }
  }
}

/// A condition that matches nobody says why, and categories match whatever their case and spacing.
@Suite struct ConditionExplanationTests {
  static let people = [
    Participant(id: "A", attributes: ["school_level": .category("High School"), "years": .number(4), "completed": .yesNo(true)]),
    Participant(id: "B", attributes: ["school_level": .category("elementary"), "years": .number(17), "completed": .yesNo(false)]),
  ]

  @Test(arguments: ["school_level=high school", "school_level=HIGH_SCHOOL", "school_level=high-school", "school_level= High  School "])
  func categoriesMatchWhateverTheirCaseAndSpacing(text: String) throws {
    #expect(try AttributeCondition(text).matches(Self.people[0]))
    #expect(try !AttributeCondition(text).matches(Self.people[1]))
  }

  @Test(arguments: [
    ("school_level=high", "no participant has school_level=high; school_level has: High School, elementary"),
    ("years>20", "no participant has years>20; years has: 4 to 17"),
    ("district=North", "no participant has a value for district"),
  ])
  func aConditionThatMatchesNobodySaysWhatValuesThereAre(text: String, message: String) throws {
    #expect(try AttributeCondition(text).explanation(Self.people) == message)
  }

  @Test func aConditionThatMatchesSomeoneNeedsNoExplanation() throws {
    #expect(try AttributeCondition("years>=10").explanation(Self.people) == nil)
  }
}
