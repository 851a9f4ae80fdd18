"""A named person's political party: read in the forms news uses, through WordNet, and compared only for the
same person at the same time."""

from __future__ import annotations

import pytest

from factcheck.claims import compare, create_extractor
from factcheck.claims.model import AffiliationClaim, RoleClaim, StatementClaim
from factcheck.claims.political import party_of

EXTRACTOR = create_extractor("spacy")


def parties(sentence: str) -> list[tuple[str, str, str, str | None, str]]:
    (claims,) = EXTRACTOR.extract([sentence])
    return [
        (c.person.display, c.party_name, c.tenure, c.event, c.region_text)
        for c in claims
        if isinstance(c, AffiliationClaim)
    ]


def verdicts(claim: str, source: str) -> set[str]:
    (a,), (b,) = EXTRACTOR.extract([claim]), EXTRACTOR.extract([source])
    found = {j.verdict for x in a for y in b if isinstance(x, AffiliationClaim) and (j := compare(x, y)) is not None}
    return found


def test_parties_come_from_wordnet() -> None:
    assert party_of("GOP") == party_of("Republican") == party_of("Republicans")
    assert party_of("Democrat") == party_of("Democratic") == party_of("Democrats") != party_of("Republican")
    assert party_of("Labour") is not None
    # a nationality, a lower-case belief and an ordinary word are no party
    assert party_of("American") is None and party_of("republican") is None and party_of("Senate") is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Coastal GOP Gov. Mara Lindqvist declared an emergency.",
            [("Mara Lindqvist", "Republican Party", "", None, "")],
        ),
        ("Democratic state Rep. Ivo Sarkan received the message.", [("Ivo Sarkan", "Democratic Party", "", None, "")]),
        ("Tomas Heller, a Republican, disagreed.", [("Tomas Heller", "Republican Party", "", None, "")]),
        (
            "The ranking member, Ana Roal, Democrat of Maryland, objected.",
            [("Ana Roal", "Democratic Party", "", None, "Maryland")],
        ),
        ("Ana Roal is a Democrat.", [("Ana Roal", "Democratic Party", "", None, "")]),
        ("Ivo Sarkan won the mayoralty as a Republican in 2001.", [("Ivo Sarkan", "Republican Party", "", "win", "")]),
        (
            "Ivo Sarkan, a former Democrat who won the mayoralty as a Republican, spoke.",
            [("Ivo Sarkan", "Democratic Party", "former", None, ""), ("Ivo Sarkan", "Republican Party", "", "win", "")],
        ),
        ("Former Democratic Sen. Oren Falk met the president.", [("Oren Falk", "Democratic Party", "past", None, "")]),
        (
            "The governor called state Rep. Lidia Marek (D) on Monday.",
            [("Lidia Marek", "Democratic Party", "", None, "")],
        ),
        ("Sen. Oren Falk, R-Ariz., voted no.", [("Oren Falk", "Republican Party", "", None, "Ariz.")]),
        # the state before the party word; an appositive describes the person now whatever the main verb's tense
        (
            "Rep. Tomas Heller, a North Carolina Republican, was among the lawmakers who voted no.",
            [("Tomas Heller", "Republican Party", "", None, "North Carolina")],
        ),
        # a state legislator's city in the mark
        ("State Sen. Lidia Marek, D-Phoenix, objected.", [("Lidia Marek", "Democratic Party", "", None, "Phoenix")]),
        ("The bill was written by Sen. Oren Falk, R-Ariz.", [("Oren Falk", "Republican Party", "", None, "Ariz.")]),
        (
            "Rep. Lidia Marek (D-N.Y.) and Sen. Ivo Sarkan (I-Vt.) spoke.",
            [
                ("Lidia Marek", "Democratic Party", "", None, "N.Y."),
                ("Ivo Sarkan", "independent", "", None, "Vt."),
            ],
        ),
        # no party: a party leading something else, a nationality, an independent counsel
        ("The Republican-led House passed the bill, said Speaker Oren Falk.", []),
        ("American journalist Lidia Marek asked a question.", []),
        ("Independent counsel Tomas Heller filed the report.", []),
    ],
)
def test_parties_read(sentence: str, expected: list[tuple[str, str, str, str | None, str]]) -> None:
    assert parties(sentence) == expected


def test_a_party_is_no_post_and_owns_none() -> None:
    (claims,) = EXTRACTOR.extract(["The Republican majority leader, Tomas Heller, spoke."])
    roles = [c for c in claims if isinstance(c, RoleClaim)]
    assert [(r.role, r.party) for r in roles] == [("majority leader", None)]
    (claims,) = EXTRACTOR.extract(["Tomas Heller, a Republican, disagreed."])
    assert not [c for c in claims if isinstance(c, RoleClaim)]


