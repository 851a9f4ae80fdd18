"""Where a contradiction can sit between two close sentences (plain text comparisons, no model)."""

from __future__ import annotations

import pytest

from factcheck.contrast import (
    can_contradict,
    figures_differ,
    figures_stated,
    figures_unstated,
    has_contrast,
    hours_differ,
    names_swapped,
    same_words,
    words_opposed,
)


def test_same_words_ignore_case_punctuation_and_function_words() -> None:
    assert same_words("Mr. Smith said it's over.", "Mr Smith said it is over")
    assert not same_words("Mr. Smith said it's over.", "Mr Smith said it is finished")
    # a denial is no function word, however it is written
    assert not same_words("The ministry has not confirmed the report.", "The ministry has confirmed the report.")
    assert same_words("The ministry did not confirm the report.", "The ministry did not confirm that report.")


def test_same_words_read_a_figure_however_it_is_spelled_and_never_as_a_function_word() -> None:
    # A meaning-preserving rewrite is no pair to read for a contradiction (the verifier read such pairs as
    # contradicting at 0.5-0.9: "ten" / "10", "can't" / "cannot").
    assert same_words("Ana Vasko said ten boats were lost.", "Ana Vasko said 10 boats were lost.")
    assert same_words("The Strenna bridge is 1,200 metres long.", "The Strenna bridge is 1200 metres long.")
    assert same_words("Velmar can't pay the debt.", "Velmar cannot pay the debt.")
    # Small number words are spaCy stop words; a changed figure is still a change, and a denial still a denial.
    assert not same_words("Two boats were lost off Velmar.", "Three boats were lost off Velmar.")
    assert not same_words("2 boats were lost off Velmar.", "3 boats were lost off Velmar.")
    assert not same_words("Velmar can pay the debt.", "Velmar cannot pay the debt.")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the contrasts there were before WordNet
        ("The UN says 63 people have died.", "The UN says 81 people have died."),
        ("Inflation rose to 3.2 percent in May.", "Inflation fell to 3.2 percent in May."),
        ("The spokesman said the talks would resume.", "The spokesman said the talks would not resume."),
        ("Talks in Geneva were led by Smith.", "Talks in Geneva were led by Jones."),
        # another role
        ("She left behind a promising career as a pilot.", "She left behind a promising career as a nurse."),
        (
            "The Vatican's deputy spokesman, Father Ciro Benedettini, said.",
            "The Vatican's chief spokesman, Father Ciro Benedettini, said.",
        ),
        ("The hospital's doctors said she was stable.", "The hospital's nurses said she was stable."),
        # an antonym: a verb, an adjective, a noun
        ("Most of the board agreed with the plan.", "Most of the board disagreed with the plan."),
        ("The index closed at a high of 4,100 points.", "The index closed at a low of 4,100 points."),
        ("He is the Republican minority leader of the House.", "He is the Republican majority leader of the House."),
        # a denial of the very words the other side tells
        ("Mayor Ivo Petrak did not attend the summit.", "Mayor Ivo Petrak attended the summit."),
        ("Velmar never signed the accord.", "Velmar signed the accord."),
        # a verb denying the act it governs (a negative implicative)
        ("Mayor Ivo Petrak refused to apologize to the council.", "Mayor Ivo Petrak apologized to the council."),
        # a denial of other words still leaves another figure or name to sit on
        ("The Velmar talks were not held in 2010.", "The Velmar talks were held in 2012."),
    ],
)
def test_a_contrast_in_either_direction(a: str, b: str) -> None:
    assert can_contradict(a, b) and can_contradict(b, a)
    assert has_contrast(a, b) and has_contrast(b, a)


def test_one_change_of_direction_told_twice_is_one_contrast() -> None:
    """Two changes, both opposites: the same change of direction ("rose to a high" / "dropped to a low")."""
    a = "His endorsement earnings dropped to an all-time low of $62 million in 2011."
    b = "His endorsement earnings rose to an all-time high of $62 million in 2011."
    assert can_contradict(a, b) and can_contradict(b, a)


