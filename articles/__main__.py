"""``python -m articles INPUT... [--db FILE] [--verbose]``: ingest files and folders.

Everything it prints goes to stderr (stdout stays empty, for data; as ``python -m clustering``
and ``python -m comparison`` do): first the rejected inputs, one line each (``path: reason``),
those of unchanged files skipped on a re-run included (recorded in the store when they were
read); then the summary, in short lines:

* the counts: ``N new articles, N updated, N already stored, N rejected, N unchanged files
  skipped (N articles read from more than one file or record)`` (updated, skipped and the
  parenthesis only when not zero). "already stored" counts records (a feed re-read gives its
  unchanged items again; a copy in another file); the parenthesis counts articles, as
  ``python -m clustering`` does;
* the updated articles (read again from their file with other content, or a newer whole copy
  from a file delivered later: a correction, so their stories' comparisons are worth running
  again; :mod:`articles.versions`): each named by its title and file (at most 5, then "+N more");
* articles a file gives as a cut-down copy of the stored text (an excerpt, a summary, a
  paywalled or teaser copy, :func:`articles.versions.is_cut_down`), kept whole as stored whatever
  the copy's time: one counted line, then each named by its title, the file and the other files;
* articles a file reads otherwise now but that are kept as stored, because another file holds
  them too (an older copy): each named by its title, the file, and the other files
  (at most 5, then "+N more"); those two files of this run hold with other text in a line of
  their own (the copy read first kept); those two records of one file hold otherwise, counted in one line;
* each file whose articles name no outlet and have no URL, stored as outlet "unknown": one line
  ``FILE: N articles without an outlet or URL, stored as outlet 'unknown' (...)``;
* stored articles no file gives any more (the old items a rolling feed drops): kept, said in
  one line (named with ``--verbose``).

Times without a zone are read as UTC; "CST" is China Standard Time (UTC+8) in a Chinese-language
article or one from an outlet in China, Taiwan, Hong Kong or Singapore, US Central otherwise.

Exit status: 0 when an article was read (stored, a duplicate, updated, or in an unchanged
file skipped), or when nothing was refused; 1 when no article was read and at least one
input was refused or missing (:attr:`articles.ingest.IngestReport.failed`); 2 for a usage
error or a store that cannot be opened; 75 when another run held the store past ``--wait``
(nothing done).

One run at a time on a store (:mod:`store.runlock`), as ``python -m clustering`` and the
dashboard's jobs: an ingest beside a clustering run would leave articles that run takes for a
killed run's orphans. Without ``--wait`` it waits for the other run, saying so in one line.
"""

from __future__ import annotations

import argparse
import os
import sys

from articles.fields import FIELD_OPTION_HELP, FieldMap, parse_field_options
from articles.ingest import ingest
from articles.outlets import CHINA_TIME_TLDS
from articles.reader import add_max_bytes_option
from cli import BUSY_EPILOG, HelpFormatter, add_wait_option, run_locked

# The sites listed from the one table the reader uses (articles.outlets), so the help cannot drift.
ZONE_HELP = ("Times: a date or time written without a zone is read as UTC (2021-07-05 is midnight UTC); "
             "'CST' is China Standard Time (UTC+8) in a Chinese-language article or one from an outlet or site "
             f"({', '.join('.' + tld for tld in CHINA_TIME_TLDS)}) in "
             "China, Taiwan, Hong Kong, Singapore or Macau, US Central (UTC-6) in any other.")
# What someone wiring the command into cron reads in --help, as python -m clustering's.
HELP_EPILOG = f"""\
{ZONE_HELP}
runs:
  {BUSY_EPILOG}
exit status:
  0   an article was read (stored, a duplicate, updated, or in an unchanged file), or nothing was refused
  1   no article was read and an input was refused or missing
  2   usage error, or a store that cannot be opened
  75  another run held the store longer than --wait (nothing done)
"""


def main(argv: list[str] | None = None) -> int:
    from data_paths import DB_HELP
    from store.sqlite import default_db

    parser = argparse.ArgumentParser(
        formatter_class=HelpFormatter,
        prog="python -m articles",
        description="Ingest news archives (feed-archive markdown, HTML pages, RSS/Atom, "
        "JSON Lines, JSON, CSV) into the Parallax store.",
        epilog=HELP_EPILOG,
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders")
    parser.add_argument("--db", default=None, help=DB_HELP)
    add_max_bytes_option(parser)
    parser.add_argument("--progress", action="store_true", help="show a progress bar")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="name every article the summary counts under a note, not the first 5")
    parser.add_argument("--field", action="append", default=[], metavar="[FILE:]NAME=COLUMN", help=FIELD_OPTION_HELP)
    add_wait_option(parser)
    args = parser.parse_args(argv)
    try:
        fields = parse_field_options(args.field, args.inputs)
    except ValueError as exc:
        parser.error(str(exc))

    db = args.db or default_db()
    # One run at a time on a store (store.runlock): a clustering run meanwhile would take this
    # ingest's stored, not yet grouped articles for a killed run's orphans.
    return run_locked(db, args.wait, lambda: _ingest(args, db, fields), "python -m articles")


def _ingest(args: argparse.Namespace, db: str | os.PathLike, fields: dict[str, str] | FieldMap) -> int:
    from store.sqlite import Store

    try:
        store = Store(db)
    except Exception as exc:  # noqa: BLE001 - one line, not a traceback
        print(f"{db}: cannot open the store ({exc})", file=sys.stderr)
        return 2
    with store:
        options = {"fields": fields} if fields else {}
        report = ingest(args.inputs, store, progress=args.progress, max_bytes=args.max_bytes, **options)
    for rejection in report.rejected:
        print(str(rejection), file=sys.stderr)
    # Progress, rejections and the summary are for a person or a log: stderr (stdout is for data).
    print(report.summary(verbose=args.verbose), file=sys.stderr)
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
