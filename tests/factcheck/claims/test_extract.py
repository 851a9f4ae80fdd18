"""Typed claim extraction with the real spaCy pipeline, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.claims import GroupClaim, PlaceClaim, QuantityClaim, RoleClaim, TimeClaim, create_extractor
from factcheck.claims.model import Claim, StatementClaim, claim_from_json
from factcheck.claims.occasions import noun_occasion
from factcheck.claims.political import organisation_side
from factcheck.claims.wordnet import is_place_noun

EXTRACTOR = create_extractor("spacy")


def claims_of(*sentences: str, published: date | None = None) -> list[list[Claim]]:
    found = EXTRACTOR.extract(list(sentences), published)
    for sentence, claims in zip(sentences, found, strict=True):
        for claim in claims:
            assert sentence[claim.start : claim.end] == claim.text  # spans index the sentence
            assert claim_from_json(claim.to_json()) == claim  # and survive storage
    return found


def only(claims: list[Claim], kind: type[Claim]) -> list[Claim]:
    return [c for c in claims if isinstance(c, kind)]


def test_figures_know_what_they_count_their_window_and_source() -> None:
    (claims,) = claims_of(
        "The floods have killed tens of thousands of cattle and more than 1,200 Kastavian villagers since March, "
        "according to the UN, and cover a roughly 300-kilometre (186-mile) stretch of the river."
    )
    cattle, villagers, stretch = only(claims, QuantityClaim)
    assert (cattle.counted, cattle.event, cattle.amount.qualifier) == ("cattle", "killed", "vague")
    assert (villagers.counted, villagers.modifiers, villagers.event) == ("villagers", ("kastav",), "killed")
    assert villagers.scope == "cumulative" and villagers.attribution and villagers.attribution.key == "united nations"
    assert (stretch.amount.dimension, stretch.amount.anchor, stretch.counted) == ("length", 300, "stretch")


@pytest.mark.parametrize(
    ("sentence", "figure", "counted"),
    [
        ("The Varnes paid $12 million in regional taxes last year.", "$12 million", "regional taxes"),
        # a phrase set off by a comma is an aside, not what the money went to
        (
            "The Varnes paid $12,410,300 in regional taxes, for a rate well above their neighbours'.",
            "$12,410,300",
            "regional taxes",
        ),
        ("The mayor spent $40,000 in party funds on private flights.", "$40,000", "private flights"),
        ("Councillor Edda Brask raised $3.5 million for the new clinic.", "$3.5 million", "new clinic"),
        ("Councillor Edda Brask raised $3.5 million.", "$3.5 million", None),
        # under a preposition of its verb, the money still counts what it is for, not who offers it
        ("The Velmar council countered initially with $1.3 million for road repairs.", "$1.3 million", "road repairs"),
        # a clause of the sum's own says what it is for, wherever the sum stands
        (
            "Edda Brask offered a permit extension in exchange for the $5 million she has been seeking for a bridge.",
            "$5 million",
            "bridge",
        ),
    ],
)
def test_money_held_by_a_person_is_a_figure_of_what_it_went_to(sentence: str, figure: str, counted: str | None) -> None:
    """The subject of "paid", "spent" or "raised" holds the money; a person there never makes it an age."""
    (claims,) = claims_of(sentence)
    (money,) = only(claims, QuantityClaim)
    assert isinstance(money, QuantityClaim)
    assert (money.text, money.amount.dimension) == (figure, "money")
    assert money.counted_text == counted


@pytest.mark.parametrize(
    "sentence",
    [
        "The harbour bridge would cost about $40 million, the council said.",
        "The council backed the harbour bridge, which the mayor said would cost about $40 million.",
        # the noun of price ("the cost of", WordNet's derivation from the verb) said to be the sum
        "The cost of the harbour bridge, the council estimated, would be about $40 million.",
    ],
)
def test_a_sum_a_thing_costs_is_the_price_of_that_thing(sentence: str) -> None:
    (claims,) = claims_of(sentence)
    (money,) = only(claims, QuantityClaim)
    assert isinstance(money, QuantityClaim)
    assert (money.text, money.counted, money.event) == ("about $40 million", "bridge", "cost")


@pytest.mark.parametrize(
    ("sentence", "scope"),
    [
        ("The Velmar ministry receives 1.4 million letters every month.", "monthly"),
        ("Ana Vasko earns $5,000 a week.", "weekly"),
        ("The Velmar plant ships 300 boats annually.", "yearly"),
        # a length of time after a figure is no rate
        ("Some 500 people died in Velmar a year ago.", "unknown"),
        ("Ana Vasko spent a year in Strenna after 3 trials.", "unknown"),
    ],
)
def test_a_figure_per_period_is_a_rate(sentence: str, scope: str) -> None:
    (claims,) = claims_of(sentence)
    assert [q.scope for q in only(claims, QuantityClaim)] == [scope]


def test_daily_window_and_implicit_people() -> None:
    daily, evacuated = claims_of(
        "At least 14 people died in the past day, the Red Cross said.",
        "Tens of thousands have been displaced across the province.",
    )
    (toll,) = only(daily, QuantityClaim)
    assert (toll.scope, toll.event, toll.attribution.key if toll.attribution else None) == (
        "daily",
        "killed",
        "red cross",
    )
    (displaced,) = only(evacuated, QuantityClaim)
    assert (displaced.counted, displaced.event) == ("people", "displaced")


def test_roles_with_their_party() -> None:
    """Countries by their demonym come from the gazetteer ("Turkish" -> turkey, "Russian" -> russia); a body that
    stands for a nation or is a side of its own comes from WordNet, never from a list of names: the Kremlin lies
    in Moscow, a national capital, and the UN is a world organisation."""
    (claims,) = claims_of("Turkish foreign minister Hakan Fidan met Russian presidential spokesman Dmitry Peskov.")
    roles = {(r.person.surname, r.role, r.party) for r in only(claims, RoleClaim)}
    assert roles == {("fidan", "foreign minister", "turkey"), ("peskov", "presidential spokesperson", "russia")}
    (claims,) = claims_of("Kremlin spokesman Ivo Petrak met UN envoy Ana Vasko and US Secretary of State Tomas Brenko.")
    roles = {(r.person.surname, r.role, r.party) for r in only(claims, RoleClaim)}
    assert roles == {
        ("petrak", "spokesperson", "russia"),
        ("vasko", "envoy", "united nations"),
        ("brenko", "secretary of state", "united states"),
    }
    assert organisation_side("the White House") == "united states"
    # a body of no nation, a legislature, a company: no side of their own
    assert organisation_side("Red Cross") is organisation_side("Senate") is organisation_side("Apple") is None


def test_a_name_after_a_post_and_of_is_what_the_post_belongs_to() -> None:
    """ "chief executive of Velmar Holdings": the post is Ana Roal's, and the firm holds no post (it had been read
    as a person titled "chief executive of")."""
    (claims,) = claims_of("Ana Roal, chief executive of Velmar Holdings, said the merger would close in May.")
    roles = {(r.person.display, r.role) for r in only(claims, RoleClaim)}
    assert roles == {("Ana Roal", "chief executive")}
    (titled,) = claims_of("Foreign Minister Ivo Petrak met the lawyer of Mirela Vasko on Monday.")
    assert {(r.person.surname, r.role) for r in only(titled, RoleClaim)} == {("petrak", "foreign minister")}


def test_a_post_in_apposition_ends_at_its_phrase_and_keeps_its_tenure() -> None:
    """ "Ivo Petrak, then the director of the KBI, and his deputy, Ana Vasko, over how much to disclose in the
    briefing": the post is "then director" of the KBI, whatever the parser hangs "then" on and however far the
    phrases after it reach; the full name and the surname alone read alike."""
    tail = ", then the director of the KBI, and his deputy, Ana Vasko, over how much to disclose in the briefing."
    for name in ("Ivo Petrak", "Petrak"):
        (claims,) = claims_of(f"The e-mails showed a disagreement between {name}{tail}")
        roles = {(r.person.surname, r.role) for r in only(claims, RoleClaim)}
        assert roles == {("petrak", "then director"), ("vasko", "deputy")}, name


def test_a_share_counts_the_noun_after_its_whole_and_the_whole_is_no_count_of_the_act() -> None:
    """ "killed 300 out of 400 soldiers": 300 soldiers were killed; the 400 is what they were a share of."""
    for told in ("killed 300 out of 400 soldiers", "killed 300 of the 400 soldiers"):
        (claims,) = claims_of(f"A Velmar lawmaker said the militants {told} they besieged near Strenna.")
        figures = {(q.amount.text, q.counted.removesuffix("s"), q.event) for q in only(claims, QuantityClaim)}
        assert figures == {("300", "soldier", "killed")}, told


def test_a_post_abbreviated_in_capitals_is_spelled_out() -> None:
    """ "PM" is first a post-mortem in WordNet; written as a title before a name it is the prime minister."""
    (claims,) = claims_of("British PM Ivo Petrak met the Velmar Holdings CEO Ana Roal on Monday.")
    roles = {(r.person.surname, r.role, r.party) for r in only(claims, RoleClaim)}
    assert ("petrak", "prime minister", "united kingdom") in roles
    assert any(name == "roal" and role.endswith("chief executive officer") for name, role, _ in roles)


@pytest.mark.parametrize(
    "sentence",
    [
        # a title of several capitalised words, or what someone serves as or holds the post of, is a post in any of
        # its senses ("whip" is first a lash in WordNet)
        "House Majority Whip Daniel Harlow said the votes were there.",
        "Daniel Harlow serves as House majority whip.",
        "Daniel Harlow currently holds the post of House majority whip.",
    ],
)
def test_a_post_named_as_one_is_read_in_any_of_its_senses(sentence: str) -> None:
    (claims,) = claims_of(sentence)
    assert [(r.person.surname, r.role) for r in only(claims, RoleClaim)] == [("harlow", "house majority whip")]


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        # a lone word before a name is an honorific or kinship in its commonest sense, not a post
        (
            "The Velmar church's deputy spokesman, Father Ivo Petrak, said on Saturday that all was well.",
            "deputy spokesperson",
        ),
        ("Ivo Petrak serves as a champion of the poor.", None),
    ],
)
def test_a_word_alone_is_a_post_only_in_its_commonest_sense(sentence: str, role: str | None) -> None:
    (claims,) = claims_of(sentence)
    assert [r.role for r in only(claims, RoleClaim)] == ([role] if role else [])


def test_group_head_and_members_across_sentences() -> None:
    head, members = claims_of(
        "The Kastavian delegation is headed by Foreign Minister Pavel Ostrovsky.",
        "It also includes deputy defence minister Lidia Marek and three other senior officials.",
    )
    (group,) = only(head, GroupClaim)
    assert (group.group, group.relation, group.person.surname if group.person else None) == (
        "kastav delegation",
        "head",
        "ostrovsky",
    )
    (member,) = only(members, GroupClaim)
    assert (member.group, member.relation) == ("kastav delegation", "member")
    (officials,) = only(members, QuantityClaim)
    assert (officials.counted, officials.modifiers, officials.group) == ("officials", ("senior",), "kastav delegation")


def test_places_and_times_resolved_against_publication() -> None:
    (claims,) = claims_of("Negotiators are due to meet at 10am on Friday in Lindhaven.", published=date(2026, 3, 12))
    (place,) = only(claims, PlaceClaim)
    (time,) = only(claims, TimeClaim)
    assert (place.event, place.place, place.is_country) == ("meeting", "Lindhaven", False)
    assert (time.event, time.minutes, time.weekday, time.date) == ("meeting", 600, 4, "2026-03-13")
    talks = noun_occasion("talks")  # the meeting's keys meet those of talks
    assert talks is not None and isinstance(place, PlaceClaim) and isinstance(time, TimeClaim)
    assert set(place.event_keys) & set(time.event_keys) & talks.keys


@pytest.mark.parametrize(
    "sentence",
    [
        "Spokesman Teodor Vrana said on Wednesday that the talks would go ahead.",  # the day of the saying
        "The talks are expected to produce a deal by Sunday.",
    ],  # a deadline
)
def test_days_that_do_not_date_the_event(sentence: str) -> None:
    (claims,) = claims_of(sentence)
    assert [c.event for c in only(claims, TimeClaim) if isinstance(c, TimeClaim)] in ([], ["statement"])


def test_negation_and_embedded_details() -> None:
    plans, offer = claims_of(
        "The interior minister had no plans to travel to Lindhaven.",
        "Dravenia accepted an offer of talks in Osterland.",
    )
    statement = next(c for c in plans if c.kind == "statement")
    assert statement.negated
    (place,) = only(offer, PlaceClaim)
    assert place.embedded


def test_a_plural_noun_is_keyed_by_its_commonest_reduction() -> None:
    (claims,) = claims_of("Velmar paid $2 million in taxes and 35 words of thanks.")
    figures = only(claims, QuantityClaim)
    assert sorted(c.counted for c in figures if isinstance(c, QuantityClaim)) == ["tax", "word"]
    statement = next(c for c in claims if c.kind == "statement")
    assert "tax" in statement.terms and "taxis" not in statement.terms


def test_the_doer_of_the_main_act_is_keyed_as_the_terms_key_names() -> None:
    named, country, pronoun = claims_of(
        "Ana Vasko said Ivo Petrak should pay for the bridge.",
        "Ana Vasko says France will not pay for the bridge.",
        "He did not pay for the bridge.",
    )
    doers = [next(c for c in claims if isinstance(c, StatementClaim)).doer for claims in (named, country, pronoun)]
    assert doers == ["person:petrak", "party:france", ""]


def test_not_the_only_one_to_act_tells_the_act() -> None:
    """ "Not the only minister who opposed" denies that Petrak alone opposed it: he did; "had no plans to" denies."""
    shared, infinitive, denied = claims_of(
        "Ivo Petrak was not the only minister who opposed the Velmar bridge.",
        "Ana Vasko is not the only official to use a private phone for work.",
        "Ivo Petrak had no plans to oppose the Velmar bridge.",
    )
    for claims, verb in ((shared, "oppose"), (infinitive, "use")):
        statement = next(c for c in claims if c.kind == "statement")
        assert isinstance(statement, StatementClaim) and (statement.verb, statement.negated) == (verb, False)
    assert next(c for c in denied if c.kind == "statement").negated


def test_an_act_done_for_talks_is_the_talks() -> None:
    """ "sit down ... for talks": the event the act is for names what happens, read from the sentence (no idiom
    list: WordNet knows "sit down" only as taking a seat); not what one is done to."""
    talks = noun_occasion("talks")
    assert talks is not None
    (claims,) = claims_of("Negotiators will sit down in Lindhaven, the capital of Osterland, for talks.")
    (place,) = only(claims, PlaceClaim)
    assert isinstance(place, PlaceClaim) and place.place == "Lindhaven"
    assert set(place.event_keys) & talks.keys
    (claims,) = claims_of("The chairs will sit in Lindhaven for the photograph.")
    assert not any(set(p.event_keys) & talks.keys for p in only(claims, PlaceClaim))  # type: ignore[attr-defined]
    for reason in (
        "Ivo Petrak was arrested in Velmar for the talks.",
        "Ivo Petrak apologized in Velmar for the talks.",
    ):
        (claims,) = claims_of(reason)
        assert not any(set(p.event_keys) & talks.keys for p in only(claims, PlaceClaim)), reason  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Kastavia and Dravenia will hold talks on Friday, both countries said.", "both countries"),
        ("The interior ministry said five helicopters were flying.", "interior ministry"),
        ("Regional governor Tomas Orlen said 40 people were missing.", "Regional governor Tomas Orlen"),
        # the possessive as written, whichever apostrophe the outlet types
        ("The bureau\u2019s review office said 40 people were missing.", "bureau\u2019s review office"),
        ("The bureau's review office said 40 people were missing.", "bureau's review office"),
    ],
)
def test_who_said_it_as_a_reader_would_name_them(sentence: str, speaker: str) -> None:
    (claims,) = claims_of(sentence)
    assert {c.attribution.text for c in claims if c.attribution} == {speaker}


def test_an_indefinite_pronoun_is_no_speaker() -> None:
    """The parser may hang a reporting verb on "anyone" ("apologized to X and “anyone I may have offended” after
    video emerged of him warning that ..."): a reason then read "according to anyone". An indefinite pronoun names no
    speaker a reader can be told."""
    (claims,) = claims_of(
        "Mr. Vasko apologized to Senator Ivo T. Petrak, Republican of Velmar, and “anyone I may have offended” "
        "after video emerged of him warning that a farmer from Velmar could be chairman."
    )
    assert claims and all(c.attribution is None for c in claims)
    (someone,) = claims_of("Someone said 40 ferries were cancelled.")
    (figure,) = only(someone, QuantityClaim)
    assert figure.attribution is None


def test_what_is_reported_as_said_is_the_innermost_speakers() -> None:
    """ "A source told reporters that Ivo Petrak had told the council that 40 ferries would be cancelled": the figure
    is what Petrak said, as the source reports it."""
    (claims,) = claims_of(
        "A source in the Velmar ministry told reporters that Mayor Ivo Petrak had told the council that 40 ferries "
        "would be cancelled."
    )
    (figure,) = only(claims, QuantityClaim)
    assert figure.attribution is not None and figure.attribution.key == "person:petrak", figure.attribution
    (plain,) = claims_of("Mayor Ivo Petrak told the council that 40 ferries would be cancelled.")
    (told,) = only(plain, QuantityClaim)
    assert told.attribution is not None and told.attribution.key == figure.attribution.key


def test_the_post_the_writer_gives_a_speaker_is_the_writers() -> None:
    """ "the ministry's deputy spokeswoman, Ada Morrow, said": the post is the writer's description of the speaker,
    not something she said; what she said stays hers."""
    (claims,) = claims_of("Five ferries were cancelled, the Velmar ministry's deputy spokeswoman, Ada Morrow, said.")
    (role,) = only(claims, RoleClaim)
    assert isinstance(role, RoleClaim) and role.role == "deputy spokesperson" and role.attribution is None
    (figure,) = only(claims, QuantityClaim)
    assert figure.attribution is not None and "spokeswoman" in figure.attribution.text


def test_a_thing_a_relative_clause_says_was_announced_has_no_speaker() -> None:
    """ "to sell the compromise Mr. Petrak announced this week": the clause names the compromise; the sentence is
    the officials' who said it."""
    (claims,) = claims_of(
        "Officials said Mr. Vasko will travel to the Hill around 4:30 p.m. in an attempt to sell the compromise "
        "Mr. Petrak announced this week."
    )
    times = [c for c in claims if isinstance(c, TimeClaim) and c.minutes is not None]
    assert [(t.text, t.attribution.key if t.attribution else None) for t in times] == [("4:30 p.m.", "official")]


def test_a_speaker_named_beside_a_title_is_that_person() -> None:
    """ "The lieutenant governor, Ana Vasko, denied ...": one speaker with "Lieutenant Governor Ana Vasko denied"."""
    (claims,) = claims_of("The lieutenant governor, Ana Vasko, emphatically denied the allegations on Monday.")
    (time,) = only(claims, TimeClaim)
    assert time.attribution is not None and time.attribution.key == "person:vasko"
    assert time.attribution.text == "lieutenant governor, Ana Vasko"


def test_a_relative_pronoun_is_no_speaker() -> None:
    """ "a post that accused the council of lying": the clause tells what the post did; nobody named "that" said
    anything, and the sentence's day is the writer's own."""
    (claims,) = claims_of("Mayor Ivo Petrak resigned Thursday in a post that accused the council of lying.")
    assert claims  # the sentence was read
    assert all(c.attribution is None for c in claims), claims


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("The figure came from Ivo Petrak, who said 40 people died in the fire.", "person:petrak"),
        ("The figure came from the Velmar health ministry, which said that 40 people died.", "velmar health ministry"),
        ("Critics included the Velmar Times, which estimated the repairs would cost more than $2 million.", None),
    ],
)
def test_a_relative_pronoun_speaks_for_the_speaker_it_hangs_on(sentence: str, key: str | None) -> None:
    """ "Ivo Petrak, who said 40 people died": the figure is Petrak's, as in "Ivo Petrak said 40 people died"; a
    clause hanging on a thing ("a tweet that said") still names nobody (above)."""
    (claims,) = claims_of(sentence)
    (figure,) = only(claims, QuantityClaim)
    assert figure.attribution is not None, figure
    if key is not None:
        assert figure.attribution.key == key
    (tweet,) = claims_of("He posted a tweet that said 40 people died.")
    (told,) = only(tweet, QuantityClaim)
    assert told.text == "40" and told.attribution is None


