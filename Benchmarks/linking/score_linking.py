#!/usr/bin/env python3
"""How many interviewer turns a project links to the labelled protocol question.

    python3 Benchmarks/linking/score_linking.py PROJECT.qda LABELS.csv [-v]

LABELS.csv has `doc` (or `file`), `turn` (the 1-based number of the interviewer turn in its
document) and `question` (the protocol question in force after that turn, meaning the one the
participant's next answer answers, or `none`). The question in force after a turn is its last
passage's. `devset_labels.csv` labels the dev set's interviewer turns (../shared/devset) against
Corpora/principals/protocol.yaml; Tests/Fixtures/linking/labels.csv labels the linking fixtures;
`reference_mnpq_labels.csv` labels the 484 interviewer turns of Corpora/reference's M, N, P and Q
interviews against the same protocol (by a helper who saw only the interviews and the protocol).
-v lists each turn linked wrongly and the most common confusions.
"""
import collections
import csv
import os
import sqlite3
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    database, labels = sys.argv[1], sys.argv[2]
    verbose = "-v" in sys.argv[3:]
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    turns = {}
    for document_id, source in connection.execute("SELECT id, source_path FROM document"):
        name = os.path.splitext(os.path.basename(source))[0]
        rows = connection.execute(
            "SELECT turn, question_id, text FROM passage WHERE document_id = ? AND role = 'interviewer' ORDER BY ordinal",
            (document_id,))
        last = {}
        for turn, question, text in rows:
            last[turn] = (question or "none", text)
        turns[name] = [last[turn] for turn in sorted(last)]
    right = total = 0
    confusions = collections.Counter()
    for row in csv.DictReader(open(labels, encoding="utf-8")):
        name = os.path.splitext(row.get("doc") or row["file"])[0]
        number = int(row["turn"])
        linked = turns.get(name, [])
        found, text = linked[number - 1] if number <= len(linked) else ("missing", "")
        total += 1
        if found == row["question"]:
            right += 1
            continue
        confusions[(row["question"], found)] += 1
        if verbose:
            print(f"{name} turn {number}: labelled {row['question']}, linked {found} | {text[:100]}")
    print(f"linked right {right}/{total} = {right / total:.3f}")
    if verbose:
        for (label, found), count in confusions.most_common(12):
            print(f"  {label} -> {found}: {count}")


if __name__ == "__main__":
    main()
