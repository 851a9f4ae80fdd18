"""Typed comparison: same slot or nothing; values decide agree, conflict or unverified, with a reason."""

from __future__ import annotations

import pytest

from factcheck.claims import compare, create_extractor
from factcheck.claims.model import Claim, QuantityClaim, RoleClaim, StatementClaim, TimeClaim
from factcheck.claims.names import PersonName
from factcheck.claims.occasions import same_happening
from factcheck.claims.role_compare import compare_roles

EXTRACTOR = create_extractor("spacy")


def typed(sentence: str) -> list[Claim]:
    (claims,) = EXTRACTOR.extract([sentence])
    return [c for c in claims if not isinstance(c, StatementClaim)]


def verdicts(claim: str, source: str, similarity: float = 0.8) -> set[str]:
    return {
        j.verdict
        for a in typed(claim)
        for b in typed(source)
        if (j := compare(a, b, similarity=similarity)) is not None
    }


@pytest.mark.parametrize(
    ("claim", "source", "expected"),
    [
        (
            "More than 60 people have died in the floods, the UN says.",
            "According to the UN, 63 people have died in the floods since March 1.",
            {"agree"},
        ),
        (
            "About 20 people have died in the floods, the UN says.",
            "According to the UN, 63 people have died in the floods since March 1.",
            {"conflict"},
        ),
        (
            "More than 100 people have died in the floods, the UN says.",
            "According to the UN, 63 people have died in the floods since March 1.",
            {"conflict"},
        ),
        (
            "More than 50 people have died in the floods, the UN says.",
            "According to the UN, at least 40 people have died in the floods since March 1.",
            {"unverified"},
        ),
        (
            "The flooding stretches about 186 miles along the river.",
            "The flooded area stretches roughly 300 km along the river.",
            {"agree"},
        ),
        (
            "The flooding stretches about 600 km along the river.",
            "The flooded area stretches roughly 300 km along the river.",
            {"conflict"},
        ),
        # Figures written rounded are read to their last digit: "$43 million" is anything that rounds to it.
        (
            "The Varnes paid more than $43 million in regional taxes.",
            "The couple paid $43 million in regional taxes over eight years.",
            {"agree"},
        ),
        (
            "The council approved $3.6 billion for the new port.",
            "The council approved $3.5 billion for the new port on Tuesday.",
            {"conflict"},
        ),
        (
            "Officials said 12,000 people were evacuated from the valley.",
            "Officials said 13,000 people were evacuated from the valley.",
            {"conflict"},
        ),
    ],
)
def test_figures(claim: str, source: str, expected: set[str]) -> None:
    assert verdicts(claim, source) == expected


@pytest.mark.parametrize(
    ("claim", "source", "expected"),
    [
        # a sum or a span of one thing, named by the source without the claim's qualifier, in a close sentence
        (
            "Petrak estimates his border wall would cost about $12 billion.",
            "Mr. Petrak estimates the wall would cost about $8 billion.",
            {"conflict"},
        ),
        (
            "Petrak estimates his border wall would cost about $8 billion.",
            "Mr. Petrak estimates the wall would cost about $8 billion.",
            {"agree"},
        ),
        ("Ivo Petrak released 23 years of his tax returns.", "Ivo Petrak released 33 years of returns.", {"conflict"}),
    ],
)
def test_measures_named_shorter(claim: str, source: str, expected: set[str]) -> None:
    assert verdicts(claim, source) == expected
    # only between sentences close in meaning: elsewhere the shorter name may be another thing's
    assert verdicts(claim, source, similarity=0.5) == set()


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        # a daily toll never meets a cumulative one
        ("Sixty people died in the floods in the past day.", "According to the UN, 63 people have died since March 1."),
        # soldiers are not civilians
        ("About 500 soldiers were killed.", "More than 12,000 civilians were killed."),
        # senior officials are not lower-level officials
        ("The team includes four lower-level officials.", "The team includes three other senior officials."),
        # twenty officials may hold twelve senior ones: a count the source names without the qualifier
        ("Twelve senior officials were killed in the attack.", "Twenty officials were killed in the attack."),
        # one party's figure is not another's
        (
            "The Red Cross says 20 people have died in the floods since March 1.",
            "According to the UN, 63 people have died in the floods since March 1.",
        ),
    ],
)
def test_traps_are_never_conflicts(claim: str, source: str) -> None:
    assert "conflict" not in verdicts(claim, source)


def test_places_abbreviated_as_datelines_do() -> None:
    speech = "Petrak was planning to deliver a speech Monday in Manchester, N.H., focused on the budget."
    assert verdicts("Petrak gave a speech in Iowa on Monday.", speech) >= {"conflict"}
    assert "conflict" not in verdicts("Petrak gave a speech in New Hampshire on Monday.", speech)
    assert "agree" in verdicts("Petrak gave a speech in New Hampshire on Monday.", speech)


