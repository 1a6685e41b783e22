#!/usr/bin/env python3
"""Checks that no stored real-world corpus file holds a credential of the fetched originals.

Usage: realworld_no_originals.py ORIGINALS.jsonl CORPUS_DIR
ORIGINALS.jsonl (one {"repo", "path", "text"} object a line) stays outside the repository (e.g. in /tmp): it
holds the configs as fetched. Every credential-looking value of the originals is collected (known token prefixes,
JWTs, Basic/Bearer header values, values of secret-named keys, passwords in connection strings) and must appear
in no file of CORPUS_DIR. Exit 1 naming file and the value's first 4 characters when one does.
"""
import json, os, re, sys

PATTERNS = [
    r"\b(?:sbp|napi|figd|ghp|gho|ghs|github_pat|glpat|hf|ntn|lin_api|sntrys|dop_v1|access|live|test)_[A-Za-z0-9_-]{16,}",
    r"\b(?:sk|pplx|xox[abpeor]|AKIA)[-_A-Za-z0-9]{16,}",
    r"eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+",
    r"(?i)(?<=basic )[A-Za-z0-9+/=]{8,}", r"(?i)(?<=bearer )[A-Za-z0-9._~+/=-]{12,}",
    r"(?<=://)[^:/@\s\"]+:([^@\s\"]{4,})(?=@)",
]
SECRET_KEY = re.compile(r"(?i)(key|token|secret|passw|pwd|credential|auth)")


def credentials(text):
    found = set()
    for p in PATTERNS:
        for m in re.finditer(p, text):
            found.add(m.group(1) if m.groups() else m.group(0))
    for m in re.finditer(r'"([A-Za-z0-9_.-]+)"\s*:\s*"([^"$<{][^"]{5,})"', text):
        if SECRET_KEY.search(m.group(1)) and not re.search(r"(?i)your|example|xxx|here|placeholder|redacted", m.group(2)):
            found.add(m.group(2))
    # placeholders and variable references are not credentials: a credential has a digit and no ${...} or "your"
    return {v for v in found if len(v) >= 6 and re.search(r"[0-9]", v) and "${" not in v
            and not re.search(r"(?i)your", v)}


def main(originals, corpus):
    values = set()
    for line in open(originals, encoding="utf-8"):
        values |= credentials(json.loads(line)["text"])
    leaks = []
    for root, _, files in os.walk(corpus):
        for name in files:
            body = open(os.path.join(root, name), encoding="utf-8").read()
            leaks += [(name, v[:4]) for v in values if v in body]
    print(f"{len(values)} credential-looking values in the originals; {len(leaks)} found in {corpus}")
    for name, head in leaks:
        print(f"  {name}: {head}…")
    return 1 if leaks else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
