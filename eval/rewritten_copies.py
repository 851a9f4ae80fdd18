"""Rewritten copies: does the consistency report stay silent when an article is told again in other words?

A meaning-preserving rewrite must never be reported as a conflict. The planted edits (``eval/planted_edits.py``)
hold a few dozen rewrites written by hand; this set makes many more by machine from held-out FNC-1 bodies
(``../shared/data/fnc-1-train``, the body split of ``eval/splits.py``), with the rewrites the verifier's training
data uses for entailment (``train/rewrites.py``, ``train/paraphrase.py``): number words and digits, a person by
surname only, the attribution moved to "According to X, ...", exact unit conversions, active and passive voice,
contractions, an organisation's acronym; and a verb replaced by another word of its commonest WordNet sense, the
rewording writers make most ("surpassed" / "exceeded"; the sense may not be the sentence's, so a flagged synonym is
worth reading before it is counted a defect). Each body's sentences are rewritten, at most ``--per-article`` of them
(seeded choice, one rewrite each), and the original and the copy are stored as two sources; the report is built
over that pair alone. Nothing in the copy changes a fact, so every ``conflict`` topic is false. Measured:

* **conflict topics** per 5 articles (each false);
* **rewrites flagged**: rewritten sentences a conflict topic touches, of all rewritten sentences.

The machine rewrites are the training recipe's, so they test the report on the forms the verifier was taught to
read as the same fact, on bodies it never saw (the ``train`` bodies are its data; ``dev`` and ``test`` are not).

    python eval/rewritten_copies.py --split dev|test [--corpus fnc|basil] [--articles N] [--changes] [--errors]

With ``--corpus basil``, the articles of the BASIL events of the split (``eval/splits.py``: ``seen`` and ``dev`` for
tuning, ``test`` only reported) are told again instead. With ``--changes``, one fact of each chosen sentence is
changed instead (a day or month, or a figure: the contradictions of the verifier's news pairs), and the changes a
conflict topic touches are counted as found; the other conflict topics are false.

Nothing is written to the project.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from _common import _basil_source
from planted_edits import read_bodies, touches
from splits import BASIL_ARTICLES, basil_events, fnc_body_split

from factcheck import Config, Corpus, EmbedderConfig, IngestFailure, SourceInput
from factcheck.claims import wordnet
from factcheck.claims.lexicon import MONTHS, WEEKDAYS
from factcheck.embedding_onnx import ONNX_EMBEDDER
from factcheck.records import normalize_text
from factcheck.report import build_report
from factcheck.segment import Segmenter
from train.rewrites import (
    FORM_REWRITES,
    attribution_moved,
    changed_date,
    changed_number,
    inflect_lemma,
    number_words,
    surname_only,
    unit_converted,
)

CONFLICT = "conflict"
_SKIPPED_VERBS = frozenset({"be", "have", "do", "say", "get", "make", "go", "take", "come", "give", "tell"})


def synonym(sent: Any, text: str) -> str | None:
    """One verb replaced by another word of its commonest WordNet sense, inflected alike ("surpassed" ->
    "exceeded"): the kind of rewording a writer makes (the sense may be wrong for the sentence; a rewrite read
    as a conflict is worth reading either way)."""
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB" or lemma in _SKIPPED_VERBS or token.tag_ not in {"VBD", "VBZ", "VBN", "VBG", "VBP"}:
            continue
        if token.text[:1].isupper() and token.i != sent.start:
            continue  # a word of a title ("Flying High"), not a verb of the sentence
        found = wordnet.senses(lemma, "v", attested=True)
        others = [w for w in (found[0].words if found else ()) if w != lemma and "_" not in w]
        form = inflect_lemma(others[0], token.tag_) if others else None
        if form:
            form = form.capitalize() if token.text[:1].isupper() else form
            start = token.idx - sent.start_char
            return text[:start] + form + text[start + len(token.text) :]
    return None


REWRITES = {
    "number_words": number_words,
    "surname_only": surname_only,
    "attribution_moved": attribution_moved,
    "unit_converted": unit_converted,
    **{rewrite.__name__.strip("_"): rewrite for rewrite in FORM_REWRITES},
    "synonym": synonym,
}


_DAY_NAMES = re.compile(r"\b(?:" + "|".join(w.capitalize() for w in (*WEEKDAYS, *MONTHS)) + r")\b")


def _changed_day(sent: Any, text: str, rng: random.Random) -> str | None:
    return changed_date(text, rng) if _DAY_NAMES.search(text) else None


def _changed_figure(sent: Any, text: str, rng: random.Random) -> str | None:
    return changed_number(text, rng)


# Facts changed by machine (``--changes``): the contradictions of the verifier's news pairs, a day or month or a
# figure replaced ("Monday" -> "Thursday", "40" -> "60").
CHANGES = {"day": _changed_day, "figure": _changed_figure}


def rewritten_copy(
    text: str, nlp: Any, rng: random.Random, per_article: int, changes: bool = False
) -> tuple[str, list[dict[str, Any]]]:
    """The text with up to ``per_article`` of its sentences rewritten (with ``changes``: one fact of each changed),
    and each rewrite (its kind, the sentence, the rewritten sentence, and its span in the original and in the
    copy)."""
    kinds: dict[str, Any] = {k: partial(f, rng=rng) for k, f in CHANGES.items()} if changes else REWRITES
    sentences = Segmenter().split(text)
    order = list(range(len(sentences)))
    rng.shuffle(order)
    chosen: dict[int, tuple[str, str]] = {}
    for index in order:
        if len(chosen) >= per_article:
            break
        sentence = sentences[index].text
        parsed = next(iter(nlp(sentence).sents), None)
        if parsed is None or parsed.text != sentence:
            continue  # the parser splits it otherwise: a rewrite of a part would lose the rest
        for name in rng.sample(sorted(kinds), len(kinds)):
            new = kinds[name](parsed, sentence)
            if new and new.strip() and new != sentence:
                chosen[index] = (name, new)
                break
    parts, cursor, shift, edits = [], 0, 0, []
    for index in sorted(chosen):
        sentence = sentences[index]
        name, new = chosen[index]
        parts += [text[cursor : sentence.start], new]
        cursor = sentence.end
        edits.append(
            {
                "kind": name,
                "find": sentence.text,
                "replace": new,
                "original_span": (sentence.start, sentence.end),
                "edited_span": (sentence.start + shift, sentence.start + shift + len(new)),
            }
        )
        shift += len(new) - (sentence.end - sentence.start)
    parts.append(text[cursor:])
    return "".join(parts), edits


def articles_of(collection: str, split: str) -> list[tuple[str, str]]:
    """(id, text) of the split's articles: FNC-1 bodies by the body split, or BASIL articles by event."""
    if collection == "fnc":
        bodies = read_bodies()
        return [(f"fnc-{b}", bodies[b]) for b in sorted(bodies) if fnc_body_split(b) == split]
    events = basil_events()
    found = []
    for path in sorted(BASIL_ARTICLES.glob("*/*.json")):
        source = _basil_source(path) if events.get(path.stem.rsplit("_", 1)[0]) == split else None
        if source is not None:
            found.append((source.id, source.text))
    return found


