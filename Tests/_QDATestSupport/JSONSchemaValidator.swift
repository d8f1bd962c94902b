public import Foundation

/// A small JSON Schema (draft 2020-12) validator for tests: enough of the specification to check
/// `Schemas/analysis.schema.json` and the documents it describes, with no third-party package.
///
/// Instances and schemas are what `JSONSerialization` returns (`[String: Any]`, `[Any]`,
/// `String`, `NSNumber`, `NSNull`); plain Swift values (`Int`, `Double`, `Bool`) work too.
///
/// ```swift
/// let schema = try JSONSerialization.jsonObject(with: schemaData) as! [String: Any]
/// let document = try JSONSerialization.jsonObject(with: documentData)
/// JSONSchemaValidator.validate(document, against: schema)
/// // ["/passages/0/start: expected integer, got string"]
/// ```
///
/// Supported keywords: `type` (a name or an array of names; `integer` is a number with no
/// fractional part), `enum`, `const`, `minimum`, `maximum`, `pattern` (NSRegularExpression,
/// unanchored as the specification says), `properties`, `required`, `additionalProperties`
/// (a boolean or a schema), `items` (one schema for every item), `minItems`, `maxItems`, and
/// `$ref` to a JSON pointer inside the same document (`#/$defs/name`). Annotations (`$schema`,
/// `$id`, `$defs`, `title`, `description`, `$comment`, `default`, `examples`, `deprecated`) are
/// accepted and ignored. Any other keyword is reported as an error rather than silently ignored,
/// so a schema cannot promise a check this validator does not make; `schemaProblems(in:)` finds
/// them without an instance.
///
/// Errors read `<JSON pointer>: <message>`, the pointer locating the offending value in the
/// instance (`""` is the whole document). A missing required property is reported at the object
/// that lacks it; a property that `additionalProperties: false` forbids, at the property itself.
public enum JSONSchemaValidator {
  /// The keywords that constrain an instance.
  public static let assertionKeywords: Set<String> = [
    "type", "enum", "const", "minimum", "maximum", "pattern", "properties", "required",
    "additionalProperties", "items", "minItems", "maxItems", "$ref",
  ]

  /// The keywords that are accepted and have no effect on validation.
  public static let annotationKeywords: Set<String> = [
    "$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples", "deprecated",
  ]

  /// Every keyword a schema may use.
  public static var supportedKeywords: Set<String> { assertionKeywords.union(annotationKeywords) }

  /// The JSON types, as `type` names them.
  public enum JSONType: String, Sendable, CaseIterable {
    case null, boolean, integer, number, string, array, object
  }

  // MARK: - Validating

  /// Validates `instance` against `schema`, the root of its schema document (for `$ref`).
  /// Returns every error found, as `<JSON pointer>: <message>`; empty when the instance is valid.
  public static func validate(_ instance: Any, against schema: [String: Any]) -> [String] {
    var run = Run(root: schema)
    run.check(instance, schema, at: "", depth: 0)
    return run.errors
  }

  /// The JSON type of a value, or nil when it is not a JSON value. A whole number is `integer`
  /// (which also satisfies `number`); booleans are told apart from the numbers
  /// `JSONSerialization` also returns as `NSNumber`.
  public static func jsonType(of value: Any) -> JSONType? {
    if value is NSNull { return .null }
    if value is String { return .string }
    // A Swift Bool bridges to NSNumber (and on Linux `NSNumber(1) is Bool` holds), so booleans
    // are recognised by their dynamic type, never by casting.
    if type(of: value) == Bool.self { return .boolean }
    if let number = value as? NSNumber {
      if isBoolean(number) { return .boolean }
      return isIntegral(number) ? .integer : .number
    }
    if value is [Any] { return .array }
    if value is [String: Any] { return .object }
    return nil
  }

