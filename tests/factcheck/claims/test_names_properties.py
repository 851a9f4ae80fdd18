"""Properties of name normalization (hypothesis): never raises on any text, and keeps its invariants.

Invariants read off the code: ``person_name`` gives None or a name whose surname and given name are
non-empty lowercase ASCII keys, unchanged by titles, case, a possessive or re-reading its own display form;
``same_person`` is reflexive and symmetric; ``ascii_fold`` gives ASCII and is idempotent; ``party_key`` gives
lowercase ASCII and ignores a leading "the" and a possessive.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from factcheck.claims.names import (
    GENERATIONAL_SUFFIXES,
    HONORIFICS,
    PersonName,
    ascii_fold,
    fold_key,
    party_key,
    person_name,
    same_person,
    same_spelling_family,
)

KEY = re.compile(r"[a-z'-]+")
# Name-like words in several scripts and spellings, with titles, suffixes and possessives mixed in.
NAME_WORDS = (
    "Volodymyr|Zelensky|Zelenskiy|Zelenskyy|Andrii|Andriy|Haidarenko|Gaidarenko|O'Brien|Jean-Luc|Müller|"
    "Łukasz|Ñúñez|Σωκράτης|Владимир|Jr|Jr.|Sr|III|van|de|Mr|Dr.|President|Minister|Iermak|Yermak|Smith's|"
    "Smith\u2019s|'s|\u2019s|-|'|Ostrovskyy|Ii|Yi|Kh|Tsz"
).split("|")
name_text = st.lists(st.one_of(st.sampled_from(NAME_WORDS), st.text(max_size=6)), max_size=6).map(" ".join)
any_text = st.one_of(st.text(max_size=80), name_text)
plain_name = st.lists(st.from_regex(r"[A-Z][a-z]{1,10}", fullmatch=True), min_size=1, max_size=3).map(" ".join)


def check_name(name: PersonName) -> None:
    assert KEY.fullmatch(name.surname), name
    assert name.given is None or KEY.fullmatch(name.given), name
    assert name.display == name.display.strip() and name.display, name


@settings(max_examples=500)
@given(any_text)
@example("Smith\u2019s")  # regression: the curly possessive stayed in the key ("smiths")
@example("Mr Jr Dr Smith")
@example("'s")
@example("0's")  # regression: the possessive's "s" was read as the surname of a word with no letters
def test_person_name_never_raises_and_gives_keys(text: str) -> None:
    name = person_name(text)
    if name is not None:
        check_name(name)
        again = person_name(name.display)
        assert again is not None and (again.surname, again.given) == (name.surname, name.given), (name, again)


@settings(max_examples=300)
@given(plain_name, st.sampled_from(sorted(HONORIFICS)))
def test_titles_case_and_possessives_do_not_change_the_person(name: str, title: str) -> None:
    # a name that is one word of the suffix list ("Iv") is a suffix alone, no person
    assume(name.split()[0].lower() not in HONORIFICS and name.split()[-1].lower() not in GENERATIONAL_SUFFIXES)
    parsed = person_name(name)
    assert parsed is not None
    key = (parsed.surname, parsed.given)
    for variant in (f"{title} {name}", f"{title.title()}. {name}", name.upper(), f"{name}'s", f"{name}\u2019s"):
        other = person_name(variant)
        assert other is not None and (other.surname, other.given) == key, variant
        assert same_person(parsed, other) and same_person(other, parsed), variant


@settings(max_examples=300)
@given(any_text, any_text)
def test_same_person_is_reflexive_and_symmetric(a: str, b: str) -> None:
    first, second = person_name(a), person_name(b)
    assume(first is not None and second is not None)
    assert first is not None and second is not None
    assert same_person(first, first)
    assert same_person(first, second) == same_person(second, first)


@settings(max_examples=300)
@given(any_text)
def test_ascii_fold_and_fold_key(text: str) -> None:
    folded = ascii_fold(text)
    assert folded.isascii() and ascii_fold(folded) == folded
    # Transliteration folding only merges letters: a key is never longer than the word, and variants that
    # fold alike are one spelling family at any threshold.
    word = text.lower()
    assert len(fold_key(word)) <= len(word)
    assert same_spelling_family(word, fold_key(word) if fold_key(fold_key(word)) == fold_key(word) else word, 1.0)


@settings(max_examples=500)
@given(any_text)
def test_party_key_never_raises_and_is_lowercase_ascii(text: str) -> None:
    key = party_key(text)
    assert key.isascii() and key == key.lower(), key


@settings(max_examples=300)
@given(plain_name)
def test_party_key_ignores_the_and_possessives(name: str) -> None:
    key = party_key(name)
    for variant in (f"the {name}", f"The {name}", f"{name}'s", f"{name}\u2019s", f" {name} "):
        assert party_key(variant) == key, variant


@pytest.mark.parametrize(
    ("a", "b"),
    [("Zelensky\u2019s", "Zelensky"), ("President Zelensky\u2019s", "Mr Zelensky's"), ("Smith\u2019s", "Smith")],
)
def test_a_curly_possessive_is_not_part_of_the_name(a: str, b: str) -> None:
    first, second = person_name(a), person_name(b)
    assert first is not None and second is not None
    assert (first.surname, first.given, first.display) == (second.surname, second.given, second.display)
