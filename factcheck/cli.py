"""The ``factcheck`` command line: ingest, search, sources, delete, rebuild-index, reembed, export-onnx, serve."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from factcheck.arrival import arrivals_conflicts
from factcheck.check import DEFAULT_TOP_K, check_claim
from factcheck.claimreview import claim_review, sources_of
from factcheck.config import Config
from factcheck.corpus import MAX_TOP_K, Corpus, IngestFailure
from factcheck.embedding_onnx import ONNX_EMBEDDER, default_onnx_dir
from factcheck.engines import LOCAL_ENGINE, RAY_ENGINE, EngineConfig, IngestEngine, create_engine, engine_names
from factcheck.engines.base import create_report_engine, report_engine_names
from factcheck.errors import FactcheckError
from factcheck.evaluate import evaluate, evaluation_json, format_report, load_probes
from factcheck.onnx_export import run_export
from factcheck.records import IngestStatus, SourceInput
from factcheck.render import format_result, result_json
from factcheck.report import build_report
from factcheck.report_render import FORMATS, render
from factcheck.settings import Settings
from factcheck.sources import ReadFailure, SourceOverrides, read_path, walk_paths
from factcheck.sources.formats import parse_date

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        settings = Settings(**({"data_dir": args.data_dir} if getattr(args, "data_dir", None) else {}))
        result: int = args.handler(args, settings)
        return result
    except FactcheckError as exc:
        _error(str(exc))
        return EXIT_FAILED
    except BrokenPipeError:  # "factcheck report | head": the reader left; not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps Python's exit flush from failing again
        return EXIT_OK
    except OSError as exc:  # a file named on the command line: missing, unwritable, a directory, disk full
        where = f"{exc.filename}: " if exc.filename else ""
        _error(f"{where}{exc.strerror or exc}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        _error("interrupted; everything stored before the interruption is kept")
        return EXIT_INTERRUPTED


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="factcheck", description="Cross-check claims across news sources.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument("--data-dir", type=Path, help="data directory (default: $FACTCHECK_DATA_DIR or per-user)")

    ingest = commands.add_parser("ingest", parents=[data_dir], help="add articles (.txt .md .html .jsonl)")
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="files or directories")
    ingest.add_argument("--outlet", help="outlet name for every source ingested (overrides the files)")
    ingest.add_argument("--published-at", type=_date_arg, help="publication date YYYY-MM-DD for every source")
    conflicts = ingest.add_mutually_exclusive_group()
    conflicts.add_argument(
        "--conflicts",
        action="store_true",
        help=f"compare the new sources with the stored ones however many there are (by default only batches of "
        f"up to {ARRIVAL_BATCH} new sources are compared: a larger one is a job for `factcheck report`)",
    )
    conflicts.add_argument("--no-conflicts", action="store_true", help="do not compare the new sources")
    ray_options = _engine_options(ingest, engine_names())
    ray_options.add_argument(
        "--embed-actors", type=_positive, help="embedding actors, one model and CPU each (default: Ray Data scales)"
    )
    ray_options.add_argument(
        "--extract-actors",
        type=_positive,
        help="claim extraction actors, one spaCy pipeline and CPU each (default: Ray Data scales)",
    )
    ingest.set_defaults(handler=_cmd_ingest)

    search = commands.add_parser("search", parents=[data_dir], help="sentences closest in meaning to a query")
    search.add_argument("query")
    search.add_argument("-k", type=int, default=5, help=f"number of results (1-{MAX_TOP_K}, default 5)")
    search.add_argument("--sources", type=_id_list, help="only these source ids, comma-separated")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.set_defaults(handler=_cmd_search)

    check = commands.add_parser("check", parents=[data_dir], help="check a claim against the sources")
    check.add_argument("claim")
    check.add_argument("--sources", type=_id_list, help="only these source ids, comma-separated")
    check.add_argument("-k", type=int, default=DEFAULT_TOP_K, help="evidence sentences per source (default 5)")
    check_output = check.add_mutually_exclusive_group()
    check_output.add_argument("--json", action="store_true", help="print JSON (the same as --format json)")
    check_output.add_argument(
        "--format",
        choices=("text", "json", "claimreview"),
        default="text",
        help="output format: text (default), json, or claimreview (schema.org ClaimReview JSON-LD)",
    )
    check.set_defaults(handler=_cmd_check)

    evaluate = commands.add_parser("eval", parents=[data_dir], help="score verdicts on probe files (JSON Lines)")
    evaluate.add_argument("probes", nargs="+", type=Path, metavar="PROBES.jsonl")
    evaluate.add_argument("--json", action="store_true", help="print JSON")
    evaluate.add_argument("--errors", action="store_true", help="list every probe answered wrongly")
    evaluate.set_defaults(handler=_cmd_eval)

    report = commands.add_parser("report", parents=[data_dir], help="consistency report across sources")
    report.add_argument("--sources", type=_id_list, help="only these source ids, comma-separated (default: all)")
    report.add_argument("--format", choices=FORMATS, default="md", help="output format (default md)")
    report.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")
    _engine_options(report, report_engine_names())
    report.set_defaults(handler=_cmd_report)

    reextract = commands.add_parser("reextract", parents=[data_dir], help="extract claims again for every source")
    reextract.set_defaults(handler=_cmd_reextract)

    sources = commands.add_parser("sources", parents=[data_dir], help="list stored sources")
    sources.add_argument("--json", action="store_true", help="print JSON")
    sources.set_defaults(handler=_cmd_sources)

    delete = commands.add_parser("delete", parents=[data_dir], help="delete sources by id")
    delete.add_argument("ids", nargs="+", metavar="ID")
    delete.set_defaults(handler=_cmd_delete)

    rebuild = commands.add_parser(
        "rebuild-index", parents=[data_dir], help="rebuild the vector index from the database"
    )
    rebuild.set_defaults(handler=_cmd_rebuild)

    reembed = commands.add_parser(
        "reembed", parents=[data_dir], help="embed every stored sentence again with the configured embedder"
    )
    reembed.set_defaults(handler=_cmd_reembed)

    export = commands.add_parser(
        "export-onnx", help="export the packaged model to ONNX with int8 weights (for the minilm-onnx-int8 embedder)"
    )
    export.add_argument(
        "--out", type=Path, help="artifact directory (default: $FACTCHECK_MODEL_PATH if set for it, else models/onnx/)"
    )
    export.add_argument("--force", action="store_true", help="export again even when the export is current")
    export.set_defaults(handler=_cmd_export_onnx)

    serve = commands.add_parser("serve", parents=[data_dir], help="run the HTTP service")
    serve.add_argument("--host", help="interface to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=_port, help="port (default 8000)")
    serve.set_defaults(handler=_cmd_serve)
    return parser


def _engine_options(command: argparse.ArgumentParser, engines: list[str]) -> argparse._ArgumentGroup:
    """``--engine`` and the options every ray engine takes (``--address``, ``--num-cpus``); the group, for a
    command's own ray options. :func:`_engine_config` reads them."""
    command.add_argument(
        "--engine",
        choices=engines,
        default=LOCAL_ENGINE,
        help="where the work runs: local (this process, the default) or ray (a Ray cluster; pip install "
        "'factcheck[ray]')",
    )
    ray_options = command.add_argument_group("--engine ray")
    ray_options.add_argument(
        "--address", help="Ray cluster to connect to (HOST:6379, or auto on a node of it); default: start Ray here"
    )
    ray_options.add_argument("--num-cpus", type=_positive, help="CPUs for the Ray instance started here (default all)")
    return ray_options