def measure(
    split: str,
    articles: int = 60,
    per_article: int = 6,
    seed: int = 13,
    collection: str = "fnc",
    changes: bool = False,
) -> tuple[dict[str, Any], list[str]]:
    """The summary over the first ``articles`` of ``split`` (seeded order), and each false conflict topic listed
    (with ``changes``: facts changed by machine, each change missed too)."""
    import spacy

    from factcheck.claims.extract import SPACY_MODEL

    nlp = spacy.load(SPACY_MODEL)
    rng = random.Random(seed)
    texts = articles_of(collection, split)
    rng.shuffle(texts)
    started = time.perf_counter()
    copies = []
    for article_id, text in texts:
        if len(copies) >= articles:
            break
        original = normalize_text(text)
        if not 400 <= len(original) <= 20000:
            continue
        edited, edits = rewritten_copy(original, nlp, rng, per_article, changes)
        if edits and normalize_text(edited) == edited:
            copies.append((article_id, original, edited, edits))
    kinds: Counter[str] = Counter()
    flagged_kinds: Counter[str] = Counter()
    conflict_topics = false_topics = 0
    listed: list[str] = []
    with tempfile.TemporaryDirectory() as data_dir:
        config = Config(data_dir=Path(data_dir), embedder=EmbedderConfig(name=ONNX_EMBEDDER, threads=1))
        with Corpus.open(config) as corpus:
            sources = []
            for article_id, original, edited, _ in copies:
                sources.append(SourceInput(id=f"{article_id}-a", text=original, outlet="original"))
                sources.append(SourceInput(id=f"{article_id}-b", text=edited, outlet="rewritten"))
            failures = [o for o in corpus.ingest_many(sources) if isinstance(o, IngestFailure)]
            if failures:
                raise SystemExit(f"error: ingest failed: {failures}")
            for article_id, _, _, edits in copies:
                a, b = f"{article_id}-a", f"{article_id}-b"
                conflicts = [t for t in build_report(corpus, [a, b]).topics if t.status == CONFLICT]
                conflict_topics += len(conflicts)

                def hit(topic: Any, edit: dict[str, Any], a: str = a, b: str = b) -> bool:
                    return touches(topic, a, edit["original_span"]) or touches(topic, b, edit["edited_span"])

                for edit in edits:
                    kinds[edit["kind"]] += 1
                    if any(hit(t, edit) for t in conflicts):
                        flagged_kinds[edit["kind"]] += 1
                    elif changes:
                        listed.append(
                            f"- missed {article_id} [{edit['kind']}]: {edit['find']!r} -> {edit['replace']!r}"
                        )
                for topic in conflicts:
                    if changes and any(hit(topic, edit) for edit in edits):
                        continue  # a change found
                    false_topics += 1
                    listed.append(f"- {article_id} {topic.label}: {topic.reason}")
                    listed += [f"    [{c.source_id[-1]}] {c.sentence[:220]}" for c in topic.claims]
    n = len(copies)
    found = f"{sum(flagged_kinds.values())}/{sum(kinds.values())}"
    by_kind = {k: f"{flagged_kinds[k]}/{kinds[k]}" for k in sorted(kinds)}
    counts = (
        {"changes": sum(kinds.values()), "changes_found": found, "found_by_kind": by_kind}
        if changes
        else {"rewrites": sum(kinds.values()), "rewrites_flagged": found, "flagged_by_kind": by_kind}
    )
    summary = {
        "corpus": collection,
        "split": split,
        "articles": n,
        **counts,
        "conflict_topics": conflict_topics,
        "false_conflict_topics": false_topics,
        "false_topics_per_5_articles": round(5 * false_topics / n, 2) if n else None,
        "seconds": round(time.perf_counter() - started, 1),
    }
    return summary, listed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "seen"), required=True, help="seen: BASIL only")
    parser.add_argument("--corpus", choices=("fnc", "basil"), default="fnc", help="FNC-1 bodies or BASIL articles")
    parser.add_argument("--articles", type=int, default=60, help="bodies of the split, the first by seeded order")
    parser.add_argument("--per-article", type=int, default=6, help="sentences rewritten in each body at most")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--changes", action="store_true", help="change one fact (a day or a figure) per sentence")
    parser.add_argument("--errors", action="store_true", help="list every false conflict topic (and missed change)")
    args = parser.parse_args()
    summary, listed = measure(args.split, args.articles, args.per_article, args.seed, args.corpus, args.changes)
    print(json.dumps(summary, indent=2))
    if args.errors:
        print(f"\nfalse conflict topics ({summary['false_conflict_topics']}), and changes missed:")
        print("\n".join(listed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
