#!/usr/bin/env bash
# Rebuilds the codebook's prior (Codebooks/chat.prior.json) from this corpus: the element and code
# classifiers from the coder `reference`'s codings (codings.csv), and the tension model from the 288
# contradictions of gold/contradictions.jsonl, recorded by hand as that coder's.
#
#   Corpora/reference/rebuild-prior.sh [path/to/qda]      (default: swift run qda)
#
# Needs the sentence model installed (Docs/learned-coding.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ $# -ge 1 ]]; then qda=("$1"); else qda=(swift run qda); fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"${qda[@]}" analyze Corpora/reference/interviews --attributes Corpora/reference/participants.csv \
  --codebook Codebooks/chat.yaml --project "$work/reference.qda" --out "$work/out" > /dev/null
"${qda[@]}" code import --project "$work/reference.qda" Corpora/reference/codings.csv
python3 - "$work/reference.qda" "${qda[@]}" <<'PY'
import json, subprocess, sys
project, qda = sys.argv[1], sys.argv[2:]
count = 0
for line in open("Corpora/reference/gold/contradictions.jsonl", encoding="utf-8"):
    if not line.strip():
        continue
    item = json.loads(line)
    elements = ",".join(name.lower().replace(" ", "_") for name in item["elements"])
    subprocess.run(qda + ["contradictions", "add", "--project", project, "--document", item["doc"] + ".txt",
                          "--quote", item["quote"], "--elements", elements, "--type", item["kind"].replace(" ", "_"),
                          "--coder", "reference"], check=True, stdout=subprocess.DEVNULL)
    count += 1
print(f"recorded {count} contradictions as reference's")
PY
"${qda[@]}" learn --project "$work/reference.qda" --coder reference --no-prior
"${qda[@]}" learn export --project "$work/reference.qda" --out Codebooks/chat.prior.json
