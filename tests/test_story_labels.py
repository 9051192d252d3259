"""The labeled story windows never touch the dates held out for acceptance (issue: stories).

Reads only the repository's label files: every window's declared dates and every article
its labels name (anchors, same-story links, don't-cares, judged candidates) lie outside
``HELD_OUT_DAYS``.
"""

from __future__ import annotations

import json
import re

import pytest

from clustering.datasets import HELD_OUT_DAYS, STORY_LABELS, WINDOWS

_DAY_RE = re.compile(r"(20\d\d-\d\d-\d\d)")


def test_the_held_out_dates_are_the_issues() -> None:
    # The reference is the issue's text, not the constant under test.
    assert HELD_OUT_DAYS == (("2021-07-05", "2021-07-08"), ("2021-03-16", "2021-03-19"))


def _held_out(day: str) -> bool:
    return any(first <= day <= last for first, last in HELD_OUT_DAYS)


@pytest.mark.parametrize("name", sorted(WINDOWS))
def test_a_window_declares_no_held_out_day(name: str) -> None:
    _, first, last = WINDOWS[name]
    assert all(not (first <= held_last and held_first <= last) for held_first, held_last in HELD_OUT_DAYS)


@pytest.mark.parametrize("name", sorted(WINDOWS))
def test_no_labeled_article_is_dated_on_a_held_out_day(name: str) -> None:
    folder = STORY_LABELS / name
    ids: set[str] = set()
    for file, keys in (("gold.jsonl", ("same", "dontcare")), ("candidates.jsonl", ("candidates",))):
        for line in (folder / file).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                ids.add(row["anchor"])
                for key in keys:
                    ids.update(row.get(key, []))
    days = {m.group(1) for i in ids if (m := _DAY_RE.search(i))}
    assert days, f"{name}: no dated ids"  # the ids carry their day (file names, archive paths)
    _, first, last = WINDOWS[name]
    assert all(first <= day <= last for day in days), f"{name}: ids outside the window"
    assert not any(_held_out(day) for day in days)
