"""People and parties: one key per person across spellings, transliterations and titles.

"Zelensky", "Zelenskiy", "Mr Zelenskyy" and "President Volodymyr Zelensky" are one person; "Andrii" and
"Andriy" one first name; "Haidarenko"/"Gaidarenko" (Ukrainian h, Russian g) one surname. Name similarity
alone is not identity (Umerov and Umarov are different people), so the fuzzy step only accepts spellings
that differ by known transliteration patterns or by a very small edit.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from nicknames import NickNamer
from rapidfuzz.distance import JaroWinkler

from factcheck.claims.gazetteer import capital_of, country_key

HONORIFICS = frozenset(
    "mr mrs ms miss mx dr prof professor sir dame lord lady madam mme m rev reverend sheikh gen general "
    "col colonel capt captain lt sgt president premier chancellor king queen prince princess pope gov "
    "governor sen senator rep minister secretary ambassador judge justice".split()
)
#: Honorifics that say nothing but courtesy (no post): "Mr. Fox" is Fox, however else he is named.
COURTESY_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr"})
#: The words after a surname that say which of a family's namesakes is meant ("Robert S. Mueller III").
GENERATIONAL_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_NOT_NAME_WORDS = GENERATIONAL_SUFFIXES | {"'s", "\u2019s"}
_SURNAME_ENDINGS = [(re.compile(p), r) for p, r in [(r"(?:yy|iy|ii|ij|yi|yj)$", "y"), (r"(?<=sk)i$", "y")]]
# Transliteration pairs seen across Latin renderings of Cyrillic names: folded only when comparing.
_FOLDS = [
    ("kh", "h"),
    ("zh", "j"),
    ("ts", "c"),
    ("tz", "c"),
    ("ks", "x"),
    ("w", "v"),
    ("ye", "e"),
    ("ie", "e"),
    ("iy", "y"),
    ("ii", "y"),
    ("yi", "y"),
    ("i", "y"),
    ("g", "h"),
    ("ou", "u"),
    ("oo", "u"),
    ("j", "y"),
    ("ff", "v"),
    ("ph", "f"),
]
_SURNAME_SIMILARITY = 0.95
_FIRST_NAME_SIMILARITY = 0.8


@dataclass(frozen=True)
class PersonName:
    display: str  # as written, titles removed
    surname: str  # normalized key of the surname
    given: str | None  # normalized first given name, if written

    @property
    def key(self) -> str:
        return self.surname


# Typographic apostrophes (U+2018, U+2019, U+02BC, common in news copy) are the ASCII one, not a letter to drop.
_APOSTROPHES = str.maketrans(dict.fromkeys("\u2018\u2019\u02bc", "'"))


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text.translate(_APOSTROPHES)).encode("ascii", "ignore").decode("ascii")


_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}")


def undotted(text: str) -> str:
    """Dotted initials written as one word: "F.B.I." and "FBI", "U.S." and "US" are one name."""
    return _DOTTED.sub(lambda m: m.group().replace(".", ""), text)


# Capitalised words with the small words a body's name joins them by ("Federal Bureau of Investigation").
_NAME_RUN = re.compile(r"[A-Z][\w'-]*(?:\s+(?:(?:of|and|for|on|the|&)\s+)*[A-Z][\w'-]*)+")
_JOINING = frozenset({"of", "and", "for", "on", "the", "&"})


@lru_cache(maxsize=4096)
def expansion(initials: str, text: str) -> str | None:
    """The name ``text`` writes that ``initials`` (written in capitals, dotted or not) abbreviates, as written
    ("FBI": "Federal Bureau of Investigation"): consecutive capitalised words of one run, the small words joining
    them left out. Two letters are too few to tell a name by ("US", "UN" are read as the words they are), and a word
    in lower case or a surname ("Kay") is no initials."""
    wanted = undotted(initials)
    if not 3 <= len(wanted) <= 8 or not wanted.isalpha() or not wanted.isupper():
        return None
    for run in _NAME_RUN.finditer(text):
        words = list(re.finditer(r"\S+", run.group()))
        content = [w for w in words if w.group() not in _JOINING]
        for i in range(len(content) - len(wanted) + 1):
            chosen = content[i : i + len(wanted)]
            if "".join(w.group()[0] for w in chosen).upper() == wanted:
                return run.group()[chosen[0].start() : chosen[-1].end()]
    return None


def spells_out(initials: str, text: str) -> bool:
    """Whether ``text`` writes the name ``initials`` abbreviates (``expansion``)."""
    return expansion(initials, text) is not None


def person_name(text: str) -> PersonName | None:
    """Parse a written name; None when nothing but titles remains."""
    # Suffixes and a detached possessive go first, so the titles they hid are still seen as titles: the name
    # read back from its display form must be the same name.
    words = [w for w in re.split(r"[\s]+", text.strip()) if w and w.lower().rstrip(".") not in _NOT_NAME_WORDS]
    while words and words[0].lower().rstrip(".") in HONORIFICS:
        words.pop(0)
    display = " ".join(words).removesuffix("'s").removesuffix("\u2019s")
    # the possessive goes before anything else, so a word with no letters of its own ("0's") keeps none
    bare = [ascii_fold(w).lower().removesuffix("'s").removesuffix("\u2019s") for w in words]
    tokens = [t for w in bare if (t := re.sub(r"[^a-z'-]", "", w).strip("'-"))]
    if not tokens or not display:
        return None
    surname = _surname_key(tokens[-1])
    given = tokens[0] if len(tokens) > 1 else None
    return PersonName(display=display, surname=surname, given=given)


def _surname_key(token: str) -> str:
    for pattern, replacement in _SURNAME_ENDINGS:
        token = pattern.sub(replacement, token)
    return token


@lru_cache(maxsize=4096)
def _folded(token: str) -> str:
    for old, new in _FOLDS:
        token = token.replace(old, new)
    return re.sub(r"(.)\1", r"\1", token)


def speaker_keys(text: str) -> set[str]:
    """The name keys of the words naming a speaker ("Kremlin spokesman Dmitry Peskov"): any may be the
    surname a sentence's terms use for them."""
    return {fold_key(word.lower()) for word in re.findall(r"[^\W\d_]+", text)}


