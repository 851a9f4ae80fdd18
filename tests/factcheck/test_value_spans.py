"""Where a sentence gives another figure or name than a claim (the words a verifier's contradiction is shown on)."""

from __future__ import annotations

import pytest

from factcheck.trained_verdict import Reading, TrainedDecision, explain
from factcheck.value_spans import differing_value, name_runs


def shown(claim: str, sentence: str) -> tuple[str, str] | None:
    difference = differing_value(claim, sentence)
    if difference is None:
        return None
    return sentence[slice(*difference.sentence_span)], claim[slice(*difference.claim_span)]


@pytest.mark.parametrize(
    ("claim", "sentence", "expected"),
    [
        # the two figures stand far apart in differently ordered sentences
        (
            "The council amended a 1986 charter that gives harbour towns their own courts.",
            "The measure, which Strenna has fought and hired a row of lobbyists to stop, rewrites a 1976 charter "
            "giving harbour towns their own courts.",
            ("1976", "1986"),
        ),
        # of several figures the sentence gives, the one standing where the claim's does ("was 120" / "was 100"),
        # not the day of the month
        (
            "At her last check-up Ana Vasko's pulse was 120 a minute.",
            "At her last check-up on March 21, Ana Vasko's pulse was 100 a minute.",
            ("100", "120"),
        ),
        # thousands separators are part of the figure
        (
            "Nearly 12,000 people left Velmar on Tuesday.",
            "Officials said 9,500 residents of Velmar had left by Tuesday.",
            ("9,500", "12,000"),
        ),
        # no figure differs: another name does, without the words the two names share
        (
            "Ivo Petrak took a post in the Brenko White House.",
            "Ivo Petrak took a post in the Vasko White House.",
            ("Vasko", "Brenko"),
        ),
        (
            "Tomas Brenko called the plan reckless.",
            "Mirela Vasko called the plan reckless.",
            ("Mirela Vasko", "Tomas Brenko"),
        ),
        # a name the other text writes elsewhere is no part of what differs; an abbreviation keeps its last period
        (
            "The talks included Senator Ivo Petrak, Harbour Board Chair Ana Vasko and Tomas Brenko.",
            "The talks included Senator Ivo Petrak, U.N. Ambassador Ana Vasko and Tomas Brenko.",
            ("U.N.", "Harbour Board Chair"),
        ),
    ],
)
def test_the_differing_value_is_found_wherever_it_stands(claim: str, sentence: str, expected: tuple[str, str]) -> None:
    assert shown(claim, sentence) == expected


@pytest.mark.parametrize(
    ("claim", "sentence"),
    [
        # the same figures and names, however spelled or ordered
        ("Zelenskiy met Petrak in Velmar on 12 May.", "In Velmar on 12 May, Petrak met Zelensky."),
        # a figure on one side only is more detail, not another value
        ("Ivo Petrak resigned.", "Ivo Petrak resigned after 12 years."),
        # a capitalised word opening a sentence is no name
        ("Ivo Petrak resigned on Friday.", "Unexpectedly, Ivo Petrak resigned on Friday."),
    ],
)
def test_nothing_is_shown_where_no_value_differs(claim: str, sentence: str) -> None:
    assert shown(claim, sentence) is None


def test_name_runs_keep_their_place_in_the_text() -> None:
    text = "On Monday, Sen. Ana Vasko met \u201cTomas Brenko\u2019s\u201d aides in Velmar."
    runs = name_runs(text)
    assert [run.words for run in runs] == [("Monday",), ("Ana", "Vasko"), ("Tomas", "Brenko"), ("Velmar",)]
    assert [text[run.start : run.end] for run in runs] == ["Monday", "Ana Vasko", "Tomas Brenko", "Velmar"]


def test_a_verifier_conflict_is_explained_by_the_differing_figure() -> None:
    claim = "The council amended a 1986 charter that gives harbour towns their own courts."
    sentence = (
        "The measure, which Strenna has fought and hired a row of lobbyists to stop, rewrites a 1976 charter giving "
        "harbour towns their own courts."
    )
    told = explain(TrainedDecision("conflict", Reading(0, 0.7, 0.01, 0.97)), claim, sentence)
    assert told.reason.startswith(
        "source says \u201c1976\u201d where the claim says \u201c1986\u201d: the trained verifier"
    )
    assert told.highlight is not None and sentence[slice(*told.highlight)] == "1976"
