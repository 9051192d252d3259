"""python -m comparison INPUT INPUT [...] --out FILE [--format json|md|csv] [--db FILE]

INPUTs are article files (any format the ingest stage reads) or one story id from
the store (then the story's members are compared and the result cached).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _load_inputs(inputs: list[str], db: str | None):
    """Articles from files, or a story id's members from the store."""
    from articles import read_path

    articles, errors, story_id = [], [], None
    for item in inputs:
        path = Path(item)
        if path.exists():
            try:
                for result in read_path(str(path)):
                    if hasattr(result, "paragraphs"):
                        articles.append(result)
                    else:
                        errors.append(str(result))
            except Exception as exc:  # unreadable file: one line, no traceback
                errors.append(f"{path}: {exc}")
        elif (db is not None or Path("data/parallax.db").exists()) and not _looks_like_a_path(item):
            story_id = item
        else:
            errors.append(f"{item}: no such file" + ("" if _looks_like_a_path(item) else
                                                     " (and no store to look up a story id)"))
    return articles, errors, story_id


def _looks_like_a_path(item: str) -> bool:
    """A missing file, not a story id: story ids have no folder and no file extension."""
    return "/" in item or "\\" in item or bool(Path(item).suffix)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m comparison", description="Compare the articles of one story.")
    parser.add_argument("inputs", nargs="+", help="article files, or a story id from the store")
    parser.add_argument("--out", required=True, help="output file")
    parser.add_argument("--format", choices=("json", "md", "csv"), default=None,
                        help="default: from the --out extension, else json")
    parser.add_argument("--db", default=None, help="store file (default data/parallax.db)")
    parser.add_argument("--lexical", action="store_true", help="align sentences lexically only (no model)")
    args = parser.parse_args(argv)

    from comparison import compare, compare_story, report

    articles, errors, story_id = _load_inputs(args.inputs, args.db)
    for e in errors:
        print(e, file=sys.stderr)
    if story_id is not None:
        if articles:
            print("give either article files or one story id, not both", file=sys.stderr)
            return 2
        from store.sqlite import DEFAULT_DB, Store

        store = Store(args.db or DEFAULT_DB)
        try:
            comparison = compare_story(store, story_id, use_dense=not args.lexical, progress=True)
        except KeyError as exc:
            print(exc.args[0], file=sys.stderr)
            return 2
        articles = store.articles(comparison.article_ids)
    else:
        if len(articles) < 2:
            print(f"need at least 2 articles to compare, got {len(articles)}", file=sys.stderr)
            return 2
        comparison = compare(articles, use_dense=not args.lexical, progress=True)

    fmt = args.format or {".md": "md", ".csv": "csv"}.get(Path(args.out).suffix.lower(), "json")
    if fmt == "md":
        output = report.to_markdown(comparison, articles)
    elif fmt == "csv":
        output = report.to_csv(comparison, articles)
    else:
        output = json.dumps(report.to_json(comparison, articles), ensure_ascii=False, indent=1)
    out = Path(args.out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(output, encoding="utf-8")
    except OSError as exc:
        print(f"{out}: cannot write ({exc.strerror})", file=sys.stderr)
        return 2
    kinds: dict[str, int] = {}
    for f in comparison.findings:
        kinds[f.kind] = kinds.get(f.kind, 0) + 1
    summary = ", ".join(f"{v} {k}" for k, v in sorted(kinds.items()))
    minor = sum(1 for f in comparison.findings if f.minor)
    if minor:
        summary += f" ({minor} of them minor: no checkable fact, or already listed)"
    for note in comparison.notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"compared {len(comparison.article_ids)} articles: {summary} -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