def _engine_config(args: argparse.Namespace, **ray_options: int | None) -> EngineConfig | None:
    """The engine the options of :func:`_engine_options` (and a command's own ``ray_options``, named as the fields
    of EngineConfig) ask for; None, with one error line, when they do not fit together (exit status 2)."""
    given = {"address": args.address, "num_cpus": args.num_cpus, **ray_options}
    named = ["--" + name.replace("_", "-") for name, value in given.items() if value is not None]
    if named and args.engine != RAY_ENGINE:
        _error(f"{', '.join(named)}: only with --engine ray")
        return None
    if args.address is not None and args.num_cpus is not None:
        _error("--num-cpus sizes a Ray instance started here; a cluster at --address has its own CPUs")
        return None
    return EngineConfig(name=args.engine, **given)


def _date_arg(value: str) -> object:
    try:
        return parse_date(value, what="--published-at")
    except FactcheckError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _id_list(value: str) -> list[str]:
    ids = [part.strip() for part in value.split(",") if part.strip()]
    if not ids:  # "--sources ''" would silently mean "no source at all"
        raise argparse.ArgumentTypeError("name at least one source id (comma-separated)")
    return ids


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"port must be a number, got {value!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be between 1 and 65535, got {port}")
    return port


# -- ingest -------------------------------------------------------------------------------------------
@dataclass
class _IngestTally:
    added: int = 0
    unchanged: int = 0
    sentences: int = 0
    failures: list[str] = field(default_factory=list)
    added_ids: list[str] = field(default_factory=list)