def test_a_speaker_in_a_clause_of_time_speaks_only_there() -> None:
    """ "When Mr. Vasko said he had, ...": what the main clause tells is not Vasko's; "As Petrak said, ..." is."""
    (when,) = claims_of(
        "When Mr. Vasko said he had, Mr. Petrak produced visitor records that he said showed Mr. Vasko had been "
        "there at least 118 times."
    )
    (figure,) = only(when, QuantityClaim)
    assert figure.text == "at least 118" and figure.attribution is None
    (as_said,) = claims_of("As Petrak said on Monday, the port handled 40,000 containers.")
    (figure,) = only(as_said, QuantityClaim)
    assert figure.attribution is not None and figure.attribution.key == "person:petrak"


def test_a_span_of_something_counts_it_and_belongs_to_who_spent_it() -> None:
    bush, clinton, campaign, war = claims_of(
        "Vasko Lind released 23 years of his tax returns.",
        "Ana Petrak released eight years of tax returns.",
        "WASHINGTON \u2013 Hanna Lind's presidential campaign on Friday released eight years of tax returns.",
        "The accord ended three decades of war.",
    )
    spans = [only(c, QuantityClaim) for c in (bush, clinton, campaign, war)]
    assert [[(q.counted, q.group) for q in s] for s in spans] == [  # type: ignore[attr-defined]
        [("return", "person:lind")],
        [("return", "person:petrak")],
        [("return", "person:lind")],  # the campaign's owner, past the dateline parsed as a subject
        [("war", None)],
    ]


