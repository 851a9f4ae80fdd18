"""Planted edits: does the consistency report find a fact changed by hand in a copy of a real article?

Each record of ``eval/data/planted_edits.jsonl`` names an FNC-1 article body (``../shared/data/fnc-1-train``)
and a few edits ``find -> replace``. The edits were written by hand by a reader who never saw the code: most
change one fact (a figure, a role, a person, a place, a time, an action), some only reword a phrase
(``paraphrase``, the fact unchanged). The edited article is the body with every ``find`` replaced.

For every body of the split the original and the edited copy are stored as two sources (``fnc-<id>-a``,
outlet ``original``; ``fnc-<id>-b``, outlet ``edited``) in one corpus in a temporary data directory, and the
consistency report is built over that pair alone. Measured:

* a fact change is **found** when some ``conflict`` topic has a claim whose sentence overlaps the replacement
  in the edited source or the replaced words in the original source;
* a **false** conflict topic is one that touches no fact-change span in either source;
* a paraphrase is **flagged** when a conflict topic touches its span (it should not be), unless that topic also
  touches a fact change's span (a changed fact in the same sentence: the topic reports the change);
* ``agree`` topics are counted for information.

The split is the FNC-1 body split of ``eval/splits.py``: ``dev`` bodies may be used for tuning, ``test`` bodies
are only reported.

    python eval/planted_edits.py --split dev|test [--errors] [--json]

Nothing is written to the project.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from splits import FNC_BODIES, fnc_body_split
from verifier_settings import VERIFIER_HELP, verifier_settings

from factcheck import Config, Corpus, EmbedderConfig, IngestFailure, SourceInput
from factcheck.embedding_onnx import ONNX_EMBEDDER
from factcheck.records import normalize_text
from factcheck.report import build_report

EDITS_FILE = Path(__file__).resolve().parent / "data" / "planted_edits.jsonl"
FACT_KINDS = ("figure", "role", "person", "place", "time", "action")
PARAPHRASE = "paraphrase"
CONFLICT, AGREE = "conflict", "agree"


@dataclass
class Edit:
    body_id: int
    find: str
    replace: str
    kind: str
    changes_fact: bool
    fact: str
    original_span: tuple[int, int] = (0, 0)  # in the stored original text
    edited_span: tuple[int, int] = (0, 0)  # in the stored edited text


@dataclass
class Article:
    body_id: int
    original: str
    edited: str
    edits: list[Edit] = field(default_factory=list)

    @property
    def ids(self) -> tuple[str, str]:
        return f"fnc-{self.body_id}-a", f"fnc-{self.body_id}-b"


def read_bodies(path: Path = FNC_BODIES) -> dict[int, str]:
    csv.field_size_limit(10**9)
    with path.open(encoding="utf-8", newline="") as handle:
        return {int(row["Body ID"]): row["articleBody"] for row in csv.DictReader(handle)}


def apply_edits(body_id: int, text: str, edits: list[Edit]) -> str:
    """The edited text; each edit's ``original_span`` and ``edited_span`` are set (offsets in ``text``)."""
    placed = []
    for edit in edits:
        start = text.find(edit.find)
        if start < 0 or text.find(edit.find, start + 1) >= 0:
            raise SystemExit(f"body {body_id}: {edit.find!r} does not occur exactly once in the (normalised) body")
        placed.append((start, start + len(edit.find), edit))
    placed.sort(key=lambda p: p[0])
    for (_, end, _), (start, _, _) in pairwise(placed):
        if start < end:
            raise SystemExit(f"body {body_id}: overlapping edits")
    parts, cursor, shift = [], 0, 0
    for start, end, edit in placed:
        parts.append(text[cursor:start])
        parts.append(edit.replace)
        cursor = end
        edit.original_span = (start, end)
        edit.edited_span = (start + shift, start + shift + len(edit.replace))
        shift += len(edit.replace) - len(edit.find)
    parts.append(text[cursor:])
    return "".join(parts)


def load_articles(split: str) -> list[Article]:
    bodies = read_bodies()
    articles = []
    with EDITS_FILE.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            if record["split"] != split:
                continue
            body_id = int(record["body_id"])
            if fnc_body_split(body_id) != split:
                raise SystemExit(f"body {body_id} is marked {split!r} but eval/splits.py puts it in another split")
            edits = [
                Edit(body_id, e["find"], e["replace"], e["kind"], bool(e["changes_fact"]), e["fact"])
                for e in record["edits"]
            ]
            original = normalize_text(bodies[body_id])
            edited = apply_edits(body_id, original, edits)  # normalised when stored; spans are in this text
            articles.append(Article(body_id, original, edited, edits))
    return articles


def locate(stored: str, expected: str, span: tuple[int, int], words: str, what: str) -> tuple[int, int]:
    """``span`` if the corpus stored ``expected`` as given, else the single place of ``words`` in ``stored``."""
    if stored == expected:
        return span
    start = stored.find(words)
    if start < 0 or stored.find(words, start + 1) >= 0:
        raise SystemExit(f"{what}: cannot locate {words!r} in the stored text")
    return start, start + len(words)


