"""--since/--until: a JSON Lines / CSV record published outside the dates is set aside as soon as its
date and title are read (its article is not built), and a file whose records were all outside the
dates is recorded as read, so a re-run with the same dates skips it. Made-up records."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import articles.tabular as tabular
from articles import ingest
from articles.model import Article, SetAside
from articles.normalize import in_zone_of, parse_datetime
from articles.tabular import read_csv_text, read_jsonl_text
from articles.window import DateWindow
from clustering.__main__ import main as cli_main
from store.sqlite import Store
from tests.test_ingest_date_window import record, urls, write_jsonl

MARCH = [f"2021-03-0{day}T10:00:00Z" for day in (1, 2, 3)]
APRIL = DateWindow.of("2021-04-01", "2021-04-03")


@pytest.fixture
def builds(monkeypatch) -> list[str]:
    """The source paths of the articles the JSON Lines / CSV readers build."""
    built: list[str] = []
    real = tabular.build_article

    def counting(source_path, **fields):
        built.append(source_path)
        return real(source_path, **fields)

    monkeypatch.setattr(tabular, "build_article", counting)
    return built


def test_a_file_of_records_all_outside_the_dates_is_skipped_by_a_rerun_with_the_same_dates(tmp_path: Path,
                                                                                          builds) -> None:
    path = write_jsonl(tmp_path / "march.jsonl", [record(n, when) for n, when in enumerate(MARCH)])
    with Store(tmp_path / "p.db") as store:
        first = ingest([path], store, window=APRIL)
        assert (first.stored, first.outside_dates, first.records, builds) == (0, 3, 3, [])  # none built
        again = ingest([path], store, window=APRIL)
        assert (again.unchanged_files, again.records, again.outside_dates) == (1, 0, 0)  # nothing read
        march = ingest([path], store, window=DateWindow.of("2021-03-02", None))  # other dates: read again
        assert (march.unchanged_files, march.stored, march.outside_dates) == (0, 2, 1)
        assert ingest([path], store, window=APRIL).unchanged_files == 0  # its rows' fingerprint now
        everything = ingest([path], store)
        assert (everything.stored, everything.left_behind) == (1, 0)
        assert urls(store) == {f"https://example.com/{n}" for n in range(3)}


def test_a_record_stored_before_keeps_its_row_when_set_aside_unbuilt(tmp_path: Path, builds) -> None:
    """A file stored from without dates, read with dates that leave out every record: the records
    are built (for their ids) only because the file had stored articles; none is left behind."""
    path = write_jsonl(tmp_path / "march.jsonl", [record(n, when) for n, when in enumerate(MARCH)])
    with Store(tmp_path / "p.db") as store:
        ingest([path], store)
        builds.clear()
        report = ingest([path], store, window=APRIL)
        assert (report.outside_dates, report.left_behind, len(builds)) == (3, 0, 3)
        assert len(store.sources_of_file(str(path))) == 3
        assert ingest([path], store, window=APRIL).unchanged_files == 1


def test_records_outside_the_dates_are_not_built_but_their_refusals_are_kept(tmp_path: Path, builds) -> None:
    """Records without a title, or with a date that does not read, are refused as without dates."""
    records = [record(0, MARCH[0]), {**record(1, MARCH[1]), "title": " "}, record(2, "not a date"),
               record(3, "2021-04-02T10:00:00Z")]
    path = write_jsonl(tmp_path / "mixed.jsonl", records)
    with Store(tmp_path / "p.db") as store:
        report = ingest([path], store, window=APRIL)
        assert (report.stored, report.outside_dates) == (1, 1)
        assert sorted(r.source_path.rsplit("#", 1)[1] for r in report.rejected) == ["2", "3"]
        assert sorted(p.rsplit("#", 1)[1] for p in builds) == ["2", "4"]  # the untitled one, the April one


def test_the_cli_reruns_a_file_outside_its_dates_without_reading_it(tmp_path: Path, builds, capsys) -> None:
    path = write_jsonl(tmp_path / "march.jsonl", [record(n, when) for n, when in enumerate(MARCH)])
    args = [str(path), "--since", "2021-04-01", "--until", "2021-04-03", "--out", str(tmp_path / "out"),
            "--db", str(tmp_path / "c.db"), "--model", "lexical"]
    cli_main(args)
    assert "3 records outside the dates (not stored)" in capsys.readouterr().err
    cli_main(args)
    assert "outside the dates" not in capsys.readouterr().err and builds == []


# ---- the readers: set aside exactly the records a whole read gives as articles outside the dates ----

_DAY0 = datetime(2021, 3, 1, tzinfo=UTC)
# A record's date as sources write it: ISO with a zone, a bare day, a "CST" stamp (its zone is the
# article's language's: China or US Central), the epoch ("no date"), nothing, or no date at all.
_date_text = st.one_of(
    st.tuples(st.integers(0, 9), st.integers(0, 23)).map(
        lambda t: (_DAY0 + timedelta(days=t[0], hours=t[1])).isoformat()),
    st.integers(0, 9).map(lambda d: (_DAY0 + timedelta(days=d)).date().isoformat()),
    st.tuples(st.integers(1, 9), st.integers(0, 23)).map(lambda t: f"2021-03-0{t[0]} {t[1]:02d}:30 CST"),
    st.just("1970-01-01T00:00:00Z"), st.just(""), st.just("soon"))
_title = st.sampled_from(["Flood closes made-up road", "洪水淹没道路", "", "  ", "x" * 1001, "<b>Dam</b> opens"])
_text = st.sampled_from(["Water rose. Roads closed.", "水位上涨，道路封闭。", ""])
_window = st.tuples(st.one_of(st.none(), st.integers(0, 9)), st.one_of(st.none(), st.integers(0, 9))).map(
    lambda b: DateWindow.of(*(None if x is None else (_DAY0 + timedelta(days=x)).date() for x in b))).filter(
    lambda w: w is not None)  # (no dates: no window)


def _rows(draws: list[tuple[str, str, str]]) -> list[dict]:
    return [{"title": title, "outlet": "Reuters", "date": when, "text": text,
             **({"url": f"https://example.com/{n}"} if n % 2 else {})}
            for n, (when, title, text) in enumerate(draws)]


def _as_jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def _as_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, ["title", "outlet", "date", "text", "url"])
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _outside_either_way(when: str, window: DateWindow) -> bool:
    published = parse_datetime(when) if when else None
    return published is not None and all(window.excludes(in_zone_of(published, c)) for c in (False, True))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_date_text, _title, _text), min_size=1, max_size=6), _window,
       st.sampled_from(["jsonl", "csv"]))
def test_a_record_is_set_aside_exactly_when_its_whole_read_is_an_article_outside_the_dates(draws, window, fmt):
    rows = _rows(draws)
    read = read_jsonl_text if fmt == "jsonl" else read_csv_text
    text = _as_jsonl(rows) if fmt == "jsonl" else _as_csv(rows)
    whole = list(read(text, f"f.{fmt}"))
    windowed = list(read(text, f"f.{fmt}", window=window))
    assert len(whole) == len(windowed)
    for row, full, early in zip(rows, whole, windowed, strict=True):
        if isinstance(early, SetAside):
            assert isinstance(full, Article) and window.excludes(full.published)
            assert early.build() == full and early.source_path == full.source_paths[0]
        else:
            assert early == full  # the same article or refusal, built as without dates
            # Built although outside the dates: only a "CST" date, whose zone the language decides.
            assert not (isinstance(full, Article) and _outside_either_way(row["date"], window))