def test_the_time_since_the_last_is_another_figure_than_how_long() -> None:
    since, lasted = claims_of(
        "Kastavia and Dravenia held the first direct talks in three years.",
        "Kastavia and Dravenia held three hours of talks.",
    )
    (window,) = only(since, QuantityClaim)
    (length,) = only(lasted, QuantityClaim)
    assert (window.counted, length.counted) == ("talks since the last", "talks")  # type: ignore[attr-defined]


def test_a_persons_age_beside_the_name_counts_nothing() -> None:
    (claims,) = claims_of("Ivo Petrak, 75, met with the governor in Lindhaven on Wednesday afternoon.")
    (time,) = only(claims, TimeClaim)
    assert (time.text, time.weekday) == ("Wednesday afternoon", 2)  # type: ignore[attr-defined]
    assert only(claims, PlaceClaim)


def test_a_denial_in_a_clause_of_its_own_is_no_source_of_the_rest() -> None:
    denied, reported = claims_of(
        "Twelve of the 19 attackers were Kastavian citizens, but the Kastavian government denies any role.",
        "The river overflowed this week, and the Red Cross said that at least 14 people had died.",
    )
    # the 19 is what the twelve are a share of, no figure of its own
    assert [q.attribution for q in only(denied, QuantityClaim)] == [None]
    assert {q.attribution.text for q in only(reported, QuantityClaim) if q.attribution} == {"Red Cross"}


