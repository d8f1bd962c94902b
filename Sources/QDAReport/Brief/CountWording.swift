import QDAText

/// Counts in words, the way evaluation briefs write them.
///
/// The style (see Docs/outputs.md, "Counts in words"):
/// - numbers under ten in words, 10 and over in digits ("four", "11");
/// - a sentence never starts with digits: "All 11 principals", "Eleven principals";
/// - the denominator is named when it is not everyone: "four of the nine principals who
///   responded to this question";
/// - everyone is "all": "all 11 principals", "all seven principals who responded";
/// - more than half is "most": "most interviewees (eight of 11)".
///
/// ```swift
/// CountWording.phrase(4, of: 9, total: 11, noun: .principals, subset: "who responded to this question")
/// // "four of the nine principals who responded to this question"
/// ```
public enum CountWording {
  /// A noun with its singular and plural.
  public struct Noun: Sendable, Hashable {
    public var singular: String
    public var plural: String

    public init(singular: String, plural: String) {
      self.singular = singular
      self.plural = plural
    }

    public func form(_ count: Int) -> String { count == 1 ? singular : plural }
  }

  /// A number: words under ten, digits from ten.
  public static func number(_ count: Int) -> String { NumberWords.spell(count) }

  /// "four of 11 principals", "all 11 principals", "none of the 11 principals",
  /// "four of the nine principals who responded to this question".
  ///
  /// - Parameters:
  ///   - count: how many.
  ///   - denominator: out of how many.
  ///   - total: everyone in the study; when the denominator is smaller, it is a subset the
  ///     phrase names.
  ///   - subset: the words naming the subset ("who responded to this question").
  public static func phrase(
    _ count: Int, of denominator: Int, total: Int, noun: Noun, subset: String? = nil
  )
    -> String
  {
    let isSubset = denominator != total
    let tail = isSubset ? subset.map { " " + $0 } ?? "" : ""
    if denominator == 0 { return "no \(noun.plural)" }
    if count == denominator {
      if count == 1 {
        return isSubset ? "the one \(noun.singular)\(tail)" : "the one \(noun.singular)"
      }
      if count == 2 { return "both \(noun.plural)\(tail)" }
      return "all \(number(count)) \(noun.plural)\(tail)"
    }
    if count == 0 {
      return isSubset
        ? "none of the \(number(denominator)) \(noun.plural)\(tail)"
        : "none of the \(number(denominator)) \(noun.plural)"
    }
    if isSubset {
      return "\(number(count)) of the \(number(denominator)) \(noun.plural)\(tail)"
    }
    return "\(number(count)) of \(number(denominator)) \(noun.plural)"
  }

  /// "most interviewees (eight of 11)" when more than half, else "four of 11 interviewees".
  public static func share(_ count: Int, of denominator: Int, noun: Noun) -> String {
    if count == denominator {
      return phrase(count, of: denominator, total: denominator, noun: noun)
    }
    if count * 2 > denominator {
      return "most \(noun.plural) (\(number(count)) of \(number(denominator)))"
    }
    return "\(number(count)) of \(number(denominator)) \(noun.plural)"
  }

  /// The phrase with its first letter capitalised, for the start of a sentence; digits at the
  /// start are spelt out.
  public static func sentenceStart(_ phrase: String) -> String {
    guard let first = phrase.first else { return phrase }
    if first.isNumber {
      let digits = phrase.prefix { $0.isNumber }
      if let value = Int(digits) {
        return capitalized(spellOut(value)) + phrase.dropFirst(digits.count)
      }
    }
    return capitalized(phrase)
  }

  static func capitalized(_ text: String) -> String {
    guard let first = text.first else { return text }
    return first.uppercased() + text.dropFirst()
  }

  /// English words for numbers up to 999.
  static func spellOut(_ value: Int) -> String {
    let ones = [
      "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
      "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
      "nineteen",
    ]
    let tens = [
      "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ]
    if value < 20 { return ones[value] }
    if value < 100 { return tens[value / 10] + (value % 10 == 0 ? "" : "-" + ones[value % 10]) }
    if value < 1000 {
      return ones[value / 100] + " hundred" + (value % 100 == 0 ? "" : " " + spellOut(value % 100))
    }
    return String(value)
  }
}
