"""A sentence that only goes on with a quotation is spoken by the speaker of the quotation just before it."""

from __future__ import annotations

from factcheck.claims.model import StatementClaim
from factcheck.source_verdicts import read_alone
from tests.factcheck.claims.test_extract import claims_of

ARTICLE = (
    "\u201cWe will not go back,\u201d said Ivo Petrak, a top adviser to the mayor.",
    "\u201cMayor Vasko respects that but thinks the plant should be built someplace else.\u201d",
    "The council meets on Monday.",
    "\u201cThis is new.\u201d",
)


def statements(*sentences: str) -> list[StatementClaim]:
    found = [[c for c in claims if isinstance(c, StatementClaim)] for claims in claims_of(*sentences)]
    return [s for (s,) in found]


def test_a_quotation_running_on_is_the_last_speakers() -> None:
    said, running_on, own_words, alone = statements(*ARTICLE)
    assert said.attribution is not None and said.quoted_by == ""  # named in its own sentence
    assert running_on.attribution == said.attribution and running_on.quoted_by == "Ivo Petrak"
    # the writer's own sentence ends the quotation; a quotation after it has no speaker to go on from
    assert (own_words.attribution, alone.attribution, alone.quoted_by) == (None, None, "")


def test_the_verifier_reads_a_quotation_running_on_with_its_speaker() -> None:
    (said, running_on) = claims_of(*ARTICLE[:2])
    assert read_alone(running_on, ARTICLE[1]) == "Ivo Petrak said: " + ARTICLE[1]
    assert read_alone(said, ARTICLE[0]) == ARTICLE[0]