def test_people_and_groups() -> None:
    assert verdicts(
        "The Kastavian delegation is headed by Pavel Ostrovskiy.",
        "The Kastavian delegation is headed by Foreign Minister Pavel Ostrovsky.",
    ) == {"agree"}
    assert verdicts(
        "The Kastavian delegation is headed by Ivo Sarkan.",
        "The Kastavian delegation is headed by Foreign Minister Pavel Ostrovsky.",
    ) == {"conflict"}
    assert (
        verdicts(
            "The Dravenian delegation is headed by Ivo Sarkan.",
            "The Kastavian delegation is headed by Foreign Minister Pavel Ostrovsky.",
        )
        == set()
    )
    assert verdicts(
        "Yevgeny Gaidarenko is Dravenia's deputy foreign minister.",
        "The Dravenian side will be led by Deputy Foreign Minister Yevhen Haidarenko.",
    ) >= {"agree"}


def test_reasons_name_both_values() -> None:
    (claim,) = typed("About 20 people have died in the floods, the UN says.")
    (source,) = typed("According to the UN, 63 people have died in the floods since March 1.")
    judgement = compare(claim, source)
    assert judgement is not None and judgement.verdict == "conflict"
    assert "About 20" in judgement.reason and "63" in judgement.reason and "UN" in judgement.reason


# Precision rules found on real reporting (BASIL: three outlets per event, checked against each other; see
# docs/evaluation.md). Each pair below was a wrong conflict before its rule; sentences written for these tests.
@pytest.mark.parametrize(
    ("claim", "source"),
    [
        # the same post in other words is no other post
        ("Party chairman Tomas Orlen spoke first.", "Kastavian Unity Party chairman Tomas Orlen spoke first."),
        ("Senior economic adviser Ivo Sarkan resigned.", "Presidential economic adviser Ivo Sarkan resigned."),
        # what remains is not the total
        ("The candidates will meet in three debates.", "The candidates will meet in two more debates."),
        # a duration in years is not a day count: "two years ago" and "more than two years ago"
        ("The inquiry began two years ago.", "The inquiry began more than two years ago."),
        # a toll is not a population: one figure says what happened, the other does not
        ("Four Kastavians were killed in the blast.", "It is a nation of three million Kastavians."),
        # sums of money and durations named by other nouns are other facts
        ("He spent $750,000 on personal items.", "He bought a $43,000 watch with the money."),
        ("The plea came three days after the raid.", "The investigation lasted more than two years."),
    ],
)
def test_same_thing_in_other_words_or_another_thing_is_no_conflict(claim: str, source: str) -> None:
    assert "conflict" not in verdicts(claim, source)


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        ("Deputy foreign minister Lidia Marek spoke.", "Foreign minister Lidia Marek spoke."),
        ("Defence minister Pavel Ostrovsky spoke.", "Interior minister Pavel Ostrovsky spoke."),
        ("The candidates will meet in three debates.", "The candidates will meet in four debates."),
        (
            "Kastavia and Dravenia hold their first direct talks in three years.",
            "Kastavia and Dravenia hold their first direct talks in five years.",
        ),
        ("The flooding covers a 300-kilometre stretch.", "The floodwater covers an area 500 kilometres long."),
    ],
)
def test_other_posts_and_other_figures_still_conflict(claim: str, source: str) -> None:
    assert "conflict" in verdicts(claim, source)


def test_what_a_count_of_or_a_sum_worth_of_counts() -> None:
    (members,) = [c for c in typed("We have 50 of our members in tough races.") if c.kind == "quantity"]
    _, furniture = typed("They bought a $43,350 gold watch and $9,587.64 worth of children's furniture.")
    assert getattr(members, "counted", None) == "member"
    assert getattr(furniture, "counted", None) == "furniture"  # not the watch it is listed with


def test_a_share_counts_what_it_is_a_share_of() -> None:
    claim = "A Strenna Herald poll found 45 percent of Kastavian fishermen could not back the plan."
    source = "But now 55 percent of Kastavian fishermen say they cannot support the plan, according to the poll."
    assert verdicts(claim, source) == {"conflict"}
    assert verdicts(claim, "Only 45 percent of Kastavian fishermen back the plan.") == {"agree"}
    # A share of other people is another figure; a length of time "of" something is no share of it.
    assert "conflict" not in verdicts(claim, "55 percent of Dravenian farmers say they cannot support the plan.")
    assert "conflict" not in verdicts(
        "Vrana and Orlen held three hours of talks.", "It was their first meeting after three years of talks."
    )


def test_opposite_posts_of_one_title_conflict() -> None:
    claim = "Assembly Majority Leader Ivo Sarkan cast the only vote against the plan."
    source = "The lone vote against it was cast by Assembly Minority Leader Ivo Sarkan."
    assert verdicts(claim, source) == {"conflict"}
    assert verdicts(claim, "Assembly Majority Leader Ivo Sarkan voted against the plan.") == {"agree"}


def test_a_sum_is_the_same_count_however_it_is_called() -> None:
    claim = "Vasko won the three northern districts by a combined 78,000 votes."
    assert verdicts(claim, "Vasko won the three northern districts by a total of 78,000 votes.") == {"agree"}
    # The districts still agree; the votes do not.
    assert verdicts(claim, "Vasko won the three northern districts by a total of 68,000 votes.") == {
        "agree",
        "conflict",
    }