def test_several_changes_each_another_value_can_contradict() -> None:
    """The same telling with two facts changed (another speaker, another post) is no rewording."""
    told = "The plan was so costly, said {}, that it was rejected by Velmar's {} Ivo Petrak himself."
    a, b = told.format("Ana Vasko", "mayor"), told.format("Mila Wagner", "treasurer")
    assert can_contradict(a, b) and can_contradict(b, a)
    # one of the two a rewording: not read
    assert not can_contradict(a, b.replace("was rejected", "got turned down"))


def test_two_changes_of_which_one_is_a_rewording_cannot_contradict() -> None:
    a = "His earnings dropped to an all-time low of $62 million after the scandal."
    b = "His earnings rose to an all-time low of $62 million following the scandal."
    assert not can_contradict(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # synonyms
        ("Five people were killed in the attack.", "Five people died in the attack."),
        ("The minister said the border was closed.", "The minister stated the border was closed."),
        ("The expert said the dam was safe.", "The specialist said the dam was safe."),
        ("The lawyer said he would appeal.", "The attorney said he would appeal."),
        ("Career earnings surpassed the $1.3 billion mark.", "Career earnings exceeded the $1.3 billion mark."),
        ("The man was taken to hospital.", "The man was brought to hospital."),
        # a role told in general: one is a kind of the other
        ("A surgeon said the boy would recover.", "A doctor said the boy would recover."),
        # rewordings
        (
            "Labels have long been reluctant to offer piecemeal pricing.",
            "Labels have long been hesitant to offer piecemeal pricing.",
        ),
        (
            "The goldfish has reportedly since made a full recovery.",
            "The goldfish has reportedly since fully recovered.",
        ),
        ("Historians had feared the contents were lost.", "Historians had worried the contents were lost."),
        ("Five helicopters have flown rescue missions.", "Five helicopters have been flying rescue missions."),
        # a detail said by one side only
        ("The deputy spokesman said on Saturday.", "The spokesman said on Saturday."),
        # function words that oppose each other in idioms
        ("The plan was put in place last year.", "The plan was carried out last year."),
        # a denial of other words that says the same: no contradiction sits on it
        (
            "It is the only country where women are not allowed to drive.",
            "It is the only country where women are barred from driving.",
        ),
        ("Mayor Ivo Petrak did not attend the summit.", "Mayor Ivo Petrak skipped the summit."),
    ],
)
def test_no_contrast_in_either_direction(a: str, b: str) -> None:
    assert not can_contradict(a, b) and not can_contradict(b, a)
    assert not has_contrast(a, b) and not has_contrast(b, a)


@pytest.mark.parametrize(
    ("sentence", "claim", "differ"),
    [
        # another magnitude, however the two order their words
        (
            "Across the valley, tens of thousands have fled, and dozens of farms are flooded.",
            "Hundreds of thousands of people have fled across the valley.",
            True,
        ),
        ("Officials counted 63 bodies in the river.", "More than 60 bodies were found in the river.", True),
        ("Five ministers resigned on Friday.", "Six ministers resigned on Friday.", True),
        # a figure is read with its decimals: the same digits in another order are another figure
        ("He sought $5.7 billion for the wall.", "He asked for $7.5 billion for the wall.", True),
        ("He sought $5.7 billion for the wall.", "He asked for $5.7 billion for the wall.", False),
        # the same figures, in other words and order, or in number words the sentence also has
        ("Across the valley, tens of thousands have fled.", "Tens of thousands of people have fled the valley.", False),
        ("The council approved 1,200 new homes on Friday.", "On Friday the council approved 1200 homes.", False),
        # a claim with no figure, or a sentence with none to set against it
        ("Five ministers resigned on Friday.", "The ministers resigned.", False),
        ("The ministers resigned on Friday.", "Six ministers resigned on Friday.", False),
    ],
)
def test_an_agreement_cannot_rest_on_other_figures(sentence: str, claim: str, differ: bool) -> None:
    assert figures_differ(sentence, claim) is differ


