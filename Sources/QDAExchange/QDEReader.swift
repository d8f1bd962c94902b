public import QDAXML

/// What an import kept, converted or left out, for the user to read (the standard asks
/// importers to say what they discard).
public struct REFIImportReport: Sendable, Hashable {
  /// Elements of one kind left out: how many, and the line the first was on.
  public struct Dropped: Sendable, Hashable {
    public var count: Int
    public var firstLine: Int
  }

  /// `file:line: message` lines: repairs, conversions, missing files.
  public var warnings: [String] = []
  /// Elements not imported, by kind (`PictureSource`, `Sets`, `TextSource/VariableValue`…).
  public var dropped: [String: Dropped] = [:]
  /// The unit the text positions were read in, by source name.
  public var positionUnits: [String: TextPositions.Unit] = [:]

  public init() {}

  mutating func drop(_ kind: String, line: Int) {
    dropped[kind, default: Dropped(count: 0, firstLine: line)].count += 1
  }

  /// One line per kind of element left out: `PictureSource: 1 not imported (first at line 40)`.
  public var droppedSummary: [String] {
    dropped.sorted { $0.key < $1.key }.map {
      "\($0.key): \($0.value.count) not imported (first at line \($0.value.firstLine))"
    }
  }
}

/// Reads a `project.qde` into a `REFIProject`, keeping text sources, codes, codings, cases,
/// variables and notes, and reporting everything else (pictures, PDFs, media, sets, graphs,
/// links) instead of dropping it silently.
///
/// Elements are matched by local name, so the `…:1:0` namespace some tools write reads like the
/// standard's `…:1.0` (reported as a warning).
public struct QDEReader {
  /// Gives the text of a source's plain-text file from its path attribute (`internal://x.txt`,
  /// or what a non-conformant tool wrote), with a warning when the path is irregular; nil when
  /// the file is missing.
  public typealias TextResolver = (_ path: String) -> (text: String, warning: String?)?

  public init() {}

  public func read(_ document: XMLDocument, resolve: TextResolver) throws -> (
    REFIProject, REFIImportReport
  ) {
    var report = REFIImportReport()
    let file = document.file
    guard let root = document.root, root.name == "Project" else {
      throw XMLError(
        file: file, line: document.root?.line, reason: .invalid,
        message: "not a REFI-QDA project: the root element is not <Project>")
    }
    if let namespace = root.namespace, namespace != QDEWriter.projectNamespace {
      report.warnings.append(
        "\(file):\(root.line): namespace '\(namespace)' read as '\(QDEWriter.projectNamespace)'")
    }
    var project = REFIProject(
      name: root.attribute("name") ?? "", origin: root.attribute("origin"),
      creationDateTime: root.attribute("creationDateTime"))
    let profile = Self.unit(forOrigin: project.origin)
    for part in root.children {
      switch part.name {
      case "Users":
        for user in part.children(named: "User") {
          project.users.append(
            REFIUser(guid: Self.guid(user.attribute("guid")), name: user.attribute("name") ?? ""))
        }
      case "CodeBook":
        for codes in part.children(named: "Codes") {
          for code in codes.children(named: "Code") {
            Self.readCode(code, parent: nil, into: &project.codes, report: &report)
          }
        }
      case "Variables":
        for variable in part.children(named: "Variable") {
          let kind =
            REFIVariable.Kind(rawValue: variable.attribute("typeOfVariable") ?? "") ?? .text
          project.variables.append(
            REFIVariable(
              guid: Self.guid(variable.attribute("guid")), name: variable.attribute("name") ?? "",
              kind: kind))
        }
      case "Cases":
        for element in part.children(named: "Case") {
          project.cases.append(readCase(element, report: &report))
        }
      case "Sources":
        for source in part.children {
          guard source.name == "TextSource" else {
            report.drop(source.name, line: source.line)
            continue
          }
          if let read = readSource(source, profile: profile, resolve: resolve, report: &report) {
            project.sources.append(read)
          }
        }
      case "Notes":
        for note in part.children(named: "Note") {
          let text: String
          if let content = note.child(named: "PlainTextContent") {
            text = content.text
          } else if let path = note.attribute("plainTextPath"), let resolved = resolve(path) {
            text = TextPositions(raw: resolved.text).text
          } else {
            report.warnings.append(
              "\(file):\(note.line): note '\(note.attribute("name") ?? "")' has no text")
            text = ""
          }
          project.notes.append(
            REFINote(
              guid: Self.guid(note.attribute("guid")), name: note.attribute("name"), text: text,
              creatingUser: note.attribute("creatingUser").map(Self.guid),
              creationDateTime: note.attribute("creationDateTime")))
          for child in note.children
          where !["Description", "PlainTextContent"].contains(child.name) {
            report.drop("Note/" + child.name, line: child.line)
          }
        }
      case "Description":
        project.description = part.text
      default:
        // Links, Sets, Graphs, project NoteRefs.
        for child in part.children.isEmpty ? [part] : part.children {
          report.drop(child.name, line: child.line)
        }
      }
    }
    return (project, report)
  }