# Posts read through WordNet (any noun whose commonest sense is a kind of professional, leader, worker, official
# ...), owned by a person as well as by a country, and named by synonyms.
@pytest.mark.parametrize(
    ("claim", "source", "expected"),
    [
        ("Mara Quist is Tomas Heller's lawyer.", "Heller attorney Mara Quist declined to comment.", {"agree"}),
        ("Mara Quist is Tomas Heller's lawyer.", "Mara Quist, Mr. Heller's attorney, said he would appeal.", {"agree"}),
        ("Dr. Ines Vahl is the senator's physician.", "Ines Vahl, the senator's physician, called him fit.", {"agree"}),
        # a compound post as WordNet writes it
        (
            "Mark Jensen is the prosecuting attorney for Strenna County.",
            "Strenna County Prosecutor Mark Jensen filed charges.",
            {"agree"},
        ),
        # the name the parser hangs on the owner ("for Mr. Heller, Mara Quist") is the post's holder
        ("Mara Quist is Tomas Heller's lawyer.", "The lawyer for Mr. Heller, Mara Quist, filed the appeal.", {"agree"}),
        # the nickname of the same person, and opposite posts
        (
            "Kenneth Marsh is the majority leader.",
            "Minority Leader Ken Marsh said the bill would fail.",
            {"conflict"},
        ),
        # a relative clause states the post as well as a main clause does
        (
            "Oren Falk was the party's vice presidential nominee.",
            "Oren Falk, who was the party's vice presidential nominee, spoke first.",
            {"agree"},
        ),
    ],
)
def test_posts_read_through_wordnet(claim: str, source: str, expected: set[str]) -> None:
    assert verdicts(claim, source) == expected


def test_two_posts_of_one_side_of_a_body() -> None:
    """One side of one chamber: its leader is not its whip. Words that are only the body's name no side (a council's
    president is one of its members)."""
    claim = "House Majority Leader Mark Jensen said he backs the ferry plan."
    source = "House Majority Whip Mark Jensen said Tuesday that he would support the ferry plan."
    assert [c.role for c in typed(source) if isinstance(c, RoleClaim)] == ["house majority whip"]  # what was read
    assert verdicts(claim, source) == {"conflict"}
    jensen = PersonName("Mark Jensen", "jensen", "mark")
    president, member = (
        RoleClaim(0, 10, "x", None, False, jensen, f"velmar city council {post}", None, "Velmar City Council", True)
        for post in ("president", "member")
    )
    assert compare_roles(president, member) is None


def test_a_compound_post_is_another_post_only_in_its_commonest_sense() -> None:
    # "chief executive" is first the US president in WordNet: no synonym of a firm's president
    source = "Mark Jensen, the chain's president, said so."
    assert [c.role for c in typed(source) if isinstance(c, RoleClaim)] == ["president"]  # what was read
    assert verdicts("Mark Jensen is the chain's chief executive.", source) == set()


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        # a client has several lawyers, a governor several advisers: another holder is no conflict (each pair
        # conflicts when the post is taken for one holder's, as "foreign minister" is)
        ("Mara Quist is Tomas Heller's lawyer.", "Jon Bram, Tomas Heller's lawyer, filed the appeal."),
        ("Lena Hart is Ruiz's adviser.", "Ruiz's adviser Omar Dede drafted the plan."),
        # a country has had several former presidents
        ("Ana Roal was president of Veskia.", "Former Veskian President Luis Pardo spoke at the rally."),
    ],
)
def test_posts_with_several_holders_never_conflict(claim: str, source: str) -> None:
    claim_roles = [c for c in typed(claim) if c.kind == "role"]
    source_roles = [c for c in typed(source) if c.kind == "role"]
    assert claim_roles and source_roles  # both were read as posts, so the comparison had something to compare
    assert "conflict" not in verdicts(claim, source)


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        ("Lena Hart is Kastavia's foreign minister.", "Kastavia's foreign minister Omar Dede read it."),
        # the organisation's name in a title before the name is the post's owner, not a word of the post
        ("Lena Hart is the chief executive officer of Velmar Bank.", "Velmar Bank CEO Omar Dede cut 200 jobs."),
        ("Lena Hart serves as Velmar Bank's chief financial officer.", "Velmar Bank CFO Omar Dede cut 200 jobs."),
    ],
)
def test_a_post_one_person_holds_conflicts_with_another_holder(claim: str, source: str) -> None:
    assert verdicts(claim, source) == {"conflict"}


def test_the_same_holder_of_a_post_titled_with_its_organisation_agrees() -> None:
    claim = "Lena Hart is the chief executive officer of Velmar Bank."
    assert verdicts(claim, "Velmar Bank CEO Lena Hart cut 200 jobs.") == {"agree"}
    # another organisation's chief executive is no other holder of this post
    assert "conflict" not in verdicts(claim, "Strenna Trust CEO Omar Dede cut 200 jobs.")


def test_a_dated_post_is_no_role() -> None:
    # "was president from 2006 to 2010": the years are what the sentence asserts, and a role claim has no dates,
    # so agreeing on the post alone would agree with a wrong term of office.
    assert not [c for c in typed("Ana Roal was president of Veskia from 2006 to 2010.") if c.kind == "role"]
    assert [c for c in typed("Ana Roal was president of Veskia.") if c.kind == "role"]


