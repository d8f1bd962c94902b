import Foundation

extension SurveyItemBuilder {
  /// How a column packs several choices into one cell, and how to split a cell back into them.
  ///
  /// Tools join a multi-select's choices in one cell: Qualtrics' "choice text" export with `,`
  /// and no space (`Coaching,Release time`), Google Forms with `, `. A choice can itself hold a
  /// comma (`Yes, in part`, `Release time (e.g., substitutes)`), so a cell is split by these
  /// rules, in order:
  /// 1. choices the export names (a REDCap dictionary's list, the label Qualtrics writes over an
  ///    "other" choice's text box) and choices learnt from the respondents (see
  ///    ``commaChoices(_:separator:capitalised:)``) are kept whole;
  /// 2. with Qualtrics' separator, a comma followed by a space is inside a choice, never between
  ///    two, and a comma between a digit and three digits is a thousands separator (`$1,500`);
  /// 3. parts are glued back while a `(` or `[` is open;
  /// 4. when no cell of the column begins with a small letter (the choices are capitalised), a
  ///    part beginning with one continues the choice before it (`Yes, in part`, `Coaching,
  ///    mentoring or feedback`).
  ///
  /// A column is taken as packed when some cell holds several parts and
  /// - the export says the column answers a choice question (Qualtrics' `- Selected Choice`, a
  ///   `Q5_7_TEXT` box) and the parts are joined as Qualtrics joins them (in such a column no
  ///   other separator is tried: `, ` is inside a choice), or
  /// - the question asks for several answers ("select all that apply") and the parts read as
  ///   labels (twelve words or fewer, mostly not sentences), or
  /// - the cells are joined the way Qualtrics joins them, the parts read as labels and half of
  ///   their uses or more recur (in two cells, or alone in one), or
  /// - two cells or more hold several parts, the parts read as labels (eight words or fewer) and
  ///   nine in ten of their uses recur.
  ///
  /// A column whose answers are prose with commas fails all four: its parts are long, end
  /// sentences, or do not recur, and nothing in the header says it holds choices.
  struct Packing {
    enum Separator: Equatable {
      /// `,` not followed by a space: Qualtrics.
      case tightComma
      /// `, `: Google Forms.
      case commaSpace
      /// Any `,`.
      case comma
    }

    /// What the header rows say about a column.
    struct Hints {
      /// The export is Qualtrics', which joins choices with `,` and no space.
      var qualtrics = false
      /// The export says the column answers a choice question.
      var choiceQuestion = false
      /// The question asks for several answers.
      var asksForSeveral = false
      /// Choice labels the export names.
      var known: [String] = []
    }

    var choices: [String]
    let separator: Separator
    /// Choices that hold the separator themselves, kept whole when a cell is split.
    let known: Set<String>
    /// No cell begins with a small letter: a part that does continues the choice before it.
    var capitalised: Bool
    /// `known`, ready to split cells with.
    let prepared: KnownChoices

    /// The packing of a column's cells, nil when they do not look packed.
    init?(_ values: CellValues, hints: Hints = Hints()) {
      // Qualtrics joins with `,` alone: in a column it says holds choices, a comma followed by a
      // space is inside a choice (`Yes, in part`), so no other separator is tried.
      var separators: [Separator] = [.commaSpace, .comma]
      if hints.qualtrics {
        separators = hints.choiceQuestion ? [.tightComma] : [.tightComma] + separators
      }
      for separator in separators {
        if let packing = Self.packing(values, separator: separator, hints: hints) {
          self = packing
          return
        }
      }
      return nil
    }

    private init(
      choices: [String], separator: Separator, known: Set<String>, prepared: KnownChoices,
      capitalised: Bool
    ) {
      self.choices = choices
      self.separator = separator
      self.known = known
      self.prepared = prepared
      self.capitalised = capitalised
    }

    /// The phrases of a question that asks for several answers.
    static let severalAnswers = [
      "all that apply", "select all", "check all", "choose all", "mark all", "tick all",
      "one or more", "select up to",
      "choose up to", "select any", "check any", "choose any", "select multiple",
    ]

    /// Whether a question's text asks for several answers.
    static func asksForSeveral(_ text: String) -> Bool {
      let lowered = text.lowercased()
      return severalAnswers.contains { lowered.contains($0) }
    }

