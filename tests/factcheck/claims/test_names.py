"""One person across spellings, transliterations and titles; similar names of different people stay apart."""

from __future__ import annotations

import pytest

from factcheck.claims.names import party_key, person_name, same_person


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Zelensky", "Mr Zelenskiy"),
        ("President Volodymyr Zelenskyy", "Zelensky"),
        ("Andrii Sybiha", "Andriy Sybiha"),
        ("Vladimir Medinsky", "Medinskiy"),
        ("Yevhen Haidarenko", "Yevgeny Gaidarenko"),
        ("Pavel Ostrovskyy", "Pavel Ostrovskiy"),
        ("Dr. Ivo Sarkan", "Dr Ivo Sarkan"),
        ("Andriy Yermak", "Iermak"),
        # a nickname of the given name (the nicknames package), either way round
        ("Kenneth Marsh", "Ken Marsh"),
        ("Rep. William Oduya", "Bill Oduya"),
        ("Margaret Tolle", "Peggy Tolle"),
        # a first initial before the middle name the person goes by
        ("T. Ivo Sarkan", "Ivo Sarkan"),
        ("Dr. A. Tomas Brenko", "Tomas Brenko"),
    ],
)
def test_same_person(a: str, b: str) -> None:
    first, second = person_name(a), person_name(b)
    assert first is not None and second is not None
    assert same_person(first, second) and same_person(second, first)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Rustem Umerov", "Umarov"),
        ("Andriy Yermak", "Rustem Umerov"),
        ("Oleh Yermak", "Andriy Yermak"),
        ("Ivo Sarkan", "Pavel Ostrovsky"),
        ("Kenneth Marsh", "Kevin Marsh"),
        ("William Oduya", "Walter Oduya"),
        # the middle name after an initial is a name gone by only when written in full
        ("T. Ivo Sarkan", "Pavel Sarkan"),
        ("Ivo T. Sarkan", "Tomas Sarkan"),
    ],
)
def test_different_people(a: str, b: str) -> None:
    first, second = person_name(a), person_name(b)
    assert first is not None and second is not None
    assert not same_person(first, second)


def test_titles_only_is_no_name() -> None:
    assert person_name("Mr") is None
    assert person_name("President Dr Karin Holmqvist") == person_name("Karin Holmqvist")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ukrainian", "Ukraine's"),
        ("Russian", "Russia"),
        ("Kastavian", "Kastavia"),
        ("the UN", "United Nations"),
        ("US", "American"),
        ("U.S.", "US"),
        ("F.B.I.", "FBI"),  # dotted initials are the same name, whatever body they name
        ("the K.N.A.'s", "KNA"),
    ],
)
def test_party_keys(a: str, b: str) -> None:
    assert party_key(a) == party_key(b)
