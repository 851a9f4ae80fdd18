"""Political parties read through WordNet rather than from a list.

A word names a party when one of its noun senses is a kind of political party ("GOP", "Labour") or a member of one
("Democrat", "Republicans": WordNet's member holonyms), or, written as a name, when WordNet knows "<word> Party"
("Democratic", "Conservative"). So "GOP", "Republican" and "Republicans" are one party and "Democratic" another;
a nationality ("American") is none.
"""

from __future__ import annotations

from functools import lru_cache

from factcheck.claims import wordnet
from factcheck.claims.gazetteer import capital_of, country_key, is_country


@lru_cache(maxsize=4096)
def party_of(word: str) -> tuple[str, str] | None:
    """(key, name) of the party a capitalised word names ("GOP", "Republicans", "Democrat", "Democratic",
    "Labour"), or None. Lower-case words name no party: "republican" and "democrat" also name beliefs."""
    if not word[:1].isupper() or country_key(word) is not None or is_country(word):
        return None  # "American" is a nationality (and WordNet knows an "American Party")
    for sense in wordnet.synsets(word, "n"):
        if _is_party(sense):
            return _keyed(sense)
        for pointer in sense.pointers:
            if pointer.symbol == "#m" and _is_party(target := wordnet.synset(pointer.pos, pointer.offset)):
                return _keyed(target)
    for sense in wordnet.synsets(f"{word}_party", "n"):  # "Democratic" -> Democratic Party
        if _is_party(sense):
            return _keyed(sense)
    return None


def _is_party(sense: wordnet.Synset) -> bool:
    return sense.pos == "n" and _political_party() in wordnet.ancestors("n", sense.offset)


@lru_cache(maxsize=1)
def _political_party() -> tuple[str, int]:
    sense = wordnet.senses("political_party", "n")[0]
    return sense.pos, sense.offset


def _keyed(sense: wordnet.Synset) -> tuple[str, str]:
    return wordnet.synset_id(sense), sense.words[0].replace("_", " ").title()


@lru_cache(maxsize=4096)
def organisation_side(name: str) -> str | None:
    """The side of the news an organisation's name stands for, from WordNet: a thing it places in a national
    capital is that nation's government ("the Kremlin" lies in Moscow: "russia"), and an international
    organisation is a side of its own ("UN", "NATO": a world organisation, keyed as ``party_key`` keys it).
    None for any other name."""
    from factcheck.claims.names import party_key  # names reads the gazetteer, as this module does

    word = name.strip()
    word = word[4:] if word.lower().startswith("the ") else word
    for sense in wordnet.synsets(word.replace(" ", "_"), "n"):
        if _world_organisation() in wordnet.ancestors("n", sense.offset):
            return party_key(word)
        for place in wordnet.related(sense, "#p", "n"):
            country = next((c for w in place.words if (c := capital_of(w.replace("_", " "))) is not None), None)
            if country is not None:
                return country
    return None


@lru_cache(maxsize=1)
def _world_organisation() -> tuple[str, int]:
    sense = wordnet.senses("world_organization", "n")[0]
    return sense.pos, sense.offset