def test_figures_before_a_coordinated_report_stay_the_writers_however_the_report_is_parsed() -> None:
    """The parser hangs the last clause on the denial ("denies ... and inquiries found"), as if the denial reported
    a clause; the figures before "but" are still no one's but the writer's, and the report keeps its own."""
    denied, reported = claims_of(
        "Twelve of the 19 attackers on 9/11 were Kastavian citizens, but the Kastavian government denies any role "
        "in the attacks and multiple Dravenian government investigations found no link.",
        "The ceasefire held for a week, but the ministry said 40 people died.",
    )
    assert [(q.text, q.attribution) for q in only(denied, QuantityClaim)] == [("Twelve", None)]
    assert [(q.text, q.attribution.text) for q in only(reported, QuantityClaim) if q.attribution] == [
        ("40", "ministry")
    ]


def test_a_place_named_as_the_town_or_hometown_of_somewhere_is_that_place() -> None:
    hometown, city, fall = claims_of(
        "Petrak will announce his bid in his hometown of Livingston.",
        "Talks were held in the Turkish city of Antalya.",
        "The fall of Bakhmut came in May.",
    )
    assert [p.place for p in only(hometown, PlaceClaim)] == ["Livingston"]  # type: ignore[attr-defined]
    assert [p.place for p in only(city, PlaceClaim)] == ["Antalya"]  # type: ignore[attr-defined]
    assert not only(fall, PlaceClaim)  # a fall is no place


