/// The pages' shared frame: one layout, escaping for every piece of data, and a stylesheet
/// served from `/style.css` so the content security policy can forbid inline styles and scripts.
enum HTMLPage {
  /// A whole page: `lang`, a skip link, navigation, the main content.
  static func page(title: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(escape(title)) — QDAKit</title>
    <link rel="stylesheet" href="/style.css">
    </head>
    <body>
    <a class="skip" href="#main">Skip to content</a>
    <header><nav aria-label="Main"><a href="/">Themes</a> <a href="/passages">Passages</a></nav></header>
    <main id="main">
    <h1>\(escape(title))</h1>
    \(body)
    </main>
    </body>
    </html>
    """
  }

  /// Text made safe for HTML content and attribute values.
  static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.count)
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }

  /// A snippet with the matched words (between « and ») marked, the rest escaped.
  static func highlighted(_ snippet: String) -> String {
    escape(snippet).replacingMarks()
  }

  /// A query string from pairs, each part percent-encoded.
  static func query(_ pairs: [(String, String)]) -> String {
    let encoded = pairs.filter { !$0.1.isEmpty }.map {
      "\(percentEncode($0.0))=\(percentEncode($0.1))"
    }
    return encoded.isEmpty ? "" : "?" + encoded.joined(separator: "&")
  }

  static func percentEncode(_ text: String) -> String {
    var result = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"),
        UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
        result.append(Character(Unicode.Scalar(byte)))
      default:
        result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
      }
    }
    return result
  }

  static let stylesheet = """
    body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1a1a1a; background: #fff; margin: 0; }
    header { background: #1f3a5f; padding: .5rem 1rem; }
    header a { color: #fff; margin-right: 1.5rem; font-weight: 600; }
    main { max-width: 70rem; margin: 0 auto; padding: 1rem; }
    a { color: #0b4f9c; }
    a:focus, button:focus, input:focus, select:focus { outline: 3px solid #e8a200; outline-offset: 2px; }
    .skip { position: absolute; left: -999px; }
    .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 1; }
    table { border-collapse: collapse; margin: 1rem 0; }
    th, td { border-bottom: 1px solid #ccc; padding: .3rem .6rem; text-align: left; vertical-align: top; }
    td.n { text-align: right; font-variant-numeric: tabular-nums; }
    mark { background: #ffe08a; color: #000; }
    form { display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-end; margin: 1rem 0; }
    label { display: flex; flex-direction: column; font-size: .9rem; font-weight: 600; }
    input, select, button { font: inherit; padding: .3rem .4rem; }
    button { background: #1f3a5f; color: #fff; border: 0; padding: .4rem 1rem; }
    .passage { border-left: 6px solid #ccc; padding: .3rem .8rem; margin: .6rem 0; }
    .passage.interviewer { border-left-color: #999; color: #444; }
    .passage.participant { border-left-color: #1f3a5f; }
    .meta { font-size: .85rem; color: #444; }
    .stripes { float: right; margin-left: 1rem; }
    .error { border: 2px solid #a00; padding: .5rem 1rem; }
    """
}

extension String {
  func replacingMarks() -> String {
    var result = ""
    for character in self {
      switch character {
      case "«": result += "<mark>"
      case "»": result += "</mark>"
      default: result.append(character)
      }
    }
    return result
  }

  func leftPadded(to length: Int) -> String {
    count >= length ? self : String(repeating: "0", count: length - count) + self
  }
}
