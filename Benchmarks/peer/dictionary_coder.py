#!/usr/bin/env python3
"""The peer in the performance comparison: keyword (dictionary) coding as dictionary-coding
packages and QualCoder's auto-code by text do it. Every term of the codebook's rules becomes a
case-insensitive, word-bounded regular expression (a trailing * a prefix); each code's terms are
one alternation; every match is recorded with its code and position, line by line.

Usage: dictionary_coder.py <codebook.yaml> <text file>
Prints: "<codes> codes, <terms> terms, <matches> matches".
"""
import re
import sys


def codebook_terms(path):
    """Code id -> terms, read from the codebook's rules (any/all/near lists) without a YAML
    library: the rule lines are flow sequences of quoted or bare words."""
    codes = {}
    stack = []  # (indent, id)
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            stripped = line.lstrip()
            indent = len(line) - len(stripped)
            match = re.match(r"- id: (\S+)", stripped)
            if match:
                while stack and stack[-1][0] >= indent:
                    stack.pop()
                stack.append((indent, match.group(1)))
                continue
            match = re.match(r"- (any|all|near): (.*)", stripped)
            if match and stack:
                code = ".".join(part for _, part in stack)
                words = re.findall(r'"([^"]+)"|([A-Za-z][A-Za-z*\'-]*)', match.group(2))
                for quoted, bare in words:
                    term = (quoted or bare).strip()
                    if term and term not in ("within",):
                        codes.setdefault(code, []).append(term.lower())
    return codes


def compile_code(terms):
    parts = []
    for term in sorted(set(terms), key=len, reverse=True):
        if term.endswith("*"):
            parts.append(r"\b" + re.escape(term[:-1]) + r"\w*")
        else:
            parts.append(r"\b" + re.escape(term) + r"\b")
    return re.compile("|".join(parts), re.IGNORECASE)


def main():
    codes = codebook_terms(sys.argv[1])
    patterns = {code: compile_code(terms) for code, terms in codes.items()}
    matches = 0
    offset = 0
    with open(sys.argv[2], encoding="utf-8") as handle:
        for line in handle:
            for code, pattern in patterns.items():
                for found in pattern.finditer(line):
                    matches += 1
                    _ = (code, offset + found.start(), offset + found.end())
            offset += len(line)
    print(f"{len(codes)} codes, {sum(len(t) for t in codes.values())} terms, {matches} matches")


if __name__ == "__main__":
    main()