def test_one_persons_parties_agree_and_conflict() -> None:
    assert verdicts("Governor Mara Lindqvist is a Republican.", "GOP Gov. Mara Lindqvist declared an emergency.") == {
        "agree"
    }
    assert verdicts(
        "The coast's Democratic governor, Mara Lindqvist, declared an emergency.",
        "Coastal GOP Gov. Mara Lindqvist declared an emergency.",
    ) == {"conflict"}
    # the state a member represents
    assert verdicts("Ana Roal is a Democrat from Virginia.", "Ana Roal, Democrat of Maryland, objected.") == {
        "conflict"
    }
    # the party something was done under
    assert verdicts(
        "Ivo Sarkan won the mayoralty as a Democrat in 2001.",
        "Ivo Sarkan, a former Democrat who won the mayoralty as a Republican, spoke.",
    ) == {"conflict"}
    # the state or the party of one lawmaker told two ways
    assert verdicts(
        "Rep. Tomas Heller, a Virginia Republican, was among the lawmakers who voted no.",
        "Rep. Tomas Heller, D-Va., voted no.",
    ) == {"conflict"}
    assert verdicts(
        "Rep. Tomas Heller, a North Carolina Republican, was among the lawmakers who voted no.",
        "Rep. Tomas Heller, R-Va., voted no.",
    ) == {"conflict"}
    assert verdicts(
        "State Sen. Lidia Marek, a Phoenix Republican, objected.", "Sen. Lidia Marek, D-Phoenix, spoke."
    ) == {"conflict"}
    # a party left against the same party held now
    assert verdicts("Ivo Sarkan is a Democrat.", "Ivo Sarkan, a former Democrat, spoke.") == {"conflict"}


def test_parties_of_other_times_or_people_do_not_conflict() -> None:
    # a city lies in a state: only the party is compared
    assert verdicts("State Sen. Lidia Marek, a Phoenix Democrat, objected.", "Sen. Lidia Marek, D-Ariz., spoke.") == {
        "agree"
    }
    # the party of a post held before says nothing of today's: people change parties
    assert parties("Former Democratic Sen. Oren Falk met the president.")
    assert verdicts("Oren Falk is a Republican.", "Former Democratic Sen. Oren Falk met the president.") == set()
    # another person of the same surname
    assert parties("Jonas Roal, a Republican, spoke.")
    assert verdicts("Ana Roal is a Democrat.", "Jonas Roal, a Republican, spoke.") == set()


def test_a_partys_place_in_a_body_is_a_post() -> None:
    # "the top Democrat on the committee" holds a post there, besides belonging to the party
    (claims,) = EXTRACTOR.extract(["Tomas Heller is the top Democrat on the Harbour Committee."])
    assert [r.role for r in claims if isinstance(r, RoleClaim)] == ["top democrat on committee"]
    assert parties("Tomas Heller is the top Democrat on the Harbour Committee.") == [
        ("Tomas Heller", "Democratic Party", "", None, "")
    ]


def test_a_party_said_of_someone_is_the_claim_not_a_description() -> None:
    (said,) = EXTRACTOR.extract(["Ivo Sarkan is a registered Republican."])
    (described,) = EXTRACTOR.extract(["Ivo Sarkan, who is a registered Republican, was arrested."])
    assert [c.predicate for c in said if isinstance(c, AffiliationClaim)] == [True]
    assert [c.predicate for c in described if isinstance(c, AffiliationClaim)] == [False]


def test_a_party_mark_is_a_party_and_a_state_and_no_name() -> None:
    # "(R-Tenn.)" after a name: the person's party and the state they represent, read as a sentence would write
    # them in words; "Tenn." is no person and "R" no name, and the post before the name is the marked person's
    marked, plain = EXTRACTOR.extract(
        [
            "Ana Vasko, the communications director for Rep. Tomas Brenko (R-Tenn.), wrote the post.",
            "Ana Vasko, the communications director for Rep. Tomas Brenko, wrote the post.",
        ]
    )
    (statement,) = [c for c in marked if isinstance(c, StatementClaim)]
    (unmarked,) = [c for c in plain if isinstance(c, StatementClaim)]
    names = {t for t in statement.terms if t.startswith(("person:", "name:", "place:", "party:"))}
    assert "person:brenko" in names and names - set(unmarked.terms) == {"party:republic", "place:tennesse"}
    claims = marked
    (words,) = EXTRACTOR.extract(["Ana Vasko works for a Republican congressman from Tennessee."])
    (said,) = [c for c in words if isinstance(c, StatementClaim)]
    assert {"party:republic", "place:tennesse"} <= names & set(said.terms)
    assert [(r.person.surname, r.role, r.party) for r in claims if isinstance(r, RoleClaim)] == [
        ("vasko", "communications director", "brenko")
    ]
    # a state abbreviated as datelines write it is the state named in full
    (dated,) = EXTRACTOR.extract(["Tomas Brenko, Democrat of Md., spoke in Velmar, N.J., on Monday."])
    (statement,) = [c for c in dated if isinstance(c, StatementClaim)]
    assert {"place:maryland", "place:new jersey"} <= set(statement.terms)
    # a highway's number is no mark
    assert parties("Tomas Brenko drove north on the highway (I-95) to Velmar.") == []


def test_the_state_of_a_party_mark_is_compared() -> None:
    assert verdicts("Ana Roal is a Democrat from Virginia.", "Rep. Ana Roal (D-Md.) objected.") == {"conflict"}
    assert verdicts("Ana Roal is a Democrat from Maryland.", "Rep. Ana Roal (D-Md.) objected.") == {"agree"}
    assert verdicts("Ana Roal is a Democrat from Maryland.", "Ana Roal, Democrat of Md., objected.") == {"agree"}
