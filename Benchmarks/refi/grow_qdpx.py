#!/usr/bin/env python3
"""Writes a REFI-QDA project whose text source is K times as long, with its selections repeated
along it: the input for timing `qda import qdpx` against source length.

    python3 Benchmarks/refi/grow_qdpx.py ../shared/refi-qda/samples/qc-1.3.2-demo-nonconformant.qdpx \
        board_2017.txt 12 /tmp/grown12.qdpx
    /usr/bin/time -f "%e s %M KB" .build/release/qda import qdpx --project /tmp/g.qda /tmp/grown12.qdpx

The source's text is repeated K times and each selection on it is repeated at the same place in
every copy (new GUIDs); the other sources are kept as they are. Standard library only.
"""
import re
import sys
import uuid
import zipfile


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    package, source, k, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    with zipfile.ZipFile(package) as z:
        files = {name: z.read(name) for name in z.namelist() if not name.endswith("/")}
    qde = files["project.qde"].decode("utf-8")
    text = files["sources/" + source].decode("utf-8")
    length = len(text)  # code points, as the standard counts positions
    match = re.search(r'(<TextSource plainTextPath="%s"[^>]*>)(.*?)(</TextSource>)' % re.escape(source), qde, re.S)
    if not match:
        sys.exit(f"{package}: no text source with plainTextPath {source!r} and selections")
    selections = match.group(2)
    copies = [selections]
    for copy in range(1, k):
        shifted = re.sub(r'startPosition="(\d+)" endPosition="(\d+)"',
                         lambda m: f'startPosition="{int(m.group(1)) + copy * length}" '
                                   f'endPosition="{int(m.group(2)) + copy * length}"', selections)
        copies.append(re.sub(r'guid="[0-9A-Fa-f-]{36}"', lambda m: f'guid="{uuid.uuid4()}"', shifted))
    files["project.qde"] = (qde[:match.start(2)] + "".join(copies) + qde[match.end(2):]).encode("utf-8")
    files["sources/" + source] = (text * k).encode("utf-8")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    print(f"{out}: {source} {len(text) * k} code points, {qde.count('<PlainTextSelection') + (k - 1) * selections.count('<PlainTextSelection')} selections")


if __name__ == "__main__":
    main()
