import Foundation
import Testing
import _QDATestSupport

/// Issue 34, item 7: every table's CSV is data R or pandas reads without string parsing. Python's
/// `csv` module reads each one (`strict`), and each cell is checked against the type its data
/// dictionary gives: integers are digits, numbers parse, text holds no figure as a table shows
/// it (`2 (8)`, `49%`, `·`); column names are unique plain names, and the dictionary
/// lists exactly the CSV's columns, each with its meaning.
@Suite struct TidyTablesTests {
  static let check = #"""
import csv, glob, os, re, sys
folder = sys.argv[1]
problems = []
tables = sorted(p for p in glob.glob(os.path.join(folder, "*.csv")) if not p.endswith(".dictionary.csv"))
if not tables:
    problems.append("no tables in " + folder)
integer = re.compile(r"-?[0-9]+\Z")
# A count with its passages, a share with its sign, a dot or a dash for none: figures as a
# table shows them. (A range such as 10–14 may be a category's label.)
shown = re.compile(r"\s|[0-9]+ \([0-9]+\)\Z|-?[0-9.]+ ?%\Z|[·—–]\Z")
for path in tables:
    name = os.path.basename(path)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, strict=True))
    header, body = rows[0], rows[1:]
    if len(set(header)) != len(header):
        problems.append(f"{name}: repeated column names {header}")
    for column in header:
        if not re.fullmatch(r"[a-z][a-z0-9_]*", column):
            problems.append(f"{name}: column name {column!r} is not a plain name")
    dictionary = path[:-4] + ".dictionary.csv"
    if not os.path.exists(dictionary):
        problems.append(f"{name}: no data dictionary")
        continue
    with open(dictionary, newline="", encoding="utf-8") as f:
        described = list(csv.DictReader(f, strict=True))
    if [d["column"] for d in described] != header:
        problems.append(f"{name}: dictionary columns {[d['column'] for d in described]} are not the header {header}")
        continue
    types = {d["column"]: d["type"] for d in described}
    for d in described:
        if d["type"] not in ("text", "integer", "number") or len(d["meaning"]) < 10:
            problems.append(f"{name}: column {d['column']} has type {d['type']!r}, meaning {d['meaning']!r}")
    for line, row in enumerate(body, start=2):
        if len(row) != len(header):
            problems.append(f"{name}:{line}: {len(row)} cells under {len(header)} columns")
            continue
        for column, cell in zip(header, row):
            kind = types[column]
            if cell == "":
                continue
            if kind == "integer" and not integer.match(cell):
                problems.append(f"{name}:{line}: {column} = {cell!r} is not an integer")
            elif kind == "number":
                try:
                    float(cell)
                except ValueError:
                    problems.append(f"{name}:{line}: {column} = {cell!r} is not a number")
            elif kind == "text" and (cell != cell.strip() or shown.match(cell)):
                problems.append(f"{name}:{line}: {column} = {cell!r} is a figure as shown, not a value")
print(f"{len(tables)} tables read")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
"""#

  @Test func everyTableOfTheSampleReportReadsAsTypedData() throws {
    let temp = try TemporaryFolder("tidy")
    let script = temp.path("check.py")
    try Self.check.write(toFile: script, atomically: true, encoding: .utf8)
    // The committed report is what the README's main command writes (SampleReportGoldenTests).
    let tables = Fixtures.repository("Reports/principals/tables")
    let result = try CommandRunner.shell("python3 '\(script)' '\(tables)'")
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.hasPrefix("25 tables read"), "\(result.stdout)")
  }
}