@pytest.mark.parametrize(
    ("sentence", "claim", "unstated"),
    [
        # a figure the sentence never gives: nothing there confirms it
        ("The ministers resigned on Friday.", "Six ministers resigned on Friday.", True),
        ("People were evacuated from the city overnight.", "Tens of thousands were evacuated overnight.", True),
        ("The talks lasted more than an hour.", "They met for about 30 minutes.", True),
        # the figure is there, in other words or order; years and "one" are not counts to confirm here
        ("Across the valley, tens of thousands have fled.", "Tens of thousands of people have fled the valley.", False),
        ("The council approved 1,200 new homes.", "The council approved 1200 homes in 2014.", False),
        ("He was one of the founders.", "He was one of the founders.", False),
        ("Five ministers resigned on Friday.", "The ministers resigned.", False),
    ],
)
def test_an_agreement_cannot_rest_on_a_figure_the_sentence_never_states(
    sentence: str, claim: str, unstated: bool
) -> None:
    assert figures_unstated(sentence, claim) is unstated


@pytest.mark.parametrize(
    ("sentence", "claim", "stated"),
    [
        ("a run of 137 town-hall-style meetings", "He held 137 town hall meetings.", True),
        ("They earned roughly $141 million from 2007 to 2014.", "They earned $141 million from 2007 to 2014.", True),
        ("They earned roughly $141 million.", "They earned $141 million from 2007 to 2014.", False),  # years too
        ("They earned $139 million.", "They earned $141 million.", False),
        # a figure's spelling is no other figure
        ("a pick-up of between five and 12 seats", "They would gain between 5 and 12 seats.", True),
        ("To date, 23 states have passed such laws.", "Twenty-three states have passed such laws.", True),
        ("To date, 20 states have passed such laws.", "Twenty-three states have passed such laws.", False),
        ("It was one of the meetings.", "It was one meeting.", False),  # the value one alone is no figure
        ("The talks ended.", "The talks ended.", False),
    ],
)
def test_a_sentence_states_every_figure_of_the_claim(sentence: str, claim: str, stated: bool) -> None:
    assert figures_stated(sentence, claim) is stated


@pytest.mark.parametrize(
    ("sentence", "claim", "differ"),
    [
        (
            "He called for her resignation on Thursday in an early-morning tweet.",
            "He tweeted on Thursday evening.",
            True,
        ),
        ("He called for her resignation late on Thursday night.", "He tweeted on Thursday evening.", False),
        ("He called for her resignation on Thursday.", "He tweeted on Thursday evening.", False),  # no hour given
        ("He spoke in the afternoon.", "He spoke on Thursday.", False),  # the claim gives none
    ],
)
def test_an_agreement_cannot_rest_on_another_part_of_the_day(sentence: str, claim: str, differ: bool) -> None:
    assert hours_differ(sentence, claim) is differ


@pytest.mark.parametrize(
    ("sentence", "claim", "opposed"),
    [
        (
            "Mirela Vasko, the younger sister of Ana Vasko, spoke first.",
            "Mirela Vasko is Ana Vasko's older sister.",
            True,
        ),
        ("Inflation fell to 3.2 percent in May.", "Inflation rose to 3.2 percent.", True),
        ("Inflation rose to 3.2 percent in May.", "Inflation rose to 3.2 percent.", False),
        (
            "Mirela Vasko, the older sister of Ana Vasko, spoke first.",
            "Mirela Vasko is Ana Vasko's older sister.",
            False,
        ),
    ],
)
def test_an_agreement_cannot_rest_on_an_opposite_word(sentence: str, claim: str, opposed: bool) -> None:
    assert words_opposed(sentence, claim) is opposed