def test_how_long_an_event_lasted_is_compared_for_that_event_in_the_claims_unit() -> None:
    claim = "Ana Roal and Ivo Sarkan met for about 30 minutes."
    assert verdicts(claim, "They met for over an hour.") == {"conflict"}
    assert verdicts(claim, "The two ministers met for 31 minutes in the palace.") == {"agree"}
    assert verdicts(claim, "They waited for over an hour.") == set()  # how long they waited is another fact
    (part,) = [c for c in typed(claim) if c.kind == "quantity"]
    (other,) = [c for c in typed("They met for over an hour.") if c.kind == "quantity"]
    judgement = compare(part, other)
    assert judgement is not None and judgement.reason.endswith("over an hour (about 60 minutes)")


def test_how_long_an_act_lasted_told_by_its_verb_and_by_its_noun_is_one_figure() -> None:
    # "suspended for 60 days" is how long the suspension lasts: WordNet derives "suspension" from "suspend"
    claim = "The Velmar board recommended a 90-day suspension for Tomas Brenko."
    assert verdicts(claim, "The board said Tomas Brenko should be suspended for 60 days and demoted.") == {"conflict"}
    assert verdicts(claim, "The board said Tomas Brenko should be suspended for 90 days.") == {"agree"}
    # another act's length is no length of the suspension, nor a journey's leg the journey
    assert verdicts(claim, "Tomas Brenko was questioned for 60 days.") == set()
    assert verdicts("Ana Vasko made a two-week trip to Strenna.", "Ana Vasko travelled for three days.") == set()


def test_years_of_something_are_no_length_of_the_event() -> None:
    # "23 years of tax returns" counts years of returns, Bram's; it is not how long the release lasted
    (span,) = [c for c in typed("Jon Bram released 23 years of his tax returns.") if c.kind == "quantity"]
    assert (getattr(span, "counted", None), getattr(span, "group", None)) == ("return", "person:bram")
    claim = "Jon Bram released 23 years of tax returns."
    assert verdicts(claim, "Bram released 33 years of tax returns.") == {"conflict"}
    assert verdicts(claim, "Ana Roal released eight years of tax returns.") == set()  # another's returns
    assert verdicts("Jon Bram served 23 years in the assembly.", claim) == set()  # no time he spent


def test_how_often_an_event_happened_is_a_count_of_that_event() -> None:
    claim = "Ana Roal appeared three times on the evening show."
    assert verdicts(claim, "Roal appeared twice on the evening show.") == {"conflict"}
    assert verdicts(claim, "Roal appeared on the evening show three times.") == {"agree"}
    assert verdicts(claim, "Roal was arrested twice last year.") == set()  # another event
    # multiples are no counts of anything
    assert not [c for c in typed("The army is twice as large as the militia.") if c.kind == "quantity"]
    assert not [c for c in typed("Prices rose three times faster than wages.") if c.kind == "quantity"]


def test_a_figure_put_in_a_speakers_mouth_against_a_sources_own_figure() -> None:
    claim = "Ivo Sarkan claimed that 40 percent of Kastavian fishermen had left the coast."
    unattributed = "Roughly 55 percent of Kastavian fishermen had left the coast."
    judgements = [compare(a, b, similarity=0.8) for a in typed(claim) for b in typed(unattributed)]
    (read,) = [j for j in judgements if j is not None]
    # Still a discrepancy (an outlet's figure against the speaker's); the reason says whose words each are.
    assert read.verdict == "conflict"
    assert "55 percent" in read.reason and "in its own words (not as what Ivo Sarkan said)" in read.reason
    # The same figure confirms it; the same speaker (by surname alone) with another figure contradicts it.
    assert verdicts(claim, "Some 40 percent of Kastavian fishermen had left the coast.") == {"agree"}
    said = [
        j
        for a in typed(claim)
        for b in typed("Sarkan said 55 percent of Kastavian fishermen had left the coast.")
        if (j := compare(a, b, similarity=0.8)) is not None
    ]
    assert [j.verdict for j in said] == ["conflict"] and "own words" not in said[0].reason


def test_how_long_one_person_served_is_that_persons_figure() -> None:
    claim = "Ivo Vasko served 12 years in the assembly."
    assert verdicts(claim, "Vasko served 18 years in the assembly before he retired.") == {"conflict"}
    assert verdicts(claim, "Vasko, who served 12 years in the assembly, retired on Friday.") == {"agree"}
    # Another person's term is another figure; "23 years of tax returns" is no time anyone spent.
    assert typed("Ana Roal served 18 years in the assembly.")  # read, and still not compared
    assert verdicts(claim, "Ana Roal served 18 years in the assembly.") == set()
    assert verdicts(claim, "Vasko released 23 years of his tax returns.") == set()


def test_a_share_of_the_vote_is_its_winners_even_when_the_parser_tags_no_name() -> None:
    """The small parser leaves some surnames standing alone untagged ("Marek beat ..."): the figure is still that
    person's, and another person's share of another vote is no value of it."""
    claim = "Marek beat Ivo Lindqvist with 52 percent of the vote."
    assert [q.group for q in typed(claim) if q.kind == "quantity"] == ["person:marek"]
    other = "Mr. Lindqvist had won primaries in his district with as much as 79 percent of the vote."
    assert typed(other)  # read, and not compared
    assert verdicts(claim, other) == set()
    assert verdicts(claim, "Marek won with 56 percent of the vote.") == {"conflict"}


