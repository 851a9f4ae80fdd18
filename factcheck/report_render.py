"""Renderings of a consistency report: JSON, Markdown, self-contained HTML and CSV. Conflicts come first.

All source text is escaped in HTML (the page has no scripts at all) and in Markdown tables.
"""

from __future__ import annotations

import csv
import html
import io
from typing import Any

from factcheck.report import AGREE_TOPIC, CONFLICT_TOPIC, SINGLE_SOURCE, Report, Topic, TopicClaim

FORMATS = ("json", "md", "html", "csv")
#: The HTML rendering's Content-Security-Policy: no script, no request, only its own inline style sheet.
HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
_TITLES = {CONFLICT_TOPIC: "Conflicts", AGREE_TOPIC: "Agreements", SINGLE_SOURCE: "Reported by one source only"}


def report_json(report: Report) -> dict[str, Any]:
    return {
        "id": report.id,
        "created_at": report.created_at,
        "status": report.status,
        "sources": list(report.sources),
        "topics": [topic_json(t) for t in report.topics],
        "summary": report.summary,
    }


def topic_json(topic: Topic) -> dict[str, Any]:
    """One topic as JSON: in reports, and in the conflicts a new source brings (``factcheck.arrival``)."""
    return {
        "id": topic.id,
        "kind": topic.kind,
        "label": topic.label,
        "status": topic.status,
        "reason": topic.reason,
        "claims": [
            {
                "source_id": c.source_id,
                "text": c.text,
                "start": c.start,
                "end": c.end,
                "value": c.value,
                "sentence": c.sentence,
                "sentence_start": c.sentence_start,
                "sentence_end": c.sentence_end,
            }
            for c in topic.claims
        ],
    }


def report_markdown(report: Report) -> str:
    summary = report.summary
    lines = [
        f"# Consistency report {report.id}",
        "",
        f"{len(report.sources)} sources, {summary['topics']} topics: **{summary['conflict']} conflicts**, "
        f"{summary['agree']} agreements, {summary['single_source']} reported by one source only.",
        "",
        "Sources: " + ", ".join(f"`{_md(s)}`" for s in report.sources),
        "",
    ]
    for status in (CONFLICT_TOPIC, AGREE_TOPIC, SINGLE_SOURCE):
        topics = [t for t in report.topics if t.status == status]
        if not topics:
            continue
        lines += [f"## {_TITLES[status]}", ""]
        for topic in topics:
            lines += [
                f"### {topic.id}: {_md(topic.label)}",
                "",
                _md(topic.reason),
                "",
                "| source | value | evidence |",
                "|---|---|---|",
            ]
            for claim in topic.claims:
                lines.append(f"| `{_md(claim.source_id)}` | {_md(claim.value)} | {_md_sentence(claim)} |")
            lines.append("")
    return "\n".join(lines)


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """Text as a spreadsheet shows it, never as a formula: a leading = + - @ gets a ' (OWASP's CSV injection rule).

    The JSON rendering keeps the exact text (``text[start:end]`` of the source); the CSV is for people.
    """
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def report_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["topic_id", "status", "kind", "label", "source_id", "value", "text", "start", "end", "sentence", "reason"]
    )
    for topic in report.topics:
        for claim in topic.claims:
            writer.writerow(
                [
                    topic.id,
                    topic.status,
                    topic.kind,
                    _cell(topic.label),
                    claim.source_id,
                    _cell(claim.value),
                    _cell(claim.text),
                    claim.start,
                    claim.end,
                    _cell(claim.sentence),
                    _cell(topic.reason),
                ]
            )
    return buffer.getvalue()


def report_html(report: Report) -> str:
    summary = report.summary
    e = html.escape
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{HTML_POLICY}">',
        f"<title>Consistency report {e(report.id)}</title><style>{_CSS}</style></head><body>",
        f"<h1>Consistency report <code>{e(report.id)}</code></h1>",
        f'<p class="summary">{len(report.sources)} sources, {summary["topics"]} topics: '
        f'<strong class="conflict">{summary["conflict"]} conflicts</strong>, '
        f'<span class="agree">{summary["agree"]} agreements</span>, '
        f"{summary['single_source']} reported by one source only. Created {e(report.created_at)}.</p>",
        _html_matrix(report),
    ]
    for status in (CONFLICT_TOPIC, AGREE_TOPIC, SINGLE_SOURCE):
        topics = [t for t in report.topics if t.status == status]
        if topics:
            parts.append(f'<h2 id="{status}">{e(_TITLES[status])}</h2>')
            parts.extend(_html_topic(t) for t in topics)
    parts.append('<h2 id="sources">Sources</h2><ul>')
    for source in report.sources:
        topics = [t for t in report.topics if any(c.source_id == source for c in t.claims)]
        links = ", ".join(f'<a href="#topic-{e(t.id)}">{e(t.id)}</a>' for t in topics)
        parts.append(f'<li id="source-{e(source)}"><code>{e(source)}</code>: {links or "no typed claims"}</li>')
    parts.append("</ul></body></html>")
    return "\n".join(parts)