def test_place_nouns_come_from_wordnet() -> None:
    assert all(is_place_noun(w) for w in ("city", "hometown", "village", "outskirts", "capital"))
    assert not any(is_place_noun(w) for w in ("fall", "government", "people"))


def statement_terms(sentence: str) -> set[str]:
    (claims,) = EXTRACTOR.extract([sentence])
    return {t for c in claims for t in getattr(c, "terms", ())}


def test_a_place_of_several_words_is_one_name() -> None:
    # "Jersey" alone is a country of its own, "New" no place at all
    terms = statement_terms("Mara Lindqvist has been governor of New Jersey since January 2019.")
    assert "place:new jersey" in terms and not {"party:jersey", "place:new"} & terms
    assert {"party:south korea", "party:united states"} <= statement_terms(
        "The United States and South Korea held drills on Monday."
    )


def test_a_name_written_with_the_article_is_no_person() -> None:
    terms = statement_terms("Mara Lindqvist spoke at the White House on Friday.")
    assert "person:lyndqvyst" in terms  # the surname, folded as names are
    assert not any(t.startswith("person:") and "hous" in t for t in terms)


def test_a_post_listed_after_other_names_is_no_post_of_the_first() -> None:
    """ "Ivo Petrak, Tomas Brenko, Mirela Vasko, the president have nothing on her": a list, which the parser may
    read as appositions; so is an item after a semicolon. A post in apposition still is one."""
    for listed in (
        '"Ivo Petrak, Tomas Brenko, Mirela Vasko, the president have nothing on her," she said.',
        "Senators met the envoy, Mr. Petrak; the Velmar police chief, Tomas Brenko; and General Vasko.",
    ):
        (claims,) = claims_of(listed)
        roles = {(r.person.surname, r.role) for r in only(claims, RoleClaim)}
        assert not {r for r in roles if r[0] == "petrak"}, listed
    (claims,) = claims_of("Senators met the envoy, Mr. Petrak; the Velmar police chief, Tomas Brenko; and others.")
    assert ("brenko", "velmar police chief") in {(r.person.surname, r.role) for r in only(claims, RoleClaim)}
    (claims,) = claims_of("Ivo Petrak, the president of Velmar, spoke on Monday.")
    assert {(r.person.surname, r.role) for r in only(claims, RoleClaim)} == {("petrak", "president")}


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("Twelve people are missing after the flood in Velmar.", "missing"),
        ("At least 12 people remain unaccounted for in Velmar.", "missing"),
        ("Two fishermen are still missing and five houses were destroyed.", "missing"),
        # the word elsewhere in the sentence says nothing of the figure
        ("Among the 5,000 residents of Velmar, the fear for the missing grows.", None),
        ("A town of 5,000 residents, and a search for the missing.", None),
    ],
)
def test_people_are_missing_only_where_the_figure_is_said_to_be(sentence: str, event: str | None) -> None:
    (claims,) = claims_of(sentence)
    first = only(claims, QuantityClaim)[0]
    assert first.event == event


