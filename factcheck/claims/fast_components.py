"""Equivalents of spaCy components that give the same annotations faster, for claim extraction (issue 12).

Each offers ``pipe(docs, batch_size)`` like the component it stands for; :func:`fast_equivalent` picks the one for a
component, or None when the component is not of a shape its equivalent reproduces (it then runs as shipped).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol, cast

from factcheck.claims.fast_ner import FastEntityRecognizer

if TYPE_CHECKING:
    from spacy.tokens import Doc


class FastComponent(Protocol):
    def pipe(self, docs: Iterable[Doc], batch_size: int) -> Iterator[Doc]:
        """The docs, annotated as the component they stand for annotates them."""
        ...


def fast_equivalent(component: Any) -> FastComponent | None:
    """The faster equivalent of a pipeline component, or None to run it as shipped."""
    return FastAttributeRuler.wrap(component) or FastLemmatizer.wrap(component) or FastEntityRecognizer.wrap(component)


class _DocByDoc:
    """``pipe`` for an equivalent that annotates one doc at a time."""

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def pipe(self, docs: Iterable[Doc], batch_size: int) -> Iterator[Doc]:
        return (self(doc) for doc in docs)


# The attributes single-token attribute_ruler patterns may test for FastAttributeRuler to read them by value.
_RULER_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_CACHE_LIMIT = 200_000  # entries per cache; cleared when full (a long-running service sees an open vocabulary)


class FastAttributeRuler(_DocByDoc):
    """spaCy's ``attribute_ruler`` with the same annotations, matched without running 179 patterns on every token.

    The ruler matches all its patterns, then sets each match's attributes in the order the patterns were added
    (a later pattern's value wins). Nearly all of en_core_web_sm's patterns are single tokens testing TAG, LOWER,
    DEP and IS_SPACE with plain values or IN / NOT_IN lists, so which of them match a token depends only on its tag,
    whether it is a space, and which of the words (lowercase forms, dependency labels) the patterns name it is: any
    two words the patterns never name match the same patterns (one pattern tests the lowercase form with a regular
    expression: a word never named is then keyed by which of those expressions it matches). That reduced key is
    looked up in a cache; on a miss spaCy's own Matcher, holding only the single-token patterns, decides on the
    token itself. Multi-token patterns (8, two with regular expressions) still run through a Matcher of their own.
    The attributes are then set with spaCy's ``set_token_attrs`` in pattern order, so what a token ends with is what
    the ruler gives it. A ruler with patterns outside this (other attributes, operators, extension attributes) is
    not wrapped.
    """

    def __init__(self, ruler: Any, single: dict[int, list[Any]], multi: dict[int, list[Any]]) -> None:
        from spacy.matcher import Matcher
        from spacy.tokens._retokenize import set_token_attrs

        self._set_token_attrs = set_token_attrs
        self._strings = ruler.vocab.strings
        self._attrs: list[dict[int, Any]] = ruler.attrs
        self._indices: list[int] = ruler.indices
        self._single = Matcher(ruler.vocab)
        self._multi = Matcher(ruler.vocab) if multi else None
        for attr_id, patterns in single.items():
            self._single.add(str(attr_id), patterns)
        for attr_id, patterns in multi.items():
            assert self._multi is not None
            self._multi.add(str(attr_id), patterns)
        named: dict[str, set[int]] = {"LOWER": set(), "DEP": set()}
        regexes: list[re.Pattern[str]] = []
        for patterns in single.values():
            for (token,) in patterns:
                for key, value in token.items():
                    if isinstance(value, dict) and "REGEX" in value:
                        regexes.append(re.compile(value["REGEX"]))  # the Matcher's test: re.search on the string
                    elif key in named:
                        words = [value] if isinstance(value, str) else [w for ws in value.values() for w in ws]
                        named[key].update(self._strings.add(w) for w in words)
        self._lowers = frozenset(named["LOWER"])
        self._deps = frozenset(named["DEP"])
        self._lower_regexes = tuple(regexes)
        self._unnamed: dict[int, object] = {}  # lowercase form never named -> the regexes it matches
        self._matched: dict[tuple[object, ...], tuple[int, ...]] = {}
        self._merged: dict[tuple[int, ...], dict[int, Any]] = {}

    @classmethod
    def wrap(cls, component: Any) -> FastAttributeRuler | None:
        from spacy.pipeline import AttributeRuler

        if type(component) is not AttributeRuler:
            return None
        single: dict[int, list[Any]] = {}
        multi: dict[int, list[Any]] = {}
        for attr_id, entry in enumerate(cast(list[dict[str, Any]], component.patterns)):
            if "_" in entry["attrs"]:
                return None
            for pattern in entry["patterns"]:
                if not all(isinstance(token, dict) and "OP" not in token for token in pattern):
                    return None
                if len(pattern) == 1:
                    if not all(_plain_predicate(key, value) for key, value in pattern[0].items()):
                        return None
                    single.setdefault(attr_id, []).append(pattern)
                else:
                    multi.setdefault(attr_id, []).append(pattern)
        return cls(component, single, multi)

    def __call__(self, doc: Doc) -> Doc:
        extra: dict[int, list[int]] = {}
        if self._multi is not None:
            for match_id, start, end in self._multi(doc, as_spans=False, allow_missing=True):
                attr_id = int(self._strings[match_id])
                index = self._indices[attr_id]
                target = start + index if index >= 0 else end + index
                if not start <= target < end:
                    raise ValueError(f"attribute_ruler pattern {attr_id} has no token {index} in {doc[start:end]!r}")
                extra.setdefault(target, []).append(attr_id)
        matched, lowers, deps, unnamed = self._matched, self._lowers, self._deps, self._unnamed
        if len(matched) > _CACHE_LIMIT or len(unnamed) > _CACHE_LIMIT:
            matched.clear()
            unnamed.clear()
        rows = doc.to_array(["TAG", "LOWER", "DEP", "IS_SPACE"]).tolist()
        for i, (tag, lower, dep, is_space) in enumerate(rows):
            if lower in lowers:
                lower_key: object = lower
            else:
                lower_key = unnamed.get(lower)
                if lower_key is None:
                    text = self._strings[lower]
                    lower_key = unnamed[lower] = tuple(bool(rx.search(text)) for rx in self._lower_regexes)
            key = (tag, lower_key, dep if dep in deps else -1, is_space)
            ids = matched.get(key)
            if ids is None:
                found = self._single(doc[i : i + 1], as_spans=False, allow_missing=True)
                ids = matched[key] = tuple(sorted({int(self._strings[match_id]) for match_id, _, _ in found}))
            if i in extra:
                ids = tuple(sorted(ids + tuple(extra[i])))
            if ids:
                self._set_token_attrs(doc[i], self._merged_attrs(ids))
        return doc

    def _merged_attrs(self, ids: tuple[int, ...]) -> dict[int, Any]:
        """The attributes of the patterns ``ids`` as one dict, later patterns winning: setting it is setting each
        pattern's in turn, since each attribute (POS, TAG, MORPH, LEMMA, DEP) is a field of its own."""
        merged = self._merged.get(ids)
        if merged is None:
            merged = {}
            for attr_id in ids:
                merged.update(self._attrs[attr_id])
            self._merged[ids] = merged
        return merged


def _plain_predicate(key: str, value: object) -> bool:
    if key not in _RULER_KEYS:
        return False
    if key == "IS_SPACE":
        return isinstance(value, bool)
    if isinstance(value, str):
        return True
    if key == "LOWER" and isinstance(value, dict) and set(value) == {"REGEX"}:
        return isinstance(value["REGEX"], str)
    return (
        isinstance(value, dict)
        and set(value) <= {"IN", "NOT_IN"}
        and all(isinstance(words, list) and all(isinstance(w, str) for w in words) for words in value.values())
    )


class FastLemmatizer(_DocByDoc):
    """spaCy's rule lemmatizer with the same lemmas, looked up once per (word, part of speech, morphology).

    The English rule lemmatizer's lemma is a function of exactly those (its own cache is keyed on them, and it
    caches only some of its answers); tokens whose lemma the attribute ruler already set keep it, as there.
    """

    def __init__(self, lemmatizer: Any) -> None:
        self._lemmatizer = lemmatizer
        self._strings = lemmatizer.vocab.strings
        self._lemmas: dict[tuple[int, int, int], int] = {}

    @classmethod
    def wrap(cls, component: Any) -> FastLemmatizer | None:
        from spacy.lang.en.lemmatizer import EnglishLemmatizer

        if type(component) is not EnglishLemmatizer or component.mode != "rule" or component.overwrite:
            return None
        return cls(component)

    def __call__(self, doc: Doc) -> Doc:
        if not getattr(self._lemmatizer, "_validated", True):
            return self._lemmatizer(doc)  # type: ignore[no-any-return]  # checks its tables once, as spaCy does
        lemmas = self._lemmas
        if len(lemmas) > _CACHE_LIMIT:
            lemmas.clear()
        for i, (orth, pos, morph, lemma) in enumerate(doc.to_array(["ORTH", "POS", "MORPH", "LEMMA"]).tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            found = lemmas.get(key)
            token = doc[i]
            if found is None:
                found = lemmas[key] = self._strings.add(self._lemmatizer.lemmatize(token)[0])
            token.lemma = found
        return doc