  /// Whether an NSNumber is a JSON boolean (`true`/`false` as JSONSerialization returns them).
  public static func isBoolean(_ number: NSNumber) -> Bool {
    #if canImport(Darwin)
    return CFGetTypeID(number) == CFBooleanGetTypeID()
    #else
    // swift-corelibs-foundation returns booleans as instances of a private NSNumber subclass
    // (`__NSCFBoolean`), the class of `NSNumber(value: true)`.
    return type(of: number) == booleanClass
    #endif
  }

  #if !canImport(Darwin)
  private static let booleanClass: NSNumber.Type = type(of: NSNumber(value: true))
  #endif

  private static func isIntegral(_ number: NSNumber) -> Bool {
    switch String(cString: number.objCType) {
    case "d", "f":
      let value = number.doubleValue
      return value.isFinite && value.rounded(.towardZero) == value
    default:
      return true
    }
  }

  /// Whether two JSON values are equal as JSON Schema compares them (`1` equals `1.0`; object
  /// key order does not matter; `true` never equals `1`).
  public static func jsonEqual(_ a: Any, _ b: Any) -> Bool {
    guard let ta = jsonType(of: a), let tb = jsonType(of: b) else { return false }
    switch (ta, tb) {
    case (.null, .null): return true
    case (.boolean, .boolean): return boolValue(a) == boolValue(b)
    case (.integer, .integer), (.integer, .number), (.number, .integer), (.number, .number):
      return numberValue(a) == numberValue(b)
    case (.string, .string): return (a as? String) == (b as? String)
    case (.array, .array):
      guard let x = a as? [Any], let y = b as? [Any], x.count == y.count else { return false }
      return zip(x, y).allSatisfy { jsonEqual($0, $1) }
    case (.object, .object):
      guard let x = a as? [String: Any], let y = b as? [String: Any], Set(x.keys) == Set(y.keys) else { return false }
      return x.allSatisfy { key, value in y[key].map { jsonEqual(value, $0) } ?? false }
    default: return false
    }
  }

  private static func boolValue(_ value: Any) -> Bool? {
    if let bool = value as? Bool, type(of: value) == Bool.self { return bool }
    return (value as? NSNumber)?.boolValue
  }

  private static func numberValue(_ value: Any) -> Double? { (value as? NSNumber)?.doubleValue }

  /// A JSON pointer with one more reference token (`~` and `/` escaped).
  public static func pointer(_ base: String, _ token: String) -> String {
    base + "/" + token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
  }