@pytest.mark.parametrize(
    ("sentence", "figure", "counted"),
    [
        # a word that starts like a month is none ("separate", "marathons", "mayors")
        ("The group began a separate $15 million campaign.", "$15 million", "campaign"),
        ("She ran 15 marathons last year.", "15", "marathon"),
        # "covers up to": the parser reads "cover up", the figure still counts the women
        ("The Velmar class action covers up to 1.6 million women.", "up to 1.6 million", "woman"),
        # "be" as the main verb tells how often, as any verb does
        ("Ivo Petrak had been to the palace at least 181 times.", "at least 181", "times"),
    ],
)
def test_figures_beside_words_like_month_names_and_after_be(sentence: str, figure: str, counted: str) -> None:
    (claims,) = claims_of(sentence)
    (found,) = only(claims, QuantityClaim)
    assert isinstance(found, QuantityClaim)
    assert (found.text, found.counted) == (figure, counted)


@pytest.mark.parametrize(
    "sentence",
    [
        "The new Velmar Phone 6 went on sale.",
        "The airline flew a Strenna 737 to the capital.",
        "Velmar Rail filed for Chapter 11.",
    ],
)
def test_a_number_after_the_name_it_belongs_to_is_no_count(sentence: str) -> None:
    (claims,) = claims_of(sentence)
    assert only(claims, QuantityClaim) == []
    (counted,) = claims_of("Velmar Air carried 10 million passengers on the Strenna 737 last year.")
    assert [c.text for c in only(counted, QuantityClaim)] == ["10 million"]