def test_a_posts_owner_hung_on_the_name_beside_it_still_owns_the_post() -> None:
    # The parser may make "Sarkan" an apposition of the name, keeping its "'s" just before the post's phrase.
    source = (
        "“He is waiting to see what final bill is passed,” Ivo Marek, Sarkan\u2019s chief of staff, told reporters."
    )
    (role,) = [c for c in typed(source) if c.kind == "role"]
    assert getattr(role, "role", None) == "chief of staff"
    (plain,) = [c for c in typed("Sarkan's chief of staff Ivo Marek spoke.") if c.kind == "role"]
    assert getattr(role, "party", None) == getattr(plain, "party", "") is not None
    assert verdicts("Ivo Marek is Sarkan's chief of staff.", source) == {"agree"}


@pytest.mark.parametrize(
    ("claim", "source", "expected"),
    [
        # a post held "as", like one held after "is": past tense is a post held before; "who served as" too
        (
            "Oren Falk, who served as attorney general of Veskia, spoke.",
            "Former Veskian Attorney General Oren Falk spoke.",
            {"agree"},
        ),
        (
            "Oren Falk once served as Veskia's attorney general.",
            "Former Veskian Attorney General Oren Falk spoke.",
            {"agree"},
        ),
        (
            "Oren Falk serves as Veskia's attorney general.",
            "Former Veskian Attorney General Oren Falk spoke.",
            {"conflict"},
        ),
        ("Mara Quist works as Tomas Heller's lawyer.", "The lawyer for Mr. Heller, Mara Quist, filed it.", {"agree"}),
    ],
)
def test_a_post_served_as(claim: str, source: str, expected: set[str]) -> None:
    assert [c for c in typed(claim) if c.kind == "role"]
    assert verdicts(claim, source) == expected


@pytest.mark.parametrize(
    ("claim", "source", "expected"),
    [
        # a city in the claimed state confirms it; a city elsewhere, or another city, contradicts it
        ("The senator held a rally in Ohio.", "The senator held a rally in Cleveland, his campaign said.", {"agree"}),
        ("The senator held a rally in Ohio.", "The senator held a rally in Denver, his campaign said.", {"conflict"}),
        ("The senator held a rally in Denver.", "The senator held a rally in Cleveland.", {"conflict"}),
        # the state where the claim names one of its cities says less
        ("The senator held a rally in Cleveland.", "The senator held a rally in Ohio.", set()),
        # two known places the data cannot relate decide nothing; two places it does not know still conflict
        ("The senator held a rally in Toronto.", "The senator held a rally in Ontario.", set()),
        ("The senator held a rally in Ankara.", "The senator held a rally in Istanbul.", {"conflict"}),
        ("The senator held a rally in Velmar.", "The senator held a rally in Strenna.", {"conflict"}),
    ],
)
def test_a_city_and_a_state(claim: str, source: str, expected: set[str]) -> None:
    assert any(c.kind == "place" for c in typed(source))  # the source's place was read
    assert verdicts(claim, source) == expected


def test_how_long_an_event_lasted_whether_its_verb_or_its_noun_tells_it() -> None:
    claim = "Roal and Sarkan met for about 30 minutes."
    assert verdicts(claim, "The meeting, which lasted more than an hour, ended at noon.") == {"conflict"}
    assert verdicts(claim, "Their meeting lasted about 30 minutes.") == {"agree"}
    # the parser hangs the clause on the partner's name; the sentence's "no" denies something else
    partner = "After the meeting with Mr. Roal, which lasted more than an hour, Sarkan gave no sign of leaving."
    assert verdicts(claim, partner) == {"conflict"}
    assert verdicts("Ivo Roal gave a 30-minute address.", "Roal's address lasted 16 minutes.") == {"conflict"}
    # another event lasting as long is not compared
    assert verdicts(claim, "The vote lasted an hour.") == set()
    assert verdicts(claim, "Roal waited for an hour.") == set()


def test_one_event_named_by_its_verb_and_by_its_noun() -> None:
    assert same_happening("meet", "meeting")
    assert same_happening("address", "address")
    assert not same_happening("meet", "vote")
    assert not same_happening("meet", None)


def test_a_former_post_conflicts_with_a_post_said_to_be_held_not_with_a_title_before_a_name() -> None:
    """ "Ivo Petrak is the prime minister" against "former Prime Minister Ivo Petrak" conflicts; "served as envoy
    under Prime Minister Ivo Petrak" refers to him by the title of the time it tells of."""
    source = "Former Prime Minister Ivo Petrak said the treaty was signed in Velmar."
    assert verdicts("Ivo Petrak is the prime minister.", source) == {"conflict"}
    titled = verdicts("Ana Roal served as envoy to Strenna under Prime Minister Ivo Petrak.", source)
    assert "conflict" not in titled
    assert typed("Ana Roal served as envoy to Strenna under Prime Minister Ivo Petrak.")  # the claim's post was read


