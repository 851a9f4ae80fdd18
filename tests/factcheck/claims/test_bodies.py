"""The organisation a post belongs to: read from a title or an "of/for" phrase, and one post of a kind held in two
different organisations is a conflict, while two names of one organisation are not."""

from __future__ import annotations

import pytest

from factcheck.claims.bodies import same_body
from factcheck.claims.model import RoleClaim
from tests.factcheck.claims.test_compare import typed, verdicts


def role_of(sentence: str) -> RoleClaim:
    (role,) = [c for c in typed(sentence) if isinstance(c, RoleClaim)]
    return role


@pytest.mark.parametrize(
    ("sentence", "body"),
    [
        ("Ivo Petrak, the president of the Velmar Tenants Union, praised the ruling.", "Velmar Tenants Union"),
        ("Velmar Tenants Union President Ivo Petrak praised the ruling.", "Velmar Tenants Union"),
        ("Kastavia News correspondent Ana Vasko moderated the debate.", "Kastavia News"),
        # the title holds only the end of the name; the recogniser's whole name is the body
        ("The Republican National Committee Chairman Ivo Petrak spoke on Friday.", "Republican National Committee"),
    ],
)
def test_the_organisation_of_a_post_is_read(sentence: str, body: str) -> None:
    assert role_of(sentence).body == body


def test_a_post_with_no_organisation_has_none() -> None:
    assert role_of("Ivo Petrak, a former senior adviser, praised the ruling.").body is None


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("RNC", "Republican National Committee", True),
        ("C.I.A.", "Central Intelligence Agency", True),
        ("NOW", "National Organization for Women", True),
        ("Fox News", "Fox News Channel", True),
        ("the Velmar Tenants Union", "Velmar Tenants Union", True),
        ("ABC News", "NBC News", False),
        ("Human Rights Campaign", "National Organization for Marriage", False),
        ("DNC", "Republican National Committee", False),
    ],
)
def test_two_names_of_one_organisation(a: str, b: str, same: bool) -> None:
    assert same_body(a, b) is same


@pytest.mark.parametrize(
    ("claim", "source", "expected"),
    [
        (
            "Ivo Petrak, president of the Strenna Housing Council, praised the ruling.",
            "Velmar Tenants Union President Ivo Petrak praised the ruling.",
            {"conflict"},
        ),
        (
            "ABC News correspondent Ana Vasko moderated the debate.",
            "Ana Vasko, a correspondent for NBC News, moderated the debate.",
            {"conflict"},
        ),
        (
            "RNC Chairman Ivo Petrak spoke on Friday.",
            "Ivo Petrak, chairman of the Republican National Committee, spoke on Friday.",
            {"agree"},
        ),
        # another post in another organisation is not the claim's post: no verdict either way
        (
            "Ivo Petrak, president of the Strenna Housing Council, praised the ruling.",
            "Velmar Tenants Union spokesman Ivo Petrak praised the ruling.",
            set(),
        ),
        # a post held before in another organisation is no conflict with the post held now
        (
            "ABC News correspondent Ana Vasko moderated the debate.",
            "Ana Vasko, a former correspondent for NBC News, moderated the debate.",
            set(),
        ),
    ],
)
def test_one_post_in_two_organisations(claim: str, source: str, expected: set[str]) -> None:
    # what was read: both sentences give the person a post in an organisation
    assert role_of(claim).body and role_of(source).body
    assert verdicts(claim, source) == expected


def test_a_post_owned_by_a_noun_only_the_story_resolves_has_no_owner() -> None:
    # "the group's", "the governor's": whose post, the sentence alone does not say
    assert role_of("Ivo Petrak, the group's executive director, praised the ruling.").party is None
    assert role_of("Ivo Petrak, Velmar's executive director, praised the ruling.").party is not None
    claim = "Ana Vasko, Governor Petrak's chief of staff, sent the e-mails."
    assert verdicts(claim, "The governor's deputy chief of staff, Ana Vasko, sent the e-mails.") == {"conflict"}


def test_a_post_told_by_its_verb_is_the_post_of_the_organisation_the_verb_names() -> None:
    # "chairs" is the act of a chairman (WordNet's derived person noun), of the organisation its object names
    role = role_of("Ivo Petrak chairs the Velmar Tenants Union.")
    assert (role.role, role.body) == ("chairman", "Velmar Tenants Union")
    claim = "Ivo Petrak, one of the contenders for the seat, chairs the Velmar Tenants Union."
    assert verdicts(claim, "Ivo Petrak, chairman of the Velmar Tenants Union, said he would run.") == {"agree"}
    assert verdicts(claim, "Ivo Petrak, chairman of the Strenna Housing Council, said he would run.") == {"conflict"}
    assert role_of("Ivo Petrak chaired the Velmar Tenants Union.").role == "former chairman"


def test_two_posts_in_one_apposition_are_not_one_post() -> None:
    # "a lawyer and chairman of the union": the lawyer is no "lawyer of union"
    assert role_of("Ivo Petrak, a lawyer and chairman of the Velmar Tenants Union, said he would run.").role == "lawyer"
    # a faith before the post names no one else: the post is the person's
    role = role_of("Petrak, a Catholic and chairman of the Velmar Tenants Union, said the letters were unfair.")
    assert (role.role, role.body) == ("chairman", "Velmar Tenants Union")
