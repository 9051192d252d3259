"""Comparison reports: JSON (machine), Markdown (journalist) and CSV (one row per span)."""

from __future__ import annotations

import csv
import io

from articles.model import Article
from articles.tabular import spreadsheet_cell
from comparison.model import Comparison
from markdown_text import escape_markdown as md

_KIND_TITLES = {
    "contradiction": "Contradictions",
    "precision": "Precision differences",
    "framing": "Framing differences",
    "update": "Updates in an outlet's later reports",
    "agree": "Agreements",
    "unique": "Reported by one outlet only",
}


def _article_dict(a: Article, label: str) -> dict:
    """An article as JSON: ``outlet`` is its outlet's identity (canonical name); ``label``, the
    name the comparison's reasons, sources, naming and aligned pairs key it by."""
    return {
        "id": a.id,
        "outlet": a.outlet,
        "label": label,
        "title": a.title,
        "url": a.url,
        "published": a.published.isoformat(),
        "language": a.language,
        "script": a.script,
    }


def to_json(comparison: Comparison, articles: list[Article]) -> dict:
    """articles; findings (kind, fact_type, why, subject, salience, minor, spans
    [article id, start, end, text]); naming; sources cited per outlet; quotes; aligned sentence
    pairs (each side's article id, outlet, offsets, text and ranges worded otherwise); notes."""
    label = labels_by_id(comparison, articles)
    return {
        "articles": [_article_dict(a, label[a.id]) for a in articles if a.id in label],
        "findings": [
            {
                "kind": f.kind,
                "fact_type": f.fact_type,
                "why": f.why,
                "subject": f.subject,
                "salience": f.salience,
                "minor": f.minor,
                "spans": [[s.article_id, s.start, s.end, s.text] for s in f.spans],
            }
            for f in comparison.findings
        ],
        "naming": comparison.naming,
        "sources": comparison.sources,
        "quotes": comparison.quotes,
        "aligned": comparison.aligned,
        "notes": comparison.notes,
    }


def _outlet_of(articles: list[Article]) -> dict[str, str]:
    return {a.id: a.outlet for a in articles}


def labels_by_id(comparison: Comparison, articles: list[Article]) -> dict[str, str]:
    """Each compared article's label, as the findings' reasons and the sources name it (two
    articles of one outlet are told apart)."""
    from comparison.docs import article_labels

    by_id = {a.id: a for a in articles}
    compared = [by_id[i] for i in comparison.article_ids if i in by_id]
    return dict(zip([a.id for a in compared], article_labels(compared), strict=True))


def _article_line(a: Article, label: str) -> str:
    """The article's line in the report's list: its label, its publication time once (a label
    of one of an outlet's several articles holds it already: docs.article_labels), its title."""
    from comparison.docs import published_stamp

    when = "" if published_stamp(a.published) in label else f", {a.published:%Y-%m-%d %H:%M} UTC"
    return f"- **{md(label)}**{when}: {md(a.title)} (`{a.id}`)"


def to_markdown(comparison: Comparison, articles: list[Article], max_per_section: int = 200,
                story: tuple[str, str] | None = None) -> str:
    """A readable report: discrepancies first, then agreements and unique facts. Every text
    from an article (titles, outlets, spans, names) goes through :func:`escape_markdown`.
    ``story``: ``(id, headline)`` of the stored story compared, named in the report's heading (a
    file read later, or sent on, says which story it is)."""
    outlet = labels_by_id(comparison, articles)
    heading = f"# Comparison: {md(story[1])} (`{story[0]}`)" if story else "# Comparison"
    lines = [heading, "", "## Articles", ""]
    for a in articles:
        if a.id in outlet:
            lines.append(_article_line(a, outlet[a.id]))
    if comparison.notes:
        lines += ["", "## Notes", "", *(f"- {md(note)}" for note in comparison.notes)]
    for kind, title in _KIND_TITLES.items():
        items = [f for f in comparison.findings if f.kind == kind]
        if not items:
            continue
        if kind == "unique":
            _add_unique(lines, title, items, outlet, max_per_section)
            continue
        lines += ["", f"## {title} ({len(items)})", ""]
        for f in items[:max_per_section]:
            _add_finding(lines, f, outlet)
        if len(items) > max_per_section:
            lines.append(f"- ... and {len(items) - max_per_section} more")
    if comparison.naming:
        lines += ["", "## Naming", "", "| actor | " + " | ".join(["names by outlet"]) + " |", "|---|---|"]
        for row in comparison.naming:
            names = "; ".join(f"{md(o)}: {', '.join(md(n) for n in v)}" for o, v in row["names"].items())
            lines.append(f"| {md(row['actor'])} | {names} |")
    _add_aligned(lines, comparison, max_per_section)
    _add_voices(lines, comparison)
    return "\n".join(lines) + "\n"


def _add_finding(lines: list[str], f, outlet: dict[str, str]) -> None:
    """One finding: its fact type and reason, then each span quoted with its outlet and offsets."""
    lines.append(f"- *{md(f.fact_type)}*: {md(f.why)}")
    for s in f.spans:
        quoted = s.text.replace("\n", " ")
        if len(quoted) > 160:
            quoted = quoted[:157] + "..."  # cut before escaping: never half an escape
        lines.append(f"  - {md(outlet.get(s.article_id, s.article_id))} [{s.start}:{s.end}]: «{md(quoted)}»")