    private static func packing(_ values: CellValues, separator: Separator, hints: Hints)
      -> Packing?
    {
      let distinct = values.counts
      guard distinct.keys.contains(where: { pieces(of: $0, separator: separator).count >= 2 })
      else { return nil }
      let capitalised = !distinct.keys.contains { $0.first?.isLowercase == true }
      let named = Set(hints.known.filter { pieces(of: $0, separator: separator).count >= 2 })
      let known = named.union(
        commaChoices(distinct, separator: separator, capitalised: capitalised))
      let prepared = KnownChoices(known, separator: separator)
      let limit = max(12, values.total / 3)
      // Per part, the cells holding it; the cells of several parts with their parts.
      var counts: [String: Int] = [:]
      var alone = Set<String>()
      var multi: [(parts: [String], cells: Int)] = []
      for (value, cells) in distinct {
        let parts = fragments(value, known: prepared, capitalised: capitalised)
        for part in Set(parts) { counts[part, default: 0] += cells }
        // Too many distinct parts for choices (a choice question's cells are choices whatever their number).
        guard hints.choiceQuestion || counts.count <= limit else { return nil }
        if parts.count == 1 {
          alone.insert(parts[0])
        } else if parts.count >= 2 {
          multi.append((parts, cells))
        }
      }
      let multiCells = multi.reduce(0) { $0 + $1.cells }
      guard multiCells >= 1 else { return nil }
      let established = Set(hints.known)
      var partsInMulti = 0
      var recurring = 0
      for (parts, cells) in multi {
        partsInMulti += parts.count * cells
        recurring +=
          parts.filter { (counts[$0] ?? 0) >= 2 || alone.contains($0) || established.contains($0) }
          .count * cells
      }
      let share = Double(recurring) / Double(partsInMulti)
      // Sentences split at their commas recur when people write alike; labels rarely end a sentence.
      let sentences = counts.keys.filter { $0.last.map { ".!?".contains($0) } ?? false }
      let fewSentences = sentences.count * 2 <= counts.count
      func words(atMost limit: Int) -> Bool {
        multi.allSatisfy { $0.parts.allSatisfy { $0.split(separator: " ").count <= limit } }
      }
      let labels = fewSentences && words(atMost: 12)
      let packed =
        (hints.choiceQuestion && separator == .tightComma)
        || (hints.asksForSeveral && labels)
        || (separator == .tightComma && labels && share >= 0.5)
        || (multiCells >= 2 && fewSentences && words(atMost: 8) && share >= 0.9)
      guard packed else { return nil }
      let choices = counts.keys.sorted { (counts[$0] ?? 0, $1) > (counts[$1] ?? 0, $0) }
      return Packing(
        choices: choices, separator: separator, known: known, prepared: prepared,
        capitalised: capitalised)
    }

    /// A packed cell's choices.
    func split(_ value: String) -> [String] {
      Self.fragments(value, known: prepared, capitalised: capitalised)
    }

    /// A cell of a multi-select a dictionary declares, its packing not learnt: split at `, `,
    /// the dictionary's choices kept whole.
    static func split(declared value: String, choices: [String]) -> [String] {
      fragments(
        value, separator: .commaSpace, known: Set(choices.filter { $0.contains(", ") }),
        capitalised: false)
    }

    /// The choices that hold the separator themselves, learnt from the respondents: a cell's
    /// whole text with the separator in it, chosen alone by two respondents or more, whose parts
    /// never appear in any cell except together and in that order. (Two separate choices that
    /// everyone who picks one also picks, in the same order, cannot be told from one choice; the
    /// export does not say.)
    static func commaChoices(_ distinct: [String: Int], separator: Separator, capitalised: Bool)
      -> Set<String>
    {
      let candidates = distinct.filter { $0.value >= 2 }.keys.filter {
        fragments($0, separator: separator, known: [], capitalised: capitalised).count >= 2
      }
      guard !candidates.isEmpty else { return [] }
      let split = distinct.keys.map {
        fragments($0, separator: separator, known: [], capitalised: capitalised)
      }
      var result = Set<String>()
      for candidate in candidates {
        let parts = fragments(candidate, separator: separator, known: [], capitalised: capitalised)
        let together = split.allSatisfy { cell in
          var index = 0
          while index < cell.count {
            if let offset = parts.firstIndex(of: cell[index]) {
              // A part must start the whole run of parts, in order.
              guard offset == 0, index + parts.count <= cell.count,
                Array(cell[index..<(index + parts.count)]) == parts
              else { return false }
              index += parts.count
            } else {
              index += 1
            }
          }
          return true
        }
        if together { result.insert(candidate) }
      }
      return result
    }

    /// The separator's text, for gluing parts back.
    static func joiner(_ separator: Separator) -> String {
      separator == .commaSpace ? ", " : ","
    }

    /// The text between separators, trimmed (the separators are ASCII: split on UTF-8).
    static func pieces(of value: String, separator: Separator) -> [String] {
      let comma = UInt8(ascii: ","), space = UInt8(ascii: " ")
      let utf8 = Array(value.utf8)
      func isDigit(_ index: Int) -> Bool {
        index >= 0 && index < utf8.count && utf8[index] >= 0x30 && utf8[index] <= 0x39
      }
      // Qualtrics' codes (`1,3,-2`): every comma separates.
      let codes =
        separator == .tightComma
        && utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == comma || $0 == UInt8(ascii: "-") }
      var result: [String] = []
      var start = 0
      var index = 0
      while index < utf8.count {
        var splits = false
        if utf8[index] == comma {
          let next = index + 1 < utf8.count ? utf8[index + 1] : nil
          switch separator {
          case .comma: splits = true
          case .commaSpace: splits = next == space
          case .tightComma:
            let spaced = next.map { $0 == space || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } ?? false
            // `1,500`: a digit, a comma, three digits and no fourth.
            let thousands =
              !codes && isDigit(index - 1) && isDigit(index + 1) && isDigit(index + 2)
              && isDigit(index + 3)
              && !isDigit(index + 4)
            splits = !spaced && !thousands
          }
        }
        if splits {
          result.append(trimmed(String(decoding: utf8[start..<index], as: UTF8.self)))
          index += separator == .commaSpace ? 2 : 1
          start = index
        } else {
          index += 1
        }
      }
      result.append(trimmed(String(decoding: utf8[start...], as: UTF8.self)))
      return result
    }