def touches(topic: Any, source_id: str, span: tuple[int, int]) -> bool:
    """Whether one of the topic's claims in ``source_id`` sits in a sentence overlapping ``span``."""
    start, end = span
    for claim in topic.claims:
        if claim.source_id != source_id:
            continue
        if start == end:  # a deletion: the sentence around the place where the words were
            if claim.sentence_start <= start <= claim.sentence_end:
                return True
        elif claim.sentence_start < end and start < claim.sentence_end:
            return True
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), required=True)
    parser.add_argument("--errors", action="store_true", help="list missed changes and false conflict topics")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--threads", type=int, default=1, help="embedder threads (default 1)")
    parser.add_argument("--verifier", action="append", default=[], metavar="FIELD=VALUE", help=VERIFIER_HELP)
    args = parser.parse_args()
    articles = load_articles(args.split)
    if not articles:
        print(f"error: no planted edits for split {args.split!r}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    total: Counter[str] = Counter()
    found: Counter[str] = Counter()
    paraphrases = flagged = false_topics = conflict_topics = agree_topics = 0
    missed: list[dict[str, Any]] = []
    false_list: list[dict[str, Any]] = []
    flagged_list: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as data_dir:
        config = Config(
            data_dir=Path(data_dir),
            embedder=EmbedderConfig(name=ONNX_EMBEDDER, threads=args.threads),
            verifier_model=verifier_settings(args.verifier),
        )
        with Corpus.open(config) as corpus:
            sources = []
            for article in articles:
                a, b = article.ids
                sources.append(SourceInput(id=a, text=article.original, outlet="original"))
                sources.append(SourceInput(id=b, text=normalize_text(article.edited), outlet="edited"))
            failures = [o for o in corpus.ingest_many(sources) if isinstance(o, IngestFailure)]
            if failures:
                print(f"error: ingest failed: {failures}", file=sys.stderr)
                return 1
            ingest_seconds = time.perf_counter() - started
            for article in articles:
                a, b = article.ids
                stored_a, stored_b = corpus.get_source(a).text, corpus.get_source(b).text
                spans = []  # (edit, original span, edited span)
                for edit in article.edits:
                    where = f"body {article.body_id}"
                    span_a = locate(stored_a, article.original, edit.original_span, edit.find, where)
                    span_b = locate(stored_b, article.edited, edit.edited_span, edit.replace, where)
                    spans.append((edit, span_a, span_b))
                report = build_report(corpus, [a, b])
                conflicts = [t for t in report.topics if t.status == CONFLICT]
                conflict_topics += len(conflicts)
                agree_topics += sum(1 for t in report.topics if t.status == AGREE)

                def hit(topic: Any, span_a: tuple[int, int], span_b: tuple[int, int], a: str = a, b: str = b) -> bool:
                    return touches(topic, a, span_a) or touches(topic, b, span_b)

                fact_spans = [(sa, sb) for edit, sa, sb in spans if edit.changes_fact]
                for edit, span_a, span_b in spans:
                    hits = [t for t in conflicts if hit(t, span_a, span_b)]
                    if edit.changes_fact:
                        total[edit.kind] += 1
                        if hits:
                            found[edit.kind] += 1
                        else:
                            missed.append(
                                {
                                    "body_id": article.body_id,
                                    "kind": edit.kind,
                                    "fact": edit.fact,
                                    "find": edit.find,
                                    "replace": edit.replace,
                                }
                            )
                    elif edit.kind == PARAPHRASE:
                        paraphrases += 1
                        # a topic that tells a changed fact of the same sentence reports that change, not the rewording
                        hits = [t for t in hits if not any(hit(t, sa, sb) for sa, sb in fact_spans)]
                        if hits:
                            flagged += 1
                            flagged_list.append(
                                {
                                    "body_id": article.body_id,
                                    "find": edit.find,
                                    "replace": edit.replace,
                                    "topics": [{"label": t.label, "reason": t.reason} for t in hits],
                                }
                            )
                for topic in conflicts:
                    if not any(hit(topic, sa, sb) for sa, sb in fact_spans):
                        false_topics += 1
                        false_list.append(
                            {
                                "body_id": article.body_id,
                                "label": topic.label,
                                "reason": topic.reason,
                                "sentences": sorted({c.sentence for c in topic.claims}),
                            }
                        )
    n = len(articles)
    changes = sum(total.values())
    summary = {
        "split": args.split,
        "articles": n,
        "fact_changes_found": f"{sum(found.values())}/{changes}",
        "found_share": round(sum(found.values()) / changes, 3) if changes else None,
        "found_by_kind": {
            k: f"{found[k]}/{total[k]}" for k in (*FACT_KINDS, *sorted(set(total) - set(FACT_KINDS))) if total[k]
        },
        "conflict_topics": conflict_topics,
        "false_conflict_topics": false_topics,
        "false_topics_per_article": round(false_topics / n, 2),
        "false_topics_per_5_articles": round(5 * false_topics / n, 2),
        "paraphrases_flagged": f"{flagged}/{paraphrases}",
        "agree_topics": agree_topics,
        "seconds": round(time.perf_counter() - started, 1),
        "ingest_seconds": round(ingest_seconds, 1),
    }
    if args.json:
        payload: dict[str, Any] = {"summary": summary}
        if args.errors:
            payload |= {"missed": missed, "false_topics": false_list, "flagged_paraphrases": flagged_list}
        print(json.dumps(payload, indent=2))
        return 0
    print(json.dumps(summary, indent=2))
    if args.errors:
        print(f"\nmissed fact changes ({len(missed)}):")
        for item in missed:
            print(f"- body {item['body_id']} [{item['kind']}] {item['fact']}")
            print(f"    {item['find']!r} -> {item['replace']!r}")
        print(f"\nfalse conflict topics ({len(false_list)}):")
        for item in false_list:
            print(f"- body {item['body_id']} {item['label']}: {item['reason']}")
        print(f"\nflagged paraphrases ({len(flagged_list)}):")
        for item in flagged_list:
            print(f"- body {item['body_id']} {item['find']!r} -> {item['replace']!r}")
            for topic in item["topics"]:
                print(f"    {topic['label']}: {topic['reason']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
