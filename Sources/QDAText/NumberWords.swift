/// Reads numbers written as words in speech: `twelve`, `twenty-five`, `a dozen`,
/// `one and a half`, `a couple`.
///
/// ```swift
/// NumberWords.value(of: ["twenty", "five"])  // (25, 2)
/// ```
public enum NumberWords {
  /// The value of the number that starts at `words[0]`, and how many words it used.
  ///
  /// - Parameter words: lower-case words (hyphenated compounds already split into two words).
  /// - Returns: nil when the words do not start with a number.
  public static func value(of words: some Collection<String>) -> (value: Double, length: Int)? {
    let words = Array(words.prefix(6))
    guard let first = words.first else { return nil }
    var index = 0
    var total: Double

    switch first {
    case "a", "an":
      guard words.count > 1 else { return nil }
      switch words[1] {
      case "dozen": total = 12; index = 2
      case "couple":
        total = 2
        index = 2
        if words.count > 2, words[2] == "of" { index = 3 }
        return (total, index)
      case "few": return (3, 2)
      case "half":
        if words.count > 2, words[2] == "dozen" { return (6, 3) }
        return (0.5, 2)
      case "hundred": total = 100; index = 2
      default:
        return nil
      }
    case "half":
      if words.count > 2, words[1] == "a" || words[1] == "an" { return (0.5, 2) }
      if words.count > 1, words[1] == "dozen" { return (6, 2) }
      return (0.5, 1)
    case "dozen":
      return (12, 1)
    default:
      guard let value = simple(first) else { return nil }
      total = value
      index = 1
      // twenty five / twenty-five
      if value >= 20, value < 100, value.truncatingRemainder(dividingBy: 10) == 0,
        index < words.count, let unit = simple(words[index]), unit < 10
      {
        total += unit
        index += 1
      }
      if index < words.count, words[index] == "hundred" {
        total *= 100
        index += 1
      }
    }
    // "a hundred and twenty", "one hundred twenty-five"
    if total >= 100, total.truncatingRemainder(dividingBy: 100) == 0, index < words.count {
      let rest = words[index] == "and" ? index + 1 : index
      if rest < words.count, let tens = simple(words[rest]), tens >= 1, tens < 100,
        words[rest].unicodeScalars.first.map(Tokenizer.isDigit) == false
      {
        total += tens
        index = rest + 1
        if tens >= 20, tens.truncatingRemainder(dividingBy: 10) == 0, index < words.count,
          let unit = simple(words[index]), unit < 10,
          words[index].unicodeScalars.first.map(Tokenizer.isDigit) == false
        {
          total += unit
          index += 1
        }
      }
    }
    // "one and a half", "two and a half"
    if index + 2 < words.count, words[index] == "and", words[index + 1] == "a",
      words[index + 2] == "half"
    {
      return (total + 0.5, index + 3)
    }
    return (total, index)
  }

  private static let table: [String: Double] = [
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
  ]

  /// A single number word or digits.
  public static func simple(_ word: String) -> Double? {
    if let value = table[word] { return value }
    if let first = word.unicodeScalars.first, Tokenizer.isDigit(first) { return Double(word) }
    return nil
  }

  private static let words: [Int: String] = [
    0: "zero", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
    8: "eight", 9: "nine",
  ]

  /// Spells a count the way reports do: numbers under ten in words, others in digits.
  ///
  /// ```swift
  /// NumberWords.spell(4)   // "four"
  /// NumberWords.spell(11)  // "11"
  /// ```
  public static func spell(_ count: Int) -> String {
    words[count] ?? String(count)
  }
}
