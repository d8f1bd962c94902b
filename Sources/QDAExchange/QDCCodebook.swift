public import QDAXML

/// A REFI-QDA `.qdc` codebook: codes with their hierarchy, colours and descriptions.
public enum QDCCodebook {
  /// Reads the codes of a `.qdc` document, in depth-first order.
  public static func read(_ document: XMLDocument) throws -> (
    codes: [REFICode], origin: String?, report: REFIImportReport
  ) {
    guard let root = document.root, root.name == "CodeBook" else {
      throw XMLError(
        file: document.file, line: document.root?.line, reason: .invalid,
        message: "not a REFI-QDA codebook: the root element is not <CodeBook>")
    }
    var report = REFIImportReport()
    if let namespace = root.namespace, namespace != QDEWriter.codebookNamespace {
      report.warnings.append(
        "\(document.file):\(root.line): namespace '\(namespace)' read as '\(QDEWriter.codebookNamespace)'"
      )
    }
    // A CodeBook has the same Codes structure as a project's; read it through the project reader.
    var codes: [REFICode] = []
    for part in root.children {
      switch part.name {
      case "Codes":
        for code in part.children(named: "Code") {
          QDEReader.readCode(code, parent: nil, into: &codes, report: &report)
        }
      default:
        for child in part.children.isEmpty ? [part] : part.children {
          report.drop(child.name, line: child.line)
        }
      }
    }
    return (codes, root.attribute("origin"), report)
  }
}