  static func readCode(
    _ element: XMLElement, parent: String?, into codes: inout [REFICode],
    report: inout REFIImportReport
  ) {
    let guid = Self.guid(element.attribute("guid"))
    var color = element.attribute("color").flatMap(Self.normalizedColor)
    if let raw = element.attribute("color"), color == nil {
      report.warnings.append(
        "\(element.file):\(element.line): colour '\(raw)' is not #rrggbb; left out")
      color = nil
    }
    codes.append(
      REFICode(
        guid: guid, name: element.attribute("name") ?? "",
        isCodable: Self.bool(element.attribute("isCodable")) ?? true,
        color: color, description: element.child(named: "Description")?.text, parentGUID: parent))
    for child in element.children {
      switch child.name {
      case "Code": readCode(child, parent: guid, into: &codes, report: &report)
      case "Description": continue
      default: report.drop("Code/" + child.name, line: child.line)
      }
    }
  }

  private func readCase(_ element: XMLElement, report: inout REFIImportReport) -> REFICase {
    var item = REFICase(guid: Self.guid(element.attribute("guid")), name: element.attribute("name"))
    for child in element.children {
      switch child.name {
      case "Description": item.description = child.text
      case "VariableValue": if let value = readValue(child) { item.values.append(value) }
      case "SourceRef": item.sourceGUIDs.append(Self.guid(child.attribute("targetGUID")))
      default: report.drop("Case/" + child.name, line: child.line)
      }
    }
    return item
  }

  private func readValue(_ element: XMLElement) -> REFIValue? {
    guard let reference = element.child(named: "VariableRef")?.attribute("targetGUID") else {
      return nil
    }
    for child in element.children where child.name.hasSuffix("Value") {
      let kindName = String(child.name.dropLast("Value".count))
      guard let kind = REFIVariable.Kind(rawValue: kindName) else { continue }
      return REFIValue(variableGUID: Self.guid(reference), kind: kind, text: child.text)
    }
    return nil
  }

