internal import CLibXML2

/// An element of a parsed `XMLDocument`; it keeps its document alive.
public struct XMLElement: @unchecked Sendable {
  // @unchecked: a read-only view of an immutable tree owned by `document`.
  let node: xmlNodePtr
  let document: XMLDocument

  init(node: xmlNodePtr, document: XMLDocument) {
    self.node = node
    self.document = document
  }

  /// The local name, without a prefix: `Code` for `<qda:Code>`.
  public var name: String { String(cString: node.pointee.name) }

  /// The namespace URI, if the element is in one.
  public var namespace: String? {
    node.pointee.ns.flatMap { $0.pointee.href.map { String(cString: $0) } }
  }

  /// The 1-based line the element starts on.
  public var line: Int { Int(xmlGetLineNo(node)) }

  /// The file the element was read from.
  public var file: String { document.file }

  /// An attribute without a namespace (as REFI-QDA writes all of them), or nil.
  public func attribute(_ name: String) -> String? {
    guard let value = xmlGetNoNsProp(node, name) else { return nil }
    defer { qdakit_xmlFree(value) }
    return String(cString: value)
  }

  /// An attribute in a namespace (`w:val` in Word is in the WordprocessingML namespace).
  public func attribute(_ name: String, namespace: String) -> String? {
    guard let value = xmlGetNsProp(node, name, namespace) else { return nil }
    defer { qdakit_xmlFree(value) }
    return String(cString: value)
  }

  /// Every attribute's local name and value, in document order.
  public var attributes: [(name: String, value: String)] {
    var result: [(String, String)] = []
    var property = node.pointee.properties
    while let current = property {
      let name = String(cString: current.pointee.name)
      if let value = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1) {
        result.append((name, String(cString: value)))
        qdakit_xmlFree(value)
      } else {
        result.append((name, ""))
      }
      property = current.pointee.next
    }
    return result
  }

  /// The child elements, in order.
  public var children: [XMLElement] {
    var result: [XMLElement] = []
    var child = node.pointee.children
    while let current = child {
      if current.pointee.type == XML_ELEMENT_NODE {
        result.append(XMLElement(node: current, document: document))
      }
      child = current.pointee.next
    }
    return result
  }

  /// The child elements with a local name.
  public func children(named name: String) -> [XMLElement] {
    children.filter { $0.name == name }
  }

  /// The first child element with a local name.
  public func child(named name: String) -> XMLElement? {
    var child = node.pointee.children
    while let current = child {
      if current.pointee.type == XML_ELEMENT_NODE, String(cString: current.pointee.name) == name {
        return XMLElement(node: current, document: document)
      }
      child = current.pointee.next
    }
    return nil
  }

  /// All the text inside the element and its descendants, entities resolved.
  public var text: String {
    guard let content = xmlNodeGetContent(node) else { return "" }
    defer { qdakit_xmlFree(content) }
    return String(cString: content)
  }
}
