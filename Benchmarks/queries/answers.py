#!/usr/bin/env python3
"""Asks `qda query` a designer's questions and writes the passages it returns, best first, as the
answers.json that ../shared/devset/score_queries.py scores.

    python3 Benchmarks/queries/answers.py --qda .build/release/qda --project dev.qda \
        --questions ../shared/devset/gold/queries.jsonl > answers.json
    python3 ../shared/devset/score_queries.py answers.json

Each question is typed as written (its text goes to `qda query` unchanged) with its attribute
filters as --where conditions; 50 passages per question, participants' speech only. Extra
arguments after `--` go to every `qda query` (for example `-- --rank`).
Standard library only; the questions are read from the file, none is kept here.
"""
import argparse
import json
import re
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--qda", default=".build/release/qda")
    parser.add_argument("--project", required=True)
    parser.add_argument("--questions", required=True, help="a JSON-lines file: id, question, where")
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("extra", nargs="*", help="more qda query arguments (after --)")
    args = parser.parse_args()
    answers = {}
    for line in open(args.questions, encoding="utf-8"):
        if not line.strip():
            continue
        item = json.loads(line)
        command = [args.qda, "query", "--project", args.project, item["question"], "--speaker-role", "participant",
                   "--limit", str(args.limit), "--format", "json", *args.extra]
        for key, value in item.get("where", {}).items():
            command += ["--where", f"{key}={value}"]
        run = subprocess.run(command, capture_output=True, text=True)
        if run.returncode != 0:
            print(f"{item['id']}: qda query failed: {run.stderr.strip()}", file=sys.stderr)
            answers[item["id"]] = []
            continue
        # The snippet marks matched words between « and »; the scorer compares plain words.
        answers[item["id"]] = [re.sub("[«»]", "", hit["text"]) for hit in json.loads(run.stdout or "[]")]
    json.dump(answers, sys.stdout, indent=1, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