def test_a_title_after_another_nouns_of_is_the_title_alone() -> None:
    (claims,) = claims_of("Ana Vasko called it a largely unwinnable war of President Ivo Petrak's choosing.")
    assert [(r.role, r.person.display) for r in only(claims, RoleClaim)] == [("president", "Ivo Petrak")]
    # a title with "of" in it stays whole
    (claims,) = claims_of("The secretary of state Ivo Petrak arrived on Monday.")
    assert [r.role for r in only(claims, RoleClaim)] == ["secretary of state"]


def test_an_honorific_that_ends_a_post_wordnet_names_is_part_of_the_post() -> None:
    """ "Chief Justice Petrak": the chief justice (WordNet's "chief_justice"), not a chief; "Justice" alone stays an
    honorific, and "Dr." before a post is none of it."""
    (claims,) = claims_of("Chief Justice Ivo Petrak asked whether the pay gap was wider than the national average.")
    assert [(r.role, r.person.display) for r in only(claims, RoleClaim)] == [("chief justice", "Ivo Petrak")]
    (claims,) = claims_of("Justice Ivo Petrak asked whether the pay gap was wider than the national average.")
    assert only(claims, RoleClaim) == []


def test_an_institution_the_recogniser_names_is_no_person() -> None:
    """ "letters to Congress": WordNet first knows "congress" as a body of people, and the recogniser reads an
    organisation: no surname of anyone the statement is about."""
    (claims,) = claims_of("Petrak said the bishops' letters to Congress spoke for all of the bishops.")
    (statement,) = [c for c in claims if c.kind == "statement"]
    terms = statement.terms  # type: ignore[attr-defined]
    assert "person:petrak" in terms and not any(t.startswith("person:con") for t in terms)


