"""What every benchmark script shares: the articles, the machine description, CPU contention, docs sections.

Scripts in ``bench/`` run as ``python bench/NAME.py``, so this module is imported as ``_common`` (the script's
directory is first on ``sys.path``).
"""

from __future__ import annotations

import gc
import json
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from factcheck import SourceInput
from factcheck.config import DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_SOURCE_CHARS
from factcheck.records import normalize_text
from factcheck.sources import ReadFailure, read_path

ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = ROOT.parent / "shared"
BASIL_DIR = SHARED_DIR / "data" / "basil" / "articles"
EMERGENT_CSV = SHARED_DIR / "data" / "emergent" / "url-versions-2015-06-14-clean.csv"
EXAMPLES_DIR = ROOT / "examples" / "articles"
DOCS_FILE = ROOT / "docs" / "benchmarks.md"
CACHE_DIR = Path(os.path.expanduser("~/.cache/factcheck-bench"))
CONTENTION_WARNING = 0.05  # share of CPU capacity used by others above which the figures are flagged

DOCS_INTRO = """# Benchmarks

Figures produced by the scripts in `bench/`; each section says the exact command, the machine and the date.

What matters most are the **ratios measured side by side in one run** (for example end-to-end ingest against
raw model encode on the same sentences): the development machines are shared and absolute numbers move by
+-15% from one run to the next, while a ratio taken in one process, alternating the measurements, is stable.
Compare absolute numbers only between runs on the same machine.
"""

T = TypeVar("T")


# -- data ---------------------------------------------------------------------------------------------
def _paragraph_text(paragraph: object) -> str:
    """A BASIL paragraph is a string or a (possibly nested) list of sentence strings."""
    if isinstance(paragraph, str):
        return paragraph.strip()
    if isinstance(paragraph, list):
        return " ".join(part for part in (_paragraph_text(p) for p in paragraph) if part)
    return ""


def _parse_date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _basil_source(path: Path) -> SourceInput | None:
    record = json.loads(path.read_text(encoding="utf-8"))
    paragraphs = (_paragraph_text(p) for p in record.get("body-paragraphs") or [])
    text = normalize_text("\n\n".join(p for p in paragraphs if p))
    if not text:
        return None
    return SourceInput(
        id=f"basil-{path.stem}",
        text=text,
        title=record.get("title") or None,
        outlet=record.get("source") or None,
        url=record.get("url") or None,
        published_at=_parse_date(record.get("date")),
        origin=str(path),
    )


def _display(path: Path) -> str:
    """A path relative to the project when it is inside it or next to it (``../shared/...``)."""
    resolved = path.resolve()
    for base, prefix in ((ROOT, Path()), (ROOT.parent, Path(".."))):
        if resolved.is_relative_to(base):
            return str(prefix / resolved.relative_to(base))
    return str(path)


def load_basil(directory: Path, limit: int) -> tuple[list[SourceInput], str]:
    paths = sorted(directory.glob("*/*.json"))[:limit]
    sources = [s for s in map(_basil_source, paths) if s is not None]
    note = f"first {len(paths)} BASIL articles by path ({_display(directory)})"
    if len(sources) < len(paths):
        note += f", {len(paths) - len(sources)} without body text skipped"
    return sources, note


def load_examples(directory: Path, limit: int) -> tuple[list[SourceInput], str]:
    originals: list[SourceInput] = []
    for path in sorted(p for p in directory.iterdir() if p.is_file()):
        for item in read_path(path, max_file_bytes=DEFAULT_MAX_FILE_BYTES, max_source_chars=DEFAULT_MAX_SOURCE_CHARS):
            if isinstance(item, ReadFailure):
                print(f"skipping {item}", file=sys.stderr)
            else:
                originals.append(item)
    if not originals:
        raise SystemExit(f"no readable articles in {directory}")
    sources = [
        replace(originals[i % len(originals)], id=f"{originals[i % len(originals)].id}-copy{i:04d}")
        for i in range(limit)
    ]
    note = (
        f"FALLBACK: {_display(BASIL_DIR)} is absent; the {len(originals)} example articles in "
        f"{_display(directory)} replicated to {limit} sources with distinct ids "
        "(repeated text: not comparable with BASIL figures)"
    )
    return sources, note


def load_articles(basil_dir: Path, limit: int) -> tuple[list[SourceInput], str]:
    if basil_dir.is_dir() and any(basil_dir.glob("*/*.json")):
        return load_basil(basil_dir, limit)
    return load_examples(EXAMPLES_DIR, limit)


# -- timing -------------------------------------------------------------------------------------------
def timed(action: Callable[[], T]) -> tuple[float, T]:
    gc.collect()
    start = time.perf_counter()
    value = action()
    return time.perf_counter() - start, value


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1) of a non-empty sequence."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.5)))
    return ordered[rank - 1]


# -- environment --------------------------------------------------------------------------------------
def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine_info() -> dict[str, Any]:
    import torch

    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "torch_threads": torch.get_num_threads(),
        "python": platform.python_version(),
        "torch": torch.__version__,
        "sentence_transformers": _version("sentence-transformers"),
        "faiss": _version("faiss-cpu"),
        "platform": platform.platform(),
        "temp_dir": tempfile.gettempdir(),
        "load_average_1m": os.getloadavg()[0],
    }


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


