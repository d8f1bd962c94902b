import QDAAgreement

/// The worked examples of METHODS.md §4, typed in from the published tables.
enum GoldenData {
  /// Reads whitespace-separated rows of integers, `.` or `NA` for a missing value.
  static func rows(_ text: String) -> [[Int?]] {
    text.split(separator: "\n").map { line in
      line.split(whereSeparator: { $0 == " " || $0 == "," }).map { Int($0) }
    }
  }

  /// G1: Krippendorff's canonical 4 coders × 12 units (Krippendorff 2011; 2018 p. 290).
  static let g1 = ReliabilityData(
    coders: ["A", "B", "C", "D"],
    valuesByCoder: rows(
      """
      1  2  3  3  2  1  4  1  2  .  .  .
      1  2  3  3  2  2  4  1  2  5  .  3
      .  3  3  3  2  3  4  2  2  5  1  .
      1  2  3  3  2  4  4  1  2  5  1  .
      """))

  /// G2: Wikipedia's computational example, 3 coders × 15 units.
  static let g2 = ReliabilityData(
    coders: ["A", "B", "C"],
    valuesByCoder: rows(
      """
      .  .  .  .  .  3  4  1  2  1  1  3  3  .  3
      1  .  2  1  3  3  4  3  .  .  .  .  .  .  .
      .  .  2  1  3  4  4  .  2  1  1  3  3  .  4
      """))

  /// G7: Hayes & Krippendorff (2007, p. 84), 40 units × 5 observers, ordinal 0–3; units in
  /// reading order, ` | ` between units.
  static let g7: ReliabilityData<Int> = {
    let text = """
      1,1,2,NA,2 | 1,1,0,1,NA | 2,3,3,3,NA | NA,0,0,NA,0 | 0,0,0,NA,0 | 0,0,0,NA,0 | 1,0,2,NA,1 | 1,NA,2,0,NA
      2,2,2,NA,2 | 2,1,1,1,NA | NA,1,0,0,NA | 0,0,0,0,NA | 1,2,2,2,NA | 3,3,2,2,3 | 1,1,1,NA,1 | 1,1,1,NA,1
      2,1,2,NA,2 | 1,2,3,3,NA | 1,1,0,1,NA | 0,0,0,NA,0 | 0,0,1,1,NA | 0,0,NA,0,0 | 2,3,3,3,NA | 0,0,0,0,NA
      1,2,NA,2,2 | 0,1,1,1,NA | 0,0,0,1,0 | 1,2,1,2,NA | 1,1,2,2,NA | 1,1,2,NA,2 | 1,1,0,NA,0 | 2,1,2,1,NA
      2,2,NA,2,2 | 3,2,2,2,NA | 2,2,2,NA,2 | 2,2,3,NA,2 | 2,2,2,NA,2 | 2,2,NA,1,2 | 2,2,2,2,NA | 1,1,1,NA,1
      """
    let units = text.split(whereSeparator: { $0 == "|" || $0 == "\n" }).map { unit in
      unit.split(whereSeparator: { $0 == "," || $0 == " " }).map { Int($0) }
    }
    return ReliabilityData(coders: ["obs1", "obs2", "obs3", "obs4", "obs5"], valuesByUnit: units)
  }()

  /// G10: Fleiss (1971, p. 379), 30 subjects × 6 raters, categories 1–5; a digit per rating.
  static let g10: ReliabilityData<Int> = {
    let text = """
      444444 222555 233335 555555 222444 113333 333355 113334 114444 555555
      144444 124444 222333 144444 224445 333335 111455 111112 224444 133555
      555555 244444 224555 114444 144445 222224 111155 224444 133333 555555
      """
    let units = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { unit in
      unit.map { Int(String($0)) }
    }
    return ReliabilityData(coders: (1...6).map { "rater \($0)" }, valuesByUnit: units)
  }()

  /// A two-coder table from "(A,B) × count" pairs, as Artstein & Poesio and Gwet give them.
  static func pairs<Category>(_ counts: [(Category, Category, Int)]) -> [(Category, Category)] {
    counts.flatMap { first, second, count in Array(repeating: (first, second), count: count) }
  }
}
