"""Dashboard helpers without Streamlit: escaping, highlighting, script toggle, list filters, upload checks."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as hs

from dashboard import actions, storylist, text
from dashboard.app import (
    STORY_TABLE_COLUMNS,
    address_link,
    dates_from_address,
    facts_column_widths,
    finding_heading,
    finding_rows,
    shared_subjects,
    source_line,
    story_table_height,
)

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "dashboard"))
import fake_store  # noqa: E402

from comparison.model import Comparison, Finding, Span  # noqa: E402


# ---- escaping and highlighting --------------------------------------------
@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '"><svg onload=alert(1)>',
        "[click](javascript:alert(1))",
        "![x](http://example.com/track.png)",
        "**bold** _it_ `code` $x^2$ http://example.com",
    ],
)
def test_escape_leaves_no_markup(hostile: str) -> None:
    escaped = text.escape(hostile)
    for char in '<>"[]()*_`$:':
        assert char not in escaped
    # Entities decode back to exactly the original characters.
    import html

    assert html.unescape(escaped) == hostile


def test_highlight_marks_spans_and_escapes_everything_else() -> None:
    body = "A <b>bold</b> claim: 20000 reservists.\nSecond line <script>x</script>"
    start = body.index("20000")
    html_out = text.highlight(body, [(start, start + 5, "contradiction", "why <i>")])
    assert '<mark class="px-contradiction"' in html_out
    assert "20000</mark>" in html_out
    # Only our own tags are markup.
    stripped = html_out.replace("<br><br>", "")
    tags = {t.split(">")[0].split()[0] for t in stripped.split("<")[1:]}
    assert tags <= {"div", "/div", "mark", "/mark"}
    assert "&lt;script&gt;" in html_out
    assert "why &lt;i&gt;" in html_out


def test_highlight_keeps_offsets_when_converting_script() -> None:
    body = "臺灣後備軍人2萬名"
    start = body.index("2萬")
    html_out = text.highlight(
        body, [(start, start + 2, "agree", "")], script=text.SCRIPT_SIMPLIFIED
    )
    assert "台湾后备军人" in html_out
    assert "2万</mark>" in html_out


def test_overlapping_marks_do_not_duplicate_text_and_discrepancies_win() -> None:
    import html
    import re

    body = "abcdefgh"
    html_out = text.highlight(body, [(1, 5, "agree", ""), (3, 7, "unique", "")])
    assert re.sub(r"<[^>]+>", "", html_out) == body
    # A contradicted figure inside an agreed sentence shows as the contradiction.
    sentence = "They mobilized 20000 reservists."
    at = sentence.index("20000")
    html_out = text.highlight(
        sentence, [(0, len(sentence), "agree", ""), (at, at + 5, "contradiction", "")]
    )
    assert html.unescape(re.sub(r"<[^>]+>", "", html_out)) == sentence
    assert (
        '<mark class="px-contradiction" style="background:#ffc4c4" title="">20000</mark>'
        in html_out
    )
    assert html_out.count("px-agree") == 2  # before and after the figure


def test_script_toggle() -> None:
    assert (
        text.in_script("塔吉克斯坦動員後備軍人", text.SCRIPT_SIMPLIFIED) == "塔吉克斯坦动员后备军人"
    )
    assert (
        text.in_script("塔吉克斯坦动员后备军人", text.SCRIPT_TRADITIONAL)
        == "塔吉克斯坦動員後備軍人"
    )
    assert text.in_script("動員", text.SCRIPT_ORIGINAL) == "動員"
    # Taiwan's standard characters, never its vocabulary: 為 (not 爲), 裡; 软件 stays 軟件.
    assert text.in_script("为了里面的软件", text.SCRIPT_TRADITIONAL) == "為了裡面的軟件"


# ---- story list ------------------------------------------------------------
@pytest.fixture()
def frame():
    heads = storylist.heads(fake_store.ARTICLES)
    return storylist.story_frame(fake_store.STORIES, heads)


def test_keyword_matches_across_scripts_and_titles(frame) -> None:
    # 動員 (Traditional) finds the story labelled in Simplified; 後備 only occurs in a
    # Traditional member title, and 后备 (Simplified) must find it too.
    assert list(storylist.filter_stories(frame, keyword="塔吉克")["id"]) == ["s-tajik"]
    assert list(storylist.filter_stories(frame, keyword="動員")["id"]) == ["s-tajik"]
    assert list(storylist.filter_stories(frame, keyword="強化")["id"]) == ["s-tajik"]
    assert list(storylist.filter_stories(frame, keyword="HEATWAVE canada")["id"]) == ["s-heat"]
    assert storylist.filter_stories(frame, keyword="heatwave henan").empty


def test_outlet_date_and_multi_outlet_filters(frame) -> None:
    assert set(storylist.filter_stories(frame, outlets=["中央社"])["id"]) == {"s-tajik"}
    assert set(storylist.filter_stories(frame, outlets=["BBC", "Other Wire"])["id"]) == {
        "s-heat",
        "s-xss",
    }
    # Coverage overlapping 4 July only: the heatwave.
    only_4th = storylist.filter_stories(frame, since=date(2021, 7, 4), until=date(2021, 7, 4))
    assert list(only_4th["id"]) == ["s-heat"]
    assert set(storylist.filter_stories(frame, since=date(2021, 7, 8))["id"]) == {"s-tajik"}
    single = frame.copy()
    single.loc[single["id"] == "s-heat", "n_outlets"] = 1
    assert "s-heat" not in set(storylist.filter_stories(single, multi_outlet_only=True)["id"])


def test_sorts(frame) -> None:
    assert list(storylist.sort_stories(frame)["id"])[0] == "s-tajik"
    assert list(storylist.sort_stories(frame, "Most recent")["id"])[0] == "s-tajik"
    assert list(storylist.sort_stories(frame, "Oldest")["id"])[0] == "s-heat"


# ---- comparison tables -------------------------------------------------------
def _comparison() -> Comparison:
    by_id = {a.id: a for a in fake_store.ARTICLES}
    aj, voa = by_id["aj1"], by_id["voa1"]
    a_start = aj.text.index("2万")
    v_start = voa.text.index("2万")
    return Comparison(
        article_ids=["aj1", "voa1", "cna1"],
        findings=[
            Finding(
                "agree",
                "number",
                "both report 20,000",
                [
                    Span("aj1", a_start, a_start + 2, "2万"),
                    Span("voa1", v_start, v_start + 2, "2万"),
                ],
                subject="后备役军人",
            ),
            Finding(
                "unique",
                "entity",
                "only VOA names him",
                [Span("voa1", 6, 9, "拉赫蒙")],
                subject="拉赫蒙",
            ),
        ],
    )


def test_finding_rows_one_column_per_outlet() -> None:
    by_id = {a.id: a for a in fake_store.ARTICLES}
    rows = finding_rows(
        _comparison().findings, by_id, ["美国之音", "Aljazeera 半岛网"], text.SCRIPT_ORIGINAL
    )
    assert list(rows.columns) == [
        "kind",
        "fact",
        "subject",
        "美国之音",
        "Aljazeera 半岛网",
        "why",
        "_kind",
        "_minor",
    ]
    assert list(rows["kind"]) == ["agree", "one outlet only"]
    assert rows.iloc[0]["美国之音"] == "2万" and rows.iloc[1]["Aljazeera 半岛网"] == ""
    # A finding involving none of the chosen outlets is left out.
    assert finding_rows(_comparison().findings, by_id, ["中央社"], text.SCRIPT_ORIGINAL).empty


def test_finding_rows_are_indexed_by_the_finding_whichever_outlets_are_chosen() -> None:
    # (The facts table remembers a clicked row by its index: picked with two outlets, the row
    # must still name the same finding once only one of them is shown.)
    by_id = {a.id: a for a in fake_store.ARTICLES}
    findings = _comparison().findings
    both = finding_rows(findings, by_id, ["美国之音", "Aljazeera 半岛网"], text.SCRIPT_ORIGINAL)
    one = finding_rows(findings, by_id, ["美国之音"], text.SCRIPT_ORIGINAL)
    for rows in (both, one):
        assert all(rows.at[i, "why"] == findings[i].why for i in rows.index)
    assert set(one.index) <= set(both.index)


def test_shared_subjects_only_counts_facts_of_two_outlets() -> None:
    by_id = {a.id: a for a in fake_store.ARTICLES}
    shared = shared_subjects(_comparison(), by_id)
    assert shared["aj1"] == ["后备役军人"] and shared["voa1"] == ["后备役军人"]
    assert "cna1" not in shared


# ---- uploads -------------------------------------------------------------------
def test_check_upload_refuses_type_size_and_empty() -> None:
    assert actions.check_upload("a.md", 10) is None
    assert "unsupported" in actions.check_upload("a.exe", 10)
    assert "per-upload size cap" in actions.check_upload("a.csv", actions.MAX_UPLOAD_BYTES + 1)
    assert "empty" in actions.check_upload("a.jsonl", 0)


def test_save_uploads_stays_in_folder(tmp_path: Path) -> None:
    saved, refused = actions.save_uploads(
        [("../../etc/passwd.md", b"x"), ("ok.txt", b"hello"), ("bad.bin", b"x")], tmp_path / "up"
    )
    assert [r.source_path for r in refused] == ["bad.bin"]
    assert sorted(saved.values()) == ["../../etc/passwd.md", "ok.txt"]
    for path in saved:
        assert path.parent == tmp_path / "up" and path.exists()


@settings(max_examples=1000, deadline=None)
@given(hs.text(alphabet=hs.characters(codec="utf-8"), max_size=300),
       hs.sampled_from(["", ".md", ".csv", ".jsonl.gz", ".JSON", ".txt\\..", ".gz"]))
@example("dir\\", ".md")  # a bare ".md" once left: saved as "upload", its type lost
def test_a_saved_upload_name_stays_in_its_folder_fits_the_disk_and_keeps_its_type(stem: str, suffix: str) -> None:
    """Any name a browser may send (slashes, NUL, dots, 300 Chinese characters): the name saved
    is one plain name under the byte budget, and an accepted file keeps the suffix the reader
    picks its format by (articles.reader.read_path)."""
    name = stem + suffix
    saved = actions.safe_filename(name)
    assert saved and "/" not in saved and "\x00" not in saved and not saved.startswith(".")
    assert len(saved.encode()) <= actions.MAX_SAVED_NAME_BYTES
    if actions.check_upload(name, 1) is None:
        assert Path(saved).suffix.lower() == Path(name).suffix.lower()
        inner = Path(Path(name.replace("\\", "/")).name[:-3]).suffix
        if saved.lower().endswith(".gz") and inner[1:].isalnum():  # archive.jsonl.gz: read as JSON Lines
            assert Path(saved[:-3]).suffix == inner


def test_uploads_with_long_chinese_names_are_saved_privately(tmp_path: Path) -> None:
    """A headline of 90 Chinese characters as a file name (270 bytes) made the whole upload
    fail with "File name too long"; saved files are new, private files in a private folder."""
    title = "塔利班" * 30
    saved, refused = actions.save_uploads([(f"{title}.md", b"a"), (f"{title}.jsonl.gz", b"b")], tmp_path / "up")
    assert refused == []
    names = sorted(p.name.split("-", 2)[2] for p in saved)  # after the stamp and the digest
    assert [n.startswith("塔利班塔利班") for n in names] == [True, True]
    assert [n.endswith(s) for n, s in zip(names, [".jsonl.gz", ".md"], strict=True)] == [True, True]
    assert (tmp_path / "up").stat().st_mode & 0o777 == 0o700
    assert {p.stat().st_mode & 0o777 for p in saved} == {0o600}


def test_an_upload_never_writes_through_a_planted_link(tmp_path: Path) -> None:
    target = tmp_path / "outside.txt"
    target.write_text("keep")
    planted = tmp_path / "up" / "name.md"
    planted.parent.mkdir()
    planted.symlink_to(target)
    written = actions._write_new(planted, b"upload")
    assert target.read_text() == "keep"
    assert written.parent == planted.parent and written != planted and written.read_bytes() == b"upload"


def test_an_upload_that_cannot_be_saved_is_refused_not_raised(tmp_path: Path, monkeypatch) -> None:
    import errno
    import os

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "open", full)
    saved, refused = actions.save_uploads([("a.md", b"x")], tmp_path / "up")
    assert saved == {} and [r.error for r in refused] == ["could not be saved for reading: No space left on device"]


def test_an_upload_past_its_caps_of_files_and_bytes_refuses_those_files_and_adds_the_rest(
    tmp_path: Path, monkeypatch
) -> None:
    """Streamlit holds every file chosen in memory; one upload takes at most MAX_UPLOAD_FILES
    files and MAX_UPLOAD_TOTAL_BYTES in all (small caps here), each file past them refused in
    one line naming the cap, the others saved."""
    from dashboard import jobs

    monkeypatch.setattr(jobs, "MAX_UPLOAD_FILES", 4)
    monkeypatch.setattr(jobs, "MAX_UPLOAD_TOTAL_BYTES", 10)
    files = [("a.md", b"1234"), ("empty.md", b""), ("b.md", b"12345"), ("c.md", b"12"),
             ("d.md", b"1"), ("e.md", b"1")]
    saved, refused = actions.save_uploads(files, tmp_path / "up")
    # a, b: 9 bytes; c would make 11; d: the fifth file chosen (the empty one counts).
    assert sorted(saved.values()) == ["a.md", "b.md"]
    reasons = {r.source_path: r.error for r in refused}
    assert reasons["empty.md"] == "file is empty"
    assert reasons["c.md"] == jobs.upload_total_cap_message() and "in all" in reasons["c.md"]
    assert reasons["d.md"] == reasons["e.md"] == jobs.upload_files_cap_message()
    assert all("\n" not in r for r in reasons.values())
    assert "4 files per upload" in jobs.upload_files_cap_message()


def test_the_upload_caps_as_shipped() -> None:
    from dashboard import jobs

    assert jobs.MAX_UPLOAD_FILES == 200 and jobs.MAX_UPLOAD_TOTAL_MB == 100
    assert jobs.MAX_UPLOAD_TOTAL_BYTES >= 5 * jobs.MAX_UPLOAD_BYTES  # a few files at the per-file cap
    assert actions.upload_cap_problem(199, 0, 1) is None
    assert actions.upload_cap_problem(200, 0, 1) == jobs.upload_files_cap_message()
    assert actions.upload_cap_problem(0, jobs.MAX_UPLOAD_TOTAL_BYTES - 1, 1) is None
    assert actions.upload_cap_problem(0, jobs.MAX_UPLOAD_TOTAL_BYTES, 1) == jobs.upload_total_cap_message()


def test_an_upload_cut_short_by_a_full_disk_leaves_no_part_behind(tmp_path: Path, monkeypatch) -> None:
    """The disk filling up while a file was written left its part in uploads/ for good (no job
    names it, so nothing deletes it); and a folder an older version made kept its 0755."""
    import errno
    import io

    (tmp_path / "up").mkdir(mode=0o755)
    (tmp_path / "up").chmod(0o755)

    class Full(io.FileIO):
        def write(self, data) -> int:
            super().write(data[:1])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(actions.os, "fdopen", lambda fd, mode: Full(fd, "wb"))
    saved, refused = actions.save_uploads([("a.md", b"xyz")], tmp_path / "up")
    assert saved == {} and [r.error for r in refused] == ["could not be saved for reading: No space left on device"]
    assert list((tmp_path / "up").iterdir()) == []
    assert (tmp_path / "up").stat().st_mode & 0o777 == 0o700


def test_upload_cap_matches_streamlit_config() -> None:
    import tomllib

    config = tomllib.loads((Path(__file__).parents[1] / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == actions.MAX_UPLOAD_MB
    # One number: the browser's cap, the dashboard's check and ingest's file cap.
    import articles

    assert actions.MAX_UPLOAD_BYTES == articles.MAX_INPUT_BYTES == actions.MAX_UPLOAD_MB * 1024 * 1024
    assert config["browser"]["gatherUsageStats"] is False
    # Safe by default: only this machine can connect unless --server.address says otherwise.
    assert config["server"]["address"] == "127.0.0.1"


def test_the_login_secrets_file_is_never_committed() -> None:
    """The README has an OpenID provider's client secret and cookie secret written into
    .streamlit/secrets.toml, in this repository: git must ignore it."""
    import shutil
    import subprocess

    repo = Path(__file__).parents[1]
    if shutil.which("git") is None or not (repo / ".git").exists():
        pytest.skip("not a git checkout")
    ignored = subprocess.run(["git", "check-ignore", "-q", ".streamlit/secrets.toml"], cwd=repo, check=False)
    assert ignored.returncode == 0


# ---- why grouped and exports on the real seed articles --------------------------
def _seed_articles():
    import articles

    root = Path(__file__).parents[1] / "seeds"
    return [
        a
        for name in ("000_299cce44e7b57b22.txt", "001_bd7e773d7b869fe3.txt")
        for a in articles.read_path(root / name)
        if isinstance(a, articles.Article)
    ]


def test_shared_entities_of_the_two_seeds() -> None:
    from dashboard import explain

    seeds = _seed_articles()
    shared = explain.shared_entities(seeds)
    assert set(shared) == {a.id for a in seeds}
    for names in shared.values():
        assert any("塔吉克斯坦" in n for n in names), names
        assert len(names) <= explain.MAX_SHOWN
        # A name inside a longer listed one is dropped.
        assert not any(a != b and a in b for a in names for b in names)
    # An article alone shares nothing.
    assert explain.shared_entities(seeds[:1]) == {seeds[0].id: []}


def test_exports_are_text_in_three_formats() -> None:
    import csv
    import io
    import json

    from comparison import compare

    seeds = _seed_articles()
    files = actions.exports(compare(seeds, use_dense=False), seeds)
    assert set(files) == {"Markdown", "JSON", "CSV"}
    assert all(isinstance(content, str) and content for content, _ in files.values())
    document = json.loads(files["JSON"][0])
    assert {a["id"] for a in document["articles"]} == {a.id for a in seeds}
    rows = list(csv.reader(io.StringIO(files["CSV"][0])))
    assert len(rows) >= 2


def test_interrupted_first_launch_is_resumed(tmp_path: Path) -> None:
    from dashboard import workspace
    from store import Store

    with Store(tmp_path / "w.db") as store:
        assert workspace.needs_bootstrap(store)
        store.set_meta(workspace.BOOTSTRAP_META, "started")
        store.add_article(fake_store.ARTICLES[0])
        assert workspace.needs_bootstrap(store)  # articles in, no stories: resume
        store.set_meta(workspace.BOOTSTRAP_META, "done")
        assert not workspace.needs_bootstrap(store)  # e.g. a workspace of uploads only
    fake_store.build(tmp_path / "full.db")
    with Store(tmp_path / "full.db") as store:
        assert not workspace.needs_bootstrap(store)


@pytest.mark.parametrize(
    "plain",
    ["Biden's plan", "l'armée française", 'He said "no"', "a & b", "100% #1"],
)
def test_escape_once_so_apostrophes_show_as_apostrophes(plain: str) -> None:
    import html

    escaped = text.escape(plain)
    # One unescape gives the text back: nothing was escaped twice.
    assert html.unescape(escaped) == plain
    assert "&#x27;" not in escaped and "&amp;#" not in escaped and "&&#" not in escaped


def test_csv_export_neutralizes_formula_cells() -> None:
    import csv
    import io
    from datetime import UTC, datetime

    from articles.model import Article
    from comparison import report

    article = Article("a1", "=HYPERLINK(\"http://evil\")", "t", None, datetime(2021, 7, 5, tzinfo=UTC),
                      "en", None, ["+1 234", "-5 dead", "@SUM(A1)", "fine"])
    findings = [
        Finding(kind="unique", fact_type="number", why="=cmd|' /C calc'!A0",
                spans=[Span("a1", 0, 6, "+1 234")], subject="@x"),
        Finding(kind="unique", fact_type="number", why="plain", spans=[Span("a1", 7, 14, "-5 dead")]),
    ]
    comp = Comparison(article_ids=["a1"], findings=findings, naming=[], sources={}, quotes=[])
    rows = list(csv.DictReader(io.StringIO(report.to_csv(comp, [article]))))
    cells = [row[c] for row in rows for c in ("why", "subject", "outlet", "text")]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")], cells
    assert rows[0]["text"] == "'+1 234" and rows[1]["why"] == "plain"


def test_aligned_tab_pairs_for_chosen_outlets_and_findings_on_both_sentences() -> None:
    from comparison.model import Comparison, Finding, Span
    from dashboard.aligned import findings_of, pairs_for

    def side(article_id, outlet, start, end, differs):
        return {"article_id": article_id, "outlet": outlet, "start": start, "end": end, "text": "x" * (end - start),
                "differs": differs}

    worded = {"a": side("a", "VOA", 0, 20, [[2, 4]]), "b": side("b", "RFI (07-05 12:00)", 10, 30, []),
              "score": 0.9, "same_language": True}
    alike = {"a": side("a", "VOA", 20, 40, []), "b": side("c", "BBC", 0, 10, []), "score": 0.8, "same_language": True}
    both = Finding("contradiction", "number", "200 vs 600", [Span("a", 3, 5, "xx"), Span("b", 12, 14, "xx")])
    one_side = Finding("precision", "date", "Monday vs the weekend", [Span("a", 3, 5, "xx"), Span("c", 1, 2, "x")])
    unique = Finding("unique", "statement", "only VOA", [Span("a", 0, 20, "x" * 20), Span("b", 10, 12, "xx")])
    comp = Comparison(article_ids=["a", "b", "c"], findings=[both, one_side, unique], aligned=[worded, alike])
    outlet_of = {"a": "VOA", "b": "RFI", "c": "BBC"}
    assert pairs_for(comp, ["VOA", "RFI"], outlet_of) == [worded]  # "RFI (07-05 12:00)" is an RFI article
    assert pairs_for(comp, ["VOA", "BBC"], outlet_of) == []  # worded otherwise nowhere
    assert pairs_for(comp, ["VOA", "BBC"], outlet_of, worded_only=False) == [alike]
    assert findings_of(comp, worded) == [both]


def test_story_view_columns_are_the_editions_the_comparison_sets_apart() -> None:
    # An English Reuters report (canonical outlet 路透) is labelled "Reuters" by the comparison
    # and a Chinese one "路透": two editions, two columns; sources, naming and aligned pairs find
    # them through their labels and articles, never by name prefixes.
    from comparison.compare import compare
    from dashboard.aligned import pairs_for
    from dashboard.app import _outlets_by_coverage
    from dashboard.outlet_names import story_outlets
    from tests.comparison_helpers import article

    english = article("en1", "路透", "A hotel collapsed in Suzhou on Monday, police said.", language="en")
    chinese = article("zh1", "中央社", "苏州一家酒店周一倒塌，警方说。", language="zh")
    comp = compare([english, chinese], use_dense=False)
    names = story_outlets([english, chinese], comp)
    outlets = _outlets_by_coverage([english, chinese], comp, names)
    assert sorted(outlets) == ["Reuters", "中央社"]
    assert names.of_label == {"Reuters": "Reuters", "中央社": "中央社"}
    sources = {"Reuters": ["police"], "中央社": ["警方"], "路透": ["not in this story"]}
    assert names.per_outlet(sources, outlets) == {"Reuters": ["police"], "中央社": ["警方"]}
    found = Finding("unique", "statement", "only Reuters", [Span("en1", 0, 7, "A hotel")])
    rows = finding_rows([found], {"en1": english, "zh1": chinese}, outlets, text.SCRIPT_ORIGINAL, names)
    assert rows.iloc[0]["Reuters"] == "A hotel"
    side = {"article_id": "en1", "outlet": "Reuters", "start": 0, "end": 7, "text": "A hotel", "differs": [[0, 1]]}
    pair = {"a": side, "b": {**side, "article_id": "zh1", "outlet": "中央社"}, "score": 0.9, "same_language": False}
    comp.aligned = [pair]
    assert pairs_for(comp, ["Reuters", "中央社"], names.of_article) == [pair]
    # Reuters' Chinese edition beside its English one: two columns.
    chinese_reuters = article("zh2", "路透", "苏州酒店倒塌。", language="zh")
    three = [english, chinese, chinese_reuters]
    both = story_outlets(three, compare(three, use_dense=False))
    assert sorted(_outlets_by_coverage(three, None, both)) == ["Reuters", "中央社", "路透"]
    assert set(both.of_label.values()) == {"Reuters", "中央社", "路透"}


def test_story_list_shows_an_english_only_outlet_by_its_english_name() -> None:
    from tests.comparison_helpers import article

    english = article("en1", "路透", "A hotel collapsed in Suzhou.", language="en")
    chinese = article("zh1", "中央社", "苏州一家酒店倒塌。", language="zh")
    story = {"id": "s1", "label": "Suzhou", "outlets": ["路透", "中央社"],
             "members": [{"article_id": "en1"}, {"article_id": "zh1"}],
             "first_published": "2021-07-12T00:00:00+00:00", "last_published": "2021-07-12T01:00:00+00:00"}
    frame = storylist.story_frame([story], storylist.heads([english, chinese]))
    assert frame.iloc[0]["outlets"] == "Reuters, 中央社"
    assert dict(zip(frame.iloc[0]["outlet_list"], frame.iloc[0]["outlet_names"], strict=True))["路透"] == "Reuters"
    # The filter still matches the canonical name; its label carries both names.
    assert list(storylist.filter_stories(frame, outlets=["路透"])["id"]) == ["s1"]
    assert storylist.filter_labels(frame) == {"路透": "Reuters · 路透", "中央社": "中央社"}
    # A story's names are its own members': a Chinese Reuters article elsewhere does not rename it.
    other = article("zh2", "路透", "苏州酒店倒塌。", language="zh")
    frame = storylist.story_frame([story], storylist.heads([english, chinese, other]))
    assert frame.iloc[0]["outlets"] == "Reuters, 中央社"


def test_aligned_pair_chips_count_findings_of_one_kind_once() -> None:
    from dashboard.aligned import _chips

    same = [Finding("agree", "statement", f"both say <{n}>", []) for n in range(11)]
    chips = _chips([*same, Finding("contradiction", "number", "2 vs 3", [])])
    assert chips.count("<span") == 2 and "×11" in chips and "<0>" not in chips and "&lt;0&gt;" in chips


def test_traditional_mode_leaves_traditional_articles_as_written_and_labels_follow_the_script() -> None:
    from dataclasses import replace

    from dashboard.aligned import _head
    from dashboard.outlet_names import story_outlets
    from tests.comparison_helpers import article

    # s2tw would rewrite a Traditional report's own 台灣 as 臺灣: shown as written.
    assert text.in_script("台灣", text.SCRIPT_TRADITIONAL, "Hant") == "台灣"
    assert text.in_script("台湾", text.SCRIPT_TRADITIONAL, "Hans") == "臺灣"
    assert text.in_script("台灣", text.SCRIPT_SIMPLIFIED, "Hant") == "台湾"
    assert "台灣" in text.highlight("總統說台灣", [(0, 2, "agree", "")], text.SCRIPT_TRADITIONAL, "Hant")
    cna = replace(article("t1", "中央社", "蔡英文說，台灣會堅持。", language="zh"), script="Hant")
    liberty = replace(article("t2", "自由时报", "林劍說，台灣會堅持。", language="zh"), script="Hant")
    xinhua = replace(article("s1", "新华社", "新华社说，台湾会坚持。", language="zh"), script="Hans")
    names = story_outlets([cna, liberty, xinhua], None)
    assert names.of(liberty) == "自由時報" and names.script_of["自由時報"] == "Hant"
    outlets = ["中央社", "自由時報", "新华社"]
    found = Finding("agree", "statement", "both", [Span("t1", 6, 8, "台灣"), Span("s1", 6, 8, "台湾")])
    by_id = {a.id: a for a in (cna, liberty, xinhua)}
    rows = finding_rows([found], by_id, outlets, text.SCRIPT_TRADITIONAL, names)
    assert rows.iloc[0]["中央社"] == "台灣" and rows.iloc[0]["新華社"] == "臺灣"
    original = finding_rows([found], by_id, outlets, text.SCRIPT_ORIGINAL, names)
    assert list(original.columns[3:6]) == ["中央社", "自由時報", "新华社"]
    simplified = finding_rows([found], by_id, outlets, text.SCRIPT_SIMPLIFIED, names)
    assert list(simplified.columns[3:6]) == ["中央社", "自由时报", "新华社"]
    # The Aligned tab's outlet labels follow the script choice too.
    side = {"article_id": "s1", "outlet": "新华社", "start": 0, "end": 3, "text": "新华社", "differs": []}
    assert "<b>新華社</b>" in _head(side, text.SCRIPT_TRADITIONAL, {"s1": "Hans"})
    assert "<b>新华社</b>" in _head(side, text.SCRIPT_ORIGINAL, {"s1": "Hans"})
    # The story list: each outlet in its articles' script; the label as its article writes it.
    story = {"id": "s", "label": cna.title, "outlets": ["中央社", "自由时报", "新华社"],
             "members": [{"article_id": a.id} for a in (cna, liberty, xinhua)],
             "first_published": "2021-07-12T00:00:00+00:00", "last_published": "2021-07-12T01:00:00+00:00"}
    frame = storylist.story_frame([story], storylist.heads([cna, liberty, xinhua]))
    assert frame.iloc[0]["outlets"] == "中央社, 新华社, 自由時報" and frame.iloc[0]["label_script"] == "Hant"
    from dashboard.app import _story_table_frame

    table = _story_table_frame(frame, text.SCRIPT_TRADITIONAL).iloc[0]
    assert table["outlets"] == "中央社, 新華社, 自由時報" and table["label"] == cna.title


def test_a_findings_text_is_as_written_in_original_and_converted_when_a_script_is_chosen() -> None:
    from dataclasses import replace

    from dashboard.aligned import _chips
    from tests.comparison_helpers import article

    liberty = replace(article("t1", "自由时报", "中華民國駐海地大使館表示，台灣館員均平安。", language="zh"), script="Hant")
    xinhua = replace(article("s1", "新华社", "台湾驻海地大使馆表示，台湾馆员均平安。", language="zh"), script="Hans")
    why = "the same institution named 中華民國駐海地大使館 (自由時報) vs 台湾驻海地大使馆 (新华社); 台灣 vs 台湾"
    found = Finding("framing", "entity", why, [Span("t1", 0, 10, "中華民國駐海地大使館"), Span("t1", 15, 17, "台灣"),
                                               Span("s1", 0, 8, "台湾驻海地大使馆"), Span("s1", 13, 15, "台湾")])
    by_id = {a.id: a for a in (liberty, xinhua)}
    outlets = ["自由时报", "新华社"]
    assert finding_rows([found], by_id, outlets, text.SCRIPT_ORIGINAL).iloc[0]["why"] == why
    assert finding_rows([found], by_id, outlets, text.SCRIPT_SIMPLIFIED).iloc[0]["why"] == (
        "the same institution named 中华民国驻海地大使馆 (自由时报) vs 台湾驻海地大使馆 (新华社); 台湾 vs 台湾")
    # 繁體: the Simplified report's words converted, the Traditional report's 台灣 kept as written
    # (s2tw would write 臺灣).
    assert finding_rows([found], by_id, outlets, text.SCRIPT_TRADITIONAL).iloc[0]["why"] == (
        "the same institution named 中華民國駐海地大使館 (自由時報) vs 臺灣駐海地大使館 (新華社); 台灣 vs 臺灣")
    assert text.finding_in_script("台灣", text.SCRIPT_TRADITIONAL, [("台灣", "Hant")]) == "台灣"
    assert text.finding_in_script("台灣", text.SCRIPT_TRADITIONAL) == "臺灣"
    # The Aligned tab's chips say it in the reader's script too.
    assert "中华民国驻海地大使馆" in _chips([found], text.SCRIPT_SIMPLIFIED, {"t1": "Hant", "s1": "Hans"})
    assert "中華民國駐海地大使館" in _chips([found])


def test_the_facts_table_holds_its_kinds_and_fact_types_on_one_line() -> None:
    """Measured in Chromium, 14 px Source Sans (Streamlit's): "contradiction" 79 px, "attribution"
    63 px, "statement" 59 px; a cell has 8 px of padding a side. At 90 and 60 px the kind and
    fact columns broke them mid-word ("contradictio / n", "statemen / t")."""
    from comparison.model import FACT_TYPES

    longest_px = {"contradiction": 79, "attribution": 63, "statement": 59}
    widths = facts_column_widths(["BBC", "法广"])
    assert max(text.KIND_LABELS.values(), key=len) == "one outlet only"  # wraps at its spaces
    assert max((w for label in text.KIND_LABELS.values() for w in label.split()), key=len) == "contradiction"
    assert max(FACT_TYPES, key=len) == "attribution"
    assert widths["kind"] >= longest_px["contradiction"] + 16
    assert widths["fact"] >= longest_px["attribution"] + 16
    assert sum(widths.values()) == 850  # the page's width with two outlets: the reasons show whole
    assert facts_column_widths(["a", "b", "c", "d"])["a"] == 120


def test_a_finding_shown_whole_has_no_stray_separator_without_a_subject() -> None:
    assert finding_heading("precision", "date", "") == "**precision** · date"
    assert finding_heading("contradiction", "number", "士兵") == "**contradiction** · number · 士兵"
    assert finding_heading("agree", "", "") == "**agree**"
    assert finding_heading("framing", "entity", "*a*") == "**framing** · entity · &#42;a&#42;"  # escaped


def test_the_readers_source_line_has_no_stray_separator_without_an_address() -> None:
    when = text.escape("2021-07-08 04:56 UTC")
    assert source_line("半岛电视台", "2021-07-08 04:56 UTC", None) == f"半岛电视台 · {when}"
    assert source_line("半岛电视台", "2021-07-08 04:56 UTC", "") == f"半岛电视台 · {when}"
    assert source_line("RFI", "2021-07-08 04:56 UTC", "https://rfi.fr/a") == (
        f"RFI · {when} · [{text.escape('https://rfi.fr/a')}](https://rfi.fr/a)"
    )


def test_the_readers_address_is_a_link_shown_decoded() -> None:
    """A percent-encoded address (RFI's Chinese ones run to 300 characters of '%E4%BA%9A') reads
    as the browser's address bar shows it; the link goes to the address as stored."""
    url = "http://www.rfi.fr/cn/%E4%BA%9A%E6%B4%B2/20210705-%E9%98%BF%E5%AF%8C%E6%B1%97"
    assert address_link(url) == f"[{text.escape('http://www.rfi.fr/cn/亚洲/20210705-阿富汗')}]({url})"
    # Nothing in the address can end the link or open markup: spaces, brackets, parentheses
    # are percent-encoded in the target, escaped in the text.
    odd = "https://example.org/a (b)/[c]<d>\"e\"`f`"
    link = address_link(odd)
    target = link[link.index("](") + 2:-1]
    assert not set(target) & set(" ()[]<>\"`\\"), target
    assert link.startswith("[") and link.count("](") == 1
    # Anything but http(s) is plain escaped text, never a link.
    assert address_link("javascript:alert(1)") == text.escape("javascript:alert(1)")
    assert address_link(None) == address_link("") == ""


@settings(max_examples=200, deadline=None)
@given(hs.text(max_size=40) | hs.from_regex(r"\d{4}-\d\d-\d\d\.\.\d{4}-\d\d-\d\d", fullmatch=True),
       hs.dates(max_value=date(9000, 1, 1)), hs.integers(0, 60))
def test_a_pasted_dates_range_never_fails_and_stays_in_the_workspace(raw, lo, span) -> None:
    """A pasted or stale address's Dates: never an error, always inside the workspace's days."""
    hi = lo + timedelta(days=span)
    start, end = dates_from_address(raw, lo, hi)
    assert lo <= start <= end <= hi


@settings(max_examples=100, deadline=None)
@given(hs.dates(), hs.dates())
def test_a_dates_range_written_to_the_address_reads_back(a, b) -> None:
    start, end = min(a, b), max(a, b)
    assert dates_from_address(f"{start}..{end}", date.min, date.max) == (start, end)


def test_every_finding_kind_has_a_label_a_colour_and_a_meaning() -> None:
    from comparison.model import FINDING_KINDS
    from dashboard.text import KIND_COLOURS, KIND_LABELS, KIND_MEANINGS, kinds_help

    assert set(FINDING_KINDS) == set(KIND_LABELS) == set(KIND_COLOURS) == set(KIND_MEANINGS)
    lines = kinds_help(["unique", "agree"]).splitlines()
    # In the legend's order, each kind by the word the page shows, and only the kinds asked.
    assert lines == [f"- **agree**: {KIND_MEANINGS['agree']}", f"- **one outlet only**: {KIND_MEANINGS['unique']}"]


def test_an_empty_story_list_names_the_filters_to_loosen() -> None:
    from dashboard.storylist import no_match_line

    assert no_match_line("塔吉克", multi_outlet_only=True) == (
        "No story matches these filters. To see more, clear the keyword '塔吉克' or turn off "
        "'Multi-outlet stories only'.")
    assert no_match_line("", ["BBC"], True, False) == (
        "No story matches these filters. To see more, widen the dates or clear the outlets chosen.")
    assert no_match_line(" x ", ["BBC"], True, True).endswith(
        "clear the keyword 'x', widen the dates, clear the outlets chosen or turn off 'Multi-outlet stories only'.")
    assert no_match_line("  ") == "No story in this workspace yet."


def test_rejected_lines_say_how_many_more_once(monkeypatch) -> None:
    """Past MAX_REJECTED_LINES the lines stop with one "+N more" line (it was said twice: "+3 more"
    and "+3 more rejected")."""
    from dashboard import panels

    captions: list[str] = []
    monkeypatch.setattr(panels.st, "caption", lambda body, **_: captions.append(body))
    rejected = [(f"bad{i:02}.json", "invalid JSON") for i in range(panels.MAX_REJECTED_LINES + 3)]
    panels._rejected_lines(rejected)
    assert len(captions) == panels.MAX_REJECTED_LINES + 1 and captions[-1] == "+3 more", captions
    captions.clear()
    panels._rejected_lines(rejected[:2])
    assert len(captions) == 2


@given(right_to_left=hs.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوي ٠١٢٣٤٥٦٧٨٩.،«»", min_size=1, max_size=60))
@settings(max_examples=30, deadline=None)
def test_a_right_to_left_text_is_laid_out_in_its_own_direction(right_to_left: str) -> None:
    # The reader and the aligned sentences take their direction from the text (dir="auto"): an
    # Arabic article in a left-to-right block shows its closing full stop and quotation marks at
    # the wrong end and runs its lines from the left. The characters and offsets are unchanged.
    html_out = text.highlight(right_to_left, [(0, 1, "agree", "")])
    assert html_out.startswith('<div class="px-reader" dir="auto">')
    assert text.highlight("A plain line.", []).startswith('<div class="px-reader" dir="auto">')


# ---- the tables' own CSV export ------------------------------------------------------------
def test_a_table_without_would_be_formulas_is_handed_to_streamlit_as_it_is() -> None:
    import pandas as pd

    frame = pd.DataFrame({"title": ["Taliban advance", "塔利班"], "n": [1, -2]})
    assert text.export_guarded(frame) is frame  # a negative number is no text: never touched


def test_a_would_be_formula_gets_an_apostrophe_in_its_value_only() -> None:
    import pandas as pd

    frame = pd.DataFrame({"title": ["=HYPERLINK(1)", "ok", "-5 dead", None, "@SUM(A1)"],
                          "why": ["+1", "x", "y", "z", "'=kept"], "n": [1, 2, 3, 4, 5]}, index=[9, 3, 7, 1, 0])
    styled = text.export_guarded(frame, lambda s: s.apply(lambda row: ["color: red"] * len(row), axis=1))
    assert list(styled.data["title"][:3]) == ["'=HYPERLINK(1)", "ok", "'-5 dead"]
    assert list(styled.data["why"]) == ["'+1", "x", "y", "z", "'=kept"]  # already text: as it was
    assert list(styled.data.index) == [0, 1, 2, 3, 4]
    body = styled._compute()._translate(False, False)["body"]
    shown = [[cell["display_value"] for cell in row[1:]] for row in body]
    assert [row[0] for row in shown] == ["=HYPERLINK(1)", "ok", "-5 dead", "", "@SUM(A1)"]
    assert [row[1] for row in shown] == ["+1", "x", "y", "z", "'=kept"]
    assert ("color", "red") in styled.ctx[(0, 0)]  # the table's own styling kept


def test_every_table_of_the_dashboard_goes_through_the_guard() -> None:
    """Each st.dataframe call's data is export_guarded(...) (or the facts' Styler made by it)."""
    import ast

    root = Path(__file__).parents[1] / "dashboard"
    calls = [node for path in sorted(root.glob("*.py")) for node in ast.walk(ast.parse(path.read_text()))
             if isinstance(node, ast.Call) and ast.unparse(node.func) == "st.dataframe"]
    assert len(calls) >= 8
    for call in calls:
        data = ast.unparse(call.args[0])
        assert data.startswith("export_guarded(") or data == "styled", data



def test_every_chart_of_the_dashboard_goes_through_the_guard() -> None:
    """Each chart's data is chart_export_guarded(...)'s: a chart's "Show data" table writes
    its data as it is (there is one chart, the timeline)."""
    import ast

    root = Path(__file__).parents[1] / "dashboard"
    trees = [ast.parse(path.read_text()) for path in sorted(root.glob("*.py"))]
    charts = [node for tree in trees for node in ast.walk(tree) if isinstance(node, ast.Call)
              and ast.unparse(node.func) in ("alt.Chart", "altair.Chart")]
    assert charts and all(ast.unparse(c.args[0]) == "guarded" for c in charts)
    assert not [node for tree in trees for node in ast.walk(tree) if isinstance(node, ast.Attribute)
                and node.attr.endswith("_chart") and node.attr != "altair_chart"]  # (st.line_chart...: unguarded)
    guards = [node for tree in trees for node in ast.walk(tree) if isinstance(node, ast.Call)
              and ast.unparse(node.func) == "chart_export_guarded"]
    assert len(guards) == len(charts)


def test_the_story_table_shows_what_changed_before_the_outlets_and_no_empty_rows() -> None:
    # (Fresh-eyes trial: the change column sat right of the long "Covered by" list, off a
    # 1400-pixel window, and six matching stories stood above six empty rows.)
    assert STORY_TABLE_COLUMNS.index("change") < STORY_TABLE_COLUMNS.index("outlets")
    assert story_table_height(6) == story_table_height(12) == "content"
    assert story_table_height(13) == 460


def test_an_address_shows_decoded_only_what_a_browser_shows_decoded() -> None:
    """Second review: a decoded line break (%0A%0A) ended the link's paragraph, a decoded U+202E
    showed the address reversed, bytes of no character showed as '�', and an escaped '/' or '?'
    shown bare reads as another address; they stay escaped. A very long address is cut in the
    text (the link goes to it whole); an address with no host or led by a control is no link."""
    for url in ("https://a.example/%0A%0A%23%20Heading", "https://a.example/%E2%80%AEgro.cbb",
                "https://a.example/%FF%FE", "https://a.example/%2F..%3Fq=1", "https://a.example/a\n\nb"):
        link = address_link(url)
        shown = link[1:link.index("](")]
        assert not any(c.isspace() or c in "\u202e\ufffd/?" for c in shown.split("example/", 1)[1]), (url, shown)
        assert link.count("](") == 1 and "\n" not in link
    assert address_link("https://a.example/%E4%BA%9A%2F").startswith(f"[{text.escape('https://a.example/亚%2F')}]")
    long_url = "https://a.example/" + "%E4%BA%9A" * 2000
    link = address_link(long_url)
    assert len(link[1:link.index("](")]) < 2000 and link.endswith(f"({long_url})")
    for bad in ("https:javascript:alert(1)", "\x01https://a.example/", " https://a.example/"):
        assert "](" not in address_link(bad), bad


def test_a_quote_with_no_speaker_read_says_so() -> None:
    """"People quoted" showed an empty speaker cell for a quote whose speaker was not read, which
    looked like a fault of the table; it says "(not found)", its column's help says why."""
    from datetime import UTC, datetime

    from articles.model import Article
    from dashboard.app import NO_SPEAKER, SPEAKER_HELP, quote_rows

    article = Article("a1", "某报", "标题", None, datetime(2021, 7, 12, tzinfo=UTC), "zh", "Hans", ["正文。"])
    quotes = [{"article_id": "a1", "outlet": "某报", "speaker": "李明", "text": "“我们会继续。”"},
              {"article_id": "a1", "outlet": "某报", "speaker": "", "text": "“没有人知道。”"},
              {"article_id": "a1", "outlet": "某报", "text": "“一切照旧。”"}]
    rows = quote_rows(quotes, {"a1": article}, text.SCRIPT_TRADITIONAL)
    assert list(rows.columns) == ["outlet", "speaker", "quote"]
    assert list(rows["speaker"]) == ["李明", NO_SPEAKER, NO_SPEAKER]
    assert rows["quote"][1] == "“沒有人知道。”"  # in the reader's script
    assert NO_SPEAKER in SPEAKER_HELP
    assert list(quote_rows([], {}, text.SCRIPT_ORIGINAL).columns) == ["outlet", "speaker", "quote"]


@given(hs.text(max_size=80), hs.floats(min_value=4.0, max_value=40.0), hs.sampled_from(["", " (12 art., 3 outlets)"]))
@example("中国机构就对滴滴出行启动审查 禁新用户", 12.0, " (12 art., 3 outlets)")
@settings(max_examples=200, deadline=None)
def test_a_shortened_choice_fits_and_keeps_its_start_and_counts(title: str, ems: float, counts: str) -> None:
    """dashboard.text.fit: a headline too wide for a select box is cut at the end with an ellipsis
    (a box cut it off mid-character, no sign it went on), the counts after it kept whole."""
    shown = text.fit(title, ems, counts)
    assert shown.endswith(counts)
    if text.shown_ems(title + counts) <= ems:
        assert shown == title + counts
    else:
        head = shown[: len(shown) - len(counts)]
        assert head.endswith(text.ELLIPSIS) and title.startswith(head[:-1])
        assert text.shown_ems(shown) <= max(ems, text.shown_ems(text.ELLIPSIS + counts)) + 1e-9


def test_a_wide_headline_is_shortened_by_its_width_not_its_length() -> None:
    """Twenty Chinese characters take as much room as about 36 Latin letters."""
    assert text.fit("滴" * 20, 12.0) == "滴" * 11 + "…"
    assert text.fit("a" * 20, 12.0) == "a" * 20
    assert text.shown_ems("路透 · 07-05") == pytest.approx(2 + 0.3 * 3 + 0.55 * 4 + 0.3)
