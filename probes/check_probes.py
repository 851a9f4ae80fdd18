#!/usr/bin/env python3
"""Validate the probe files and print counts (used to generate the tables in probes/README.md).

Usage: python probes/check_probes.py [--markdown]
Checks: required keys, unique ids, expected_sources covers exactly `sources`, labels are valid,
and `expected` follows from expected_sources by the overall rule.
"""
import collections
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
FILES = ["seeds.jsonl", "examples.jsonl"]
KNOWN_SOURCES = {
    "seeds.jsonl": {"000_ffb46453cc274d5e", "003_d0b0cb5dad326dab"},
    "examples.jsonl": {"northern-ledger", "harbor-daily", "radio-meridian"},
}
LABELS = {"agree", "conflict", "mixed", "unverified"}
KEYS = {"id", "claim", "sources", "expected", "expected_sources", "category", "note"}


def overall(labels):
    ag = any(l in ("agree", "mixed") for l in labels)
    co = any(l in ("conflict", "mixed") for l in labels)
    if ag and co:
        return "mixed"
    return "agree" if ag else "conflict" if co else "unverified"


def load(name):
    recs = []
    for n, line in enumerate((HERE / name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        r = json.loads(line)
        where = f"{name}:{n} ({r.get('id')})"
        assert set(r) == KEYS, f"{where}: keys {sorted(set(r) ^ KEYS)}"
        assert r["sources"] and len(set(r["sources"])) == len(r["sources"]), where
        assert set(r["sources"]) <= KNOWN_SOURCES[name], f"{where}: unknown source"
        assert set(r["expected_sources"]) == set(r["sources"]), f"{where}: expected_sources != sources"
        assert set(r["expected_sources"].values()) <= LABELS and r["expected"] in LABELS, where
        assert r["expected"] == overall(r["expected_sources"].values()), f"{where}: overall mismatch"
        assert r["claim"].strip() and r["note"].strip() and r["category"].strip(), where
        recs.append(r)
    return recs


def table(title, counter, cols=None):
    lines = [f"| {title} | count |", "|---|---|"]
    for k in sorted(counter, key=lambda k: (-counter[k], k)) if cols is None else cols:
        lines.append(f"| {k} | {counter.get(k, 0)} |")
    return "\n".join(lines)


def main():
    all_recs, ids, out = [], set(), []
    for name in FILES:
        recs = load(name)
        for r in recs:
            assert r["id"] not in ids, f"duplicate id {r['id']}"
            ids.add(r["id"])
        all_recs += [(name, r) for r in recs]

    verdicts = ["agree", "conflict", "mixed", "unverified"]
    out.append("### Probes per file and expected overall verdict\n")
    out.append("| file | probes | agree | conflict | mixed | unverified | per-source labels (a/c/m/u) | traps (non-conflict) |")
    out.append("|---|---|---|---|---|---|---|---|")
    for name in FILES + ["total"]:
        recs = [r for f, r in all_recs if name in (f, "total")]
        c = collections.Counter(r["expected"] for r in recs)
        ps = collections.Counter(l for r in recs for l in r["expected_sources"].values())
        traps = sum(1 for r in recs if r["note"].startswith("TRAP") and r["expected"] != "conflict")
        out.append(f"| {name} | {len(recs)} | " + " | ".join(str(c[v]) for v in verdicts)
                   + f" | {ps['agree']}/{ps['conflict']}/{ps['mixed']}/{ps['unverified']} | {traps} |")

    out.append("\n### Probes per category and expected overall verdict (both files)\n")
    out.append("| category | seeds | examples | agree | conflict | mixed | unverified |")
    out.append("|---|---|---|---|---|---|---|")
    cats = sorted({r["category"] for _, r in all_recs})
    for cat in cats:
        recs = [(f, r) for f, r in all_recs if r["category"] == cat]
        c = collections.Counter(r["expected"] for _, r in recs)
        nf = collections.Counter(f for f, _ in recs)
        out.append(f"| {cat} | {nf['seeds.jsonl']} | {nf['examples.jsonl']} | "
                   + " | ".join(str(c[v]) for v in verdicts) + " |")
    print("\n".join(out))


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"INVALID: {e}", file=sys.stderr)
        sys.exit(1)
