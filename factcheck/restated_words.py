"""Word-level restatements (``factcheck.restated``): the claim read with a rank or an opposite word a sentence gives
in place of its own ("the 17th district" / "the 27th district", "older sister" / "the younger sister of"). No typed
reading compares ranks, and the verifier reads past an opposite word; the verifier reads the rewritten claim."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from factcheck.claims.model import Claim, statement_of
from factcheck.claims.ranks import ranks, with_indefinite
from factcheck.contrast import denies, opposed_words
from factcheck.substitution import Substitution, names_met


def other_ranks(
    claim: str,
    claim_terms: set[str],
    candidates: Sequence[tuple[int, Sequence[Claim]]],
    in_article: Callable[[int, str], bool] | None,
) -> list[Substitution]:
    """The claim with a rank it gives replaced by another rank a sentence gives the same thing ("Texas' 17th
    Congressional District" against "the 27th District of Texas", "an eighth term" against "a seventh term"): no
    typed reading counts ranks, and the verifier reads whether the sentence states the claim so rewritten. A
    sentence that also gives the claim's rank is left out, as for figures."""
    found: list[Substitution] = []
    for ours in ranks(claim):
        # a name the rank is part of ("the 17th Congressional District") is what the sentence tells otherwise
        names = {t for t in claim_terms if ours.text.lower() not in t}
        for index, claims in candidates:
            evidence = statement_of(claims)
            if evidence is None or not names_met(names, claims, index, in_article):
                continue
            theirs = [r for r in ranks(evidence.text) if r.ranked & ours.ranked]
            if any(r.rank == ours.rank for r in theirs):
                continue
            part = Claim(ours.start, ours.end, ours.text)
            for rank in theirs:
                rewritten = with_indefinite(claim[: ours.start], rank.text) + rank.text + claim[ours.end :]
                found.append(Substitution(index, part, Claim(rank.start, rank.end, rank.text), rewritten))
    return found


_WORD = re.compile(r"[^\W_]+")


def _neighbours(text: str, word: re.Match[str], reach: int) -> set[str]:
    """The content words within ``reach`` content words of a word, either side, and the word itself (plural "s"
    dropped)."""
    words = [m for m in _WORD.finditer(text) if len(m.group()) > 1 and m.group().lower() not in STOP_WORDS]
    at = next((n for n, m in enumerate(words) if m.start() == word.start()), None)
    if at is None:
        return set()
    return {m.group().lower().removesuffix("s") for m in words[max(0, at - reach) : at + reach + 1]}


def _beside_alike(claim: str, ours: re.Match[str], sentence: str, theirs: re.Match[str]) -> bool:
    """Whether an opposite word stands in the sentence beside a word that stands beside the claim's ("the younger
    sister" / "older sister"), so that it tells the same thing otherwise, not another ("the southern border" is no
    other telling of "the federal government")."""
    near = _neighbours(claim, ours, 1) - {ours.group().lower().removesuffix("s")}
    return bool(near & (_neighbours(sentence, theirs, 1) - {theirs.group().lower().removesuffix("s")}))


def opposite_words(
    claim: str,
    claim_terms: set[str],
    candidates: Sequence[tuple[int, Sequence[Claim]]],
    in_article: Callable[[int, str], bool] | None,
) -> list[Substitution]:
    """The claim with a word replaced by the opposite word a sentence writes in its place ("Mary Cheney is Liz
    Cheney's older sister" against "Mary Cheney, the younger sister of Liz Cheney"; "rose" against "fell"): the
    verifier reads past such a word, so it reads whether the sentence states the claim so rewritten, as for another
    figure. A claim or a sentence that denies something is left alone: its opposite word may be the other's way of
    saying the same ("did not win" / "lost", "the words don't come out the right way" / "come out the wrong
    way"), and the verifier reads past a denial as it reads past the word."""
    if denies(claim):
        return []
    found: list[Substitution] = []
    for index, claims in candidates:
        evidence = statement_of(claims)
        if evidence is None or denies(evidence.text) or not names_met(claim_terms, claims, index, in_article):
            continue
        for ours, theirs in opposed_words(evidence.text, claim):
            if not _beside_alike(claim, ours, evidence.text, theirs):
                continue
            told = theirs.group()
            if ours.group()[:1].isupper() and ours.start() == 0:
                told = told[:1].upper() + told[1:]
            rewritten = claim[: ours.start()] + told + claim[ours.end() :]
            part = Claim(ours.start(), ours.end(), ours.group())
            found.append(Substitution(index, part, Claim(theirs.start(), theirs.end(), theirs.group()), rewritten))
    return found
