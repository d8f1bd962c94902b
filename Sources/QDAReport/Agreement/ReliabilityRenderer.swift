import Foundation
public import QDAAgreement

/// `qda agreement`'s output: a readable table with the thresholds that judge each figure, or
/// JSON for a team's own scripts.
///
/// JSON has, per code, per element and overall, `percent_agreement`, `cohen_kappa` (two
/// coders), `fleiss_kappa`, `krippendorff_alpha` and `units`, plus the verdicts and a sentence
/// saying what was compared; undefined coefficients are `null` with the reason under
/// `undefined`.
public enum ReliabilityRenderer {
  /// The report as JSON.
  ///
  /// - Parameters:
  ///   - report: the figures.
  ///   - gate: the gate the run applied, reported with its outcome.
  public static func json(_ report: ReliabilityReport, gate: ReliabilityGate? = nil) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let document = ReportJSON(report, gate: gate)
    guard let data = try? encoder.encode(document), let text = String(data: data, encoding: .utf8)
    else { return "{}" }
    return text + "\n"
  }

  /// The report as a plain-text table, then the gate's verdict and what the thresholds mean.
  public static func text(_ report: ReliabilityReport, gate: ReliabilityGate? = nil) -> String {
    let two = report.coders.count == 2
    var lines: [String] = []
    var heading =
      "Agreement between \(report.coders.joined(separator: ", ")) on \(report.passages) passage\(report.passages == 1 ? "" : "s")"
    if report.setAside > 0 {
      heading += " (\(report.setAside) more in documents not every coder reviewed, set aside)"
    }
    lines.append(heading)
    lines.append("")
    var header = [
      "", "units", "coded (\(report.coders.joined(separator: "/")))", "agree",
      two ? "Cohen κ" : "Fleiss κ", "Krippendorff α", "verdict",
    ]
    if two { header += ["chars agree", "chars κ"] }
    var rows: [[String]] = [header]
    func row(_ label: String, _ entry: ReliabilityRow) -> [String] {
      let figures = entry.figures
      let kappa = two ? figures.cohensKappa : figures.fleissKappa
      var cells = [
        label, String(figures.units), figures.codedUnits.map(String.init).joined(separator: "/"),
        percent(figures.percentAgreement), number(kappa),
        number(figures.krippendorffAlpha), verdict(figures.krippendorffAlpha),
      ]
      if two {
        if let characters = figures.characters {
          cells += [percent(characters.percentAgreement()), number(characters.cohensKappa())]
        } else {
          cells += ["", ""]
        }
      }
      return cells
    }
    rows.append(row("All codes (pooled)", report.overall))
    for element in report.elements { rows.append(row(element.name, element)) }
    for code in report.codes { rows.append(row("  " + code.id, code)) }
    lines += table(rows)
    lines.append("")
    lines.append(
      "Units: passages; a code's figures compare, passage by passage, whether each coder applied it."
    )
    lines.append(
      "An element's figures compare which of its codes each coder applied; the pooled row counts")
    lines.append("every code's yes/no on every passage.")
    if two {
      lines.append(
        "Characters: every character of the compared documents, coded or not (NVivo's Coding Comparison)."
      )
    }
    lines.append(
      "Krippendorff α: ≥ 0.800 reliable; 0.667–0.800 tentative conclusions only; below 0.667 unreliable."
    )
    lines.append(
      "κ bands (Landis & Koch): < 0 poor, 0–0.20 slight, 0.20–0.40 fair, 0.40–0.60 moderate,")
    lines.append("0.60–0.80 substantial, ≥ 0.80 almost perfect.")
    if let gate {
      let (failing, undefined) = gate.check(report)
      lines.append("")
      if failing.isEmpty {
        lines.append(
          "Gate passed: every code's \(gate.figure.title) is at least \(format(gate.minimum)).")
      } else {
        lines.append(
          "Gate failed: \(failing.count) code\(failing.count == 1 ? "" : "s") below \(gate.figure.title) \(format(gate.minimum)): "
            + failing.map { "\($0.id) (\(number($0.figures.value(of: gate.figure))))" }.joined(
              separator: ", "))
      }
      if !undefined.isEmpty {
        lines.append(
          "Not judged (\(gate.figure.title) undefined: no variation): "
            + undefined.map(\.id).joined(separator: ", "))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: - Cells

  static func percent(_ result: AgreementResult) -> String {
    guard let value = result.value else { return "—" }
    let share = String(format: "%.1f%%", value * 100)
    if let exact = result.exactProportion { return "\(share) (\(exact))" }
    return share
  }

  static func number(_ result: AgreementResult?) -> String {
    guard let result else { return "" }
    guard let value = result.value else {
      if case .undefined(let reason) = result.estimate { return "undefined (\(reason.phrase))" }
      return "—"
    }
    return format(value)
  }

  static func number(_ value: Double?) -> String { value.map(format) ?? "undefined" }

  static func format(_ value: Double) -> String { String(format: "%.3f", value) }

  static func verdict(_ alpha: AgreementResult) -> String {
    switch alpha.krippendorffVerdict {
    case .reliable: "reliable"
    case .tentative: "tentative"
    case .unreliable: "unreliable"
    case nil: "—"
    }
  }

  static func table(_ rows: [[String]]) -> [String] {
    let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.enumerated().flatMap { index, row -> [String] in
      let line = row.enumerated().map { column, cell in
        column == 0
          ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
          : String(repeating: " ", count: widths[column] - cell.count) + cell
      }.joined(separator: "  ")
      let trimmed = String(line.reversed().drop(while: { $0 == " " }).reversed())
      return index == 0 ? [trimmed, String(repeating: "-", count: trimmed.count)] : [trimmed]
    }
  }
}

extension ReliabilityGate.Figure {
  /// `Krippendorff's α`, `κ`, `percent agreement`.
  public var title: String {
    switch self {
    case .alpha: "Krippendorff's α"
    case .kappa: "κ"
    case .percent: "percent agreement"
    }
  }
}

// MARK: - JSON shape

private struct ReportJSON: Encodable {
  var coders: [String]
  var passages: Int
  var setAside: Int
  var overall: RowJSON
  var elements: [RowJSON]
  var codes: [RowJSON]
  var thresholds = Thresholds()
  var gate: GateJSON?

  init(_ report: ReliabilityReport, gate: ReliabilityGate?) {
    coders = report.coders
    passages = report.passages
    setAside = report.setAside
    overall = RowJSON(report.overall)
    elements = report.elements.map(RowJSON.init)
    codes = report.codes.map(RowJSON.init)
    self.gate = gate.map { gate in
      let (failing, undefined) = gate.check(report)
      return GateJSON(
        figure: gate.figure.jsonKey, minimum: gate.minimum, passed: failing.isEmpty,
        failing: failing.map(\.id),
        undefined: undefined.map(\.id))
    }
  }

  enum CodingKeys: String, CodingKey {
    case coders, passages, setAside = "set_aside", overall, elements, codes, thresholds, gate
  }
}

private struct Thresholds: Encodable {
  var krippendorffAlpha = ["reliable": 0.8, "tentative": 0.667]
  var kappaBands = [
    "poor": "< 0", "slight": "0–0.20", "fair": "0.20–0.40", "moderate": "0.40–0.60",
    "substantial": "0.60–0.80", "almost_perfect": "≥ 0.80",
  ]

  enum CodingKeys: String, CodingKey {
    case krippendorffAlpha = "krippendorff_alpha", kappaBands = "kappa_bands_landis_koch"
  }
}

private struct GateJSON: Encodable {
  var figure: String
  var minimum: Double
  var passed: Bool
  var failing: [String]
  var undefined: [String]
}

private struct RowJSON: Encodable {
  var id: String
  var name: String
  var units: Int
  var percentAgreement: Double?
  var agreeingUnits: Int?
  var codedUnits: [Int]
  var cohenKappa: Double?
  var kappaBand: String?
  var fleissKappa: Double?
  var krippendorffAlpha: Double?
  var alphaVerdict: String?
  var compared: String
  var undefined: [String: String]?
  var characters: CharactersJSON?

  init(_ row: ReliabilityRow) {
    let figures = row.figures
    id = row.id
    name = row.name
    units = figures.units
    percentAgreement = figures.percentAgreement.value
    agreeingUnits = figures.percentAgreement.exactProportion?.numerator
    cohenKappa = figures.cohensKappa?.value
    kappaBand = (figures.cohensKappa ?? figures.fleissKappa)?.landisKochBand.map(\.jsonName)
    codedUnits = figures.codedUnits
    fleissKappa = figures.fleissKappa?.value
    krippendorffAlpha = figures.krippendorffAlpha.value
    alphaVerdict = figures.krippendorffAlpha.krippendorffVerdict?.rawValue
    compared = figures.krippendorffAlpha.summary
    var reasons: [String: String] = [:]
    for (key, result) in [
      ("cohen_kappa", figures.cohensKappa), ("fleiss_kappa", figures.fleissKappa),
      ("krippendorff_alpha", figures.krippendorffAlpha),
      ("percent_agreement", figures.percentAgreement),
    ] {
      if let result, case .undefined(let reason) = result.estimate { reasons[key] = reason.phrase }
    }
    undefined = reasons.isEmpty ? nil : reasons
    characters = figures.characters.map(CharactersJSON.init)
  }

  enum CodingKeys: String, CodingKey {
    case id, name, units, percentAgreement = "percent_agreement", agreeingUnits = "agreeing_units"
    case codedUnits = "coded_units"
    case cohenKappa = "cohen_kappa", kappaBand = "kappa_band", fleissKappa = "fleiss_kappa"
    case krippendorffAlpha = "krippendorff_alpha", alphaVerdict = "alpha_verdict", compared,
      undefined
    case characters
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(name, forKey: .name)
    try container.encode(units, forKey: .units)
    // Undefined coefficients are written as null, not left out, so scripts see every key.
    try container.encode(percentAgreement, forKey: .percentAgreement)
    try container.encodeIfPresent(agreeingUnits, forKey: .agreeingUnits)
    try container.encode(codedUnits, forKey: .codedUnits)
    try container.encode(cohenKappa, forKey: .cohenKappa)
    try container.encodeIfPresent(kappaBand, forKey: .kappaBand)
    try container.encode(fleissKappa, forKey: .fleissKappa)
    try container.encode(krippendorffAlpha, forKey: .krippendorffAlpha)
    try container.encodeIfPresent(alphaVerdict, forKey: .alphaVerdict)
    try container.encode(compared, forKey: .compared)
    try container.encodeIfPresent(undefined, forKey: .undefined)
    try container.encodeIfPresent(characters, forKey: .characters)
  }
}

private struct CharactersJSON: Encodable {
  var characters: Int
  var codedByBoth: Int
  var codedByFirstOnly: Int
  var codedBySecondOnly: Int
  var codedByNeither: Int
  var percentAgreement: Double?
  var cohenKappa: Double?

  init(_ table: CharacterAgreementTable) {
    characters = table.total
    codedByBoth = table.codedByBoth
    codedByFirstOnly = table.codedByFirstOnly
    codedBySecondOnly = table.codedBySecondOnly
    codedByNeither = table.codedByNeither
    percentAgreement = table.percentAgreement().value
    cohenKappa = table.cohensKappa().value
  }

  enum CodingKeys: String, CodingKey {
    case characters, codedByBoth = "coded_by_both", codedByFirstOnly = "coded_by_first_only"
    case codedBySecondOnly = "coded_by_second_only", codedByNeither = "coded_by_neither"
    case percentAgreement = "percent_agreement", cohenKappa = "cohen_kappa"
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(characters, forKey: .characters)
    try container.encode(codedByBoth, forKey: .codedByBoth)
    try container.encode(codedByFirstOnly, forKey: .codedByFirstOnly)
    try container.encode(codedBySecondOnly, forKey: .codedBySecondOnly)
    try container.encode(codedByNeither, forKey: .codedByNeither)
    try container.encode(percentAgreement, forKey: .percentAgreement)
    try container.encode(cohenKappa, forKey: .cohenKappa)
  }
}

extension ReliabilityGate.Figure {
  var jsonKey: String {
    switch self {
    case .alpha: "krippendorff_alpha"
    case .kappa: "kappa"
    case .percent: "percent_agreement"
    }
  }
}

extension LandisKochBand {
  var jsonName: String { self == .almostPerfect ? "almost_perfect" : rawValue }
}
