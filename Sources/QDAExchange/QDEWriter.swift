import QDAXML

/// Writes `project.qde` and `.qdc` XML in the element order the schemas fix, leaving out empty
/// containers (the schemas reject `<Sources/>`), with `isCodable` on every code.
public enum QDEWriter {
  public static let projectNamespace = "urn:QDA-XML:project:1.0"
  public static let codebookNamespace = "urn:QDA-XML:codebook:1.0"

  /// The `project.qde` text; text sources point at `internal://<plainTextFile>`.
  public static func project(_ project: REFIProject) -> String {
    var xml = XMLWriter()
    xml.open(
      "Project",
      [
        "xmlns": projectNamespace, "name": project.name, "origin": project.origin,
        "creationDateTime": project.creationDateTime,
      ])
    if !project.users.isEmpty {
      xml.open("Users")
      for user in project.users { xml.element("User", ["guid": user.guid, "name": user.name]) }
      xml.close()
    }
    if !project.codes.isEmpty {
      xml.open("CodeBook")
      writeCodes(project.codes, into: &xml)
      xml.close()
    }
    if !project.variables.isEmpty {
      xml.open("Variables")
      for variable in project.variables {
        xml.element(
          "Variable",
          ["guid": variable.guid, "name": variable.name, "typeOfVariable": variable.kind.rawValue])
      }
      xml.close()
    }
    if !project.cases.isEmpty {
      xml.open("Cases")
      for item in project.cases {
        xml.open("Case", ["guid": item.guid, "name": item.name])
        if let description = item.description { xml.element("Description", text: description) }
        for value in item.values { write(value, into: &xml) }
        for source in item.sourceGUIDs { xml.element("SourceRef", ["targetGUID": source]) }
        xml.close()
      }
      xml.close()
    }
    if !project.sources.isEmpty {
      xml.open("Sources")
      for source in project.sources { write(source, into: &xml) }
      xml.close()
    }
    if !project.notes.isEmpty {
      xml.open("Notes")
      for note in project.notes {
        xml.open(
          "Note",
          [
            "guid": note.guid, "name": note.name, "creatingUser": note.creatingUser,
            "creationDateTime": note.creationDateTime,
          ])
        xml.element("PlainTextContent", text: note.text)
        xml.close()
      }
      xml.close()
    }
    if let description = project.description { xml.element("Description", text: description) }
    xml.close()
    return xml.output
  }

  /// A `.qdc` codebook.
  public static func codebook(_ codes: [REFICode], origin: String?) -> String {
    var xml = XMLWriter()
    xml.open("CodeBook", ["xmlns": codebookNamespace, "origin": origin])
    writeCodes(codes, into: &xml)
    xml.close()
    return xml.output
  }

  private static func writeCodes(_ codes: [REFICode], into xml: inout XMLWriter) {
    var children: [String: [REFICode]] = [:]
    for code in codes { children[code.parentGUID ?? "", default: []].append(code) }
    func write(_ code: REFICode) {
      let attributes: KeyValuePairs<String, String?> = [
        "guid": code.guid, "name": code.name, "isCodable": code.isCodable ? "true" : "false",
        "color": code.color,
      ]
      let below = children[code.guid] ?? []
      if code.description == nil && below.isEmpty {
        xml.element("Code", attributes)
        return
      }
      xml.open("Code", attributes)
      if let description = code.description { xml.element("Description", text: description) }
      for child in below { write(child) }
      xml.close()
    }
    xml.open("Codes")
    for code in children[""] ?? [] { write(code) }
    xml.close()
  }

  private static func write(_ source: REFITextSource, into xml: inout XMLWriter) {
    xml.open(
      "TextSource",
      [
        "guid": source.guid, "name": source.name,
        "plainTextPath": source.plainTextFile.map { "internal://" + $0 },
        "creatingUser": source.creatingUser, "creationDateTime": source.creationDateTime,
      ])
    if let description = source.description { xml.element("Description", text: description) }
    if source.plainTextFile == nil { xml.element("PlainTextContent", text: source.text) }
    for selection in source.selections {
      let attributes: KeyValuePairs<String, String?> = [
        "guid": selection.guid, "name": selection.name, "startPosition": String(selection.start),
        "endPosition": String(selection.end), "creatingUser": selection.creatingUser,
        "creationDateTime": selection.creationDateTime,
      ]
      if selection.description == nil && selection.codings.isEmpty && selection.noteGUIDs.isEmpty {
        xml.element("PlainTextSelection", attributes)
        continue
      }
      xml.open("PlainTextSelection", attributes)
      if let description = selection.description { xml.element("Description", text: description) }
      for coding in selection.codings { write(coding, into: &xml) }
      for note in selection.noteGUIDs { xml.element("NoteRef", ["targetGUID": note]) }
      xml.close()
    }
    for coding in source.codings { write(coding, into: &xml) }
    for note in source.noteGUIDs { xml.element("NoteRef", ["targetGUID": note]) }
    for value in source.values { write(value, into: &xml) }
    xml.close()
  }

  private static func write(_ coding: REFICoding, into xml: inout XMLWriter) {
    xml.open(
      "Coding",
      [
        "guid": coding.guid, "creatingUser": coding.creatingUser,
        "creationDateTime": coding.creationDateTime,
      ])
    xml.element("CodeRef", ["targetGUID": coding.codeGUID])
    for note in coding.noteGUIDs { xml.element("NoteRef", ["targetGUID": note]) }
    xml.close()
  }

  private static func write(_ value: REFIValue, into xml: inout XMLWriter) {
    xml.open("VariableValue")
    xml.element("VariableRef", ["targetGUID": value.variableGUID])
    xml.element(value.kind.rawValue + "Value", text: value.text)
    xml.close()
  }
}
