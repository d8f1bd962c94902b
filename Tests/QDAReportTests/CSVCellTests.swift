import QDAReport
import Testing

@Suite struct CSVCellTests {
  @Test(arguments: [
    ("=HYPERLINK(\"http://evil.example\",\"click\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""),
    ("+1+2", "'+1+2"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1", "\"'\t=1\""),
    ("\r=1", "\"'\r=1\""),
    ("-0.25", "-0.25"),
    ("+4", "+4"),
    ("-", "'-"),
    ("- a dash-led list item", "'- a dash-led list item"),
    ("Ortiz, A.", "\"Ortiz, A.\""),
    ("She said \"no\"", "\"She said \"\"no\"\"\""),
    ("plain", "plain"),
    ("", ""),
  ])
  func formulasAreMadeInertAndCellsQuoted(input: String, expected: String) {
    #expect(CSVCell.escape(input) == expected)
  }
}
