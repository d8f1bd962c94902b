import QDAText
/// Converts a vendor's text positions into QDAKit's: Unicode-scalar offsets into the text with
/// LF line breaks and no byte-order mark.
///
/// Vendors count differently (see `../shared/refi-qda/NOTES.md` §5): the standard and QualCoder
/// count code points in the file as stored, NVivo counts UTF-16 units with CRLF as two, ATLAS.ti
/// counts as though every line break were one character.
public struct TextPositions: Sendable {
  public enum Unit: String, Sendable, CaseIterable {
    /// Code points of the file as stored (the standard).
    case scalars = "code points"
    /// UTF-16 code units of the file as stored (NVivo).
    case utf16 = "UTF-16 units"
    /// Code points with each CRLF counted once (ATLAS.ti).
    case scalarsLF = "code points, CRLF as one"
  }

  /// The text as QDAKit stores it.
  public let text: String
  private let normalizedCount: Int
  /// For each code point of the stored file (and its end), its offset in `text`.
  private let fromScalar: [Int]
  /// For each UTF-16 unit of the stored file (and its end), its offset in `text`.
  private let fromUTF16: [Int]

  /// - Parameter raw: the file's text as stored, byte-order mark already removed.
  public init(raw: String) {
    var normalized = String.UnicodeScalarView()
    var fromScalar: [Int] = []
    var fromUTF16: [Int] = []
    let scalars = Array(scalarsOf: raw)
    // The normalised text's length, counted here: the view's `count` walks the whole string,
    // which made reading a source quadratic in its length (a 315 KB source took 71 s).
    var here = 0
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      fromScalar.append(here)
      fromUTF16.append(here)
      if scalar.value > 0xFFFF { fromUTF16.append(here) }
      if scalar == "\r" {
        if index + 1 < scalars.count, scalars[index + 1] == "\n" {
          // CRLF: both map to the one LF.
          fromScalar.append(here)
          fromUTF16.append(here)
          index += 1
        }
        normalized.append("\n")
      } else {
        normalized.append(scalar)
      }
      here += 1
      index += 1
    }
    fromScalar.append(here)
    fromUTF16.append(here)
    self.text = String(normalized)
    self.normalizedCount = here
    self.fromScalar = fromScalar
    self.fromUTF16 = fromUTF16
  }

  /// The offset in `text` of a position counted in `unit`, or nil when it lies beyond the end
  /// or before the start.
  public func offset(_ position: Int, in unit: Unit) -> Int? {
    guard position >= 0 else { return nil }
    switch unit {
    case .scalars: return position < fromScalar.count ? fromScalar[position] : nil
    case .utf16: return position < fromUTF16.count ? fromUTF16[position] : nil
    case .scalarsLF: return position <= normalizedCount ? position : nil
    }
  }

  /// How many of the selections whose `name` holds their quoted text agree with the text when
  /// counted in `unit`.
  func agreements(_ selections: [(start: Int, end: Int, name: String?)], unit: Unit) -> Int {
    let scalars = Array(scalarsOf: text)
    var count = 0
    for selection in selections {
      guard let name = selection.name, let quoted = Self.quotedText(name),
        let start = offset(selection.start, in: unit), let end = offset(selection.end, in: unit),
        start <= end
      else { continue }
      let slice = String(scalars: scalars[start..<end])
      if Self.collapse(slice) == Self.collapse(quoted) { count += 1 }
    }
    return count
  }

  /// A selection name that holds the quoted text: not empty and not truncated with an ellipsis.
  static func quotedText(_ name: String) -> String? {
    let trimmed = name.trimmingCharacters(in: " \n\t")
    guard !trimmed.isEmpty, !trimmed.hasSuffix("…"), !trimmed.hasSuffix("...") else { return nil }
    return trimmed
  }

  static func collapse(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }
}

extension String {
  func trimmingCharacters(in set: String) -> String {
    var scalars = Substring(self).unicodeScalars
    while let first = scalars.first, set.unicodeScalars.contains(first) { scalars.removeFirst() }
    while let last = scalars.last, set.unicodeScalars.contains(last) { scalars.removeLast() }
    return String(scalars)
  }
}