    /// A packed cell split at the separator: the longest known choice at each place first;
    /// otherwise parts are glued while a `(` or `[` is open, and, in a capitalised column, while
    /// the next part begins with a small letter.
    static func fragments(
      _ value: String, separator: Separator, known: Set<String>, capitalised: Bool
    ) -> [String] {
      fragments(value, known: KnownChoices(known, separator: separator), capitalised: capitalised)
    }

    /// Known choices made ready once for every cell of a column they split.
    struct KnownChoices {
      let separator: Separator
      let joinerBytes: [UInt8]
      /// A known choice spans at most this many pieces (as its own text splits).
      let longestKnown: Int
      /// The known choices by their text up to the first joiner, longest first: at each place only
      /// those that start as the place's piece does are compared with the pieces and joiners that
      /// follow, byte by byte, never joined into strings. (Joining every run from each place and
      /// looking it up was cubic in the pieces: a cell of a few thousand commas took minutes, and
      /// a known choice of many pieces 2.7 s; both found by fuzzing.) A run matches where its
      /// joined text is the choice, as before.
      let byHead: [ArraySlice<UInt8>: [[UInt8]]]

      init(_ known: Set<String>, separator: Separator) {
        self.separator = separator
        let joinerBytes = Array(Packing.joiner(separator).utf8)
        self.joinerBytes = joinerBytes
        longestKnown =
          known.lazy.map { Packing.pieces(of: $0, separator: separator).count }.max() ?? 1
        var byHead: [ArraySlice<UInt8>: [[UInt8]]] = [:]
        for choice in known {
          let bytes = Array(choice.utf8)
          byHead[Self.head(bytes[...], joiner: joinerBytes), default: []].append(bytes)
        }
        for key in byHead.keys { byHead[key]?.sort { $0.count > $1.count } }
        self.byHead = byHead
      }

      /// A text up to the first joiner in it.
      static func head(_ bytes: ArraySlice<UInt8>, joiner: [UInt8]) -> ArraySlice<UInt8> {
        var index = bytes.startIndex
        while index + joiner.count <= bytes.endIndex {
          if bytes[index..<(index + joiner.count)].elementsEqual(joiner) {
            return bytes[bytes.startIndex..<index]
          }
          index += 1
        }
        return bytes
      }

      /// The last piece of the longest run from `index` whose pieces and joiners spell a known
      /// choice, if a run of at least two and at most `longestKnown` pieces does.
      func run(from index: Int, of pieceBytes: [[UInt8]]) -> Int? {
        for choice in byHead[Self.head(pieceBytes[index][...], joiner: joinerBytes)] ?? [] {
          if let last = run(from: index, of: pieceBytes, spelling: choice) { return last }
        }
        return nil
      }

      private func run(from index: Int, of pieceBytes: [[UInt8]], spelling choice: [UInt8]) -> Int?
      {
        var offset = 0
        var last = index
        while true {
          let piece = pieceBytes[last]
          guard offset + piece.count <= choice.count,
            choice[offset..<(offset + piece.count)].elementsEqual(piece)
          else { return nil }
          offset += piece.count
          if offset == choice.count { return last > index ? last : nil }
          guard offset + joinerBytes.count <= choice.count,
            choice[offset..<(offset + joinerBytes.count)].elementsEqual(joinerBytes)
          else { return nil }
          offset += joinerBytes.count
          last += 1
          guard last < pieceBytes.count, last - index < longestKnown else { return nil }
        }
      }
    }

    static func fragments(_ value: String, known: KnownChoices, capitalised: Bool) -> [String] {
      let pieces = pieces(of: value, separator: known.separator)
      let joiner = joiner(known.separator)
      let pieceBytes = known.byHead.isEmpty ? [] : pieces.map { Array($0.utf8) }
      /// Brackets opened and not closed in a text.
      func balance(_ text: String) -> Int {
        text.reduce(0) { $0 + ($1 == "(" || $1 == "[" ? 1 : $1 == ")" || $1 == "]" ? -1 : 0) }
      }
      var result: [String] = []
      var index = 0
      while index < pieces.count {
        var end = index
        if !known.byHead.isEmpty, let last = known.run(from: index, of: pieceBytes) { end = last }
        var text = pieces[index...end].joined(separator: joiner)
        var open = balance(text)
        while end + 1 < pieces.count,
          open > 0 || (capitalised && pieces[end + 1].first?.isLowercase == true)
        {
          end += 1
          text += joiner + pieces[end]
          open += balance(pieces[end])
        }
        if !text.isEmpty { result.append(text) }
        index = end + 1
      }
      return result
    }
  }
}
