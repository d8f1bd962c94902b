internal import CLibXML2

/// A parsed XML document, read safely: no network, no entity expansion, no DTD loading, and
/// documents with a document type declaration refused outright (none of the formats QDAKit reads,
/// REFI-QDA, Word or Excel, has one; refusing them shuts out billion-laughs and external-entity
/// attacks before libxml2 sees them).
///
/// ```swift
/// let document = try XMLDocument(bytes: bytes, file: "project.qde")
/// let codes = try document.select("//q:Code", namespaces: ["q": "urn:QDA-XML:project:1.0"])
/// ```
public final class XMLDocument: @unchecked Sendable {
  // @unchecked: the document is never mutated after parsing, and libxml2 reads of a finished tree
  // are thread-safe.
  let pointer: xmlDocPtr
  /// The file name used in messages.
  public let file: String

  /// Parses bytes.
  ///
  /// - Throws: `XMLError` `.malformed` with the line of the first error, or `.forbidden` for a
  ///   document type declaration.
  public init(bytes: [UInt8], file: String) throws {
    LibXML.initialize()
    if let line = Self.doctypeLine(bytes) {
      throw XMLError(
        file: file, line: line, reason: .forbidden,
        message: "document type declarations are not accepted (they can define entities or fetch"
          + " external files)")
    }
    guard let context = xmlNewParserCtxt() else {
      throw XMLError(file: file, line: nil, reason: .malformed, message: "out of memory")
    }
    defer { xmlFreeParserCtxt(context) }
    // Keep the first error (the cause); libxml2's `lastError` is often a consequence.
    let firstError = FirstError()
    context.pointee._private = Unmanaged.passUnretained(firstError).toOpaque()
    context.pointee.sax.pointee.serror = FirstError.callback
    let options = Int32(
      XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
        | XML_PARSE_NOWARNING.rawValue)
    // An empty array may have no storage: parse one NUL byte's worth of nothing instead.
    let storage = bytes.isEmpty ? [UInt8(0)] : bytes
    let parsed = storage.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        xmlCtxtReadMemory(
          context, chars.baseAddress, Int32(clamping: bytes.count), nil, nil, options)
      }
    }
    guard let parsed, context.pointee.wellFormed != 0 else {
      if let parsed { xmlFreeDoc(parsed) }
      let error = withExtendedLifetime(firstError) {
        firstError.error ?? LibXML.describe(xmlCtxtGetLastError(context))
      }
      throw XMLError(
        file: file, line: error.line, reason: .malformed,
        message: error.message.isEmpty ? "not well-formed XML" : error.message)
    }
    if parsed.pointee.intSubset != nil || parsed.pointee.extSubset != nil {
      xmlFreeDoc(parsed)
      throw XMLError(
        file: file, line: nil, reason: .forbidden,
        message: "document type declarations are not accepted")
    }
    pointer = parsed
    self.file = file
  }

  /// Parses a UTF-8 string.
  public convenience init(string: String, file: String) throws {
    try self.init(bytes: Array(string.utf8), file: file)
  }

  deinit { xmlFreeDoc(pointer) }

  /// The root element.
  public var root: XMLElement? {
    guard let node = xmlDocGetRootElement(pointer) else { return nil }
    return XMLElement(node: node, document: self)
  }

  /// The elements an XPath 1.0 expression selects, in document order.
  ///
  /// - Parameters:
  ///   - namespaces: prefixes the expression uses, mapped to namespace URIs.
  ///   - context: the element relative paths start from (the document by default).
  public func select(
    _ expression: String, namespaces: [String: String] = [:], from context: XMLElement? = nil
  ) throws -> [XMLElement] {
    guard let xpath = xmlXPathNewContext(pointer) else { return [] }
    defer { xmlXPathFreeContext(xpath) }
    // libxml2 prints XPath errors unless the context has a handler; the error is thrown instead.
    xpath.pointee.error = { _, _ in }
    for (prefix, uri) in namespaces { xmlXPathRegisterNs(xpath, prefix, uri) }
    if let context { xpath.pointee.node = context.node }
    guard let result = xmlXPathEvalExpression(expression, xpath) else {
      throw XMLError(
        file: file, line: nil, reason: .usage, message: "cannot evaluate XPath '\(expression)'")
    }
    defer { xmlXPathFreeObject(result) }
    var elements: [XMLElement] = []
    let count = qdakit_nodeSetCount(result)
    elements.reserveCapacity(Int(count))
    for index in 0..<count {
      guard let node = qdakit_nodeSetItem(result, index), node.pointee.type == XML_ELEMENT_NODE
      else { continue }
      elements.append(XMLElement(node: node, document: self))
    }
    return elements
  }

  /// The line of a `<!DOCTYPE` in the prolog (before the root element), if there is one.
  ///
  /// Scans only the XML declaration, processing instructions, comments and spaces before the
  /// first element, so text that merely mentions a DOCTYPE is not refused.
  static func doctypeLine(_ bytes: [UInt8]) -> Int? {
    var index = 0
    var line = 1
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    func hasPrefix(_ text: String, at position: Int) -> Bool {
      let utf8 = Array(text.utf8)
      return position + utf8.count <= bytes.count
        && Array(bytes[position..<position + utf8.count]) == utf8
    }
    func skip(past terminator: String) {
      let end = Array(terminator.utf8)
      while index < bytes.count {
        if bytes[index] == 0x0A { line += 1 }
        if bytes[index] == end[0], hasPrefix(terminator, at: index) {
          index += end.count
          return
        }
        index += 1
      }
    }
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0D: index += 1
      case 0x0A: line += 1; index += 1
      case UInt8(ascii: "<"):
        if hasPrefix("<?", at: index) {
          skip(past: "?>")
        } else if hasPrefix("<!--", at: index) {
          skip(past: "-->")
        } else if hasPrefix("<!DOCTYPE", at: index) || hasPrefix("<!doctype", at: index) {
          return line
        } else {
          return nil
        }
      default: return nil
      }
    }
    return nil
  }
}

/// Records the first error libxml2 reports while parsing.
private final class FirstError {
  var error: (line: Int?, message: String)?

  static let callback: xmlStructuredErrorFunc = { userData, error in
    // The parser passes its context as user data; the collector hangs off `_private`.
    guard let userData else { return }
    let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let box = context.pointee._private else { return }
    let collector = Unmanaged<FirstError>.fromOpaque(box).takeUnretainedValue()
    guard collector.error == nil, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue
    else { return }
    collector.error = LibXML.describe(UnsafePointer(error))
  }
}

/// libxml2's process-wide set-up and its error records.
enum LibXML {
  private static let initialized: Bool = {
    xmlInitParser()
    return true
  }()

  static func initialize() { _ = initialized }

  /// The line and message of a libxml2 error record, the message without its trailing newline.
  static func describe(_ error: UnsafePointer<xmlError>?) -> (line: Int?, message: String) {
    guard let error else { return (nil, "") }
    var message = error.pointee.message.map { String(cString: $0) } ?? ""
    while message.last == "\n" || message.last == " " { message.removeLast() }
    let line = error.pointee.line > 0 ? Int(error.pointee.line) : nil
    return (line, message)
  }
}
