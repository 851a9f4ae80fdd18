"""A claim rewritten with a value a source sentence gives in place of its own (``factcheck.restated``), and
whether a sentence gives the claim's other names, which every such rewriting asks."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from factcheck.claims.lexicon import CALENDAR_WORDS
from factcheck.claims.model import Claim, PlaceClaim, statement_of
from factcheck.claims.names import fold_key, party_key, undotted


@dataclass(frozen=True)
class Substitution:
    """The claim with one of its values replaced by a value a candidate sentence gives."""

    index: int  # the candidate sentence's position among the source's candidates
    part: Claim  # the claim's value
    value: Claim  # the sentence's value
    claim: str  # the claim as rewritten with the sentence's value
    # the value is a place the sentence only names (``restated._named_places``), not one the typed reading placed
    # an event at, or another person (``restated._other_people``): the rewritten claim is read as stated only where
    # the claim as written is also read as contradicted
    contradicted_only: bool = False


def names_met(
    claim_terms: set[str],
    claims: Sequence[Claim],
    index: int,
    in_article: Callable[[int, str], bool] | None = None,
    part: Claim | None = None,
) -> bool:
    """Whether a sentence (the candidate at ``index``) gives the names the claim gives (parties, places, bodies;
    calendar words aside), or leaves one of the claim's context names to its article, which writes it
    (``in_article(index, name)``: "the offer would give a three-year extension to 300,000 people" in an article about
    Trump's offer; ``factcheck.article_context``), and
    one of its people if it names any: the verifier may read "Dravenia appointed four officials for the talks in
    Lindhaven" as stating "Kastavia's delegation to Lindhaven has four members"."""
    evidence = statement_of(claims)
    if evidence is None:
        return False
    terms = {t.removesuffix("s") for t in evidence.terms}
    wanted = {t.removesuffix("s") for t in claim_terms}
    people = {t for t in wanted if t.startswith("person:")}
    if people and not people & terms:
        # a sentence may write the claim's "person" as the body it is: the recogniser read "The Republican Jewish
        # Coalition began" as a person and "the Republican Jewish Coalition has launched" not, "CNN announced" as a
        # person and "CNN, which has hired Ms. Quist," not. Where it reads other people there, each of the
        # claim's must be written, and no other person may be the one who says it
        written = {"person:" + fold_key(word.lower()) for word in re.findall(r"\b[A-Z][\w'\u2019-]*", evidence.text)}
        others = any(t.startswith("person:") for t in terms)
        speaker = evidence.attribution.key if evidence.attribution is not None else ""
        if others and (not people <= written or speaker.startswith("person:")):
            return False
        if not people & written:
            return False
    # a name may stand in the sentence inside a title or a role ("Velmar Mayor Ivo Petrak"): found in its words
    text = undotted(evidence.text).lower()
    names = {t.split(":", 1)[1] for t in wanted if t.startswith(("party:", "place:", "name:")) and t not in terms}
    if isinstance(part, PlaceClaim):
        # the place the sentence gives otherwise: its words, or its key among the terms (a capital by its country)
        replaced, key = part.text.lower(), party_key(part.place)
        names = {n for n in names if n != key and not re.search(r"\b" + re.escape(n), replaced)}
    return all(
        n in CALENDAR_WORDS
        or re.search(r"\b" + re.escape(n), text)
        or (in_article is not None and in_article(index, n))
        for n in names
    )
