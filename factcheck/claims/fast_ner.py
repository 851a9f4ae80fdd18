"""spaCy's greedy entity recogniser, decoded for a whole batch of sentences at once.

spaCy's ``ner`` component reads a sentence left to right in BILUO moves (Begin, In, Last, Unit, Out, each with an
entity label). Every move consumes one token, so a sentence of n tokens takes exactly n steps, and the state a move
is chosen from is small: whether an entity is open, its label and first token. spaCy keeps that state in a C++
object per sentence and asks each of the 74 moves, one by one, whether it is valid; on news sentences that loop,
not the model, is most of the component's time. Here the same model scores the same features and the same rules
decide validity, but for every sentence of the batch at once, as array operations over the sentences still being
read: step t reads token t of each.

What is the same as spaCy (tested on thousands of news sentences, tests/factcheck/claims/test_fast_ner.py): the
token vectors and the precomputed first layer are spaCy's own layers, run on the same operations; the state
features (the next token, the open entity's first token, the token before the next), the sum of their precomputed
rows in the same order, the bias, the maxout, the output layer, the validity rules and the choice of the first
highest-scoring valid move. The output layer's product goes through the pipeline's ``gemm``, which may round
differently from the BLAS spaCy calls; the entities were the same on every sentence tested.

Only what the rules need without preset entities is covered: a batch in which any token already carries an entity
annotation (a rule-based component before ``ner``, a user's ``doc.ents``) goes to spaCy's own component, and
:meth:`FastEntityRecognizer.wrap` declines a component of another shape (beam search, unseen classes, another
feature set), which then runs as shipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

_BEGIN, _IN, _LAST, _UNIT, _OUT = range(5)
_MOVE_CODES = {"B": _BEGIN, "I": _IN, "L": _LAST, "U": _UNIT, "O": _OUT}
_STATE_FEATURES = 3  # the next token, the open entity's first token, the token before the next (spaCy's nF == 3)


class FastEntityRecognizer:
    """The ``ner`` component's annotations for a batch of docs, decoded with array operations (module docstring)."""

    def __init__(self, component: Any, moves: np.ndarray, labels: np.ndarray) -> None:
        self._component = component
        model = component.model
        self._tok2vec = model.get_ref("tok2vec")
        self._lower = model.get_ref("lower")
        self._upper = model.get_ref("upper")
        self._moves = moves  # the move code of each class (B, I, L, U, O)
        self._labels = labels  # the entity label of each class, 0 for O and for U without a label

    @classmethod
    def wrap(cls, component: Any) -> FastEntityRecognizer | None:
        """The fast equivalent of ``component``, or None when it is not a greedy BILUO recogniser of the shape this
        decoder reproduces."""
        from spacy.pipeline import EntityRecognizer

        if type(component) is not EntityRecognizer or component.cfg.get("beam_width", 1) != 1:
            return None
        model = component.model
        if not model.attrs.get("has_upper") or model.attrs.get("unseen_classes"):
            return None
        lower = model.get_ref("lower")
        if lower.get_dim("nF") != _STATE_FEATURES or lower.get_dim("nP") < 2 or component.postprocesses:
            return None
        moves, labels = [], []
        strings = component.vocab.strings
        for index in range(component.moves.n_moves):
            name = component.moves.get_class_name(index)
            code = _MOVE_CODES.get(name[:1])
            if code is None or (code != _OUT and name[1:2] != "-"):
                return None  # a move this decoder does not know (spaCy's MISSING is never valid at inference)
            moves.append(code)
            labels.append(strings[name[2:]] if code != _OUT and name[2:] else 0)
        if model.get_ref("upper").get_param("W").shape[0] != len(moves):
            return None
        return cls(component, np.array(moves, dtype=np.int8), np.array(labels, dtype=np.uint64))

    def pipe(self, docs: Iterable[Any], batch_size: int) -> Iterator[Any]:
        from spacy.util import minibatch

        for batch in minibatch(docs, size=batch_size):  # type: ignore[no-untyped-call]  # spaCy ships it untyped
            yield from self._annotate(list(batch))

    def _annotate(self, docs: list[Any]) -> list[Any]:
        arrays = [doc.to_array(["SENT_START", "IS_SPACE", "ENT_IOB"]).reshape(len(doc), 3) for doc in docs]
        if not any(len(doc) for doc in docs):
            return docs
        if any(array[:, 2].any() for array in arrays):
            return list(self._component.pipe(docs, batch_size=len(docs)))  # preset entities: spaCy's rules
        found = self._decode(docs, np.concatenate(arrays))
        from spacy.tokens import Span

        for doc, entities in zip(docs, found, strict=True):
            doc.set_ents([Span(doc, start, end, label=label) for start, end, label in entities], default="outside")
        return docs

    def _decode(self, docs: list[Any], annotations: np.ndarray) -> list[list[tuple[int, int, int]]]:
        """The entities (start, end, label) of each doc: spaCy's greedy transition loop, one step for all docs."""
        lengths = np.array([len(doc) for doc in docs], dtype=np.int64)
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        tokvecs = self._tok2vec.predict(docs)
        # (tokens + 1, features, hidden, pieces); row 0 is the padding for a feature with no token
        cached = self._lower.predict(tokvecs)
        n_rows = cached.shape[0]
        rows = cached.reshape(n_rows, _STATE_FEATURES, -1)
        bias = self._lower.get_param("b").reshape(-1)
        hidden, pieces = self._lower.get_dim("nO"), self._lower.get_dim("nP")
        weights, output_bias = self._upper.get_param("W"), self._upper.get_param("b")
        ops = self._upper.ops
        sentence_start = annotations[:, 0] == 1
        is_space = annotations[:, 1] != 0
        moves, labels = self._moves, self._labels
        open_label = np.zeros(len(docs), dtype=np.uint64)  # 0: no entity open
        open_start = np.zeros(len(docs), dtype=np.int64)
        found: list[list[tuple[int, int, int]]] = [[] for _ in docs]
        for step in range(int(lengths.max())):
            active = np.flatnonzero(lengths > step)  # the docs still being read, in batch order as spaCy keeps them
            token = offsets[active] + step  # the next token of each, as a row of the batch
            is_open = open_label[active] != 0
            last = lengths[active] == step + 1
            next_starts = np.zeros(len(active), dtype=bool)
            has_next = ~last
            next_starts[has_next] = sentence_start[token[has_next] + 1]
            # Features, as rows of `cached`: the padding row 0 where a feature has no token.
            first = np.where(is_open, offsets[active] + open_start[active] + 1, 0)
            before = np.where(is_open, token, 0)  # row of token - 1 is (token - 1) + 1
            unmaxed = rows[token + 1, 0] + rows[first, 1]
            unmaxed += rows[before, 2]
            unmaxed += bias
            state = unmaxed.reshape(len(active), hidden, pieces).max(axis=2)
            scores = ops.gemm(np.ascontiguousarray(state), weights, trans2=True) + output_bias
            valid = valid_moves(moves, labels, open_label[active], last, next_starts, is_space[token])
            chosen = np.where(valid, scores, -np.inf).argmax(axis=1)
            move = moves[chosen]
            label = labels[chosen]
            for index in np.flatnonzero((move == _BEGIN) | (move == _UNIT) | (move == _LAST)).tolist():
                doc = int(active[index])
                kind = int(move[index])
                if kind == _BEGIN:
                    open_label[doc] = label[index]
                    open_start[doc] = step
                elif kind == _UNIT:
                    found[doc].append((step, step + 1, int(label[index])))
                else:
                    found[doc].append((int(open_start[doc]), step + 1, int(open_label[doc])))
                    open_label[doc] = 0
        return found


def valid_moves(
    moves: np.ndarray,
    labels: np.ndarray,
    open_label: np.ndarray,
    last: np.ndarray,
    next_starts: np.ndarray,
    space: np.ndarray,
) -> np.ndarray:
    """Which moves (columns) spaCy's BILUO rules allow in each state (rows), without preset entities: the open
    entity's label (0: none open), whether the next token is the last, whether the token after it starts a
    sentence, whether the next token is whitespace. An entity never begins on whitespace nor runs across a sentence
    start; I and L continue the open entity's label; O only outside an entity."""
    is_open = (open_label != 0)[:, None]
    labelled = labels != 0
    same_label = labels[None, :] == open_label[:, None]
    may_continue = (~last & ~next_starts)[:, None]
    not_space = ~space[:, None]
    inside = (((moves == _IN) & may_continue) | (moves == _LAST)) & labelled & same_label
    outside = (
        ((moves == _BEGIN) & may_continue & not_space & labelled)
        | ((moves == _UNIT) & not_space & labelled)
        | (moves == _OUT)
    )
    valid: np.ndarray = np.where(is_open, inside, outside)
    return valid