def _add_unique(lines: list[str], title: str, items: list, outlet: dict[str, str], max_items: int) -> None:
    """Facts only one outlet reports: per outlet, most salient first. The minor ones (no
    checkable fact, or already inside a listed sentence) are only counted here and stay in the
    JSON/CSV output."""
    headline = [f for f in items if not f.minor]
    minor = len(items) - len(headline)
    lines += ["", f"## {title} ({len(headline)})", ""]
    by_outlet: dict[str, list] = {}
    for f in headline:
        name = outlet.get(f.spans[0].article_id, "?") if f.spans else "?"
        by_outlet.setdefault(name, []).append(f)
    for name, group in by_outlet.items():
        lines += [f"### {md(name)} ({len(group)})", ""]
        for f in sorted(group, key=lambda f: -f.salience)[:max_items]:
            _add_finding(lines, f, outlet)
        lines.append("")
    if minor:
        lines.append(f"*{minor} minor items (sentences with no checkable fact, or facts already "
                     "inside a sentence above) are in the JSON/CSV output with `minor: true`.*")


def _add_voices(lines: list[str], comparison: Comparison) -> None:
    """The sources each outlet cites and the people it quotes by name."""
    lines += ["", "## Sources cited", ""]
    for o, names in comparison.sources.items():
        lines.append(f"- **{md(o)}**: {', '.join(md(n) for n in names) if names else '(none found)'}")
    speakers: dict[str, list[str]] = {}
    for q in comparison.quotes:
        if q.get("speaker") and not q["speaker"].startswith("unnamed ("):
            who = speakers.setdefault(q["outlet"], [])
            if q["speaker"] not in who:
                who.append(q["speaker"])
    lines += ["", "## People quoted", ""]
    for o in comparison.sources:
        lines.append(f"- **{md(o)}**: {', '.join(md(n) for n in speakers.get(o, [])) or '(none found)'}")


def marked(side: dict) -> str:
    """A side of an aligned pair as one line, its words worded otherwise in ⟦ ⟧."""
    text, start, out, cursor = side["text"], side["start"], [], 0
    for s, e in side["differs"]:
        out += [text[cursor:s - start], "⟦", text[s - start:e - start], "⟧"]
        cursor = e - start
    out.append(text[cursor:])
    return "".join(out).replace("\n", " ")


def _add_aligned(lines: list[str], comparison: Comparison, max_items: int) -> None:
    """Aligned sentence pairs whose wording differs, each side with its differing words marked:
    the differences no producer classifies, for the reader to judge."""
    from comparison.wording import in_reading_order

    worded = in_reading_order([p for p in comparison.aligned if p["a"]["differs"] or p["b"]["differs"]])
    if worded:
        lines += ["", f"## Aligned sentences worded otherwise ({len(worded)})", "",
                  "*Sentences the alignment pairs across outlets, the surest pairs first; the words each puts "
                  "otherwise are in ⟦ ⟧. Not classified: a wording difference may or may not be a different fact.*",
                  ""]
        _add_pairs(lines, worded, max_items)
    _add_across_languages(lines, comparison, max_items)


def _add_across_languages(lines: list[str], comparison: Comparison, max_items: int) -> None:
    """Aligned pairs of two languages (a Chinese report against an English one): no words are
    compared across languages, so the worded-otherwise section never lists them."""
    from comparison.wording import in_reading_order

    across = in_reading_order([p for p in comparison.aligned if not p["same_language"]])
    if not across:
        return
    lines += ["", f"## Aligned across languages ({len(across)})", "",
              "*Sentences of two languages the alignment pairs, the surest pairs first; their wording is not "
              "compared across languages.*", ""]
    _add_pairs(lines, across, max_items)


def _add_pairs(lines: list[str], pairs: list[dict], max_items: int) -> None:
    for pair in pairs[:max_items]:
        lines.append(f"- {md(pair['a']['outlet'])}: «{md(marked(pair['a']))}»")
        lines.append(f"  {md(pair['b']['outlet'])}: «{md(marked(pair['b']))}» (alignment {pair['score']:.2f})")
    if len(pairs) > max_items:
        lines.append(f"- ... and {len(pairs) - max_items} more")


def to_csv(comparison: Comparison, articles: list[Article]) -> str:
    """One row per finding span: finding number, kind, fact type, why, outlet (its canonical
    name, and the label the reasons name it by), span."""
    outlet = _outlet_of(articles)
    label = labels_by_id(comparison, articles)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["finding", "kind", "fact_type", "subject", "why", "article_id", "outlet", "label", "start", "end", "text",
                     "salience", "minor"])
    for n, f in enumerate(comparison.findings):
        for s in f.spans:
            writer.writerow([n, f.kind, f.fact_type, spreadsheet_cell(f.subject), spreadsheet_cell(f.why),
                             s.article_id, spreadsheet_cell(outlet.get(s.article_id, "")),
                             spreadsheet_cell(label.get(s.article_id, "")), s.start, s.end,
                             spreadsheet_cell(s.text), f.salience, int(f.minor)])
    return buffer.getvalue()
