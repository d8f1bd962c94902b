#!/usr/bin/env bash
# Redaction probes (issue 32, item 2): 77 identifiers hidden in seven transcripts, and 9 words
# that only look like names, written by a helper who had not read the redaction code. Each run
# de-identifies the study with a short name list (A: the evaluator's own) and a reviewed one
# (B: plus what `qda redact detect` proposed, each given a kind), then reports every probe that
# survived and every control that was replaced.
#   swift build -c release --product qda && Benchmarks/redaction/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
qda="${QDA:-$here/../../.build/release/qda}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here"/{gen.py,check.py,attributes.csv,names-known.csv,names-reviewed.csv} "$work"
cd "$work"
python3 gen.py > /dev/null
"$qda" ingest corpus --attributes attributes.csv --codebook "$here/../../Codebooks/chat.yaml" --rules-only --project study.qda -q
for run in A B; do
  names=names-known.csv; [[ $run == B ]] && names=names-reviewed.csv
  "$qda" redact apply -q --project study.qda --names "$names" --key "key$run.csv" --out "$run.qda" > /dev/null
  echo "run $run ($names):"
  python3 check.py "$run.qda"
done
