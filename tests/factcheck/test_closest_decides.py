"""One typed part told both ways by one source (factcheck.closest_decides): the closest sentence decides it, with the
real embedder and typed comparison. Articles written for these tests."""

from __future__ import annotations

from pathlib import Path

from factcheck.closest_decides import CLOSER_BY, Vote, outvoted
from factcheck.embedding import Embedder
from tests.factcheck.test_check import check_one_source

ARTICLE = (
    "The Velmar council primary would be held on April 30. "
    "The special election for the Velmar council seat will take place on June 25."
)


def test_the_closer_sentence_decides_and_the_other_is_set_aside(tmp_path: Path, embedder: Embedder) -> None:
    cases = {
        "The Velmar council primary will take place on April 30.": ("agree", "April 30", "June 25"),
        "The special election for the Velmar council seat will take place on April 30.": (
            "conflict",
            "June 25",
            "April 30",
        ),
    }
    for number, (claim, (verdict, decides, aside)) in enumerate(cases.items()):
        (source,) = check_one_source(tmp_path / str(number), embedder, ARTICLE, claim).sources
        assert source.verdict == verdict, claim
        first, second = source.evidence[:2]
        assert first.verdict == verdict and f"source says {decides}" in first.reason
        assert second.verdict == "unverified" and f"source says {aside}" in second.reason
        assert "set aside: a sentence closer to the claim tells this part otherwise" in second.reason


def test_only_a_clearly_closer_sentence_of_another_verdict_decides() -> None:
    near = [Vote(0, 0, "agree", 0.80), Vote(0, 1, "conflict", 0.80 - CLOSER_BY / 2)]
    assert outvoted(near) == []  # about as close: the source may really say both
    far = [Vote(0, 0, "agree", 0.80), Vote(0, 1, "conflict", 0.60), Vote(1, 1, "conflict", 0.60)]
    assert outvoted(far) == [far[1]]  # another part of the same sentence is not touched
    both = [Vote(0, 0, "agree", 0.90), Vote(0, 0, "conflict", 0.90), Vote(0, 1, "conflict", 0.50)]
    assert outvoted(both) == []  # one sentence tells both values
