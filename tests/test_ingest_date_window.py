"""--since/--until limit what is stored, not only what is grouped: records published outside the
window are counted, not stored; undated ones are kept; a file read with another window is read
again, and what an earlier window stored stays the file's (neither dropped nor left behind)."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles import ingest
from articles.window import DateWindow, usable_date
from clustering.__main__ import main as cli_main
from store.sqlite import Store

EPOCH = "1970-01-01T00:00:00Z"  # how a source writes "no date": kept whatever the window


def record(n: int, when: str | None) -> dict:
    fields = {"title": f"Report number {n} on the flood", "outlet": "Reuters",
              "url": f"https://example.com/{n}", "text": f"Water rose in town {n}. Roads were closed."}
    return {**fields, "date": when} if when is not None else fields


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# Three days of April, two of March, one of May, one epoch-dated, one without a date (refused).
DATES = ["2021-04-01T08:00:00Z", "2021-04-02T09:00:00Z", "2021-04-03T23:59:00Z",
         "2021-03-10T10:00:00Z", "2021-03-11T10:00:00Z", "2021-05-01T00:00:00Z", EPOCH, None]


def urls(store: Store) -> set[str]:
    return {a.url for a in store.articles()}


def test_a_window_stores_its_dates_and_the_undated_and_a_new_window_reads_the_file_again(tmp_path: Path):
    path = write_jsonl(tmp_path / "feed.jsonl", [record(n, d) for n, d in enumerate(DATES)])
    april = DateWindow.of(date(2021, 4, 1), date(2021, 4, 3))  # a bare until: the 3rd included
    with Store(tmp_path / "p.db") as store:
        first = ingest([path], store, window=april)
        assert urls(store) == {f"https://example.com/{n}" for n in (0, 1, 2, 6)}
        assert (first.stored, first.outside_dates, len(first.rejected)) == (4, 3, 1)
        assert first.summary().splitlines()[0] == ("4 new articles, 0 already stored, 1 rejected, "
                                                   "3 records outside the dates (not stored)")
        again = ingest([path], store, window=april)
        assert (again.unchanged_files, again.stored, again.outside_dates) == (1, 0, 0)

        march = DateWindow.of("2021-03-01", "2021-03-31")
        second = ingest([path], store, window=march)  # another window: read again, not "unchanged"
        assert (second.unchanged_files, second.stored, second.outside_dates) == (0, 2, 4)
        assert second.left_behind == 0 and "no longer in the file" not in second.summary(verbose=True)
        assert urls(store) == {f"https://example.com/{n}" for n in (0, 1, 2, 3, 4, 6)}
        # April's articles are still the file's: the same window again skips the file.
        assert {aid for _, aid, _ in store.sources_of_file(str(path))} == {a.id for a in store.articles()}
        assert ingest([path], store, window=march).unchanged_files == 1

        everything = ingest([path], store)  # no window: the rest is stored, nothing left behind
        assert (everything.stored, everything.duplicates, everything.outside_dates) == (1, 6, 0)
        assert everything.left_behind == 0
        assert "outside the dates" not in everything.summary()


def test_the_cli_stores_only_the_window_and_counts_the_rest_in_its_line(tmp_path: Path, capsys):
    path = write_jsonl(tmp_path / "half-year.jsonl", [record(n, d) for n, d in enumerate(DATES)])
    db, out = tmp_path / "c.db", tmp_path / "out"
    code = cli_main([str(path), "--since", "2021-04-01", "--until", "2021-04-03", "--out", str(out),
                     "--db", str(db), "--model", "lexical"])
    assert code == 0
    err = capsys.readouterr().err
    assert err.count("outside the dates") == 1  # one count, not a line per record
    line = next(line for line in err.splitlines() if line.startswith("3 articles -> 1 story"))
    assert "; 1 rejected; 3 records outside the dates (not stored); " in line
    with Store(db) as store:  # April's three and the epoch-dated one (stored, grouped by no dated run)
        assert urls(store) == {f"https://example.com/{n}" for n in (0, 1, 2, 6)}
    assignments = (out / "assignments.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    assert sorted(row.split(",")[0].rsplit("#", 1)[1] for row in assignments) == ["1", "2", "3"]


_DAY0 = datetime(2021, 1, 1, tzinfo=UTC)
# A record's date: a day offset (with an hour) from _DAY0, or None for the epoch ("no date").
_dates = st.one_of(st.none(), st.tuples(st.integers(0, 30), st.integers(0, 23)))
_bound = st.one_of(st.none(), st.integers(0, 30))


def _when(value: tuple[int, int] | None) -> datetime:
    return datetime(1970, 1, 1, tzinfo=UTC) if value is None else _DAY0 + timedelta(days=value[0], hours=value[1])


def _day(offset: int | None) -> date | None:
    return None if offset is None else (_DAY0 + timedelta(days=offset)).date()


def _window(since: int | None, until: int | None) -> DateWindow | None:
    return DateWindow.of(_day(since), _day(until))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dates=st.lists(_dates, min_size=1, max_size=8), first=st.tuples(_bound, _bound),
       second=st.tuples(_bound, _bound))
@example(dates=[(5, 0)], first=(0, 1), second=(0, 1))  # no record in the dates, twice
def test_stored_is_the_dated_in_window_and_the_undated_whatever_the_windows(dates, first, second) -> None:
    whens = [_when(d) for d in dates]
    records = [record(n, when.isoformat()) for n, when in enumerate(whens)]

    def expected(window: DateWindow | None) -> set[str]:
        return {r["url"] for r, when in zip(records, whens, strict=True)
                if window is None or not usable_date(when) or window.holds(when)}

    with tempfile.TemporaryDirectory() as folder:
        path = write_jsonl(Path(folder) / "feed.jsonl", records)
        with Store(Path(folder) / "p.db") as store:
            w1, w2 = _window(*first), _window(*second)
            report = ingest([path], store, window=w1)
            assert urls(store) == expected(w1)
            assert report.outside_dates == len(records) - len(expected(w1))
            report = ingest([path], store, window=w2)
            assert urls(store) == expected(w1) | expected(w2)  # nothing stored is deleted
            assert report.left_behind == 0
            if w1 != w2:
                assert report.unchanged_files == 0
                assert report.outside_dates == len(records) - len(expected(w2))
            else:  # the same dates: skipped, also when none of its records was in them (none stored)
                assert (report.unchanged_files, report.records) == (1, 0)
