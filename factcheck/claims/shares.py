"""A figure that is a share of a whole, and the whole it is a share of: "killed 300 out of 400 soldiers" counts the
soldiers killed (300), and the 400 is no count of the killing; "12 of the 40 patients" likewise."""

from __future__ import annotations

from spacy.tokens import Token

_OUT_OF = ("out", "of")


def share_of(tokens: list[Token]) -> Token | None:
    """The noun a figure counts a share of, written after it ("300 out of 400 soldiers", "12 of the 40 patients")."""
    doc, last = tokens[-1].doc, tokens[-1].i
    after = [t for t in doc[last + 1 : last + 5] if t.lower_ != "the"]
    words = [t.lower_ for t in after]
    skip = 2 if words[:2] == list(_OUT_OF) else 1 if words[:1] == ["of"] else 0
    if not skip or len(after) <= skip or not after[skip].like_num:
        return None
    noun = after[skip].head
    return noun if noun.pos_ == "NOUN" and noun.i > after[skip].i else None


def is_whole_of_share(tokens: list[Token]) -> bool:
    """Whether a figure is the whole another figure is a share of ("300 out of 400 soldiers": the 400)."""
    doc, first = tokens[0].doc, tokens[0].i
    before = [t for t in doc[max(0, first - 4) : first] if t.lower_ != "the"]
    words = [t.lower_ for t in before]
    if words[-2:] == list(_OUT_OF):
        return len(before) >= 3 and before[-3].like_num
    return words[-1:] == ["of"] and len(before) >= 2 and before[-2].like_num
