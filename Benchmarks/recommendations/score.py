#!/usr/bin/env python3
"""Scores the recommendations an analysis found against labelled sentences.

    qda analyze Benchmarks/recommendations/tuning/interviews --codebook Codebooks/chat.yaml \
        --attributes Benchmarks/recommendations/tuning/participants.csv --project t.qda --out t
    python3 Benchmarks/recommendations/score.py t/analysis.json Benchmarks/recommendations/tuning/labels.jsonl

Recall: labelled recommendation sentences found. Precision: found sentences that are labelled
recommendations, among found sentences the labels speak of (planted near misses: complaints,
advice to participants, reports of others' suggestions); found sentences with no label are
listed apart. Grouping: over pairs of found recommendations, whether two share a group in the
analysis and in the labels (a label group "other" joins nothing): pairwise precision, recall, F1.
Standard library only.
"""
import itertools
import json
import re
import sys


def norm(text):
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u2018", "'")).strip().lower()


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    analysis = json.load(open(sys.argv[1], encoding="utf-8"))
    labels = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8") if line.strip()]
    by_sentence = {(label["doc"], norm(label["sentence"])): label for label in labels}
    table = analysis["tables"]["recommendations"]
    found = [(s, index) for index, group in enumerate(table["groups"]) for s in group["suggestions"]]
    found += [(s, None) for s in table["others"]]
    right, wrong, unlabelled, pairs, hit = 0, [], [], [], set()
    for suggestion, group in found:
        key = (suggestion["participant"], norm(suggestion["text"]))
        label = by_sentence.get(key)
        if label is None:
            # A sentence the tool split differently: the label inside it, or it inside the label.
            near = [v for k, v in by_sentence.items() if k[0] == key[0] and (k[1] in key[1] or key[1] in k[1])]
            label = near[0] if near else None
        if label is None:
            unlabelled.append(suggestion)
        elif label["kind"] == "recommendation":
            right += 1
            hit.add((label["doc"], norm(label["sentence"])))
            pairs.append((label["group"], group))
        else:
            wrong.append((label["kind"], suggestion))
    gold = [k for k, v in by_sentence.items() if v["kind"] == "recommendation"]
    tp = predicted = actual = 0
    for (gold_a, found_a), (gold_b, found_b) in itertools.combinations(pairs, 2):
        same_gold = gold_a == gold_b and gold_a != "other"
        same_found = found_a is not None and found_a == found_b
        tp += same_gold and same_found
        predicted += same_found
        actual += same_gold
    precision = tp / predicted if predicted else 0
    recall = tp / actual if actual else 0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0
    for kind, suggestion in wrong:
        print(f"  not a recommendation ({kind}): {suggestion['participant']}: {suggestion['text'][:100]}")
    for suggestion in unlabelled:
        print(f"  unlabelled: {suggestion['participant']}: {suggestion['text'][:100]}")
    for key in gold:
        if key not in hit:
            print(f"  missed: {key[0]}: {by_sentence[key]['sentence'][:100]}")
    print(f"grouping: {table['grouping']}")
    print(f"recall {len(hit)}/{len(gold)}; precision {right}/{right + len(wrong)} (and {len(unlabelled)} unlabelled)")
    print(f"pairwise grouping: precision {precision:.2f} recall {recall:.2f} F1 {f1:.2f}")


if __name__ == "__main__":
    main()