def _cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    config = settings.to_config()
    engine_config = _engine_config(args, embed_actors=args.embed_actors, extract_actors=args.extract_actors)
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
def _cmd_search(args: argparse.Namespace, settings: Settings) -> int:
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


def _cmd_check(args: argparse.Namespace, settings: Settings) -> int:
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


def _cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
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


def _cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    engine_config = _engine_config(args)
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


def _cmd_reextract(args: argparse.Namespace, settings: Settings) -> int:
    started = time.perf_counter()
    with Corpus.open(settings.to_config()) as corpus:
        count = corpus.reextract_claims()
    print(f"extracted claims again for {count} sources in {time.perf_counter() - started:.1f} s")
    return EXIT_OK


def _cmd_sources(args: argparse.Namespace, settings: Settings) -> int:
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


def _cmd_delete(args: argparse.Namespace, settings: Settings) -> int:
    failed = False
    with Corpus.open(settings.to_config()) as corpus:
        for source_id in args.ids:
            try:
                removed = corpus.delete(source_id)
                print(f"deleted {source_id} ({removed} sentences)")
            except FactcheckError as exc:
                _error(str(exc))
                failed = True
    return EXIT_FAILED if failed else EXIT_OK


def _cmd_rebuild(args: argparse.Namespace, settings: Settings) -> int:
    started = time.perf_counter()
    with Corpus.open(settings.to_config()) as corpus:
        count = corpus.rebuild_index()
        structure = getattr(corpus.index, "structure", settings.index_type)  # what `auto` chose for this size
    kind = settings.index_type if structure == settings.index_type else f"{settings.index_type} ({structure})"
    print(f"rebuilt the {kind} index: {count} vectors in {time.perf_counter() - started:.1f} s")
    return EXIT_OK


def _cmd_reembed(args: argparse.Namespace, settings: Settings) -> int:
    started = time.perf_counter()
    with Corpus.open(settings.to_config()) as corpus:
        count = corpus.reembed()
        model = corpus.embedder.model_id
    print(f"{count} sentences embedded again with {model} in {time.perf_counter() - started:.1f} s")
    return EXIT_OK


def _cmd_export_onnx(args: argparse.Namespace, settings: Settings) -> int:
    configured = settings.model_path if settings.embedder == ONNX_EMBEDDER else None
    return run_export(args.out or configured or default_onnx_dir(), force=args.force)


def _cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from api.main import create_app

    if args.host:
        settings.host = args.host
    if args.port:
        settings.port = args.port
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")
    return EXIT_OK


def _error(message: str, stream: TextIO | None = None) -> None:
    print(f"error: {message}", file=stream or sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