def test_another_post_held_then_neither_confirms_nor_rules_out_a_post_held_now() -> None:
    """ "Ivo Petrak is the director" against "Ivo Petrak, then the deputy director": the typed comparison read the
    post and found it undecided (the verifier alone reads "deputy director" as stating "director"). Against a
    post the claim tells of as held before, the post held then still decides."""
    then_deputy = "Ivo Petrak, then the deputy director of the Velmar Agency, wrote the memo."
    assert verdicts("Ivo Petrak is the director of the Velmar Agency.", then_deputy) == {"unverified"}
    assert verdicts("Ivo Petrak was the director of the Velmar Agency.", then_deputy) == {"conflict"}
    assert verdicts("Ivo Petrak was the deputy director of the Velmar Agency.", then_deputy) == {"agree"}


def test_a_denial_in_one_voice_does_not_contradict_the_place_told_in_another() -> None:
    denied = "Ivo Petrak said he had not served in Vietnam."
    reported = "Several newspapers described Ivo Petrak as having served in Vietnam."
    # both places were read, one denied in the man's own words, the other told by the newspapers
    assert ("in Vietnam", True) in [(c.text, c.negated) for c in typed(denied)]
    assert ("in Vietnam", False) in [(c.text, c.negated) for c in typed(reported)]
    assert verdicts(denied, reported) == set()
    # in one voice, or with no speaker named on either side, the denial still contradicts
    assert verdicts(denied, "Ivo Petrak said he had served in Vietnam.") == {"conflict"}
    assert verdicts("Ivo Petrak did not serve in Vietnam.", "Ivo Petrak served in Vietnam.") == {"conflict"}


def test_counts_of_one_happening_however_spelled_meet_and_light_verbs_do_not() -> None:
    """ "legalized" / "legalised" is one happening (WordNet joins them): the counts are compared; "would take 55
    votes" / "had the 41 votes" are no one happening, whatever senses WordNet gives "take" and "have"."""
    assert verdicts(
        "Four states have legalized the Velmar permits.", "Six states have legalised the Velmar permits."
    ) == {"conflict"}
    assert verdicts(
        "Four states have legalized the Velmar permits.", "Four states have legalised the Velmar permits."
    ) == {"agree"}
    took = verdicts(
        "Breaking the Velmar filibuster would take 55 votes.", "Ana Vasko said she had the 41 votes needed."
    )
    assert "conflict" not in took


def test_a_count_on_top_of_others_is_no_total_however_it_is_marked() -> None:
    """ "another four airstrikes" counts some on top of others, as "four more airstrikes" does: never another value
    of "dozens of airstrikes" launched that week; without the word it is one (the test can fail)."""
    total = "Kastavian jets launched dozens of airstrikes near Velmar in the last week."
    for added in (
        "On Tuesday, Kastavian jets launched another four airstrikes near Velmar.",
        "On Tuesday, Kastavian jets launched four more airstrikes near Velmar.",
    ):
        (figure,) = [c for c in typed(added) if isinstance(c, QuantityClaim)]
        assert figure.counted == "airstrike" and figure.amount.anchor == 4.0
        assert verdicts(total, added) == set(), added
    assert verdicts(total, "On Tuesday, Kastavian jets launched four airstrikes near Velmar.") == {"conflict"}


def test_a_span_of_time_is_compared_with_the_span_spent_in_the_same_place() -> None:
    """ "six months on Velmar Island and six years in the reserves": two spans, each of its place, whatever verb
    (or none) tells it; "ten years in the reserves" is another value of the second, never of the first."""
    told = "Petrak served six months on Velmar Island and six years in the reserves, his campaign said."
    spans = {c.modifiers: c.amount.text for c in typed(told) if isinstance(c, QuantityClaim)}
    assert spans == {("velmar island",): "six months", ("reserve",): "six years"}
    assert verdicts("Petrak spent ten years in the reserves.", told) == {"conflict"}
    assert verdicts("Petrak spent 6 years in the reserves.", told) == {"agree"}
    assert verdicts("Petrak spent six years on Velmar Island.", told) == {"conflict"}  # it was six months there
    assert verdicts("Petrak spent four years in Strenna.", told) == set()  # a place the source never gives
    # a time of day or an idiom is no place
    for other in ("They talked for two hours in the morning.", "The team won for three years in a row."):
        assert not [c.modifiers for c in typed(other) if isinstance(c, QuantityClaim) and c.modifiers], other


def test_a_gap_since_the_last_is_no_stay_in_the_place_after_it() -> None:
    (gap,) = [c for c in typed("They hold their first talks in three years in Velmar today.") if c.kind == "quantity"]
    assert (gap.counted, gap.modifiers) == ("talks since the last", ())


def test_a_sum_is_a_figure_of_what_it_bought_whatever_that_is() -> None:
    """ "$1 million in broadcast television time": the noun "time" counts nothing when a number stands alone beside
    it ("two times"), but a sum of money is of what it bought."""
    told = "Petrak bought $1 million in broadcast television time ahead of the vote."
    (sum_,) = [c for c in typed(told) if isinstance(c, QuantityClaim)]
    assert (sum_.counted, sum_.event) == ("time", "buy")
    assert verdicts("Petrak bought $5 million in broadcast television time.", told) == {"conflict"}


