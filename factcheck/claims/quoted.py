"""Who speaks a sentence that only goes on with a quotation.

News copy attributes a quotation once and lets it run on: 'said Jim Manley, a top adviser to Mr. Reid.
"Senator Reid respects that but thinks that the mosque should be built someplace else."' The second sentence
names no speaker, yet every reader takes it as Manley's. A sentence that opens with a quotation mark and has no
reporting verb of its own is read as spoken by the speaker of the sentence just before, when that sentence
attributes a quotation to someone: its typed claims are that speaker's, and the trained verifier reads it with the
speaker written before it (``read_with_speaker``), as it reads a pronoun spelled out. The sentence shown as
evidence is always the sentence as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from factcheck.claims.model import Attribution

_OPENING = "\"\u201c'\u2018"
_MARKS = frozenset('"\u201c\u201d')


@dataclass
class QuotedSpeaker:
    """The speaker of the last sentence read that attributes a quotation, while quotations run on."""

    speaker: Attribution | None = None

    def carry(self, sentence: Span, attribution: Attribution | None) -> Attribution | None:
        """The speaker a sentence goes on quoting (None where it has a speaker of its own, or opens no quotation),
        and the sentence read for the next one."""
        carried = None
        if attribution is None and sentence.text.lstrip()[:1] in _OPENING:
            carried = self.speaker
        own = attribution or carried
        self.speaker = own if own is not None and _quotes(sentence.text) else None
        return carried


def _quotes(text: str) -> bool:
    return any(ch in _MARKS for ch in text)


def read_with_speaker(text: str, speaker: str) -> str:
    """A sentence that goes on quoting someone, as the verifier reads it: 'Jim Manley said: "Senator Reid ..."'."""
    return f"{speaker} said: {text.lstrip()}"