def render(report: Report, fmt: str) -> str:
    import json

    if fmt == "json":
        return json.dumps(report_json(report), ensure_ascii=False, indent=2)
    if fmt == "md":
        return report_markdown(report)
    if fmt == "html":
        return report_html(report)
    if fmt == "csv":
        return report_csv(report)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _html_matrix(report: Report) -> str:
    """Topic by source, each cell the source's value: the table a desk editor scans first."""
    e = html.escape
    shown = [t for t in report.topics if t.status != SINGLE_SOURCE]
    if not shown:
        return "<p>No topic is reported by two sources.</p>"
    head = "".join(f'<th><a href="#source-{e(s)}">{e(s)}</a></th>' for s in report.sources)
    rows = []
    for topic in shown:
        cells = []
        for source in report.sources:
            values = sorted({c.value for c in topic.claims if c.source_id == source})
            cells.append(f"<td>{'<br>'.join(e(v) for v in values) or '&mdash;'}</td>")
        rows.append(
            f'<tr class="{e(topic.status)}"><th scope="row"><a href="#topic-{e(topic.id)}">'
            f"{e(topic.label)}</a></th>{''.join(cells)}</tr>"
        )
    return f'<table class="matrix"><thead><tr><th>topic</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _html_topic(topic: Topic) -> str:
    e = html.escape
    items = "".join(
        f'<li><a href="#source-{e(c.source_id)}"><code>{e(c.source_id)}</code></a>: <strong>{e(c.value)}</strong>'
        f"<blockquote>{_html_sentence(c)}</blockquote></li>"
        for c in topic.claims
    )
    return (
        f'<section id="topic-{e(topic.id)}" class="topic {e(topic.status)}"><h3>{e(topic.id)}: {e(topic.label)}'
        f'</h3><p class="reason">{e(topic.reason)}</p><ul>{items}</ul></section>'
    )


def _html_sentence(claim: TopicClaim) -> str:
    a, b = claim.start - claim.sentence_start, claim.end - claim.sentence_start
    s = claim.sentence
    return f"{html.escape(s[:a])}<mark>{html.escape(s[a:b])}</mark>{html.escape(s[b:])}"


def _md_sentence(claim: TopicClaim) -> str:
    a, b = claim.start - claim.sentence_start, claim.end - claim.sentence_start
    s = claim.sentence
    return f"{_md(s[:a])}**{_md(s[a:b])}**{_md(s[b:])}"


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell: pipes, markup characters and HTML are escaped."""
    escaped = html.escape(text.replace("\n", " "), quote=False)
    for char in "\\|*_`[]#<>":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


_CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
code{background:#f3f3f3;padding:0 .2em}mark{background:#ffe08a}
.conflict{color:#a4161a}.agree{color:#1b6b2f}
table.matrix{border-collapse:collapse;width:100%;margin:1rem 0}
table.matrix th,table.matrix td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
tr.conflict th{border-left:4px solid #a4161a}tr.agree th{border-left:4px solid #1b6b2f}
section.topic{border-left:4px solid #ccc;padding:.2rem 1rem;margin:1rem 0}
section.conflict{border-color:#a4161a}section.agree{border-color:#1b6b2f}
blockquote{margin:.3rem 0 .8rem 1rem;color:#333}
"""


def report_from_json(body: dict[str, Any]) -> Report:
    """The inverse of :func:`report_json`, for rendering a stored report."""
    topics = tuple(
        Topic(
            id=t["id"],
            kind=t["kind"],
            label=t["label"],
            status=t["status"],
            reason=t["reason"],
            claims=tuple(TopicClaim(**c) for c in t["claims"]),
        )
        for t in body["topics"]
    )
    return Report(
        id=body["id"],
        created_at=body["created_at"],
        status=body["status"],
        sources=tuple(body["sources"]),
        topics=topics,
    )


MEDIA_TYPES = {
    "json": "application/json",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}
