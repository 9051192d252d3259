"""Input forms found by a tester (review 31): calendar dates, JSON files, CSV headers and
quoting, non-text article bodies, URLs given as inputs."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles import Article, Rejection, read_path
from articles.calendar import MONTHS_EN
from articles.fields import DEFAULT_FIELDS
from articles.normalize import parse_datetime
from articles.tabular import (
    BROKEN_QUOTE,
    read_csv_text,
    read_json_text,
    read_jsonl_text,
    record_to_article,
)

# Full month names: the longest name of each month.
MONTH_NAMES = {n: max((name for name, m in MONTHS_EN.items() if m == n), key=len) for n in range(1, 13)}
DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


# ---- dates -----------------------------------------------------------------------
@given(DAYS, st.booleans())
def test_calendar_dates_read_as_midnight_utc(day: date, padded: bool) -> None:
    month, dom = (f"{day.month:02d}", f"{day.day:02d}") if padded else (str(day.month), str(day.day))
    name = MONTH_NAMES[day.month]
    midnight = datetime(day.year, day.month, day.day, tzinfo=UTC)
    for written in (f"{day.year}/{month}/{dom}", f"{day.year}年{day.month}月{day.day}日",
                    f"{name.title()} {day.day}, {day.year}", f"{day.day} {name} {day.year}",
                    f"{name[:3].title()} {dom} {day.year}"):
        assert parse_datetime(written) == midnight, written
        # No zone: never taken for a dateline, whose local zone is unknown.
        assert parse_datetime(written, require_timezone=True) is None, written


@given(DAYS, st.integers(0, 23), st.integers(0, 59), st.integers(-12, 14))
def test_a_time_and_zone_may_follow_a_calendar_date(day: date, hour: int, minute: int, zone: int) -> None:
    sign = "+" if zone >= 0 else "-"
    stamp = f"{hour:02d}:{minute:02d}{sign}{abs(zone):02d}:00"
    expected = parse_datetime(f"{day.isoformat()}T{stamp}")
    for written in (f"{day.year}/{day.month}/{day.day} {stamp}", f"{day.year}年{day.month}月{day.day}日{stamp}",
                    f"{MONTH_NAMES[day.month]} {day.day}, {day.year} {stamp}"):
        assert parse_datetime(written) == expected, written


@pytest.mark.parametrize("text", [
    "22/07/2021", "07/22/2021",  # day and month in an order that needs a guess
    "2021/13/01", "2021年2月30日", "Smarch 22, 2021", "Funday, July 22, 2021", "July 2021",
    "July 22, 20211", "2021/07/22/33",
])
def test_impossible_or_ambiguous_calendar_dates_stay_unread(text: str) -> None:
    assert parse_datetime(text) is None


def test_rfc_2822_dates_read_as_before() -> None:
    assert parse_datetime("Thu, 22 Jul 2021 10:00:00 -0000", require_timezone=True) is None  # zone unknown
    assert parse_datetime("Thu, 22 Jul 2021 10:00:00 EST") == datetime(2021, 7, 22, 15, tzinfo=UTC)
    assert parse_datetime("Thu, 22 Jul 2021") == datetime(2021, 7, 22, tzinfo=UTC)


def test_a_records_date_field_reads_calendar_dates(tmp_path: Path) -> None:
    path = tmp_path / "dates.jsonl"
    written = ["2021/07/22", "2021年7月22日", "July 22, 2021", "22 July 2021"]
    path.write_text("".join(json.dumps({"title": f"Date {n}", "date": value, "text": "Body.",
                                        "url": f"https://d.example/{n}"}, ensure_ascii=False) + "\n"
                            for n, value in enumerate(written)), "utf-8")
    items = list(read_path(path))
    assert [type(i).__name__ for i in items] == ["Article"] * 4, items
    assert {i.published for i in items} == {datetime(2021, 7, 22, tzinfo=UTC)}


# ---- the text field ------------------------------------------------------------------
JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
JSON_VALUES = st.recursive(JSON_SCALARS, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6)


@given(JSON_VALUES)
def test_a_text_field_that_is_no_text_rejects_its_record_in_one_line(value: object) -> None:
    record = {"title": "A title", "date": "2021-07-22", "url": "https://t.example/1", "text": value}
    item = record_to_article(record, "f.jsonl#1", DEFAULT_FIELDS)
    is_text = value is None or isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(v, str) for v in value))
    if is_text:
        assert isinstance(item, Article), item
        assert all(p and "\n" not in p for p in item.paragraphs)
    else:
        assert isinstance(item, Rejection)
        assert item.error.startswith("the 'text' field is not text (") and "\n" not in item.error


def test_records_with_object_or_mixed_list_texts_are_rejected_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "types.jsonl"
    records = [{"text": ["para one", "para two\npara three"]}, {"text": {"a": 1}}, {"text": ["a", 1]},
               {"text": 5}, {"text": None}]
    path.write_text("".join(json.dumps({"title": f"T{n}", "date": "2021-07-22", **r}) + "\n"
                            for n, r in enumerate(records)), "utf-8")
    items = list(read_path(path))
    assert items[0].paragraphs == ["para one", "para two", "para three"]
    assert [str(i) for i in items[1:4]] == [f"{path}#2: the 'text' field is not text (an object)",
                                            f"{path}#3: the 'text' field is not text (a list holding other than strings)",
                                            f"{path}#4: the 'text' field is not text (a number)"]
    assert isinstance(items[4], Article) and items[4].paragraphs == []  # null: a title-only item


# ---- CSV ---------------------------------------------------------------------------------
@given(st.lists(st.sampled_from(["title", "date", "text"]), min_size=3, max_size=3, unique=True),
       st.lists(st.booleans(), min_size=3, max_size=3), st.sampled_from(["", " ", "  "]))
def test_csv_columns_match_field_names_whatever_their_case_and_spaces(order, upper, pad) -> None:
    header = [pad + (name.upper() if big else name.title()) + pad for name, big in zip(order, upper, strict=True)]
    values = {"title": "Capitalized headers", "date": "2021-06-15", "text": "Body text here."}
    text = ",".join(header) + "\n" + ",".join(values[name] for name in order) + "\n"
    (item,) = read_csv_text(text, "caps.csv")
    assert isinstance(item, Article), item
    assert (item.title, item.paragraphs) == ("Capitalized headers", ["Body text here."])


def test_an_exact_column_name_wins_over_one_that_differs_in_case() -> None:
    text = "Text,title,date,text\nwrong,T,2021-06-15,right\n"
    (item,) = read_csv_text(text, "two.csv")
    assert item.paragraphs == ["right"]


CELLS = st.text(alphabet=st.sampled_from('ab ,"\n\'x'), max_size=8)


@given(st.lists(st.lists(CELLS, min_size=3, max_size=3), max_size=4), CELLS)
def test_an_unclosed_quote_is_one_line_and_the_rows_before_it_read_as_before(rows, tail) -> None:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([["title", "date", "text"], *rows])
    good = out.getvalue()
    before = [str(i) for i in read_csv_text(good, "q.csv", delimiter=",")]
    assert not any(BROKEN_QUOTE in line for line in before)
    broken = good + 'T,2021-06-15,"' + tail.replace('"', "") + "\n"
    after = [str(i) for i in read_csv_text(broken, "q.csv", delimiter=",")]
    rows_before = [line for line in before if not line.endswith("CSV has a header but no rows")]
    assert after[:-1] == rows_before
    assert after[-1].startswith(f"q.csv#{len(rows) + 1}: {BROKEN_QUOTE}: ") and "\n" not in after[-1]


def test_the_testers_csv_files(tmp_path: Path) -> None:
    caps = tmp_path / "caps.csv"
    caps.write_text("Title,Date,Text,Outlet,URL\nCapitalized headers,2021-06-15,Body text here.,Reuters,"
                    "https://r.example/cap\n", "utf-8")
    (article,) = read_path(caps)
    assert (article.outlet, article.url) == ("路透", "https://r.example/cap")
    bad = tmp_path / "badquote.csv"
    bad.write_text('title,date,text\n"unterminated quote,2021-06-15,Body\nnext,2021-06-15,Body2\n', "utf-8")
    assert [str(i) for i in read_path(bad)] == [
        f"{bad}#1: {BROKEN_QUOTE}: a quote opened in this row is never closed, so the rest of the file "
        "(2 lines) was not read"]
    header = tmp_path / "header.csv"
    header.write_text('title,"date,text\nx,2021-06-15,Body\n', "utf-8")
    assert [str(i) for i in read_path(header)] == [
        f"{header}: {BROKEN_QUOTE}: a quote opened in the header is never closed"]


# ---- URLs given as inputs -----------------------------------------------------------------
URLS = st.builds("{}://{}.example/{}".format, st.sampled_from(["https", "http", "HTTPS", "ftp"]),
                 st.from_regex(r"[a-z0-9]{1,10}", fullmatch=True),
                 st.from_regex(r"([a-z0-9][a-z0-9._?=-]{0,7}/){0,2}[a-z0-9][a-z0-9._?=-]{0,7}", fullmatch=True))


@given(URLS)
def test_a_url_given_as_an_input_is_named_as_typed_and_not_fetched(url: str) -> None:
    from articles import iter_files

    (given_path,) = iter_files([url])  # pathlib makes "https://" "https:/"
    for item in (*read_path(url), *read_path(given_path)):
        assert str(item) == f"{url}: a URL: Parallax reads files and fetches nothing (download the feed or page, "\
                            "then give the file)"


def test_the_cli_says_a_url_is_not_fetched_and_reads_the_rest(tmp_path: Path) -> None:
    import subprocess
    import sys

    good = tmp_path / "one.jsonl"
    good.write_text(json.dumps({"title": "T", "date": "2021-07-22", "text": "Body."}) + "\n", "utf-8")
    result = subprocess.run([sys.executable, "-m", "articles", "https://example.com/feed.rss", str(good),
                             str(tmp_path / "missing.csv"), "--db", str(tmp_path / "p.db")],
                            cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "https://example.com/feed.rss: a URL: Parallax reads files and fetches nothing (download the feed or "
        "page, then give the file)", f"{tmp_path / 'missing.csv'}: no such file",
        "1 new article, 0 already stored, 2 rejected",
        f"{good}: 1 article without an outlet or URL, stored as outlet 'unknown' (name it: an outlet field or "
        "column, or outlet: in a front matter)"]


# ---- JSON files: one object or an array of objects ------------------------------------------
RECORD = st.fixed_dictionaries(
    {"title": st.sampled_from(["Floods", "洪水", "", "x" * 3]), "text": st.sampled_from(["Body.", "正文。", ["a", "b"]])},
    optional={"date": st.sampled_from(["2021-07-22T03:00:00Z", "July 22, 2021", "never"]),
              "url": st.sampled_from(["https://cnn.example/1", "https://cnn.example/2", 5]),
              "outlet": st.sampled_from(["CNN", "路透"])})
ELEMENTS = st.lists(RECORD | st.sampled_from([1, "s", None, []]), min_size=1, max_size=5)


@given(ELEMENTS, st.sampled_from([None, 0, 2]))
def test_a_json_array_reads_as_the_same_records_in_json_lines(elements: list, indent: int | None) -> None:
    as_lines = "\n".join(json.dumps(e, ensure_ascii=False) for e in elements)
    expected = [i if isinstance(i, Article) or i.error != "not a JSON object" else i
                for i in read_jsonl_text(as_lines, "a.json")]
    assert list(read_json_text(json.dumps(elements, indent=indent, ensure_ascii=False), "a.json")) == expected


@given(ELEMENTS, st.data())
def test_a_json_array_cut_short_keeps_the_elements_before_and_says_so_in_one_line(elements, data) -> None:
    text = json.dumps(elements, indent=1)
    whole = list(read_json_text(text, "a.json"))
    cut = data.draw(st.integers(1, len(text.rstrip()) - 1))
    items = list(read_json_text(text[:cut], "a.json"))
    *before, last = items
    assert before == whole[: len(before)]
    assert last.source_path == "a.json" and last.error.startswith("invalid JSON") and "\n" not in last.error


def test_the_testers_json_files(tmp_path: Path) -> None:
    record = {"title": "JSON array article", "outlet": "CNN", "date": "2021-07-22T03:00:00Z",
              "url": "https://cnn.example/1", "text": "Floods in Henan killed 33 people, CNN reported."}
    single, array = tmp_path / "single.json", tmp_path / "array.json"
    single.write_text(json.dumps(record), "utf-8")
    array.write_text(json.dumps([record, record]), "utf-8")
    (one,) = read_path(single)
    assert one.source_paths == [str(single)] and one.title == "JSON array article"
    first, second = read_path(array)
    assert first.id == second.id == one.id and second.source_paths == [f"{array}#2"]
    (too_large,) = read_path(array, max_bytes=100)
    assert too_large.error.startswith("file too large")
    for text, error in [("[]", "empty JSON array"), ('{"title": 1} {}', "invalid JSON (more after the first"),
                        ("[1] x", "invalid JSON (more after the array)"), ('{"a": [1,}', "invalid JSON (Expecting")]:
        path = tmp_path / "bad.json"
        path.write_text(text, "utf-8")
        *_, rejection = read_path(path)
        assert rejection.source_path == str(path) and rejection.error.startswith(error), (text, rejection)
    (rejection,) = read_json_text('"a string"', "s.json")
    assert rejection.error == "not a JSON object or array of objects"
    # A string cut short in the first element: the message reads as one sentence.
    (cut,) = read_json_text('[{"title": "Cut', "c.json")
    assert cut.error == ("invalid JSON in element 1 of the array (Unterminated string starting at line 1); "
                         "no element was read")


# ---- lists of links in a body: other reports' headlines --------------------------------------
def test_a_list_whose_every_item_is_one_link_is_no_body_text() -> None:
    from articles.html_text import body_text

    body = body_text(
        "<p>The made-up council met on Monday.</p>"
        '<ul><li><a href="https://news.example.org/1">Made-up floods: what we know</a></li>'
        '<li><b><a href="https://news.example.org/2">Why the dam matters</a></b></li></ul>'
        '<ul><li><a href="https://news.example.org/3">One more headline</a></li></ul>'
        '<ul><li>Three people were hurt, <a href="https://news.example.org/4">police said</a>.</li>'
        '<li><a href="https://news.example.org/5">A linked item</a></li></ul>'
        '<p><a href="https://news.example.org/6">A paragraph that is one link</a></p>'
        "<ol><li>Roads closed</li><li>Schools shut</li></ol>")
    assert body.paragraphs == ["The made-up council met on Monday.", "Three people were hurt, police said.",
                               "A linked item", "A paragraph that is one link", "Roads closed", "Schools shut"]
