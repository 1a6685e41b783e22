#!/usr/bin/env python3
"""Imports secretlint's rule snapshot tests as data for SecretlintSnapshotsTest.

Each snapshot of a secretlint rule is an input file and the messages secretlint expects for it (output.json,
with the range of every secret found). This keeps the text inputs and the expected ranges, one JSON line per
snapshot, for the rules that look for secret formats; nothing of secretlint's code is kept.

usage: import_secretlint_snapshots.py GIT_DIR OUT_FILE
  GIT_DIR   a clone (or bare mirror) of https://github.com/secretlint/secretlint
"""
import json
import subprocess
import sys

# rules that are about something other than secret formats in text
SKIPPED_RULES = {"pattern", "filter-comments", "no-homedir", "no-dotenv", "no-k8s-kind-secret", "example"}
PREFIX = "packages/@secretlint/secretlint-rule-"


def git(git_dir, *args):
    return subprocess.run(["git", "--git-dir", git_dir, *args], check=True, capture_output=True).stdout


def main():
    git_dir, out_file = sys.argv[1], sys.argv[2]
    commit = git(git_dir, "rev-parse", "HEAD").decode().strip()
    names = git(git_dir, "ls-tree", "-r", "--name-only", "HEAD").decode().splitlines()
    rows = []
    for name in sorted(names):
        if not name.startswith(PREFIX) or "/test/snapshots/" not in name:
            continue
        rule, rest = name[len(PREFIX):].split("/test/snapshots/", 1)
        case, _, file = rest.partition("/")
        if rule in SKIPPED_RULES or "/" in file or not file.startswith("input"):
            continue
        try:
            text = git(git_dir, "show", "HEAD:" + name).decode("utf-8")
        except UnicodeDecodeError:
            continue  # binary inputs (.p12, .png)
        output = json.loads(git(git_dir, "show", "HEAD:" + name.rsplit("/", 1)[0] + "/output.json"))
        if output.get("sourceContent", text) != text:
            continue  # secretlint checked a transformed text; the ranges would not fit this one
        expected = sorted([m["range"][0], m["range"][1], m.get("messageId", "")] for m in output["messages"])
        rows.append({"rule": rule, "case": case, "file": file, "input": text, "expected": expected})
    with open(out_file, "w", encoding="utf-8") as out:
        out.write(json.dumps({"source": "https://github.com/secretlint/secretlint", "commit": commit,
                              "license": "MIT, Copyright (c) 2020 azu", "snapshots": len(rows)}) + "\n")
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} snapshots of {len({r['rule'] for r in rows})} rules from {commit}")


if __name__ == "__main__":
    main()
