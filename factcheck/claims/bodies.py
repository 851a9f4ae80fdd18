"""The organisation a post belongs to: "Human Rights Campaign President Chad Griffin", "Chad Griffin, the president
of the Human Rights Campaign", "ABC News correspondent Martha Raddatz".

One person holds one post of a kind in one organisation at a time: an outlet that makes Chad Griffin president of
the Human Rights Campaign and another that makes him president of the National Organization for Marriage disagree
about who he is. The same organisation is named in many ways ("RNC" / "Republican National Committee", "C.I.A." /
"Central Intelligence Agency", "Fox News" / "Fox News Channel"), so two names are one body unless none of those
readings joins them.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from factcheck.claims import wordnet
from factcheck.claims.names import expansion, party_key
from factcheck.claims.political import party_of


def post_body(sentence: Span, role_tokens: list[Token], party: str | None, titled: bool) -> str | None:
    """The organisation the post of ``role_tokens`` belongs to, as written, when the recogniser names one: in a title
    before the name, its organisation words; otherwise the organisation that owns the post ("of/for X"). A political
    party owns no post (the Republican majority leader's post is the House's)."""
    if titled:
        # the whole name the recogniser found, though the title's words may hold only its end ("The National
        # Organization for Women President"; "Republican National Committee Chairman", whose first word is a party's)
        head = role_tokens[-1].i
        for entity in sentence.ents:
            if (
                entity.label_ == "ORG"
                and entity.end <= head
                and any(entity.start <= t.i < entity.end for t in role_tokens)
                and party_of(entity.text) is None
            ):
                return as_written(entity)
        return None
    if party is None:
        return None
    for entity in sentence.ents:
        if entity.label_ == "ORG" and party_of(entity.text) is None:
            words = [t.text for t in entity if t.lower_ not in {"of", "for", "the"}]
            if party_key(" ".join(words)) == party:
                return as_written(entity)
    return None


def as_written(entity: Span) -> str:
    """An organisation's name as written, without "the" before it or a possessive after it ("Velmar Bank's chief
    officer": the bank; "ABC News' Ana Vasko": ABC News)."""
    text = entity.text.removeprefix("the ").removeprefix("The ")
    for possessive in ("'s", "\u2019s", "'", "\u2019"):
        text = text.removesuffix(possessive)
    return text


def same_body(a: str, b: str) -> bool:
    """Whether two names are one organisation: the same words, one a part of the other ("Fox News" / "Fox News
    Channel"), one the other's initials ("RNC", "C.I.A."), or WordNet synonyms ("CIA" / "Central Intelligence
    Agency")."""
    key_a, key_b = party_key(a), party_key(b)
    if key_a == key_b:
        return True
    # each word keyed on its own: a name of one word is keyed as a party is ("Senate" -> "senat"), inside a longer
    # name it is not ("Maine Senate" -> "maine senate")
    words_a, words_b = ({party_key(w) for w in name.split()} - {"the"} for name in (a, b))
    if words_a <= words_b or words_b <= words_a:
        return True
    if expansion(a, b) is not None or expansion(b, a) is not None:
        return True  # one the other's initials, as the names module reads them
    return wordnet.synonyms(key_a.replace(" ", "_"), key_b.replace(" ", "_"), "n")
