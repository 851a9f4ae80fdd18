"""Word lists of the English language that claim reading and comparison share, each kept once.

They describe the language, never a particular article: number words, the days of the week, and verbs whose
meaning is the opposite of another's (a change of direction, an acceptance and a refusal). The trained verifier's
data generator (``train/news_pairs.py``) reads the same lists to write its contradictions. Written forms are
reduced to lemmas, and opposites beyond the table found, by WordNet (``factcheck.claims.wordnet``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from factcheck.claims import wordnet

NUMBER_WORDS: dict[str, int] = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen".split()
    )
}

#: Ordinal words and the rank each gives: "first" 1 ... "twentieth" 20.
ORDINAL_WORDS: dict[str, int] = {
    word: value
    for value, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
        "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(),
        start=1,
    )
}

#: Words before a title that say when or how the post is held: "former prime minister" no longer holds it,
#: "acting defense secretary" holds it for now; neither is the plain post.
PAST_TENURE = frozenset({"former", "ex", "late", "then", "onetime", "erstwhile"})
TEMPORARY_TENURE = frozenset({"acting", "interim", "caretaker", "incoming", "designate", "outgoing"})
TENURE_WORDS = PAST_TENURE | TEMPORARY_TENURE
#: Verbs that hold a post the way "is" does, with "as": "served as attorney general", "works as a lawyer".
SERVING_VERBS = frozenset({"serve", "work"})
#: Verbs that hold a post named by a noun of POST_NOUNS ("holds the post of majority whip", "occupied the office of
#: mayor"): the post is what that noun is "of".
HOLDING_VERBS = frozenset({"hold", "occupy"})
POST_NOUNS = frozenset({"post", "position", "office", "job"})
#: Verbs that say what something costs: their subject is what the sum is the price of ("the wall would cost about
#: $8 billion", "the stake was valued at $2 billion").
PRICE_VERBS = frozenset({"cost", "price", "value"})

#: Verbs of what two parties do together: "A met B" is "B met A", so who is named first says nothing of who did it.
RECIPROCAL_VERBS = frozenset(
    "meet marry wed date divorce face play fight battle join resemble equal debate tie negotiate talk partner ally "
    "merge border embrace hug kiss".split()
)

#: Words that deny what their clause says ("n't" as spaCy splits "didn't").
NEGATORS = frozenset({"not", "n't", "never", "no", "without", "nobody", "none", "neither", "nor"})
#: Verbs that deny the act they govern ("refused to apologize": he did not apologize; "failed to win"): the negative
#: implicatives of Karttunen (1971), by lemma.
NEGATIVE_IMPLICATIVES = frozenset({"refuse", "decline", "fail", "neglect", "refrain", "forget"})
#: Reporting verbs that say the reported clause is not so ("Twitter denied that it shadow bans users").
DENYING_VERBS = frozenset({"deny"})
#: Verbs that deny what their object states ("rejected the notion that ...", "dismissed the claim that ...").
REJECTING_VERBS = DENYING_VERBS | frozenset({"reject", "dismiss", "dispute", "refute"})
#: Words that say people are missing: a state, not a verb, so a figure of people so described has it as its
#: event ("12 people are missing", "12 missing hikers", "12 remain unaccounted for").
MISSING_WORDS = frozenset({"missing", "unaccounted"})
#: Words that make a figure count only some on top of others ("two more", "another four", "500 additional"):
#: such a count is no total, and never another value of one.
ADDED_WORDS = frozenset({"more", "other", "additional", "further", "remaining", "another", "extra"})

WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS: tuple[str, ...] = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
#: The months as news writes them: by name or abbreviated ("Jan.", "Sept.").
MONTH_FORMS: frozenset[str] = frozenset({w for m in MONTHS for w in (m, m[:3])} | {"sept"})
#: Parts of a day as news writes them beside a day ("on Thursday evening", "late Friday", "early Monday"), each
#: the stretches of the clock it may cover, in minutes after midnight. Generous at the edges: "evening" and
#: "night" share hours, as "early morning" and "night" do, and only stretches that share none tell another time.
DAY_PARTS: dict[str, tuple[tuple[int, int], ...]] = {
    "morning": ((0, 720),),
    "afternoon": ((720, 1080),),
    "evening": ((1020, 1440),),
    "night": ((1200, 1440), (0, 360)),
    "late": ((1080, 1440), (0, 120)),  # "late Tuesday"
    "early": ((0, 600),),  # "early Monday"
}
#: The parts of the day named by a word of their own ("early" and "late" qualify a day, and many things besides).
DAY_PART_NAMES = frozenset(DAY_PARTS) - {"early", "late"}


def stretches_meet(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> bool:
    """Whether two sets of clock stretches (``DAY_PARTS`` values, minutes after midnight) share any minute."""
    return any(start_a < end_b and start_b < end_a for start_a, end_a in a for start_b, end_b in b)


#: Days named from the day a report is published, by their distance from it, read beside a clock time ("today at
#: 11am"); alone ("the talks in Istanbul today") they date too much that is loosely told to be compared.
RELATIVE_DAYS: dict[str, int] = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
#: Capitalised calendar words, which the extractor files as names.
CALENDAR_WORDS: frozenset[str] = frozenset(WEEKDAYS) | frozenset(MONTHS)

# Verb lemma -> lemmas of its opposites. Symmetric by construction (see _symmetric): a change in one direction
# contradicts the same change in the other ("rose to 3.2 percent" / "fell to 3.2 percent"; "cut" / "raised").
# WordNet's antonyms (``opposite`` asks them too) hold only 24 of these 50 pairs: news writes a change of
# direction with near-synonyms WordNet does not oppose (rise / drop, increase / cut, confirm / deny, support /
# oppose, arrest / release, allow / ban), and the training data generator writes its contradictions from this table.
_OPPOSITES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("rise", ("fall", "drop", "decline")),
    ("increase", ("decrease", "reduce", "cut", "lower")),
    ("raise", ("cut", "lower", "reduce")),
    ("grow", ("shrink", "decline")),
    ("gain", ("lose",)),
    ("climb", ("fall", "drop")),
    ("win", ("lose",)),
    ("accept", ("reject", "refuse", "decline", "dismiss")),
    ("approve", ("reject", "veto", "block")),
    ("confirm", ("deny",)),
    ("admit", ("deny",)),
    ("support", ("oppose",)),
    ("open", ("close",)),
    ("begin", ("end",)),
    ("start", ("stop", "end")),
    ("arrest", ("release", "free")),
    ("hire", ("fire",)),
    ("join", ("leave", "quit")),
    ("buy", ("sell",)),
    ("pass", ("fail",)),
    ("acquit", ("convict",)),
    ("resign", ("stay",)),
    ("lift", ("impose",)),
    ("allow", ("ban", "forbid", "prohibit", "block")),
    ("include", ("exclude",)),
    ("enter", ("leave", "exit")),
    ("attend", ("skip", "miss", "boycott")),
)


#: Head nouns of posts, known without WordNet (names ending in them are titles: "Foreign Minister X").
ROLE_HEADS = frozenset(
    "minister secretary spokesman spokeswoman spokesperson president aide adviser advisor governor mayor "
    "chief head envoy ambassador commander general chairman chairwoman chair leader director premier "
    "chancellor negotiator representative deputy official prosecutor king queen".split()
)


def _symmetric(pairs: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for word, opposites in pairs:
        for other in opposites:
            table.setdefault(word, []).append(other)
            table.setdefault(other, []).append(word)
    return {word: tuple(dict.fromkeys(others)) for word, others in table.items()}


OPPOSITE_VERBS: dict[str, tuple[str, ...]] = _symmetric(_OPPOSITES)


# A check compares a claim's verbs with those of hundreds of candidate sentences: the same pairs come back.
@lru_cache(maxsize=65536)
def opposite(a: str, b: str) -> bool:
    """Whether two words (lemmas or written forms) say opposite things: a pair of the table above ("rose" /
    "dropped", "accepted" / "dismissed") or antonyms in WordNet ("high" / "low", "agreed" / "disagreed")."""
    lemmas_a, lemmas_b = wordnet.lemmas(a, "v"), wordnet.lemmas(b, "v")
    return any(y in OPPOSITE_VERBS.get(x, ()) for x in lemmas_a for y in lemmas_b) or wordnet.antonyms(a, b)


#: Verbs too common to tie a claim's act to a sentence's: "is not" and "is" say nothing of the same thing by themselves.
WEAK_VERBS = frozenset({"", "be", "have", "do", "get", "make"})


@lru_cache(maxsize=65536)
def opposite_acts(a: str, b: str) -> bool:
    """Whether two nouns name opposite acts: the verbs WordNet derives them from are a pair of the table above
    ("support" / "opposition", "approval" / "rejection") or antonyms in their commonest senses ("approval" /
    "disapproval"). An adjective's antonym is no act ("federal" / "confederate"), nor a verb's rare sense."""
    return any(
        y in OPPOSITE_VERBS.get(x, ()) or wordnet.commonest_antonyms(x, y, "v") or wordnet.commonest_antonyms(y, x, "v")
        for x in wordnet.derived_verbs(a)
        for y in wordnet.derived_verbs(b)
    )


def same_verb(a: str, b: str) -> bool:
    """One act in two words: the same verb, or verbs WordNet puts in one sense ("resign" and "step down")."""
    return a == b or (bool(a) and bool(b) and wordnet.synonyms(a, b, "v"))


def noun_lemma(form: str, lemma: str, tag: str) -> str:
    """A plural noun's lemma as WordNet's morphy reads it first, where the tagger's lookup chose another of its
    readings ("taxes" -> tax, not taxis; "bases" -> base): one counted thing or term, however a sentence inflects it."""
    if tag == "NNS":
        # the plural itself is a lemma too of some nouns ("words": a quarrel); only its reductions are asked
        readings = [r for r in wordnet.lemmas(form, "n") if r != form]
        if readings and lemma in readings:
            return readings[0]
    return lemma
