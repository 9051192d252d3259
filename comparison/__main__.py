"""python -m comparison INPUT INPUT [...] --out FILE [--format json|md|csv] [--db FILE] [--field [FILE:]NAME=COLUMN]
[--max-bytes N]

INPUTs are article files (any format the ingest stage reads) or one story id from
the store (then the story's members are compared and the result cached; one story id
a run). The id of a story a regrouping merged into another (``store.story_moved``) is followed:
one line on stderr names the story compared instead. Exit 0 on success, 2 for a usage error (checked before the comparison runs).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from articles.fields import FIELD_OPTION_HELP, FieldMap, parse_field_options
from articles.reader import MAX_INPUT_BYTES, add_max_bytes_option
from articles.tabular import CSV_ENCODING
from data_paths import DB_HELP, MODEL_DIR_HELP
from output_files import write_text_replacing
from store.sqlite import default_db

if TYPE_CHECKING:
    from articles.model import Article
    from comparison.model import Comparison


def _load_inputs(inputs: list[str], db: str | None, fields: dict[str, str] | FieldMap | None = None,
                 max_bytes: int = MAX_INPUT_BYTES) -> tuple[list[Article], list[str], list[str]]:
    """Articles from files (``fields``: their field names, as ``--field`` gives them; ``max_bytes``:
    the size cap of one file), the errors of the files, and the story ids given (to look up in
    the store)."""
    from articles import read_path
    from comparison.compare import MAX_COMPARED_ARTICLES

    articles, errors, story_ids = [], [], []
    first_seen: dict[str, tuple[str, str]] = {}  # article id -> (file, content hash) of its first read
    for item in inputs:
        path = Path(item)
        if path.exists():
            before = len(articles)
            try:
                for result in read_path(str(path), max_bytes=max_bytes, **({"fields": fields} if fields else {})):
                    if not hasattr(result, "paragraphs"):
                        errors.append(str(result))
                    elif result.id in first_seen:
                        # One article given twice (the same file, or a copy): compared once.
                        where, digest = first_seen[result.id]
                        other = "" if digest == result.content_hash else " with other text (this copy is left out)"
                        errors.append(f"{path}: the same article as in {where} ({result.id}){other}")
                    else:
                        first_seen[result.id] = (str(path), result.content_hash)
                        articles.append(result)
            except Exception as exc:  # unreadable file: one line, no traceback
                errors.append(f"{path}: {exc}")
            if len(articles) - before > 1 and path.is_file():  # a feed or a file of records
                errors.append(f"{path}: {len(articles) - before} articles read from this file; all are compared "
                              f"(up to {MAX_COMPARED_ARTICLES} in all; give one file per article to compare fewer)")
        elif (db is not None or default_db().exists()) and not _looks_like_a_path(item):
            story_ids.append(item)
        else:
            errors.append(f"{item}: no such file" + ("" if _looks_like_a_path(item) else
                                                     " (and no store to look up a story id)"))
    return articles, errors, story_ids


def _looks_like_a_path(item: str) -> bool:
    """A missing file, not a story id: story ids have no folder and no file extension."""
    return "/" in item or "\\" in item or bool(Path(item).suffix)


def _usage_problem(args: argparse.Namespace, articles: list[Article], story_ids: list[str]) -> str | None:
    """What makes the command impossible, found before the comparison runs; None when nothing."""
    out = Path(args.out)
    if out.is_dir():
        return f"--out {out}: is a folder, not a file"
    if story_ids and articles:
        return "give either article files or one story id, not both"
    if len(story_ids) > 1:
        return f"one story id at a time (got {len(story_ids)}: {', '.join(story_ids)}); run once per story"
    db = Path(args.db) if args.db else default_db()
    if story_ids and not db.is_file():
        # Opening a missing store would create an empty one just to say the story is not in it.
        return f"--db {db}: no such store to look up story {story_ids[0]!r}"
    if not story_ids and len(articles) < 2:
        return f"need at least 2 articles to compare, got {len(articles)}"
    return None


def _compare_stored(story_id: str, db: Path, use_dense: bool,
                    progress: bool) -> tuple[Comparison, list[Article], tuple[str, str]] | str:
    """(comparison, articles, (story id, headline)) of a stored story, or the one-line reason it
    cannot be read."""
    from comparison import compare_story
    from comparison.story import in_stored_text
    from store.sqlite import Store

    try:
        store = Store(db)
    except Exception as exc:  # noqa: BLE001 - not a store: one line, no traceback
        return f"--db {db}: cannot open the store ({exc})"
    try:
        story = store.story(story_id)
        moved = store.story_moved(story_id) if story is None else None
        if moved is not None:
            # A link to a story a regrouping (or a hand merge) replaced: follow it, and say so.
            new_id, when = moved
            print(f"story {story_id!r} was merged into {new_id!r} ({_when(when)}); comparing that",
                  file=sys.stderr)
            story_id, story = new_id, store.story(new_id)
        compared: list[Article] = []
        if story is not None:
            from clustering.story_articles import story_articles

            compared = story_articles(store, story)  # members and roundup sections filed under it
            if len(compared) < 2:
                return f"story {story_id!r} has {len(compared)} article: nothing to compare"
        comparison = compare_story(store, story_id, use_dense=use_dense, progress=progress)
        stored = store.articles(comparison.article_ids)
        # A roundup's section is compared; the export names the whole stored article.
        named = (story_id, (story or {}).get("label") or "")
        return in_stored_text(comparison, compared, stored), stored, named
    except KeyError as exc:
        return exc.args[0]
    finally:
        store.close()


def _when(at: str) -> str:
    """When a story id was replaced (by a run or a hand merge), as "2024-03-05 10:00 UTC"."""
    try:
        moment = datetime.fromisoformat(at).astimezone(UTC)
    except ValueError:
        return at
    return f"{moment:%Y-%m-%d %H:%M} UTC"


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    from cli import HelpFormatter
    parser = argparse.ArgumentParser(formatter_class=HelpFormatter, prog="python -m comparison", description="Compare the articles of one story.",
                                     epilog=MODEL_DIR_HELP + " --lexical needs none.")
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="article files, or one story id from the store")
    parser.add_argument("--out", required=True, help="output file")
    parser.add_argument("--format", choices=("json", "md", "csv"), default=None,
                        help="default: from the --out extension, else json")
    parser.add_argument("--db", default=None, help=DB_HELP + "; read for a story id")
    parser.add_argument("--lexical", action="store_true", help="align sentences lexically only (no model)")
    parser.add_argument("--field", action="append", default=[], metavar="[FILE:]NAME=COLUMN", help=FIELD_OPTION_HELP)
    add_max_bytes_option(parser)
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="progress bars on stderr (default: only when stderr is a terminal)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    from comparison import compare, report

    try:
        fields = parse_field_options(args.field, args.inputs)
    except ValueError as exc:
        print(exc, file=sys.stderr)  # one line, before any file is read
        return 2
    articles, errors, story_ids = _load_inputs(args.inputs, args.db, fields, args.max_bytes)
    for e in errors:
        print(e, file=sys.stderr)
    problem = _usage_problem(args, articles, story_ids)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    # Bars are for a person watching: not in a log file or a pipe unless asked for.
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    if story_ids:
        db = Path(args.db) if args.db else default_db()
        stored = _compare_stored(story_ids[0], db, not args.lexical, progress)
        if isinstance(stored, str):
            print(stored, file=sys.stderr)
            return 2
        comparison, articles, named = stored
    else:
        comparison, named = compare(articles, use_dense=not args.lexical, progress=progress), None

    fmt = args.format or {".md": "md", ".csv": "csv"}.get(Path(args.out).suffix.lower(), "json")
    if fmt == "md":
        output = report.to_markdown(comparison, articles, story=named)
    elif fmt == "csv":
        output = report.to_csv(comparison, articles)
    else:
        output = json.dumps(report.to_json(comparison, articles), ensure_ascii=False, indent=1)
    out = Path(args.out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_text_replacing(out, output, encoding=CSV_ENCODING if fmt == "csv" else "utf-8")
    except OSError as exc:
        print(f"{out}: cannot write ({exc.strerror})", file=sys.stderr)
        return 2
    _print_summary(comparison, out)
    return 0


def _print_summary(comparison: Comparison, out: Path) -> None:
    """The notes and one line counting the findings by kind, on stderr (the report is in ``out``;
    stdout stays for data, as in ``python -m articles`` and ``python -m clustering``)."""
    kinds: dict[str, int] = {}
    for f in comparison.findings:
        kinds[f.kind] = kinds.get(f.kind, 0) + 1
    summary = ", ".join(f"{v} {k}" for k, v in sorted(kinds.items()))
    minor = sum(1 for f in comparison.findings if f.minor)
    if minor:
        summary += f" ({minor} of them minor: no checkable fact, or already listed)"
    for note in comparison.notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"compared {len(comparison.article_ids)} articles: {summary} -> {out}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