@dataclass(frozen=True)
class CpuSample:
    """Machine-wide busy and steal CPU seconds (/proc/stat) and this process's own CPU seconds."""

    wall: float
    busy: float
    steal: float
    own: float

    @classmethod
    def take(cls) -> CpuSample:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        busy = steal = 0.0
        try:
            fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
            tick = os.sysconf("SC_CLK_TCK")
            # user nice system idle iowait irq softirq steal ...: busy = everything but idle, iowait, steal.
            busy = (sum(fields[:8]) - fields[3] - fields[4] - fields[7]) / tick
            steal = fields[7] / tick
        except (OSError, ValueError, IndexError):
            pass
        return cls(time.perf_counter(), busy, steal, usage.ru_utime + usage.ru_stime)


def contention(before: CpuSample, after: CpuSample, cores: int, ours: float = 0.0) -> dict[str, float]:
    """Share of the machine's CPU capacity used by other processes (or stolen by the host) while timing.

    ``ours``: CPU seconds of child processes the benchmark itself ran (a server), which are not "others".
    """
    capacity = (after.wall - before.wall) * cores
    others = max(0.0, (after.busy - before.busy) - (after.own - before.own) - ours)
    return {
        "other_processes_cpu_share": others / capacity if capacity else 0.0,
        "steal_share": (after.steal - before.steal) / capacity if capacity else 0.0,
    }


# -- output -------------------------------------------------------------------------------------------
def machine_line(machine: dict[str, Any], peak_rss: float | None = None) -> str:
    m = machine
    rss = f"; peak RSS {peak_rss:.0f} MiB" if peak_rss is not None else ""
    return (
        f"{m['cpu']}, {m['cores']} cores ({m['cores_usable']} usable), torch threads {m['torch_threads']}; "
        f"Python {m['python']}, torch {m['torch']}, sentence-transformers {m['sentence_transformers']}, "
        f"faiss-cpu {m['faiss']}{rss}; "
        f"1-min load average {m['load_average_1m_before']:.2f} before, {m['load_average_1m']:.2f} after; "
        f"CPU taken by other processes during the timed runs {m['other_processes_cpu_share']:.1%} of capacity "
        f"(host steal {m['steal_share']:.1%})"
    )


def contention_warning(machine: dict[str, Any]) -> list[str]:
    taken = machine["other_processes_cpu_share"] + machine["steal_share"]
    if taken <= CONTENTION_WARNING:
        return []
    return [
        f"**Warning: other processes took {taken:.0%} of the CPU during the timed runs; these figures are not "
        "reliable. Re-run on a quiet machine.**",
        "",
    ]


def progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# Text a section holds below this line was written by hand (what a run showed, what changed since): a re-run
# replaces the measured part above it and keeps the line and what follows.
KEPT_NOTES = "<!-- notes below are written by hand and kept when the bench rewrites this section -->"


def write_docs(title: str, section: str, path: Path = DOCS_FILE) -> None:
    """Replace the section headed ``title`` in ``path`` (or append it), keeping everything else, and keeping the
    section's own notes written by hand below ``KEPT_NOTES``."""
    text = path.read_text(encoding="utf-8") if path.is_file() else DOCS_INTRO
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == title), None)
    notes: list[str] = []
    if start is None:
        head, tail = lines, []
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        head, tail = lines[:start], lines[end:]
        marker = next((i for i in range(start, end) if lines[i].strip() == KEPT_NOTES), None)
        notes = lines[marker:end] if marker is not None else []
    while head and not head[-1].strip():
        head.pop()
    while notes and not notes[-1].strip():
        notes.pop()
    parts = ["\n".join(head), section.rstrip("\n")]
    if notes:
        parts.append("\n".join(notes))
    if tail:
        parts.append("\n".join(tail).rstrip("\n"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")


# -- corpora built once and kept between runs -----------------------------------------------------------
def cached_data_dir(key: str, build: Callable[[Path], dict[str, Any]], cache_dir: Path = CACHE_DIR) -> Path:
    """A data directory built by ``build(path)`` once and reused while ``key`` stays the same.

    The build writes into a temporary sibling that is renamed when it finishes, with ``build``'s summary in
    ``BUILT.json``: an interrupted build leaves nothing that a later run could mistake for a finished one.
    """
    target = cache_dir / key
    if (target / "BUILT.json").is_file():
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f"{key}.partial-", dir=cache_dir))
    started = time.perf_counter()
    summary = build(partial)
    summary["build_seconds"] = round(time.perf_counter() - started, 1)
    (partial / "BUILT.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    if target.exists():
        raise SystemExit(f"{target} exists but was not finished: remove it and run again")
    partial.rename(target)
    return target


def built_summary(data_dir: Path) -> dict[str, Any]:
    summary: dict[str, Any] = json.loads((data_dir / "BUILT.json").read_text(encoding="utf-8"))
    return summary


def machine_during(load_before: float, before: CpuSample, after: CpuSample, ours: float = 0.0) -> dict[str, Any]:
    """The machine description with the load average before the timed runs and the contention during them."""
    machine = machine_info() | {"load_average_1m_before": load_before}
    return machine | contention(before, after, machine["cores_usable"] or 1, ours)


def publish(title: str, section: str, payload: Any, *, as_json: bool, write: bool) -> int:
    """Print the figures (Markdown section or JSON) and, if asked, rewrite the section in docs/benchmarks.md."""
    print(json.dumps(payload, indent=2) if as_json else section)
    if write:
        write_docs(title, section)
        progress(f"wrote {DOCS_FILE.relative_to(ROOT)}")
    return 0