def test_a_docket_number_is_no_count_and_a_rank_still_is() -> None:
    """ "Velmar Stores v. Dukes, No. 10-277": an identifier, not ten stores; "the No. 2 position" is a rank another
    outlet may tell otherwise."""
    (docket,) = claims_of(
        "The question in the case, Velmar Stores v. Dukes, No. 10-277, is whether the workers can sue."
    )
    assert docket and not [c.text for c in only(docket, QuantityClaim)]
    (rank,) = claims_of("Ivo Petrak holds the No. 2 position in the Velmar council leadership.")
    assert [c.text for c in only(rank, QuantityClaim)] == ["2"]


def test_a_body_or_thing_that_begins_is_an_act_of_its_own() -> None:
    """ "Velmar Foods began in the 1940s", "the restaurant opened in 1946": the founding and the opening are dated;
    a person who "started on Monday" started something the sentence does not name, and talks that began are the
    talks."""
    cases = {
        "Velmar Foods began in the 1940s.": ("beginning", "the 1940s"),
        "The restaurant opened in 1946.": ("opening", "1946"),
        "The talks began on Monday.": ("talks", "Monday"),
    }
    for sentence, (event, text) in cases.items():
        (claims,) = claims_of(sentence)
        assert [(t.event, t.text) for t in only(claims, TimeClaim)] == [(event, text)], sentence
    (person,) = claims_of("Ivo Petrak started on Monday.")
    assert person and not only(person, TimeClaim)


def test_a_given_name_the_recogniser_leaves_out_is_part_of_the_person() -> None:
    """The recogniser tags "Vasko" of "Ana Vasko" as the person and leaves "Ana": it was a name term of its own that
    every restatement had to find written ("Vasko also served as ..." gave no reading). A body's names in the same
    sentence stay names."""
    (claims,) = claims_of("In 1995 Ana Vasko served as enforcement chief.")
    (statement,) = only(claims, StatementClaim)
    assert "person:vasko" in statement.terms and not any(t.startswith("name:ana") for t in statement.terms)
    (board,) = claims_of("Ana Vasko chairs the Securities Review Board.")
    (chairs,) = only(board, StatementClaim)
    assert {"name:board", "name:review"} <= set(chairs.terms)


def test_where_a_named_speaker_is_from_is_no_part_of_who_speaks() -> None:
    (from_ohio,) = only(claims_of("Senator Ana Vasko of Ohio said the plan would cost $4 million.")[0], QuantityClaim)
    (plain,) = only(claims_of("Senator Ana Vasko said the plan would cost $4 million.")[0], QuantityClaim)
    assert from_ohio.attribution is not None and plain.attribution is not None
    assert (from_ohio.attribution.text, from_ohio.attribution.key) == ("Senator Ana Vasko", "person:vasko")
    assert from_ohio.attribution.key == plain.attribution.key
    # a body's place is part of the body: the Red Cross in France is not any Red Cross
    (body,) = only(claims_of("The head of the Red Cross in France said 40 people died.")[0], QuantityClaim)
    assert body.attribution is not None and "france" in body.attribution.key