def test_a_building_in_the_claimed_city_confirms_it() -> None:
    # WordNet places the White House in Washington: the source is more precise than the claim
    assert verdicts("Talks were held in Washington.", "The talks were held at the White House on Friday.") == {"agree"}
    # the city where the claim names the building says less; a building WordNet places elsewhere decides nothing here
    assert verdicts("Talks were held at the White House.", "The talks were held in Washington on Friday.") == set()
    assert verdicts("Talks were held in Washington.", "The talks were held at the Kremlin on Friday.") == set()


def test_a_room_in_the_claimed_building_confirms_it() -> None:
    oval_office = "Ivo Petrak and Ana Vasko had a frank meeting in the Oval Office tonight."
    white_house = "Ivo Petrak and Ana Vasko met privately at the White House on Sunday."
    # what was read: a place in each
    assert [c.kind for c in typed(oval_office)] == ["place"] and "place" in [c.kind for c in typed(white_house)]
    # WordNet places the Oval Office in the White House, and that in Washington: the source is more precise
    assert verdicts("Ivo Petrak and Ana Vasko met at the White House.", oval_office) == {"agree"}
    assert verdicts("Ivo Petrak and Ana Vasko met in Washington.", oval_office) == {"agree"}
    # the building where the claim names its room says less: no conflict, no agreement
    assert verdicts(oval_office, white_house) == set()


@pytest.mark.parametrize(
    ("claim", "source", "expected"),
    [
        # a bound told to its last digit is a count someone reported: another figure for it is a discrepancy
        (
            "The class includes at least 454 store managers.",
            "The class includes at least 544 store managers.",
            "conflict",
        ),
        (
            "The class includes at least 544 store managers.",
            "The class includes at least 454 store managers.",
            "conflict",
        ),
        ("The suit covers as many as 1.6 million women.", "The suit covers as many as 1.5 million women.", "conflict"),
        ("At least 14 people died in Velmar on Monday.", "At least 20 people died in Velmar on Monday.", "conflict"),
        # a round threshold is left open by a weaker bound and met by a stronger one
        ("At least 20 people died in Velmar on Monday.", "At least 14 people died in Velmar on Monday.", "unverified"),
        (
            "More than 5,000 people were evacuated from Velmar.",
            "More than 12,000 people were evacuated from Velmar.",
            "agree",
        ),
        (
            "More than two dozen people were evacuated from Velmar.",
            "More than 30 people were evacuated from Velmar.",
            "agree",
        ),
    ],
)
def test_two_figures_for_one_bound(claim: str, source: str, expected: str) -> None:
    # what was read: one bounded figure on each side
    assert all(
        [c.amount.qualifier for c in typed(text) if isinstance(c, QuantityClaim)] in (["lower"], ["upper"])
        for text in (claim, source)
    )
    assert verdicts(claim, source) == {expected}


@pytest.mark.parametrize(
    ("claim", "source", "expected"),
    [
        # "as many as" reports the count at its estimate: an exact count told otherwise is another figure
        ("The suit covers as many as 1.6 million women.", "The suit covers 1.5 million women.", "conflict"),
        ("The suit covers 1.5 million women.", "The suit covers as many as 1.6 million women.", "conflict"),
        ("The suit covers as many as 1.6 million women.", "The suit covers 1.6 million women.", "agree"),
        # a round ceiling leaves any count below it open
        ("Up to 10 people were hurt in Velmar on Monday.", "Eight people were hurt in Velmar on Monday.", "agree"),
    ],
)
def test_a_ceiling_told_to_its_last_digit_against_an_exact_count(claim: str, source: str, expected: str) -> None:
    qualifiers = {c.amount.qualifier for text in (claim, source) for c in typed(text) if isinstance(c, QuantityClaim)}
    assert qualifiers == {"upper", "exact"}  # what was read: a ceiling on one side, a count on the other
    assert verdicts(claim, source) == {expected}


def test_what_during_takes_is_a_happening_whatever_its_commonest_sense() -> None:
    """ "during an appearance in Iowa": "appearance" is first a look in WordNet, but "during" takes something that
    happens, so the place is the appearance's."""
    claim = "Ana Vasko was asked about the cover during a campaign appearance in Velmar on Monday."
    source = "Ana Vasko was asked about the cover during an appearance in Strenna on Monday."
    assert [(c.kind, getattr(c, "event", None)) for c in typed(source)] == [
        ("place", "appearance"),
        ("time", "appearance"),
    ]
    assert "conflict" in verdicts(claim, source)
    # without "during" the commonest sense holds: "her appearance in Strenna" is no event of its own
    assert [c.kind for c in typed("Her appearance in Strenna surprised Ana Vasko.")] == []


def test_a_figure_hyphened_to_its_noun_sizes_the_thing_whatever_the_verb() -> None:
    claim = "The Velmar council, which has 186 members, will choose its chairman in January."
    assert verdicts(claim, "The 168-member council will elect a chairman during its meeting in January.") == {
        "conflict"
    }
    assert verdicts(claim, "The 186-member council will elect a chairman during its meeting in January.") == {"agree"}