def fold_key(token: str) -> str:
    """A coarse key that transliteration variants share (Haidarenko, Gaidarenko -> 'haydarenko')."""
    return _folded(token)


def same_spelling_family(a: str, b: str, threshold: float) -> bool:
    if a == b or _folded(a) == _folded(b):
        return True
    return JaroWinkler.similarity(_folded(a), _folded(b)) >= threshold


def same_person(a: PersonName, b: PersonName) -> bool:
    """True when two written names very likely denote one person (surnames must match; given names agree:
    spelled alike, an initial, or one a common nickname of the other, "Ken" / "Kenneth", "Bill" / "William")."""
    if not same_spelling_family(a.surname, b.surname, _SURNAME_SIMILARITY):
        return False
    if a.given and b.given:
        return any(_same_given(x, y) for x in _names_gone_by(a) for y in _names_gone_by(b))
    return True


def _same_given(a: str, b: str) -> bool:
    return (
        _folded(a)[:1] == _folded(b)[:1]
        and (same_spelling_family(a, b, _FIRST_NAME_SIMILARITY) or len(a) == 1 or len(b) == 1)
    ) or nickname_of(a, b)


def _names_gone_by(name: PersonName) -> tuple[str, ...]:
    """The given names a person may be called by: the first, and after a first initial the middle name the person
    goes by ("A. Barry Rand" is "Barry Rand", "J. Edgar Hoover" "Edgar Hoover")."""
    assert name.given is not None
    if len(name.given) != 1:
        return (name.given,)
    words = name.display.split()
    middle = re.sub(r"[^a-z'-]", "", ascii_fold(words[1]).lower()) if len(words) > 2 else ""
    if len(middle) > 1 and not words[1].endswith("."):
        return (name.given, middle)
    return (name.given,)


@lru_cache(maxsize=4096)
def nickname_of(a: str, b: str) -> bool:
    """Whether one given name is a recorded nickname of the other (the ``nicknames`` package: a curated table of
    English given names and their diminutives, Apache-2.0), either way round."""
    namer = _nick_namer()
    return b in namer.nicknames_of(a) or a in namer.nicknames_of(b)


@lru_cache(maxsize=4096)
def is_given_name(word: str) -> bool:
    """Whether a word is an English given name the ``nicknames`` package records (with or without diminutives)."""
    namer = _nick_namer()
    return bool(namer.nicknames_of(word) or namer.canonicals_of(word))


@cache
def _nick_namer() -> NickNamer:
    return NickNamer()


# -- parties: countries, sides, organisations ---------------------------------------------------------
# International organisations by their abbreviations (countries, demonyms and capitals come from the gazetteer).
_ORGANISATIONS = {"un": "united nations", "eu": "european union", "nato": "nato"}
_DEMONYM_SUFFIXES = ("ians", "ian", "ans", "an", "ese", "ish", "ia", "ey", "a", "e", "i", "n", "s")


@lru_cache(maxsize=65536)  # a check compares the same few names thousands of times
def party_key(text: str, *, capitals: bool = True) -> str:
    """'Ukrainian', 'Ukraine', "Ukraine's", 'Kyiv' -> 'ukraine' (countries, demonyms and capitals from the
    gazetteer); 'the UN', 'United Nations' -> 'united nations'; other proper nouns lose a demonym ending
    ('Kastavian', 'Kastavia' -> 'kastav'). ``capitals`` False keeps a capital as the city it is (for places)."""
    cleaned = undotted(ascii_fold(text)).lower().strip()
    cleaned = re.sub(r"^(?:the|his|her|its|their)\s+", "", cleaned)
    cleaned = re.sub(r"(?:'s|\u2019s|')$", "", cleaned).strip(" .,")
    proper = re.sub(r"^(?:the|his|her|its|their)\s+", "", text.strip(), flags=re.IGNORECASE)[:1].isupper()
    country = (country_key(cleaned) or (capital_of(cleaned) if capitals else None)) if proper else None
    if country is not None:
        return country
    cleaned = _ORGANISATIONS.get(cleaned.replace(".", ""), cleaned)
    if " " in cleaned or not proper:
        return cleaned  # only a single proper noun is a demonym or country to fold ("authorities" stays)
    for suffix in _DEMONYM_SUFFIXES:
        if cleaned.endswith(suffix) and len(cleaned) - len(suffix) >= 4:
            return cleaned[: -len(suffix)]
    return cleaned


def surname_forms(word: str) -> set[str]:
    """A surname as keyed for a person and as a single proper noun is keyed (``party_key`` folds a demonym-like
    ending: "Sarkan" -> "sark"), so a name read either way meets itself."""
    return {word, party_key(word.capitalize())}