  /// A short rendering of a value for messages.
  static func render(_ value: Any) -> String {
    if jsonType(of: value) == .null { return "null" }
    if jsonType(of: value) == .boolean { return (boolValue(value) ?? false) ? "true" : "false" }
    if let string = value as? String { return "\"\(string)\"" }
    if let number = value as? NSNumber { return number.stringValue }
    if let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) {
      return String(decoding: data, as: UTF8.self)
    }
    return "\(value)"
  }

  /// Resolves a `$ref` inside the root document: `#` or `#/a/b` (a JSON pointer, `~0`/`~1` and
  /// percent-encoding undone).
  public static func resolve(_ reference: String, in root: [String: Any]) -> Any? {
    guard reference.hasPrefix("#") else { return nil }
    let fragment = String(reference.dropFirst()).removingPercentEncoding ?? String(reference.dropFirst())
    if fragment.isEmpty { return root }
    guard fragment.hasPrefix("/") else { return nil }
    var current: Any = root
    for raw in fragment.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
      let token = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
      if let object = current as? [String: Any], let next = object[token] {
        current = next
      } else if let array = current as? [Any], let index = Int(token), array.indices.contains(index) {
        current = array[index]
      } else {
        return nil
      }
    }
    return current
  }

  private struct Run {
    let root: [String: Any]
    var errors: [String] = []

    init(root: [String: Any]) { self.root = root }

    mutating func fail(_ pointer: String, _ message: String) { errors.append("\(pointer): \(message)") }

    mutating func check(_ instance: Any, _ schemaValue: Any, at pointer: String, depth: Int) {
      guard depth < 100 else { return fail(pointer, "schema references nest too deeply (a $ref cycle?)") }
      if JSONSchemaValidator.jsonType(of: schemaValue) == .boolean {
        if JSONSchemaValidator.boolValue(schemaValue) == false { fail(pointer, "no value is allowed here") }
        return
      }
      guard let schema = schemaValue as? [String: Any] else {
        return fail(pointer, "invalid schema \(JSONSchemaValidator.render(schemaValue))")
      }
      let type = JSONSchemaValidator.jsonType(of: instance)

      for keyword in schema.keys.sorted() where !JSONSchemaValidator.supportedKeywords.contains(keyword) {
        fail(pointer, "unsupported schema keyword \"\(keyword)\"")
      }

      if let reference = schema["$ref"] {
        if let reference = reference as? String, let target = JSONSchemaValidator.resolve(reference, in: root) {
          check(instance, target, at: pointer, depth: depth + 1)
        } else {
          fail(pointer, "cannot resolve $ref \(JSONSchemaValidator.render(reference))")
        }
      }

      if let expected = schema["type"] {
        let names = (expected as? [Any])?.compactMap { $0 as? String } ?? [(expected as? String) ?? ""]
        let matches = names.contains { name in
          name == type?.rawValue || (name == "number" && type == .integer)
        }
        if !matches {
          let got = type?.rawValue ?? "a non-JSON value"
          fail(pointer, "expected \(names.joined(separator: " or ")), got \(got)")
          // The other keywords would only repeat the mismatch.
          return
        }
      }

      if let options = schema["enum"] as? [Any], !options.contains(where: { JSONSchemaValidator.jsonEqual(instance, $0) }) {
        fail(pointer, "\(JSONSchemaValidator.render(instance)) is not one of \(JSONSchemaValidator.render(options))")
      }
      if let constant = schema["const"], !JSONSchemaValidator.jsonEqual(instance, constant) {
        fail(pointer, "expected \(JSONSchemaValidator.render(constant)), got \(JSONSchemaValidator.render(instance))")
      }

      if type == .integer || type == .number, let value = JSONSchemaValidator.numberValue(instance) {
        if let minimum = schema["minimum"].flatMap(JSONSchemaValidator.numberValue), value < minimum {
          fail(pointer, "\(JSONSchemaValidator.render(instance)) is less than the minimum \(JSONSchemaValidator.render(schema["minimum"]!))")
        }
        if let maximum = schema["maximum"].flatMap(JSONSchemaValidator.numberValue), value > maximum {
          fail(pointer, "\(JSONSchemaValidator.render(instance)) is greater than the maximum \(JSONSchemaValidator.render(schema["maximum"]!))")
        }
      }

      if type == .string, let string = instance as? String, let pattern = schema["pattern"] as? String {
        if let regex = try? NSRegularExpression(pattern: pattern) {
          let range = NSRange(string.startIndex..<string.endIndex, in: string)
          if regex.firstMatch(in: string, range: range) == nil {
            fail(pointer, "\(JSONSchemaValidator.render(instance)) does not match the pattern \(pattern)")
          }
        } else {
          fail(pointer, "invalid pattern \(pattern)")
        }
      }

      if type == .array, let items = instance as? [Any] {
        if let minimum = schema["minItems"].flatMap(JSONSchemaValidator.numberValue), Double(items.count) < minimum {
          fail(pointer, "expected at least \(Int(minimum)) items, got \(items.count)")
        }
        if let maximum = schema["maxItems"].flatMap(JSONSchemaValidator.numberValue), Double(items.count) > maximum {
          fail(pointer, "expected at most \(Int(maximum)) items, got \(items.count)")
        }
        if let itemSchema = schema["items"] {
          for (index, item) in items.enumerated() {
            check(item, itemSchema, at: JSONSchemaValidator.pointer(pointer, String(index)), depth: depth + 1)
          }
        }
      }

      if type == .object, let object = instance as? [String: Any] {
        let properties = schema["properties"] as? [String: Any] ?? [:]
        for name in (schema["required"] as? [Any] ?? []).compactMap({ $0 as? String }) where object[name] == nil {
          fail(pointer, "missing required property \"\(name)\"")
        }
        for key in object.keys.sorted() {
          let child = JSONSchemaValidator.pointer(pointer, key)
          if let propertySchema = properties[key] {
            check(object[key]!, propertySchema, at: child, depth: depth + 1)
          } else if let additional = schema["additionalProperties"] {
            if JSONSchemaValidator.jsonType(of: additional) == .boolean, JSONSchemaValidator.boolValue(additional) == false {
              fail(child, "unexpected property (additionalProperties is false)")
            } else {
              check(object[key]!, additional, at: child, depth: depth + 1)
            }
          }
        }
      }
    }
  }

  // MARK: - Checking a schema

  /// Problems with a schema document itself, as `<schema pointer>: <message>`: keywords this
  /// validator does not support, `$ref`s that do not resolve, malformed keyword values.
  /// Empty when every check the schema asks for is one `validate` makes.
  public static func schemaProblems(in schema: [String: Any]) -> [String] {
    var problems: [String] = []
    walkSchema(schema, at: "", root: schema, problems: &problems)
    return problems
  }

  private static func walkSchema(_ value: Any, at pointer: String, root: [String: Any], problems: inout [String]) {
    func problem(_ keyword: String, _ message: String) {
      problems.append("\(JSONSchemaValidator.pointer(pointer, keyword)): \(message)")
    }
    if jsonType(of: value) == .boolean { return }
    guard let schema = value as? [String: Any] else {
      problems.append("\(pointer): a schema must be an object or a boolean")
      return
    }
    for keyword in schema.keys.sorted() {
      let content = schema[keyword]!
      let here = JSONSchemaValidator.pointer(pointer, keyword)
      switch keyword {
      case "$defs", "properties":
        guard let map = content as? [String: Any] else { problem(keyword, "must be an object"); continue }
        for name in map.keys.sorted() {
          walkSchema(map[name]!, at: JSONSchemaValidator.pointer(here, name), root: root, problems: &problems)
        }
      case "items", "additionalProperties":
        walkSchema(content, at: here, root: root, problems: &problems)
      case "$ref":
        guard let reference = content as? String else { problem(keyword, "must be a string"); continue }
        if resolve(reference, in: root) == nil { problem(keyword, "cannot resolve \(reference)") }
      case "type":
        let names = (content as? [Any]) ?? [content]
        let valid = !names.isEmpty && names.allSatisfy { ($0 as? String).flatMap(JSONType.init(rawValue:)) != nil }
        if !valid { problem(keyword, "must be a type name or an array of type names") }
      case "required":
        let names = content as? [Any]
        if names == nil || !names!.allSatisfy({ $0 is String }) { problem(keyword, "must be an array of strings") }
        else if let properties = schema["properties"] as? [String: Any],
          schema["additionalProperties"].map({ jsonType(of: $0) == .boolean && boolValue($0) == false }) == true
        {
          for name in names!.compactMap({ $0 as? String }) where properties[name] == nil {
            problem(keyword, "\"\(name)\" is required but additionalProperties forbids it")
          }
        }
      case "enum":
        if !(content is [Any]) { problem(keyword, "must be an array") }
      case "pattern":
        guard let pattern = content as? String else { problem(keyword, "must be a string"); continue }
        if (try? NSRegularExpression(pattern: pattern)) == nil { problem(keyword, "invalid regular expression") }
      case "minimum", "maximum":
        let type = jsonType(of: content)
        if type != .integer && type != .number { problem(keyword, "must be a number") }
      case "minItems", "maxItems":
        if jsonType(of: content) != .integer || (numberValue(content) ?? -1) < 0 {
          problem(keyword, "must be a non-negative integer")
        }
      case "const": break
      case _ where annotationKeywords.contains(keyword): break
      default:
        problem(keyword, "unsupported keyword")
      }
    }
  }
}
