"""Word lists of the English language that claim reading and comparison share, each kept once.

They describe the language, never a particular article: number words, the days of the week, and verbs whose
meaning is the opposite of another's (a change of direction, an acceptance and a refusal). The trained verifier's
data generator (``train/news_pairs.py``) reads the same lists to write its contradictions.
"""

from __future__ import annotations

NUMBER_WORDS: dict[str, int] = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen".split()
    )
}

#: Words before a title that say when or how the post is held: "former prime minister" no longer holds it,
#: "acting defense secretary" holds it for now; neither is the plain post.
PAST_TENURE = frozenset({"former", "ex", "late", "then", "onetime", "erstwhile"})
TEMPORARY_TENURE = frozenset({"acting", "interim", "caretaker", "incoming", "designate", "outgoing"})
TENURE_WORDS = PAST_TENURE | TEMPORARY_TENURE

WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Verb lemma -> lemmas of its opposites. Symmetric by construction (see _symmetric): a change in one direction
# contradicts the same change in the other ("rose to 3.2 percent" / "fell to 3.2 percent"; "cut" / "raised").
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


def _symmetric(pairs: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for word, opposites in pairs:
        for other in opposites:
            table.setdefault(word, []).append(other)
            table.setdefault(other, []).append(word)
    return {word: tuple(dict.fromkeys(others)) for word, others in table.items()}


OPPOSITE_VERBS: dict[str, tuple[str, ...]] = _symmetric(_OPPOSITES)


#: Irregular forms of the verbs above, to their lemma (regular ones are undone by ``verb_lemmas``).
IRREGULAR_FORMS: dict[str, str] = {
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "won": "win",
    "lost": "lose",
    "began": "begin",
    "begun": "begin",
    "grew": "grow",
    "grown": "grow",
    "shrank": "shrink",
    "shrunk": "shrink",
    "sold": "sell",
    "bought": "buy",
    "left": "leave",
    "quit": "quit",
    "cut": "cut",
    "froze": "freeze",
}


def verb_lemmas(word: str) -> set[str]:
    """The lemmas a written verb form may have ("accepted" -> accept; "rose" -> rise), without a tagger."""
    word = word.lower()
    found = {word}
    if word in IRREGULAR_FORMS:
        found.add(IRREGULAR_FORMS[word])
    for suffix, replacement in (
        ("ied", "y"),
        ("ies", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            base = word[: -len(suffix)] + replacement
            found.add(base)
            if len(base) > 2 and base[-1] == base[-2]:  # "stopped" -> "stopp" -> "stop"
                found.add(base[:-1])
    return found


def opposite(a: str, b: str) -> bool:
    """Whether two verbs (lemmas or written forms) say opposite things ("rise"/"fall", "accepted"/"dismissed")."""
    return any(y in OPPOSITE_VERBS.get(x, ()) for x in verb_lemmas(a) for y in verb_lemmas(b))
