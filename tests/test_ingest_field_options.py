"""``--field FILE:NAME=COLUMN``: two JSON Lines / CSV exports with different column names read in
one run; ``--field NAME=COLUMN`` still maps every file. A mapping that does not fit one file is one
line naming that file, and the other files are read. All records are made up."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles import ingest, read_path
from articles.__main__ import main as articles_main
from articles.chunks import RecordChunk, read_record_chunk
from articles.fields import DEFAULT_FIELDS, FieldMap, parse_field_options, resolve_fields
from articles.model import Article, Rejection
from store.sqlite import Store

# The summary's line for a file whose records name no outlet (the exports here name none).
NO_OUTLET = "without an outlet or URL, stored as outlet 'unknown' (name it: an outlet field or column, or outlet: in a front matter)"

NAMES = st.sampled_from(sorted(DEFAULT_FIELDS))
# Any file and column text, but FILE holds no ":NAME=" (that would end it) and does not start
# "NAME=" (the older form, kept as it was).
COLUMN = st.text(min_size=1, max_size=15).filter(lambda c: c.strip() == c and "\n" not in c)
FILE = st.text(min_size=1, max_size=20).filter(
    lambda f: not any(f":{n}=" in f + ":" or f.startswith(f"{n}=") for n in DEFAULT_FIELDS))


@settings(max_examples=200)
@given(NAMES, COLUMN)
def test_the_older_form_maps_every_file_as_it_did(name, column) -> None:
    assert parse_field_options([f"{name}={column}"]) == {name: column}


@settings(max_examples=200)
@given(FILE, NAMES, COLUMN)
def test_the_per_file_form_reads_back_its_file_name_and_column(file, name, column) -> None:
    """A path may hold ':' and '=' itself (C:\\exports, a=b.csv); the first ':NAME=' ends it."""
    assert parse_field_options([f"{file}:{name}={column}"]) == FieldMap({}, ((file, name, column),))


@pytest.mark.parametrize("bad", ["headline", "title=", "b.csv:headline=x", "b.csv:title=", ":title"])
def test_a_malformed_option_is_one_line_naming_both_forms(bad) -> None:
    with pytest.raises(ValueError, match="NAME=COLUMN or FILE:NAME=COLUMN"):
        parse_field_options([bad])


def test_a_files_mapping_is_every_files_then_its_own_the_later_winning(tmp_path: Path) -> None:
    fields = parse_field_options(["title=headline", "b.jsonl:text=body", "exports/*.csv:title=Head",
                                  "exports/*.csv:title=Headline", f"{tmp_path}/c.jsonl:date=day"])
    assert fields.for_path("a.jsonl") == {"title": "headline"}
    assert fields.for_path("in/b.jsonl") == {"title": "headline", "text": "body"}  # by its name
    assert fields.for_path("exports/x.csv") == {"title": "Headline"}  # by a glob of its path
    assert fields.for_path("other/x.csv") == {"title": "headline"}
    (tmp_path / "c.jsonl").touch()
    # As another path to the same file.
    assert fields.for_path(tmp_path / "." / "c.jsonl") == {"title": "headline", "date": "day"}
    assert resolve_fields(fields, "b.jsonl") == {**DEFAULT_FIELDS, "title": "headline", "text": "body"}
    assert fields.unmatched(["a.jsonl", "exports/y.csv"]) == ["b.jsonl", f"{tmp_path}/c.jsonl"]


# Column names two exports might use for each article field (JSON keys: any text).
# (Not the default names: those are no --field mapping.)
KEY = st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=12).filter(
    lambda k: k.strip().casefold() not in DEFAULT_FIELDS)


def export(path: Path, names: dict[str, str], count: int) -> Path:
    rows = [{names["title"]: f"Made-up report {n} of {path.stem}", names["date"]: f"2021-02-0{n + 1}",
             names["text"]: f"The made-up report {n} of {path.stem}."} for n in range(count)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@settings(max_examples=40, deadline=None)
@given(st.lists(KEY, min_size=3, max_size=3, unique=True), st.lists(KEY, min_size=3, max_size=3, unique=True),
       st.integers(1, 3), st.integers(1, 3))
def test_two_exports_with_their_own_names_are_read_whole_in_one_run(first, second, a_count, b_count) -> None:
    """Each file with its own mapping gives every record; read with the other file's mapping (that
    does not fit it), a file gives one line naming it and no article."""
    a_names, b_names = (dict(zip(("title", "date", "text"), keys, strict=True)) for keys in (first, second))
    with tempfile.TemporaryDirectory() as folder:
        a, b = export(Path(folder) / "a.jsonl", a_names, a_count), export(Path(folder) / "b.jsonl", b_names, b_count)
        fields = parse_field_options([f"a.jsonl:{k}={v}" for k, v in a_names.items()]
                                     + [f"b.jsonl:{k}={v}" for k, v in b_names.items()])
        read = [*read_path(a, fields=fields), *read_path(b, fields=fields)]
        assert all(isinstance(r, Article) for r in read) and len(read) == a_count + b_count
        # b read with a's names: the fields whose column b's records lack are one line naming b.
        swapped = [*read_path(b, fields=parse_field_options([f"b.jsonl:{k}={v}" for k, v in a_names.items()]))]
        missing = [k for k, v in a_names.items() if v not in b_names.values()]
        on_file = [r for r in swapped if isinstance(r, Rejection) and r.source_path == str(b)]
        if missing:
            assert swapped == on_file and len(on_file) == 1
            assert on_file[0].error.startswith(f"{b_count} of {b_count} records have no {a_names[missing[0]]!r}")
            assert f"--field b.jsonl:{missing[0]}=NAME maps this file alone" in on_file[0].error
        else:  # every column is there, under another field: read record by record as before
            assert on_file == []


def test_the_cli_reads_each_export_with_its_own_names_and_names_the_file_one_does_not_fit(
        tmp_path: Path, capsys) -> None:
    a = export(tmp_path / "a.jsonl", {"title": "headline", "date": "day", "text": "body"}, 2)
    b = export(tmp_path / "b.jsonl", {"title": "title", "date": "date", "text": "text"}, 2)
    c = tmp_path / "c.csv"
    c.write_text("Title,Date,Story\nMade-up quake,2021-02-03,A made-up quake.\n", encoding="utf-8")
    db = str(tmp_path / "p.db")
    options = ["--field", "a.jsonl:title=headline", "--field", "a.jsonl:date=day", "--field", "a.jsonl:text=body"]
    # c.csv's text is in 'Story', not in 'Body': one line names it; a and b are read whole.
    assert articles_main([str(a), str(b), str(c), "--db", db, *options, "--field", "*.csv:text=Body"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"{c}: CSV has no 'Body' column (columns: Title, Date, Story; --field text=Body does not fit this file; "
        "--field c.csv:text=NAME maps this file alone)",
        "4 new articles, 0 already stored, 1 rejected",
        *[f"{path}: 2 articles {NO_OUTLET}" for path in (a, b)]]
    # Fixed for c.csv only: the other two are unchanged, read with the same mapping, and skipped.
    assert articles_main([str(a), str(b), str(c), "--db", db, *options, "--field", "*.csv:text=Story"]) == 0
    assert capsys.readouterr().err.splitlines() == ["1 new article, 0 already stored, 0 rejected, "
                                                    "2 unchanged files skipped", f"{c}: 1 article {NO_OUTLET}"]
    # A FILE that names no input is a usage error before anything is read.
    with pytest.raises(SystemExit) as stopped:
        articles_main([str(a), "--db", db, "--field", "a.json:text=body"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.endswith("--field a.json:NAME=COLUMN: no input file is 'a.json' (FILE is a path, a file name or "
                        "a glob pattern such as '*.csv')")


def test_a_mapping_every_file_was_read_with_fingerprints_as_the_same_one_given_per_file(tmp_path: Path) -> None:
    a = export(tmp_path / "a.jsonl", {"title": "headline", "date": "date", "text": "text"}, 2)
    with Store(tmp_path / "p.db") as store:
        assert ingest([a], store, fields={"title": "headline"}).stored == 2
        again = ingest([a], store, fields=parse_field_options(["a.jsonl:title=headline", "x.csv:text=body"]))
        assert again.unchanged_files == 1


def test_the_help_of_each_tool_shows_the_per_file_form(capsys) -> None:
    from clustering.__main__ import main as clustering_main
    from comparison.__main__ import main as comparison_main

    for main in (articles_main, clustering_main, comparison_main):
        with pytest.raises(SystemExit):
            main(["--help"])
        assert "FILE:NAME=COLUMN" in " ".join(capsys.readouterr().out.split())


def test_a_ray_chunk_reads_with_its_files_own_names() -> None:
    line = json.dumps({"headline": "Made-up report", "date": "2021-02-01", "text": "Body."}).encode() + b"\n"
    fields = parse_field_options(["a.jsonl:title=headline"])
    (article,) = read_record_chunk(RecordChunk("in/a.jsonl", 7, [line], "utf-8"), fields)
    assert article.title == "Made-up report" and article.source_paths == ["in/a.jsonl#7"]


def test_clustering_and_comparison_refuse_a_file_option_that_names_no_input(tmp_path: Path, capsys) -> None:
    from clustering.__main__ import main as clustering_main
    from comparison.__main__ import main as comparison_main

    a = export(tmp_path / "a.jsonl", {"title": "headline", "date": "date", "text": "text"}, 2)
    option = ["--field", "b.jsonl:title=headline"]
    assert clustering_main([str(a), "--out", str(tmp_path / "out"), "--model", "lexical", *option]) == 2
    assert "no input file is 'b.jsonl'" in capsys.readouterr().err
    assert comparison_main([str(a), "--out", str(tmp_path / "c.json"), "--lexical", *option]) == 2
    assert "no input file is 'b.jsonl'" in capsys.readouterr().err


# ---- the hint of a rejection a mapping would fix, where the file is read ----------------------
# A header of made-up column names: none is a required field's default name.
HEADER = st.lists(st.from_regex(r"[A-Za-z][A-Za-z ]{0,11}", fullmatch=True).filter(
    lambda c: c.strip() == c and c.casefold() not in {"title", "date", "text"}), min_size=1, max_size=5, unique=True)


def _csv_rejection(header: list[str]) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        path.write_text(",".join(header) + "\n" + ",".join("x" for _ in header) + "\n", encoding="utf-8")
        (rejection,) = read_path(path)
    assert isinstance(rejection, Rejection)
    return rejection.error


@settings(max_examples=60, deadline=None)
@given(HEADER)
def test_a_csv_without_the_needed_columns_says_what_to_do_where_it_is_read(header) -> None:
    """On the command line: --field. In the dashboard, which has no --field: rename the columns
    in the file and upload it again, or use the command line. One message, two hints."""
    from articles.fields import DASHBOARD, read_in

    command_line = _csv_rejection(header)
    with read_in(DASHBOARD):
        dashboard = _csv_rejection(header)
    reason = "CSV has no 'title' / 'date' / 'text' column (columns: "
    assert command_line.startswith(reason) and dashboard.startswith(reason)
    assert command_line.endswith("; --field title=NAME reads another)")
    assert dashboard.endswith("; rename the columns that hold them to 'title' / 'date' / 'text' and upload "
                              "the file again, or read the file from the command line with --field title=NAME)")
    assert _csv_rejection(header) == command_line  # the dashboard's context ends with its block


def test_a_record_without_its_field_says_what_to_do_where_it_is_read(tmp_path: Path) -> None:
    from articles.fields import DASHBOARD, read_in

    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"headline": "Made-up quake", "date": "2021-02-03", "text": "A quake."}) + "\n",
                    encoding="utf-8")
    (command_line,) = read_path(path)
    with read_in(DASHBOARD):
        (dashboard,) = read_path(path)
    assert command_line.error == "no title (no 'title' field; --field title=NAME reads another)"
    assert dashboard.error == ("no title (no 'title' field; rename the field that holds it to 'title' and upload "
                               "the file again, or read the file from the command line with --field title=NAME)")


def test_a_glob_that_matches_no_input_this_hour_is_no_usage_error(tmp_path: Path, capsys) -> None:
    """The cron line of an hourly service names the CSV exports that may come: an hour of JSON
    Lines only is read (it was exit 2, nothing read); a literal name that names no input stays
    an error (a typo)."""
    from clustering.__main__ import main as clustering_main

    a = export(tmp_path / "a.jsonl", {"title": "title", "date": "date", "text": "text"}, 2)
    option = ["--field", "*.csv:title=Headline", "--field", "*.csv:date=PublishedAt"]
    assert clustering_main([str(a), "--db", str(tmp_path / "ws.db"), "--out", str(tmp_path / "out"),
                            "--model", "lexical", *option]) == 0
    assert "no input file" not in capsys.readouterr().err


@given(stem=st.text(alphabet="abcxyz-_.", min_size=1, max_size=8),
       wildcard=st.sampled_from(["*", "?", "[abc]", "*.csv", "exports/*/b?.jsonl"]),
       files=st.lists(st.text(alphabet="abcdef", min_size=1, max_size=6), max_size=4))
def test_only_literal_file_names_can_be_unmatched(stem: str, wildcard: str, files: list[str]) -> None:
    paths = [f"in/{f}.jsonl" for f in files]
    literal, pattern = f"{stem}.nomatch", stem + wildcard
    fields = parse_field_options([f"{literal}:title=h", f"{pattern}:text=b"])
    assert fields.unmatched(paths) == [literal]


@given(stem=st.text(alphabet="abcxyz-_.", min_size=1, max_size=8), inside=st.text(alphabet="0123ab", min_size=1,
                                                                                   max_size=3))
def test_a_file_name_with_brackets_names_that_file(stem: str, inside: str) -> None:
    # 'report[1].csv' reads as a glob (a character class) and so matched no file of that very
    # name; now a glob, it is no usage error either: its mapping would silently fit nothing.
    from articles.fields import names_file

    name = f"{stem}[{inside}].csv"
    assert names_file(name, f"exports/{name}") and names_file(f"exports/{name}", f"exports/{name}")
    assert parse_field_options([f"{name}:title=h"]).unmatched([f"exports/{name}"]) == []
