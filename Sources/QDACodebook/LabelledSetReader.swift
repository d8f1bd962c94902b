public import QDAModel

/// One answer of a labelled evaluation set: its words and the contradiction an analyst sees
/// in it, if any.
public struct LabelledAnswer: Sendable, Hashable {
  public var id: String
  public var text: String
  /// The element pair expected, in canonical order; nil for "no contradiction".
  public var expected: (first: Element, second: Element)?
  /// The manifestation expected (`dilemma`, `conflict`, `critical_conflict`, `double_bind`).
  public var manifestation: String?
  public var location: InputLocation

  public static func == (a: LabelledAnswer, b: LabelledAnswer) -> Bool {
    a.id == b.id && a.text == b.text && a.expected?.first == b.expected?.first
      && a.expected?.second == b.expected?.second
      && a.manifestation == b.manifestation
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(id); hasher.combine(text) }
}

/// Reads a labelled set for `qda eval contradictions`:
///
/// ```yaml
/// items:
///   - id: dilemma-content-alone
///     text: "The content is all about building community, and then the tasks have to be done alone."
///     expect: [rules, tools_and_signs]   # or: none
///     type: dilemma
/// ```
public struct LabelledSetReader: Sendable {
  public init() {}

  public func read(_ text: String, file: String) throws -> [LabelledAnswer] {
    let root = try YAMLNode.parse(text, file: file).mapping("the labelled set", allowed: ["items"])
    var result: [LabelledAnswer] = []
    var seen = Set<String>()
    for node in try root.required("items").sequence("'items'") {
      let item = try node.mapping("an item", allowed: ["id", "text", "expect", "type"])
      let id = try item.required("id").string("'id'")
      guard seen.insert(id).inserted else {
        throw node.error(.invalidValue, "the id '\(id)' is used twice")
      }
      let expectNode = try item.required("expect")
      var expected: (Element, Element)?
      if expectNode.isScalar {
        let value = try expectNode.string("'expect'")
        guard value == "none" else {
          throw expectNode.error(.invalidValue, "'expect' is a pair of elements or 'none'")
        }
      } else {
        let names = try expectNode.strings("'expect'")
        let elements = try names.map { name -> Element in
          guard let element = Element(identifier: name) else {
            throw expectNode.error(.invalidValue, "'\(name)' is not a CHAT element")
          }
          return element
        }
        guard elements.count == 2 else {
          throw expectNode.error(.invalidValue, "'expect' names two elements")
        }
        expected =
          elements[0] <= elements[1] ? (elements[0], elements[1]) : (elements[1], elements[0])
      }
      let type = try item.string("type")
      if let type, !["dilemma", "conflict", "critical_conflict", "double_bind"].contains(type) {
        throw try item.required("type").error(
          .invalidValue,
          "type '\(type)' must be dilemma, conflict, critical_conflict or double_bind")
      }
      result.append(
        LabelledAnswer(
          id: id, text: try item.required("text").string("'text'"), expected: expected,
          manifestation: type,
          location: node.location))
    }
    return result
  }
}