@pytest.mark.parametrize(
    ("sentence", "claim", "swapped"),
    [
        # another body or person of the same frame
        (
            "Ana Vasko, the top member of the Strenna Budget Committee, said the panel had begun an inquiry.",
            "Ana Vasko said the Strenna Harbour Committee had begun an inquiry.",
            True,
        ),
        ("Mirela Vasko spoke in Strenna.", "Ana Vasko spoke in Strenna.", True),
        # the same name, spelled otherwise or written with a title, and a name of another length
        ("President Ivo Petrak spoke in Strenna.", "Ivo Petrak spoke in Strenna.", False),
        ("Ivo Petrakh met Ana Vasko.", "Ivo Petrak met Ana Vasko.", False),
        ("Ivo Petrak met Vasko.", "Ivo Petrak met Ana Vasko.", False),
        # a word either side writes elsewhere: both are named ("Mirela and Ana Vasko")
        ("Mirela Vasko and her sister Ana spoke.", "Mirela and Ana Vasko spoke.", False),
    ],
)
def test_an_agreement_cannot_rest_on_another_name_of_the_same_frame(sentence: str, claim: str, swapped: bool) -> None:
    assert names_swapped(sentence, claim) is swapped


def test_the_same_figures_in_other_units_or_a_contraction_are_no_contrast() -> None:
    """ "132 miles" / "about 212 kilometres" is one distance; "don't" / "do not" one denial. Another figure, even
    one both tell with "more than", is still a contrast."""
    miles = "The protest was in Chilpancingo, 132 miles south of Velmar, on Monday."
    assert not can_contradict(miles, miles.replace("132 miles", "about 212 kilometres"))
    assert not has_contrast(miles, miles.replace("132 miles", "about 212 kilometres"))
    assert can_contradict(miles, miles.replace("132 miles", "about 300 kilometres"))
    told = "The ministry said it evacuated more than 80 families from the Velmar valley."
    assert can_contradict(told, told.replace("80", "60"))
    # a year (no amount) told otherwise beside the same figure is another figure
    dated = "The Velmar talks began in 2012, and 40 delegates attended."
    assert can_contradict(dated, dated.replace("2012", "2013"))
    denial = "If you read such stories, don\u2019t start stocking up on candles, the Velmar agency said."
    assert same_words(denial, denial.replace("don\u2019t", "do not"))
    assert not can_contradict(denial, denial.replace("don\u2019t", "do not"))
    assert can_contradict(denial, denial.replace("don\u2019t", "do"))


def test_a_denying_verb_denies_only_the_act_it_governs_and_synonyms_are_no_roles() -> None:
    """ "refused to apologize" / "apologized" is a contrast; "declined to say" / "worsened to say", a "failed" /
    "neglected" mission are not denials of anything the other side tells; "yanks" / "jerks" (two persons in WordNet)
    are one act."""
    assert can_contradict("Ana Vasko refused to apologize to the council.", "Ana Vasko apologized to the council.")
    said = "Officials in Velmar declined to say whether there were other suspects."
    assert not can_contradict(said, said.replace("declined", "worsened"))
    mission = "Ivo Petrak was killed in another failed rescue mission near Strenna."
    assert not can_contradict(mission, mission.replace("failed", "neglected"))
    kit = "The Velmar council said the company has yet to release the harbour plans to the public."
    assert can_contradict(kit, kit.replace("has yet to release", "has already released"))
    assert not can_contradict(
        "There is yet another delay at the Velmar port.", "There is another delay at the Velmar port."
    )
    pulls = "The strap catches my collar in the seam and yanks it during calls."
    assert not can_contradict(pulls, pulls.replace("yanks", "jerks"))


def test_two_tellings_opening_on_different_names_with_another_change_are_two_facts() -> None:
    phone = "The new Velmar Phone has a 5.5-inch screen, the company said on Tuesday."
    assert not can_contradict(phone, "The new Velmar Tab has a 12-inch screen, the company said on Tuesday.")
    assert not can_contradict("Ivo Petrak said 40 people died.", "Ana Vasko said 60 people died.")
    # one change only: who said it, or the figure of one thing, stays a contrast
    assert can_contradict("Ivo Petrak said 40 people died.", "Ana Vasko said 40 people died.")
    assert can_contradict(phone, "The new Velmar Phone has a 6.1-inch screen, the company said on Tuesday.")
    # a figure opening the sentence is no name
    assert can_contradict("Two boats were lost on Monday.", "Three boats were lost on Tuesday.")
