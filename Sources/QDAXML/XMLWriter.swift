/// Writes XML text: elements with attributes in the order given, escaped text, two-space
/// indentation for element-only content.
///
/// ```swift
/// var xml = XMLWriter()
/// xml.open("Codes")
/// xml.element("Code", ["guid": id, "name": "Rules", "isCodable": "true"])
/// xml.close()
/// ```
public struct XMLWriter: Sendable {
  public private(set) var output = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
  private var stack: [String] = []

  public init() {}

  /// Opens an element; attributes whose value is nil are left out.
  public mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
    indent()
    output += "<" + name
    write(attributes)
    output += ">\n"
    stack.append(name)
  }

  /// Closes the innermost open element.
  public mutating func close() {
    let name = stack.removeLast()
    indent()
    output += "</" + name + ">\n"
  }

  /// Writes a whole element: empty, or holding text.
  public mutating func element(
    _ name: String, _ attributes: KeyValuePairs<String, String?> = [:], text: String? = nil
  ) {
    indent()
    output += "<" + name
    write(attributes)
    if let text {
      output += ">" + Self.escape(text, inAttribute: false) + "</" + name + ">\n"
    } else {
      output += "/>\n"
    }
  }

  private mutating func write(_ attributes: KeyValuePairs<String, String?>) {
    for (key, value) in attributes {
      guard let value else { continue }
      output += " " + key + "=\"" + Self.escape(value, inAttribute: true) + "\""
    }
  }

  private mutating func indent() {
    output += String(repeating: "  ", count: stack.count)
  }

  /// Text made safe for XML: markup characters escaped, characters XML 1.0 cannot hold
  /// (C0 controls other than tab and line breaks, unpaired surrogates cannot occur in a String)
  /// replaced by U+FFFD, and line breaks and tabs in attributes kept as character references.
  public static func escape(_ text: String, inAttribute: Bool) -> String {
    var result = ""
    result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"" where inAttribute: result += "&quot;"
      case "\n" where inAttribute: result += "&#10;"
      case "\r": result += "&#13;"
      case "\t" where inAttribute: result += "&#9;"
      case "\t", "\n": result.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
          result += "\u{FFFD}"
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }
}