  private func readSource(
    _ element: XMLElement, profile: TextPositions.Unit, resolve: TextResolver,
    report: inout REFIImportReport
  ) -> REFITextSource? {
    let file = element.file
    let guid = Self.guid(element.attribute("guid"))
    let name =
      element.attribute("name") ?? element.attribute("plainTextPath").map(Self.lastComponent)
      ?? guid
    let raw: String
    if let content = element.child(named: "PlainTextContent") {
      raw = content.text
    } else if let path = element.attribute("plainTextPath") {
      guard let resolved = resolve(path) else {
        report.warnings.append(
          "\(file):\(element.line): source '\(name)': its text file '\(path)' is missing; source not imported"
        )
        report.drop("TextSource without its text", line: element.line)
        return nil
      }
      if let warning = resolved.warning {
        report.warnings.append("\(file):\(element.line): source '\(name)': \(warning)")
      }
      raw = resolved.text
    } else {
      report.warnings.append(
        "\(file):\(element.line): source '\(name)' has neither PlainTextContent nor plainTextPath; source not imported"
      )
      report.drop("TextSource without its text", line: element.line)
      return nil
    }
    let positions = TextPositions(raw: raw)
    var source = REFITextSource(guid: guid, name: name, text: positions.text)
    source.creatingUser = element.attribute("creatingUser").map(Self.guid)
    source.creationDateTime = element.attribute("creationDateTime")
    let selections = element.children(named: "PlainTextSelection")
    let spans = selections.map {
      (
        start: Int($0.attribute("startPosition") ?? "") ?? -1,
        end: Int($0.attribute("endPosition") ?? "") ?? -1, name: $0.attribute("name")
      )
    }
    // The vendor's unit, checked against the quoted text in selection names where there is any.
    var unit = profile
    let scores = TextPositions.Unit.allCases.map { ($0, positions.agreements(spans, unit: $0)) }
    if let best = scores.max(by: { $0.1 < $1.1 }),
      best.1 > (scores.first { $0.0 == profile }?.1 ?? 0)
    {
      report.warnings.append(
        "\(file):\(element.line): source '\(name)': positions read as \(best.0.rawValue), which match the quoted text better than the \(profile.rawValue) expected of this tool"
      )
      unit = best.0
    }
    report.positionUnits[name] = unit
    for child in element.children {
      switch child.name {
      case "Description": source.description = child.text
      case "PlainTextContent": continue
      case "PlainTextSelection":
        guard let start = Int(child.attribute("startPosition") ?? ""),
          let end = Int(child.attribute("endPosition") ?? ""),
          let from = positions.offset(start, in: unit), let to = positions.offset(end, in: unit),
          from <= to
        else {
          report.warnings.append(
            "\(file):\(child.line): selection \(child.attribute("startPosition") ?? "?")–\(child.attribute("endPosition") ?? "?") lies outside the text of '\(name)' or ends before it starts; left out"
          )
          report.drop("PlainTextSelection out of range", line: child.line)
          continue
        }
        var selection = REFISelection(
          guid: Self.guid(child.attribute("guid")), name: child.attribute("name"), start: from,
          end: to)
        selection.creatingUser = child.attribute("creatingUser").map(Self.guid)
        selection.creationDateTime = child.attribute("creationDateTime")
        for part in child.children {
          switch part.name {
          case "Description": selection.description = part.text
          case "Coding": if let coding = readCoding(part) { selection.codings.append(coding) }
          case "NoteRef": selection.noteGUIDs.append(Self.guid(part.attribute("targetGUID")))
          default: report.drop("PlainTextSelection/" + part.name, line: part.line)
          }
        }
        source.selections.append(selection)
      case "Coding": if let coding = readCoding(child) { source.codings.append(coding) }
      case "NoteRef": source.noteGUIDs.append(Self.guid(child.attribute("targetGUID")))
      case "VariableValue": if let value = readValue(child) { source.values.append(value) }
      default: report.drop("TextSource/" + child.name, line: child.line)
      }
    }
    return source
  }

  private func readCoding(_ element: XMLElement) -> REFICoding? {
    guard let code = element.child(named: "CodeRef")?.attribute("targetGUID") else { return nil }
    var coding = REFICoding(
      guid: Self.guid(element.attribute("guid")), codeGUID: Self.guid(code),
      creatingUser: element.attribute("creatingUser").map(Self.guid),
      creationDateTime: element.attribute("creationDateTime"))
    coding.noteGUIDs = element.children(named: "NoteRef").map {
      Self.guid($0.attribute("targetGUID"))
    }
    return coding
  }

  // MARK: - Values

  /// The position unit a tool is known to write (NOTES.md §5); the standard's otherwise.
  static func unit(forOrigin origin: String?) -> TextPositions.Unit {
    let lowered = (origin ?? "").lowercased()
    if lowered.contains("nvivo") { return .utf16 }
    if lowered.contains("atlas") { return .scalarsLF }
    return .scalars
  }

  /// A GUID in one canonical form: braces and spaces removed, upper case.
  static func guid(_ raw: String?) -> String {
    var text = (raw ?? "").trimmingCharacters(in: " \t\n{}")
    text = text.uppercased()
    return text
  }

  static func bool(_ raw: String?) -> Bool? {
    switch raw?.lowercased() {
    case "true", "1": true
    case "false", "0": false
    default: nil
    }
  }

  /// `#rrggbb` from `#RRGGBB` or `#RGB`; nil for anything else (alpha, `rgb(…)`).
  static func normalizedColor(_ raw: String) -> String? {
    let hex = raw.lowercased()
    guard hex.hasPrefix("#"), hex.dropFirst().allSatisfy(\.isHexDigit) else { return nil }
    let digits = hex.dropFirst()
    switch digits.count {
    case 6: return hex
    case 3: return "#" + digits.map { "\($0)\($0)" }.joined()
    default: return nil
    }
  }

  static func lastComponent(_ path: String) -> String {
    String(path.split(separator: "/").last ?? Substring(path))
  }
}
