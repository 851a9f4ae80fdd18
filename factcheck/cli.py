"""The ``factcheck`` command line: ingest, search, sources, delete, rebuild-index, reembed, export-onnx, serve."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from factcheck.check import DEFAULT_TOP_K
from factcheck.cli_commands import (
    ARRIVAL_BATCH,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    cmd_check,
    cmd_delete,
    cmd_eval,
    cmd_export_onnx,
    cmd_ingest,
    cmd_rebuild,
    cmd_reembed,
    cmd_reextract,
    cmd_report,
    cmd_search,
    cmd_serve,
    cmd_sources,
    print_error,
)
from factcheck.corpus import MAX_TOP_K
from factcheck.engines import LOCAL_ENGINE, engine_names
from factcheck.engines.base import report_engine_names
from factcheck.errors import FactcheckError
from factcheck.report_render import FORMATS
from factcheck.settings import Settings
from factcheck.sources.formats import parse_date

__all__ = ["EXIT_FAILED", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE", "main"]


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
        print_error(str(exc))
        return EXIT_FAILED
    except BrokenPipeError:  # "factcheck report | head": the reader left; not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps Python's exit flush from failing again
        return EXIT_OK
    except OSError as exc:  # a file named on the command line: missing, unwritable, a directory, disk full
        where = f"{exc.filename}: " if exc.filename else ""
        print_error(f"{where}{exc.strerror or exc}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        print_error("interrupted; everything stored before the interruption is kept")
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
    ingest.set_defaults(handler=cmd_ingest)

    search = commands.add_parser("search", parents=[data_dir], help="sentences closest in meaning to a query")
    search.add_argument("query")
    search.add_argument("-k", type=int, default=5, help=f"number of results (1-{MAX_TOP_K}, default 5)")
    search.add_argument("--sources", type=_id_list, help="only these source ids, comma-separated")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.set_defaults(handler=cmd_search)

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
    check.set_defaults(handler=cmd_check)

    evaluate = commands.add_parser("eval", parents=[data_dir], help="score verdicts on probe files (JSON Lines)")
    evaluate.add_argument("probes", nargs="+", type=Path, metavar="PROBES.jsonl")
    evaluate.add_argument("--json", action="store_true", help="print JSON")
    evaluate.add_argument("--errors", action="store_true", help="list every probe answered wrongly")
    evaluate.set_defaults(handler=cmd_eval)

    report = commands.add_parser("report", parents=[data_dir], help="consistency report across sources")
    report.add_argument("--sources", type=_id_list, help="only these source ids, comma-separated (default: all)")
    report.add_argument("--format", choices=FORMATS, default="md", help="output format (default md)")
    report.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")
    _engine_options(report, report_engine_names())
    report.set_defaults(handler=cmd_report)

    reextract = commands.add_parser("reextract", parents=[data_dir], help="extract claims again for every source")
    reextract.set_defaults(handler=cmd_reextract)

    sources = commands.add_parser("sources", parents=[data_dir], help="list stored sources")
    sources.add_argument("--json", action="store_true", help="print JSON")
    sources.set_defaults(handler=cmd_sources)

    delete = commands.add_parser("delete", parents=[data_dir], help="delete sources by id")
    delete.add_argument("ids", nargs="+", metavar="ID")
    delete.set_defaults(handler=cmd_delete)

    rebuild = commands.add_parser(
        "rebuild-index", parents=[data_dir], help="rebuild the vector index from the database"
    )
    rebuild.set_defaults(handler=cmd_rebuild)

    reembed = commands.add_parser(
        "reembed", parents=[data_dir], help="embed every stored sentence again with the configured embedder"
    )
    reembed.set_defaults(handler=cmd_reembed)

    export = commands.add_parser(
        "export-onnx", help="export the packaged model to ONNX with int8 weights (for the minilm-onnx-int8 embedder)"
    )
    export.add_argument(
        "--out", type=Path, help="artifact directory (default: $FACTCHECK_MODEL_PATH if set for it, else models/onnx/)"
    )
    export.add_argument("--force", action="store_true", help="export again even when the export is current")
    export.set_defaults(handler=cmd_export_onnx)

    serve = commands.add_parser("serve", parents=[data_dir], help="run the HTTP service")
    serve.add_argument("--host", help="interface to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=_port, help="port (default 8000)")
    serve.set_defaults(handler=cmd_serve)
    return parser


def _engine_options(command: argparse.ArgumentParser, engines: list[str]) -> argparse._ArgumentGroup:
    """``--engine`` and the options every ray engine takes (``--address``, ``--num-cpus``); the group, for a
    command's own ray options. :func:`factcheck.cli_commands.engine_config_of` reads them."""
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


if __name__ == "__main__":
    sys.exit(main())