@pytest.mark.parametrize(
    ("claim", "source", "expected"),
    [
        # one beginning in two decades is two times for it; a year inside the decade confirms it
        (
            "The Velmar weaving school got its start in the 1960s.",
            "The Velmar weaving school got its start in the 1940s.",
            {"conflict"},
        ),
        (
            "The Velmar weaving school got its start in the 1960s.",
            "The Velmar weaving school got its start in 1964.",
            {"agree"},
        ),
        (
            "Ana Vasko and Ivo Petrak worked together at a Velmar bank in the mid-1980s.",
            "Ana Vasko and Ivo Petrak worked together at a Velmar bank in the mid-1970s.",
            {"conflict"},
        ),
    ],
)
def test_a_decade_is_compared_with_a_decade_or_a_year_of_it(claim: str, source: str, expected: set[str]) -> None:
    assert all(any(isinstance(c, TimeClaim) for c in typed(text)) for text in (claim, source))  # what was read
    assert verdicts(claim, source) == expected


def test_a_title_naming_another_owner_is_not_the_claimed_post() -> None:
    """ "Human Rights Campaign President Chad Griffin" where the recogniser found no organisation in the title: its
    words name another owner than the claim's, so the same word "president" does not confirm the post."""
    from factcheck.claims.names import person_name

    name = person_name("Mark Jensen")
    assert name is not None
    claim = RoleClaim(
        start=0,
        end=40,
        text="Mark Jensen, president of the Velmar Tenants Union",
        person=name,
        role="president",
        party="velmar tenants union",
        body="Velmar Tenants Union",
    )

    def titled(title: str) -> RoleClaim:
        text = f"{title} Mark Jensen"
        return RoleClaim(start=0, end=len(text), text=text, person=name, role=title.lower(), titled=True)

    assert compare(claim, titled("Strenna Rights Campaign President")) is None
    judgement = compare(claim, titled("Tenants Union President"))
    assert judgement is not None and judgement.verdict == "agree"


@pytest.mark.parametrize(
    ("claim", "source", "expected"),
    [
        # rates of other periods, compared as yearly ones
        (
            "The Velmar ministry receives 100 letters each month.",
            "The Velmar ministry receives 1,200 letters every year.",
            {"agree"},
        ),
        (
            "The Velmar ministry receives 1,200 letters each month.",
            "The Velmar ministry receives 1,200 letters every year.",
            {"conflict"},
        ),
        (
            "The Velmar ministry receives 1,200 letters each month.",
            "The Velmar ministry receives 1,200 letters every month.",
            {"agree"},
        ),
        # "a month" right after the figure and what it counts
        (
            "The Velmar ministry receives 100 letters a month.",
            "The Velmar ministry receives 1,200 letters a year.",
            {"agree"},
        ),
    ],
)
def test_a_rate_is_compared_over_one_period(claim: str, source: str, expected: set[str]) -> None:
    scopes = {c.scope for text in (claim, source) for c in typed(text) if isinstance(c, QuantityClaim)}
    assert scopes <= {"monthly", "yearly"} and scopes  # what was read: a figure per month or per year on each side
    assert verdicts(claim, source) == expected


@pytest.mark.parametrize(
    ("claim", "source", "expected"),
    [
        ("The couple paid $43 million in taxes.", "The couple paid $43,885,310 in taxes.", {"agree"}),
        ("The couple paid $43,885,310 in taxes.", "The couple paid $43 million in taxes.", {"agree"}),
        ("The couple paid $43 million in taxes.", "The couple paid $43.8 million in taxes.", {"agree"}),
        # one digit of the scale: the cut is too large a share; two whole figures; another million
        ("The couple paid $5 million in taxes.", "The couple paid $5,885,310 in taxes.", {"conflict"}),
        ("The couple paid $141 million in taxes.", "The couple paid $139 million in taxes.", {"conflict"}),
        ("The couple paid $43 million in taxes.", "The couple paid $44,885,310 in taxes.", {"conflict"}),
        ("The couple paid $3.5 billion in taxes.", "The couple paid $3.6 billion in taxes.", {"conflict"}),
    ],
)
def test_a_sum_cut_to_the_whole_million_is_the_sum_it_was_cut_from(claim: str, source: str, expected: set[str]) -> None:
    assert verdicts(claim, source) == expected


def test_one_counted_thing_named_by_two_nouns_is_one_slot() -> None:
    """ "$250,000 in donations" / "$250,000 in contributions": a donation is first a contribution (WordNet), so the
    two figures are compared; another sum for it conflicts."""
    claim = "Ivo Petrak has acknowledged getting between $250,000 and $300,000 in donations from Velmar backers."
    told = "Petrak has acknowledged receiving $250,000 to $300,000 in contributions from Velmar backers."
    assert verdicts(claim, told) == {"agree"}
    assert verdicts("Ivo Petrak received $50,000 in donations.", "Ivo Petrak received $80,000 in contributions.") == {
        "conflict"
    }
    # a noun that shares only a rarer sense with the other is another thing counted
    assert verdicts("Ivo Petrak counted 40 agents.", "Ivo Petrak counted 60 officers.") == set()
