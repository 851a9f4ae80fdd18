"""What each ``factcheck`` command does (``factcheck.cli`` reads the command line and dispatches here)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from tqdm import tqdm

from factcheck.arrival import arrivals_conflicts
from factcheck.check import check_claim
from factcheck.claimreview import claim_review, sources_of
from factcheck.config import Config
from factcheck.corpus import Corpus, IngestFailure
from factcheck.embedding_onnx import ONNX_EMBEDDER, default_onnx_dir
from factcheck.engines import RAY_ENGINE, EngineConfig, IngestEngine, create_engine
from factcheck.engines.base import create_report_engine
from factcheck.errors import FactcheckError
from factcheck.evaluate import evaluate, evaluation_json, format_report, load_probes
from factcheck.onnx_export import run_export
from factcheck.records import IngestStatus, SourceInput
from factcheck.render import format_result, result_json
from factcheck.report import build_report
from factcheck.report_render import render
from factcheck.settings import Settings
from factcheck.sources import ReadFailure, SourceOverrides, read_path, walk_paths

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def engine_config_of(args: argparse.Namespace, **ray_options: int | None) -> EngineConfig | None:
    """The engine the options of ``factcheck.cli`` ask for (and a command's own ``ray_options``, named as the fields
    of EngineConfig) ask for; None, with one error line, when they do not fit together (exit status 2)."""
    given = {"address": args.address, "num_cpus": args.num_cpus, **ray_options}
    named = ["--" + name.replace("_", "-") for name, value in given.items() if value is not None]
    if named and args.engine != RAY_ENGINE:
        print_error(f"{', '.join(named)}: only with --engine ray")
        return None
    if args.address is not None and args.num_cpus is not None:
        print_error("--num-cpus sizes a Ray instance started here; a cluster at --address has its own CPUs")
        return None
    return EngineConfig(name=args.engine, **given)


# -- ingest -------------------------------------------------------------------------------------------
@dataclass
class _IngestTally:
    added: int = 0
    unchanged: int = 0
    sentences: int = 0
    failures: list[str] = field(default_factory=list)
    added_ids: list[str] = field(default_factory=list)


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    config = settings.to_config()
    engine_config = engine_config_of(args, embed_actors=args.embed_actors, extract_actors=args.extract_actors)
    if engine_config is None:
        return EXIT_USAGE
    # Built before anything is read: `--engine ray` without Ray installed is one line and exit 1, not a traceback.
    engine = create_engine(engine_config)
    if args.engine == RAY_ENGINE:
        # Ray Data announces each run at INFO, and once that its own progress bars are off (the bar here counts):
        # warnings and errors still show.
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        logging.getLogger("ray.data._internal.progress").setLevel(logging.ERROR)
    try:
        return _ingest_with(engine, args, config)
    finally:
        engine.close()


def _ingest_with(engine: IngestEngine, args: argparse.Namespace, config: Config) -> int:
    overrides = SourceOverrides(outlet=args.outlet, published_at=args.published_at)
    tally = _IngestTally()
    started = time.perf_counter()
    files = list(walk_paths(args.paths))
    bar = tqdm(total=len(files), unit="file", disable=not sys.stderr.isatty(), file=sys.stderr, dynamic_ncols=True)

    def report_failure(origin: str, message: str) -> None:
        line = f"{origin}: {message}"
        tally.failures.append(line)
        bar.write(f"error: {line}", file=sys.stderr)

    def sources() -> Iterator[SourceInput]:
        for item in files:
            if isinstance(item, ReadFailure):
                report_failure(item.origin, item.message)
            else:
                for read in read_path(
                    item,
                    max_file_bytes=config.max_file_bytes,
                    max_source_chars=config.max_source_chars,
                    overrides=overrides,
                ):
                    if isinstance(read, ReadFailure):
                        report_failure(read.origin, read.message)
                    else:
                        yield read
            bar.update(1)

    with bar, Corpus.open(config) as corpus:
        for outcome in engine.ingest_many(corpus, sources()):
            if isinstance(outcome, IngestFailure):
                report_failure(outcome.origin or outcome.source_id, outcome.message)
            elif outcome.status is IngestStatus.ADDED:
                tally.added += 1
                tally.sentences += outcome.sentences
                tally.added_ids.append(outcome.source_id)
            else:
                tally.unchanged += 1
            # Files are counted as they are read; the ray engine reads a window of them ahead of storing them.
            bar.set_postfix_str(f"{tally.added + tally.unchanged} stored", refresh=False)
        if args.conflicts or (not args.no_conflicts and len(tally.added_ids) <= ARRIVAL_BATCH):
            _print_arrival_conflicts(corpus, tally.added_ids)
        elif not args.no_conflicts:
            print(
                f"{len(tally.added_ids)} new sources were not compared with the stored ones (more than "
                f"{ARRIVAL_BATCH}): run `factcheck report`, or ingest with --conflicts"
            )
    seconds = time.perf_counter() - started
    total = tally.added + tally.unchanged
    print(
        f"{total} source{'s' if total != 1 else ''} ({tally.added} added, {tally.unchanged} unchanged), "
        f"{len(tally.failures)} failed; {tally.sentences} sentences indexed in {seconds:.1f} s; "
        f"data in {config.data_dir}"
    )
    return EXIT_FAILED if tally.failures else EXIT_OK


#: New sources a batch ingest compares with the stored ones by default (a report over them and their stories).
ARRIVAL_BATCH = 25


def _print_arrival_conflicts(corpus: Corpus, source_ids: Sequence[str]) -> None:
    """The conflicts the new sources bring with stored sources (or with each other), each once."""
    topics = {t.id: t for found in arrivals_conflicts(corpus, source_ids) for t in found.topics}
    if topics:
        print(f"{len(topics)} conflict{'s' if len(topics) != 1 else ''} involving the new sources:")
        for topic in topics.values():
            print(f"  {topic.label}: {topic.reason}")


# -- search and listing -------------------------------------------------------------------------------
def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    with Corpus.open(settings.to_config(), read_only=True) as corpus:
        hits = corpus.search(args.query, args.k, source_ids=args.sources)
    if args.json:
        print(
            json.dumps(
                [
                    {"source_id": h.source_id, "sentence": h.sentence, "start": h.start, "end": h.end, "score": h.score}
                    for h in hits
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    if not hits:
        print("no results (is anything ingested?)")
    for rank, hit in enumerate(hits, start=1):
        print(f"{rank:>2}. {hit.score:.3f}  {hit.source_id} [{hit.start}:{hit.end}]")
        print(f"    {hit.sentence}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    with Corpus.open(settings.to_config(), read_only=True) as corpus:
        result = check_claim(corpus, args.claim, source_ids=args.sources, top_k=args.k)
        sources = sources_of(corpus, result) if args.format == "claimreview" else {}
    if args.format == "claimreview":
        print(json.dumps(claim_review(result, sources), ensure_ascii=False, indent=2))
    elif args.json or args.format == "json":
        print(json.dumps(result_json(result), ensure_ascii=False, indent=2))
    else:
        print(format_result(result))
    return EXIT_OK


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    probes = [probe for path in args.probes for probe in load_probes(path)]
    with Corpus.open(settings.to_config(), read_only=True) as corpus:
        bar = tqdm(total=len(probes), unit="probe", disable=not sys.stderr.isatty(), file=sys.stderr)
        with bar:
            report = evaluate(corpus, probes, on_probe=lambda _: bar.update(1))
    if args.json:
        print(json.dumps(evaluation_json(report), indent=2))
    else:
        print(format_report(report, show_errors=args.errors))
    return EXIT_OK


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    engine_config = engine_config_of(args)
    if engine_config is None:
        return EXIT_USAGE
    # Built before the store is opened: `--engine ray` without Ray installed is one line and exit 1.
    engine = create_report_engine(engine_config)
    try:
        with Corpus.open(settings.to_config(), read_only=True) as corpus:
            bar = tqdm(unit="step", disable=not sys.stderr.isatty(), file=sys.stderr)

            def progress(stage: str, done: int, total: int) -> None:
                bar.set_description(stage)
                bar.total = total
                bar.n = done
                bar.refresh()

            with bar:
                result = build_report(corpus, args.sources, progress=progress, engine=engine)
    finally:
        engine.close()
    text = render(result, args.format)
    if args.output:
        args.output.write_text(text + ("" if text.endswith("\n") else "\n"), encoding="utf-8")
        summary = result.summary
        print(
            f"report {result.id}: {summary['conflict']} conflicts, {summary['agree']} agreements, "
            f"{summary['single_source']} single-source topics -> {args.output}"
        )
    else:
        print(text)
    return EXIT_OK


def cmd_reextract(args: argparse.Namespace, settings: Settings) -> int:
    started = time.perf_counter()
    with Corpus.open(settings.to_config()) as corpus:
        count = corpus.reextract_claims()
    print(f"extracted claims again for {count} sources in {time.perf_counter() - started:.1f} s")
    return EXIT_OK


def cmd_sources(args: argparse.Namespace, settings: Settings) -> int:
    with Corpus.open(settings.to_config(), read_only=True) as corpus:
        sources = corpus.list_sources()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": s.id,
                        "title": s.title,
                        "outlet": s.outlet,
                        "url": s.url,
                        "published_at": s.published_at.isoformat() if s.published_at else None,
                        "sentences": s.sentence_count,
                        "content_hash": s.content_hash,
                    }
                    for s in sources
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    for s in sources:
        date = s.published_at.isoformat() if s.published_at else "----------"
        print(f"{s.id:<32} {date}  {s.sentence_count:>5} sentences  {s.outlet or ''}  {s.title or ''}".rstrip())
    print(f"{len(sources)} source{'s' if len(sources) != 1 else ''}")
    return EXIT_OK


def cmd_delete(args: argparse.Namespace, settings: Settings) -> int:
    failed = False
    with Corpus.open(settings.to_config()) as corpus:
        for source_id in args.ids:
            try:
                removed = corpus.delete(source_id)
                print(f"deleted {source_id} ({removed} sentences)")
            except FactcheckError as exc:
                print_error(str(exc))
                failed = True
    return EXIT_FAILED if failed else EXIT_OK


def cmd_rebuild(args: argparse.Namespace, settings: Settings) -> int:
    started = time.perf_counter()
    with Corpus.open(settings.to_config()) as corpus:
        count = corpus.rebuild_index()
        structure = getattr(corpus.index, "structure", settings.index_type)  # what `auto` chose for this size
    kind = settings.index_type if structure == settings.index_type else f"{settings.index_type} ({structure})"
    print(f"rebuilt the {kind} index: {count} vectors in {time.perf_counter() - started:.1f} s")
    return EXIT_OK


def cmd_reembed(args: argparse.Namespace, settings: Settings) -> int:
    started = time.perf_counter()
    with Corpus.open(settings.to_config()) as corpus:
        count = corpus.reembed()
        model = corpus.embedder.model_id
    print(f"{count} sentences embedded again with {model} in {time.perf_counter() - started:.1f} s")
    return EXIT_OK


def cmd_export_onnx(args: argparse.Namespace, settings: Settings) -> int:
    configured = settings.model_path if settings.embedder == ONNX_EMBEDDER else None
    return run_export(args.out or configured or default_onnx_dir(), force=args.force)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from api.main import create_app

    if args.host:
        settings.host = args.host
    if args.port:
        settings.port = args.port
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")
    return EXIT_OK


def print_error(message: str, stream: TextIO | None = None) -> None:
    print(f"error: {message}", file=stream or sys.stderr)
