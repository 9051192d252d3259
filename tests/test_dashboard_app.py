"""The Streamlit app driven by streamlit.testing (AppTest) on a small real workspace.

The workspace is built once per session with the real pipeline from
tests/fixtures/dashboard/inputs.txt (the two seeds, a dozen demo articles and an
article quoting hostile markup); each test works on its own copy.
"""

from __future__ import annotations

import json
import shutil
from html import unescape
from pathlib import Path

import pytest

from dashboard import jobs
from dashboard.worker import WORKER_ENV
from dashboard.workspace import DB_ENV, REPO_ROOT, SEEDS_ENV
from store import Store

pytestmark = pytest.mark.slow  # builds embeddings (model) for ~17 articles once

FIXTURES = Path(__file__).parent / "fixtures" / "dashboard"
SEED_FILES = ["seeds/000_299cce44e7b57b22.txt", "seeds/001_bd7e773d7b869fe3.txt"]
TIMEOUT = 180


def fixture_inputs() -> list[Path]:
    found: list[Path] = []
    for line in (FIXTURES / "inputs.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            matches = sorted(REPO_ROOT.glob(line.strip()))
            assert matches, f"fixture input missing: {line}"
            found += matches
    return found


def article_ids_of(path: Path) -> list[str]:
    import articles

    return [a.id for a in articles.read_path(path) if isinstance(a, articles.Article)]


@pytest.fixture(scope="session")
def base_workspace(tmp_path_factory) -> Path:
    try:
        from clustering import pipeline
    except ImportError as exc:
        pytest.skip(f"clustering.pipeline is not available yet ({exc})")
    db = tmp_path_factory.mktemp("dashboard") / "base.db"
    with Store(db) as store:
        pipeline.run([str(p) for p in fixture_inputs()], store)
        # Compare every story once (cached in the store, as after a first look in
        # the app), so each test's copy opens stories without recomputing.
        import comparison

        for story in store.stories():
            comparison.compare_story(store, story["id"])
    return db


@pytest.fixture(autouse=True)
def no_worker_process(monkeypatch) -> None:
    """The app starts no worker process in tests: each test runs the queued jobs itself."""
    monkeypatch.setenv(WORKER_ENV, "off")


def run_jobs(db: Path) -> int:
    """What the background worker would do: run every queued job."""
    with Store(db) as store:
        return jobs.drain(store)


@pytest.fixture()
def workspace(base_workspace: Path, tmp_path: Path, monkeypatch) -> Path:
    db = tmp_path / "parallax.db"
    shutil.copy(base_workspace, db)
    monkeypatch.setenv(DB_ENV, str(db))
    return db


@pytest.fixture(scope="session")
def seed_story_id(base_workspace: Path) -> str:
    """The story holding the VOA seed (the Tajikistan mobilization).

    Whether the Al Jazeera roundup joins it is the clustering's business (its own
    tests); the dashboard only needs the story to exist and be findable.
    """
    with Store(base_workspace) as store:
        story = store.story_of_article(article_ids_of(REPO_ROOT / SEED_FILES[1])[0])
    assert story, "the VOA seed is in no story"
    return story


def app():
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=TIMEOUT)


def listed_ids(at) -> list[str]:
    return list(at.dataframe(key="story_table").value["id"])


def frame_with(at, column: str):
    """The first dataframe shown with ``column`` (only selectable tables keep their key)."""
    for frame in at.dataframe:
        value = frame.value
        if column in getattr(value, "columns", []):
            return value
    return None


def no_errors(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def uploader_of(at):
    """The sidebar's file uploader. Its key changes after each add, which empties it
    (``dashboard.panels.uploader_key``): the one drawn now."""
    from dashboard import panels

    return at.file_uploader(key=panels.uploader_key_of(at.session_state))


def upload_summary_captions(at) -> list[str]:
    """The captions of the uploader's own summary (not those under "Recent background work",
    which lists the same rejections after a reload), as the reader sees them (unescaped)."""
    import html

    recent = [c.value for e in at.expander if e.label == "Recent background work" for c in e.caption]
    shown = [c.value for c in at.caption]
    for value in recent:
        shown.remove(value)
    return [html.unescape(value) for value in shown]


def open_story(at, story_id: str):
    at.selectbox(key="story_picker").select(story_id).run()
    no_errors(at)
    assert at.session_state["story_id"] == story_id
    return at


# ---- tests -------------------------------------------------------------------
def test_first_launch_builds_the_workspace_from_seeds(tmp_path, monkeypatch) -> None:
    """An empty store is filled from the seeds folder on first launch, then listed."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for n, path in enumerate(fixture_inputs()):
        shutil.copy(path, seeds / f"{n:02d}-{path.name}")
    (seeds / "README.md").write_text("# not an article\n")
    db = tmp_path / "fresh" / "parallax.db"
    monkeypatch.setenv(DB_ENV, str(db))
    monkeypatch.setenv(SEEDS_ENV, str(seeds))
    at = app().run()
    no_errors(at)
    # The page is not blocked: it says the workspace is being built (by the worker).
    assert any("being built" in i.value for i in at.info), [i.value for i in at.info]
    with Store(db) as store:
        assert [j["kind"] for j in store.jobs(active=True)] == [jobs.BOOTSTRAP]
    assert run_jobs(db) == 1
    at.run()
    no_errors(at)
    assert listed_ids(at)
    with Store(db) as store:
        assert store.count_articles() >= 10 and store.stories()
        assert not any("README" in r.source_path for r in store.rejections())
    # A second launch opens the stored workspace without rebuilding it.
    again = app().run()
    no_errors(again)
    assert not any("being built" in i.value for i in again.info)
    assert listed_ids(again) == listed_ids(at)
    with Store(db) as store:
        assert not store.jobs(active=True)


def test_loads_the_story_list_with_the_seed_story_near_the_top(workspace, seed_story_id) -> None:
    at = app().run()
    no_errors(at)
    ids = listed_ids(at)
    assert ids, "no story listed"
    # Default sort: most outlets first; the seed story (several outlets) is in the top rows.
    assert seed_story_id in ids[:3], ids[:5]
    # And one click away, whatever the sort: the seed example button.
    at.button(key=f"seed_{seed_story_id}").click().run()
    no_errors(at)
    assert at.session_state["story_id"] == seed_story_id


def test_the_worker_is_started_once_the_page_is_drawn(workspace, seed_story_id, monkeypatch) -> None:
    """On a built workspace the app starts the background worker after drawing the page, the list
    or a story: started before it (its imports, then comparing ahead of time on the same cores),
    it made a restarted server's first page about 1 s slower (session 41, 2 cores)."""
    from dashboard import app as dashboard_app
    from dashboard import worker

    calls: list[str] = []
    monkeypatch.setattr(worker, "ensure_worker", lambda db: calls.append("worker") or False)
    for name in ("story_list_view", "story_view"):
        drawn = getattr(dashboard_app, name)
        monkeypatch.setattr(dashboard_app, name,
                            lambda *a, _drawn=drawn, _name=name, **k: (calls.append(_name), _drawn(*a, **k))[1])
    at = app().run()
    no_errors(at)
    assert calls == ["story_list_view", "worker"]
    calls.clear()
    at.button(key=f"seed_{seed_story_id}").click().run()  # a click's run reruns to the story
    no_errors(at)
    assert calls[-2:] == ["story_view", "worker"], calls


def test_filters(workspace, seed_story_id) -> None:
    at = app().run()
    everything_multi = listed_ids(at)
    at.toggle(key="multi_only").set_value(False).run()
    everything = listed_ids(at)
    assert len(everything) > len(everything_multi)

    at.text_input(key="keyword").input("塔吉克").run()
    assert seed_story_id in listed_ids(at)
    # Traditional keyword matches Simplified titles (塔吉克斯坦加強邊防 vs 加强边防).
    at.text_input(key="keyword").input("加強邊防").run()
    assert seed_story_id in listed_ids(at)
    at.text_input(key="keyword").input("no-such-words-anywhere").run()
    # No empty table to click in: one line naming what to loosen.
    assert not [d for d in at.dataframe if d.key == "story_table"]
    assert [unescape(i.value) for i in at.info] == [
        "No story matches these filters. To see more, clear the keyword 'no-such-words-anywhere'."]

    at.text_input(key="keyword").input("").run()
    at.multiselect(key="outlets").set_value(["Parallax Test Wire"]).run()
    assert 0 < len(listed_ids(at)) < len(everything)
    assert seed_story_id not in listed_ids(at)


def test_open_seed_story_shows_comparison_reader_and_script_toggle(
    workspace, seed_story_id
) -> None:
    at = open_story(app().run(), seed_story_id)
    header = at.header[0].value
    assert at.button(key="back")
    members = frame_with(at, "similarity")
    assert members is not None, "why-grouped table missing"
    assert len(members) >= 2 and members["similarity"].between(0, 1).all()
    assert frame_with(at, "why") is not None, "no aligned facts table for the seed story"
    assert [b.label for b in at.get("download_button")] == [
        "Download Markdown",
        "Download JSON",
        "Download CSV",
    ]
    reader = [m.value for m in at.markdown if 'class="px-reader"' in m.value]
    assert reader, "article reader missing"
    # The Aligned tab: sentence pairs side by side, the words each outlet puts otherwise marked.
    assert any('class="px-wording"' in m.value and "<table" in m.value for m in at.markdown)
    at.radio(key="script").set_value("繁體").run()
    no_errors(at)
    assert at.header[0].value != header  # the label contains Simplified characters


def test_a_clicked_finding_is_shown_whole_below_the_facts_table(workspace, seed_story_id) -> None:
    # A reason longer than the table's five-line rows was one clipped line: a clicked row's finding
    # is shown whole under the table (AppTest cannot click a table: the click's state is set).
    at = open_story(app().run(), seed_story_id)
    facts = frame_with(at, "why")
    hints = sum(c.value.startswith("Click a row to read its finding whole") for c in at.caption)
    assert hints  # (one a table: the Facts tab's and the Numbers tab's)
    at.session_state[f"facts_{seed_story_id}_picked"] = at.session_state[f"facts_{seed_story_id}_rows"][0]
    at.run()
    no_errors(at)
    shown = [unescape(m.value) for m in at.markdown]
    assert facts.iloc[0]["why"] in shown
    assert any(line.startswith(f"**{facts.iloc[0]['kind']}** · ") for line in shown)
    outlets = [c for c in facts.columns if c not in ("kind", "fact", "subject", "why") and facts.iloc[0][c]]
    assert outlets and all(f"**{o}**: {facts.iloc[0][o]}" in shown for o in outlets)
    # In its place the finding; the other table still says how.
    assert sum(c.value.startswith("Click a row to read its finding whole") for c in at.caption) == hints - 1


def test_the_finding_kinds_say_what_they_mean(workspace, seed_story_id) -> None:
    # A journalist who never read the README: "precision" and "framing" are explained on the page.
    from dashboard.text import KIND_MEANINGS

    at = open_story(app().run(), seed_story_id)
    pickers = [g for g in at.get("button_group") if g.proto.label in ("Show", "Highlight")]
    assert pickers, "no kind pickers on the story view"
    for picker in pickers:
        assert "precision" in picker.proto.help and KIND_MEANINGS["precision"] in picker.proto.help
    legends = [m.value for m in at.markdown if "border-radius:4px" in m.value]
    assert legends and all('title="' in chip for chip in legends[0].split("<span")[1:])


def test_times_shown_in_the_chosen_zone(workspace, seed_story_id) -> None:
    """The sidebar's "Times shown in": the story caption, the members table, the reader and
    the Dates filter follow it; the stored times stay UTC."""
    import html
    from datetime import datetime

    from dashboard import times

    with Store(workspace) as store:
        stored = store.story(seed_story_id)
    first, last = (datetime.fromisoformat(stored[k]) for k in ("first_published", "last_published"))
    utc8 = times.by_key("Asia/Taipei")
    at = app().run()
    assert at.date_input(key="dates").label == "Dates (UTC)"
    open_story(at, seed_story_id)

    def caption() -> str:
        return next(c.value for c in at.caption if " from " in c.value and "article" in c.value)

    assert caption().endswith(f" · {first:%Y-%m-%d %H:%M} – {last:%Y-%m-%d %H:%M} UTC"), caption()
    utc_members = frame_with(at, "similarity")["published"]
    at.selectbox(key="time_zone").select("Asia/Taipei").run()
    no_errors(at)
    assert caption().endswith(f" · {times.shown_range(first, last, utc8)}"), caption()
    assert caption().endswith(" UTC+8") and " UTC" not in caption().removesuffix(" UTC+8")
    eight_hours = (frame_with(at, "similarity")["published"] - utc_members).unique()
    assert [str(d) for d in eight_hours] == ["0 days 08:00:00"]
    # The reader: its caption (escaped markdown) and the article picker.
    reader = at.selectbox(key="reader_article")
    with Store(workspace) as store:
        published = store.articles([reader.value])[0].published
    shown = [html.unescape(c.value) for c in at.caption]
    assert any(f" · {times.shown(published, utc8)} · " in c for c in shown), shown
    # The picker names the zone too: the findings' texts beside it say "published ... UTC".
    assert f" · {times.shown(published, utc8, '%m-%d %H:%M')} · " in reader.format_func(reader.value)
    assert times.shown(published, utc8, '%m-%d %H:%M').endswith(" UTC+8")
    # Back to the list: the Dates filter counts Taipei days and says so; the choice is kept.
    at.button(key="back").click().run()
    no_errors(at)
    assert at.date_input(key="dates").label == "Dates (UTC+8)"
    assert at.session_state["time_zone"] == "Asia/Taipei"
    with Store(workspace) as store:
        assert store.story(seed_story_id)["first_published"] == stored["first_published"]


def test_manual_merge_is_persisted(workspace, seed_story_id) -> None:
    at = open_story(app().run(), seed_story_id)
    with Store(workspace) as store:
        before = {s["id"]: s for s in store.stories()}
    other = next(sid for sid in before if sid != seed_story_id)
    moved = {m["article_id"] for m in before[other]["members"]}
    at.selectbox(key="merge_with").select(other).run()
    at.button(key="do_merge").click().run()
    no_errors(at)
    assert [s.value for s in at.success] == ["Stories merged."]
    with Store(workspace) as store:
        after = store.stories()
        merged_id = store.story_of_article(next(iter(moved)))
        assert len(after) == len(before) - 1
        assert merged_id == store.story_of_article(article_ids_of(REPO_ROOT / SEED_FILES[1])[0])
        assert store.edits(), "the merge was not recorded as an edit"
    assert at.session_state["story_id"] == merged_id


def test_upload_with_one_bad_file(workspace) -> None:
    good = (REPO_ROOT / "seeds/nbw-2021-07").glob("2021-07-09-难了，巴基斯坦是塔利班大后方.md")
    good_path = next(good)
    with Store(workspace) as store:
        count = store.count_articles()
    at = app().run()
    uploader_of(at).set_value(
        [
            (good_path.name, good_path.read_bytes(), "text/markdown"),
            ("broken.jsonl", b'{"title": "no closing brace"\n', "application/jsonl"),
        ]
    ).run()
    at.button(key="add_uploads").click().run()
    assert not at.exception, [e.value for e in at.exception]
    with Store(workspace) as store:
        (job,) = store.jobs(active=True)
        assert job["kind"] == jobs.UPLOAD and job["state"] == "queued"
    assert run_jobs(workspace) == 1
    at.run()
    assert any("1 new article" in s.value for s in at.success), [s.value for s in at.success]
    # One whole line per rejected file (a sidebar table cut the reasons short).
    (line,) = [c for c in upload_summary_captions(at) if c.startswith("✗ ")]
    name, reason = line[2:].split(": ", 1)
    assert name.split("#")[0] == "broken.jsonl" and reason.strip()
    with Store(workspace) as store:
        assert store.count_articles() == count + 1
        new_id = article_ids_of(good_path)[0]
        assert store.story_of_article(new_id), "the uploaded article joined no story"
    # Ingested: the uploaded files are gone.
    assert not list((workspace.parent / "uploads").iterdir())


def test_an_add_empties_the_uploader(workspace) -> None:
    # The files added stayed in the uploader, and a second click added them again ("0 new
    # articles, 1 already in the workspace"). Now the add empties it (a new key) and its
    # summary stays; the next files chosen are a new upload. Made-up articles.
    def article(title: str, day: str) -> tuple[str, bytes, str]:
        text = (f"---\ntitle: \"{title}\"\ndate: {day}T09:00:00.000Z\nauthor: Parallax Test Wire\n---\n"
                f"{title}, the made-up wire said on Sunday, and more details would follow.\n")
        return (f"{day}.md", text.encode(), "text/markdown")

    at = app().run()
    first = uploader_of(at)
    first.set_value([article("Ferry crews end a two-day strike", "2021-07-11")]).run()
    assert not at.button(key="add_uploads").disabled
    at.button(key="add_uploads").click().run()
    no_errors(at)
    emptied = uploader_of(at)
    assert emptied.key != first.key and not at.session_state[emptied.key]
    assert at.button(key="add_uploads").disabled  # nothing left to add again
    assert run_jobs(workspace) == 1
    at.run()
    assert any(s.value.startswith("1 file: 1 new article, 0 already") for s in at.success), [s.value for s in at.success]
    uploader_of(at).set_value([article("Ferry timetables return to normal", "2021-07-12")]).run()
    at.button(key="add_uploads").click().run()
    no_errors(at)
    assert at.button(key="add_uploads").disabled
    assert run_jobs(workspace) == 1
    at.run()
    assert any(s.value.startswith("1 file: 1 new article, 0 already") for s in at.success), [s.value for s in at.success]


def test_an_upload_counts_every_file_chosen_and_gives_each_rejection_whole(workspace) -> None:
    # A file refused on arrival (empty) counts among the files chosen; each reason is one whole
    # line, however long; past MAX_REJECTED_LINES the lines stop and the whole list is a table.
    from dashboard import panels

    bad = [(f"bad{i:02}.json", b'{"title": "no closing brace"', "application/json") for i in range(11)]
    plain = ("plain.txt", b"no front matter here\n", "text/plain")
    at = app().run()
    uploader_of(at).set_value([("empty.json", b"", "application/json"), plain, *bad]).run()
    at.button(key="add_uploads").click().run()
    assert run_jobs(workspace) == 1
    at.run()
    no_errors(at)
    assert any(s.value.startswith("13 files: 0 new articles") for s in at.success), [s.value for s in at.success]
    assert any(w.value.startswith("13 files or records rejected") for w in at.warning)
    captions = upload_summary_captions(at)
    lines = [c for c in captions if c.startswith("✗ ")]
    assert len(lines) == panels.MAX_REJECTED_LINES
    assert any("plain.txt" in line and "front matter" in line and line.rstrip().endswith(")") for line in lines)
    assert "+3 more" in captions
    assert len(frame_with(at, "reason")) == 13


def test_the_files_past_an_upload_s_cap_are_named_and_the_rest_is_added(workspace, monkeypatch) -> None:
    """One upload takes at most jobs.MAX_UPLOAD_FILES files (2 here): those past it are each
    one line saying so, the others are queued and read."""
    monkeypatch.setattr(jobs, "MAX_UPLOAD_FILES", 2)
    chosen = [(f"part{i}.json", b'{"title": "no closing brace"', "application/json") for i in range(4)]
    at = app().run()
    uploader_of(at).set_value(chosen).run()
    at.button(key="add_uploads").click().run()
    with Store(workspace) as store:
        (job,) = store.jobs(active=True)
        assert [f["name"] for f in job["params"]["files"]] == ["part0.json", "part1.json"]
    assert run_jobs(workspace) == 1
    at.run()
    no_errors(at)
    assert any(s.value.startswith("4 files: 0 new articles") for s in at.success), [s.value for s in at.success]
    lines = [c for c in upload_summary_captions(at) if c.startswith("✗ ")]
    past = [line for line in lines if "past the cap of 2 files per upload" in line]
    assert [line.split(":")[0] for line in past] == ["✗ part2.json", "✗ part3.json"]
    assert len(lines) == 4  # the two read (bad JSON) are listed with their own reasons


def test_an_uploaded_csv_without_its_columns_says_what_to_do_in_the_dashboard(workspace) -> None:
    # The command line's hint (--field) is nothing the dashboard can act on: rename the columns,
    # or read the file from the command line (articles.tabular.rename_hint, one message).
    at = app().run()
    csv_file = ("export.csv", b"headline,day,body\nMade-up quake,2021-07-05,A made-up quake.\n", "text/csv")
    uploader_of(at).set_value([csv_file]).run()
    at.button(key="add_uploads").click().run()
    assert run_jobs(workspace) == 1
    at.run()
    no_errors(at)
    (line,) = [c for c in upload_summary_captions(at) if c.startswith("✗ ")]
    assert line.startswith("✗ export.csv: CSV has no 'title' / 'date' / 'text' column (columns: headline, day, body; "
                           "rename the columns that hold them to"), line
    assert "upload the file again, or read the file from the command line with --field title=NAME" in line


def test_an_upload_of_later_days_is_listed_in_the_session_that_made_it(workspace) -> None:
    # The Dates filter covers the workspace's days; after an upload of a later day it grows, so
    # the session that uploaded sees the new story (a fresh session always did).
    later = ("---\ntitle: \"Flood warning for the Rhine valley\"\ndate: 2021-07-20T08:00:00.000Z\n"
             "author: Parallax Test Wire\n---\nThe Rhine rose two metres overnight, officials said on "
             "Tuesday, and towns along the valley opened shelters for residents.\n")
    from datetime import timedelta

    at = app().run()
    at.toggle(key="multi_only").set_value(False).run()
    lo, hi = at.session_state["dates"]
    # The journalist narrowed the start only: the end, left at the last day, follows new days.
    at.date_input(key="dates").set_value((lo + timedelta(days=1), hi)).run()
    before = at.session_state["dates"]
    uploader_of(at).set_value([("later.md", later.encode(), "text/markdown")]).run()
    at.button(key="add_uploads").click().run()
    assert run_jobs(workspace) == 1
    at.run()
    no_errors(at)
    with Store(workspace) as store:
        (article,) = [a for a in store.articles() if a.title.startswith("Flood warning for the Rhine")]
        story = store.story_of_article(article.id)
    assert at.session_state["dates"][0] == before[0] and str(at.session_state["dates"][1]) == "2021-07-20"
    assert story in listed_ids(at)


def test_re_uploading_stored_files_updates_no_story(workspace, tmp_path) -> None:
    original = next((REPO_ROOT / "seeds/nbw-2021-07").glob("2021-07-09-难了，巴基斯坦是塔利班大后方.md"))

    def upload(store: Store, n: int) -> dict:  # each upload is saved under a name of its own
        copy = tmp_path / f"{n}-{original.name}"
        shutil.copy(original, copy)
        return jobs.run_upload(store, {"files": [{"path": str(copy), "name": original.name}]}, lambda *_: None)

    with Store(workspace) as store:
        first, again = upload(store, 1), upload(store, 2)
    assert first["stored"] == 1 and first["stories_touched"]
    assert again["stored"] == 0 and again["duplicates"] == 1 and again["stories_touched"] == []


def test_the_upload_summary_counts_new_stories_and_stories_that_grew(workspace) -> None:
    # An embassy report starts a story; the next upload grows it by a report of the same
    # intrusion and starts another story (an unrelated analysis): "1 new story, 1 grew".
    def upload(at, *names: str) -> None:
        files = [next((REPO_ROOT / "seeds/nbw-2021-07").glob(name)) for name in names]
        uploader_of(at).set_value([(f.name, f.read_bytes(), "text/markdown") for f in files]).run()
        at.button(key="add_uploads").click().run()
        assert run_jobs(workspace) == 1
        at.run()
        no_errors(at)

    at = app().run()
    upload(at, "2021-07-09-台湾驻海地大使馆遭武装人士侵入 11人被捕.md")
    assert any(s.value.endswith("; 1 new story.") for s in at.success), [s.value for s in at.success]
    upload(at, "2021-07-09-难了，巴基斯坦是塔利班大后方.md", "2021-07-09-台灣駐海地大使館遭潛入 11名武裝分子被捕.md")
    assert any(s.value.endswith("; 1 new story, 1 grew.") for s in at.success), [s.value for s in at.success]
    assert not any("updated" in s.value for s in at.success)
    # The recent-work panel says it too; an upload recorded before the counts keeps its old line.
    assert any("1 new story, 1 grew" in c.value for c in at.caption), [c.value for c in at.caption]
    assert jobs.upload_story_line({"stories_touched": ["a", "b"]}) == "2 stories updated"


def test_an_upload_whose_records_name_no_outlet_says_so_by_file(workspace) -> None:
    # A made-up export without an outlet column: stored as outlet "unknown", and said, not silent.
    record = {"title": "Made-up ferry delayed", "date": "2021-07-10", "text": "A made-up ferry was delayed."}
    at = app().run()
    uploader_of(at).set_value(
        [("export.jsonl", (json.dumps(record) + "\n").encode(), "application/jsonl")]).run()
    at.button(key="add_uploads").click().run()
    assert run_jobs(workspace) == 1
    at.run()
    no_errors(at)
    assert [unescape(i.value) for i in at.info if "outlet" in i.value] == [
        "export.jsonl: 1 article without an outlet or URL, stored as outlet 'unknown' (name it: an outlet field "
        "or column, or outlet: in a front matter)"]


def test_hostile_markup_is_shown_as_text(workspace) -> None:
    xss_id = article_ids_of(FIXTURES / "articles" / "2021-07-06-xss-test.md")[0]
    with Store(workspace) as store:
        story_id = store.story_of_article(xss_id)
    at = app().run()
    at.toggle(key="multi_only").set_value(False).run()
    open_story(at, story_id)
    at.selectbox(key="reader_article").select(xss_id).run()
    no_errors(at)
    rendered = (
        [h.value for h in at.header]
        + [m.value for m in at.markdown]
        + [c.value for c in at.caption]
    )
    joined = "\n".join(rendered)
    assert "<script" not in joined and "<img" not in joined
    assert "javascript:" not in joined
    # ...and the characters themselves are there, as text.
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;".replace("(", "&#40;").replace(")", "&#41;")
        in joined
    )
    assert "onerror=alert" in joined


def test_split_then_move_back_are_persisted(workspace, seed_story_id) -> None:
    at = open_story(app().run(), seed_story_id)
    with Store(workspace) as store:
        members = [m["article_id"] for m in store.story(seed_story_id)["members"]]
    assert len(members) >= 2
    split_off = members[-1]
    at.multiselect(key="split_articles").set_value([split_off]).run()
    at.button(key="do_split").click().run()
    no_errors(at)
    assert [s.value for s in at.success] == ["Story split."]
    with Store(workspace) as store:
        new_story = store.story_of_article(split_off)
        assert new_story != store.story_of_article(members[0])
        assert store.edits(), "the split was not recorded as an edit"
    # The app follows the split-off story; move its article back by hand.
    assert at.session_state["story_id"] == new_story
    assert any(c.value.startswith("1 article from 1 outlet ·") for c in at.caption), [c.value for c in at.caption]
    at.selectbox(key="move_article").select(split_off).run()
    target = store_story_of(workspace, members[0])
    with Store(workspace) as store:
        label = store.story(target)["label"]
    at.selectbox(key="move_target").select(target).run()
    at.button(key="do_move").click().run()
    no_errors(at)
    assert store_story_of(workspace, split_off) == target
    with Store(workspace) as store:
        pinned = {m["article_id"]: m["pinned"] for m in store.story(target)["members"]}
    assert pinned[split_off] is True  # placed by hand: kept there when stories are rebuilt
    with Store(workspace) as store:
        assert store.story(target)["label"] == label  # the moved article does not rename its new story


def test_a_story_name_too_long_or_with_control_characters_is_refused_in_one_line(workspace, seed_story_id) -> None:
    """A story's name is capped (clustering.edits.MAX_LABEL_CHARS), trimmed, and refused with
    control characters, one line saying why, the Rename button disabled."""
    from clustering.edits import MAX_LABEL_CHARS

    at = open_story(app().run(), seed_story_id)
    with Store(workspace) as store:
        before = store.story(seed_story_id)["label"]
    for label, why in [("x" * (MAX_LABEL_CHARS + 1), f"at most {MAX_LABEL_CHARS} characters"),
                       ("Reservists\x1b[2Jcalled up", "control characters (U+001B")]:
        at.text_input(key="rename_label").set_value(label).run()
        (line,) = [e.value for e in at.error]
        assert why in line and "\n" not in line
        assert at.button(key="do_rename").disabled
        with Store(workspace) as store:  # a crafted client's click: the edit refuses it too
            assert store.story(seed_story_id)["label"] == before
    at.text_input(key="rename_label").set_value("  Reservists\ncalled up  ").run()
    no_errors(at)
    at.button(key="do_rename").click().run()
    no_errors(at)
    with Store(workspace) as store:
        assert store.story(seed_story_id)["label"] == "Reservists called up"


def test_a_would_be_formula_in_a_table_is_exported_as_text_and_shown_as_written(workspace, seed_story_id) -> None:
    """Streamlit's own "Download as CSV" writes each cell's value: a story named "=HYPERLINK(...)"
    is listed with the apostrophe in its value (what the export writes) and shown without it
    (the table's display value, dashboard.text.export_guarded)."""
    from streamlit import dataframe_util

    from clustering import edits

    hostile = '=HYPERLINK("http://example.com/x","click")'
    with Store(workspace) as store:
        edits.rename_story(store, seed_story_id, hostile)
    at = app().run()
    no_errors(at)
    table = at.dataframe(key="story_table")
    row = listed_ids(at).index(seed_story_id)
    assert table.value["label"].iloc[row] == "'" + hostile
    shown = dataframe_util.convert_arrow_bytes_to_pandas_df(table.proto.arrow_data.styler.display_values)
    assert shown["label"].iloc[row] == hostile
    others = [v for i, v in enumerate(table.value["label"]) if i != row]
    assert not any(str(v).startswith("'") for v in others)  # the other names as they were


def store_story_of(db: Path, article_id: str) -> str | None:
    with Store(db) as store:
        return store.story_of_article(article_id)


def test_stories_of_an_older_clusterer_are_regrouped_on_open(workspace: Path):
    from clustering import pipeline

    with Store(workspace) as store:
        before = {s["id"] for s in store.stories()}
        # As a store written before the clusterer recorded its version would be.
        store.set_meta(pipeline.STORIES_CLUSTERER_META, "")
        assert pipeline.stories_outdated(store)
    from dashboard import worker

    with Store(workspace) as store:
        worker.schedule_startup(store)  # what the worker does when it starts
    assert run_jobs(workspace) == 1
    at = app().run()
    no_errors(at)
    with Store(workspace) as store:
        assert not pipeline.stories_outdated(store)
        assert {s["id"] for s in store.stories()} == before  # same clusterer: same stories
    assert set(listed_ids(at)) <= before and listed_ids(at)


def _seed_outlets() -> tuple[str, str]:
    import articles

    found = [
        next(a for a in articles.read_path(REPO_ROOT / f) if isinstance(a, articles.Article))
        for f in SEED_FILES
    ]
    return found[0].outlet, found[1].outlet  # Al Jazeera, VOA


def _stories_of_seeds(db: Path) -> tuple[str | None, str | None]:
    with Store(db) as store:
        return tuple(store.story_of_article(article_ids_of(REPO_ROOT / f)[0]) for f in SEED_FILES)


def _check_seed_example(workspace: Path) -> None:
    """The first "Seed example" button opens a story that shows Al Jazeera and VOA side by side
    (as members, or Al Jazeera's roundup through its section reporting this story)."""
    aj_story, voa_story = _stories_of_seeds(workspace)
    assert aj_story and voa_story, "a seed is in no story"
    at = app().run()
    buttons = [b for b in at.button if (b.key or "").startswith("seed_")]
    assert buttons, "no seed example button"
    buttons[0].click().run()
    no_errors(at)
    opened = at.session_state["story_id"]
    assert opened in (aj_story, voa_story)
    aj, voa = _seed_outlets()
    side_by_side = at.multiselect(key=f"side_by_side_{opened}").value
    assert aj in side_by_side and voa in side_by_side, side_by_side


def test_seed_example_shows_al_jazeera_and_voa_side_by_side(workspace) -> None:
    """On the test workspace (two seeds and a dozen demo articles)."""
    _check_seed_example(workspace)


@pytest.fixture(scope="session")
def demo_workspace(tmp_path_factory) -> Path:
    """The whole demo corpus (seeds/), built as the worker builds it on first launch."""
    from dashboard import worker

    db = tmp_path_factory.mktemp("demo") / "parallax.db"
    with Store(db) as store:
        worker.schedule_startup(store)
        assert jobs.drain(store) == 1
        assert store.count_stories()
    return db


def test_seed_example_on_the_demo_corpus(demo_workspace, tmp_path, monkeypatch) -> None:
    db = tmp_path / "parallax.db"
    shutil.copy(demo_workspace, db)
    monkeypatch.setenv(DB_ENV, str(db))
    _check_seed_example(db)


def test_huge_gzip_upload_is_capped_in_the_background(workspace, tmp_path, monkeypatch) -> None:
    """The issue's case: a 1 MB gzip under a .jsonl name holding 305,545 records."""
    import gzip
    import json
    import threading

    from articles.ingest import records_cap_message

    monkeypatch.setattr(jobs, "MAX_UPLOAD_RECORDS", 60)  # the real cap (5,000) embeds for minutes
    big = tmp_path / "big.jsonl"
    with gzip.open(big, "wt", encoding="utf-8", compresslevel=9) as out:
        for i in range(305_545):
            out.write(json.dumps({"title": f"t{i}", "date": "2021-07-05", "text": "x"}) + "\n")
    assert big.stat().st_size < jobs.MAX_UPLOAD_BYTES
    with Store(workspace) as store:
        count = store.count_articles()
    uploader = app().run()
    uploader_of(uploader).set_value([("big.jsonl", big.read_bytes(), "application/jsonl")]).run()
    uploader.button(key="add_uploads").click().run()
    no_errors(uploader)
    with Store(workspace) as store:
        assert store.count_articles() == count  # nothing read on the request path
        (job,) = store.jobs(active=True)
    worker = threading.Thread(target=run_jobs, args=(workspace,))
    worker.start()
    reader = app().run()  # another journalist keeps browsing meanwhile
    no_errors(reader)
    assert listed_ids(reader)
    worker.join(timeout=600)
    with Store(workspace) as store:
        done = store.job(job["id"])
        assert done["state"] == "done", done
        assert store.count_articles() == count + 60
    assert done["result"]["rejected"] == [["big.jsonl", records_cap_message(60)]]
    uploader.run()
    no_errors(uploader)
    assert any(c.startswith("✗ big.jsonl: ") and "records-per-upload cap" in c for c in upload_summary_captions(uploader))
    assert not list((workspace.parent / "uploads").iterdir())


def test_served_to_the_network_without_a_login_says_so(workspace) -> None:
    from streamlit import config

    def warnings() -> list[str]:
        at = app().run()
        no_errors(at)
        return [w.value for w in at.warning if "without a login" in w.value]

    assert warnings() == []  # the shipped config: 127.0.0.1 only
    before = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    try:
        (line,) = warnings()
    finally:
        config.set_option("server.address", before)
    assert "0.0.0.0" in line and "PARALLAX_EDITOR_PASSWORD_HASH" in line


def test_viewer_role_cannot_upload_or_edit(workspace, seed_story_id, monkeypatch) -> None:
    from dashboard import auth

    monkeypatch.setenv(auth.EDITOR_HASH_ENV, auth.hash_password("editor-pw", iterations=1000))
    monkeypatch.setenv(auth.VIEWER_HASH_ENV, auth.hash_password("viewer-pw", iterations=1000))
    at = app().run()
    assert not at.dataframe  # nothing shown before logging in
    # A form: the value goes with the click.
    at.text_input(key="password").input("wrong")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["Wrong password."]
    at.text_input(key="password").input("viewer-pw")
    at.button[0].click().run()
    no_errors(at)
    assert at.session_state["role"] == auth.VIEWER
    assert listed_ids(at)
    assert not [u for u in at.get("file_uploader")]
    open_story(at, seed_story_id)
    assert not [b for b in at.button if b.key in ("do_move", "do_split", "do_merge")]


def test_password_guessing_is_stopped_across_sessions(workspace, monkeypatch) -> None:
    """Each new session (a reload) had its own tries and no limit: five wrong passwords from
    one address, in any sessions, and the next try, right or wrong, waits; nothing is shown."""
    from dashboard import auth

    monkeypatch.setenv(auth.EDITOR_HASH_ENV, auth.hash_password("editor-pw", iterations=1000))
    monkeypatch.setattr(auth, "THROTTLE", auth.LoginThrottle())  # this test's guesses only

    def attempt(password: str):
        at = app().run()  # a new session each time, as a guesser's reloads are
        at.text_input(key="password").input(password)
        at.button[0].click().run()
        return at

    for _ in range(auth.MAX_FAILURES):
        assert [e.value for e in attempt("guess").error] == ["Wrong password."]
    at = attempt("editor-pw")
    assert "role" not in at.session_state and not at.dataframe
    (line,) = [e.value for e in at.error]
    assert line.startswith("Too many wrong passwords: try again in ")


def test_logging_out_leaves_nothing_of_the_session_to_the_next_person(workspace, seed_story_id, monkeypatch) -> None:
    """A shared desk machine: an editor searches, opens a story and uploads, then logs out;
    who logs in next in that tab starts afresh (no search, story, upload summary, address)."""
    from dashboard import auth

    monkeypatch.setenv(auth.EDITOR_HASH_ENV, auth.hash_password("editor-pw", iterations=1000))
    monkeypatch.setenv(auth.VIEWER_HASH_ENV, auth.hash_password("viewer-pw", iterations=1000))
    monkeypatch.setattr(auth, "THROTTLE", auth.LoginThrottle())

    def log_in(at, password: str):
        at.text_input(key="password").input(password)
        at.button[0].click().run()
        no_errors(at)
        return at

    at = log_in(app().run(), "editor-pw")
    open_story(at, seed_story_id)
    uploader_of(at).set_value([("notes.md", b"", "text/markdown")]).run()
    at.button(key="add_uploads").click().run()
    assert at.session_state["upload_refused"]
    at.button(key="back").click().run()
    at.text_input(key="keyword").input("embargoed source").run()
    assert at.query_params.get("q")
    at.button(key="logout").click().run()
    assert at.text_input(key="password")  # the login form again
    assert not at.query_params.get("q")
    at = log_in(at, "viewer-pw")
    assert at.session_state["role"] == auth.VIEWER
    for key in ("keyword", "story_id", "upload_refused", "upload_job"):
        assert at.session_state[key] in (None, "") if key in at.session_state else True, key
    assert not any("notes.md" in c.value for c in at.caption)


def test_the_server_never_clusters_embeds_or_forks(workspace, seed_story_id, monkeypatch) -> None:
    """List, open, edit and upload with grouping, embedding and os.fork made to fail:
    the server process only reads, edits and queues jobs (the worker does the rest)."""
    import os

    import embeddings
    from clustering import pipeline

    def forbidden(*args, **kwargs):
        raise AssertionError("called in the server process")

    for name in ("run", "recluster", "update_stories", "embed"):
        monkeypatch.setattr(pipeline, name, forbidden)
    monkeypatch.setattr(embeddings, "embed_articles", forbidden)
    monkeypatch.setattr(os, "fork", forbidden)
    at = open_story(app().run(), seed_story_id)
    with Store(workspace) as store:
        other = next(s["id"] for s in store.stories() if s["id"] != seed_story_id)
    at.selectbox(key="merge_with").select(other).run()
    at.button(key="do_merge").click().run()
    no_errors(at)
    assert [s.value for s in at.success] == ["Stories merged."]
    good = next((REPO_ROOT / "seeds/nbw-2021-07").glob("2021-07-09-难了，巴基斯坦是塔利班大后方.md"))
    uploader_of(at).set_value([(good.name, good.read_bytes(), "text/markdown")]).run()
    at.button(key="add_uploads").click().run()
    no_errors(at)
    with Store(workspace) as store:
        # Queued for the worker: the upload, and the merged story's comparison.
        assert sorted(j["kind"] for j in store.jobs(active=True)) == [jobs.COMPARE, jobs.UPLOAD]


def test_the_models_reasons_are_shown_on_request(workspace, seed_story_id) -> None:
    """The "Why, according to the model" button: its code is loaded inside its spinner (clicked
    before the warm-up, it loaded scikit-learn with nothing on screen), then one row per article."""
    at = open_story(app().run(), seed_story_id)
    at.button(key=f"reasons_{seed_story_id}").click().run()
    no_errors(at)
    reasons = frame_with(at, "P(same happening)")
    with Store(workspace) as store:
        n_members = len(store.story(seed_story_id)["members"])
    assert reasons is not None and len(reasons) == n_members
    assert reasons["P(same happening)"].between(0, 1).all()
    # The reasons beside the titles, not behind a scroll bar: titles at a set width, in that order.
    import json

    from dashboard.app import REASONS_COLUMNS, REASONS_P_WIDTH, REASONS_TITLE_WIDTH

    (table,) = [f.proto for f in at.dataframe if "P(same happening)" in getattr(f.value, "columns", [])]
    assert list(table.column_order) == REASONS_COLUMNS == ["title", "P(same happening)", "strongest reasons",
                                                           "closest in the story"]
    columns = {c.get("label"): c for c in json.loads(table.columns).values()}
    assert columns["title"]["width"] == columns["closest in the story"]["width"] == REASONS_TITLE_WIDTH
    assert columns["strongest reasons"]["width"] == "large"
    assert columns["P(same happening)"]["width"] == REASONS_P_WIDTH
    # Kept on screen through the page's next run (an edit control picked below the table ended
    # them: a button is pressed for one run only), read again from the server's cache.
    at.run()
    no_errors(at)
    again = frame_with(at, "P(same happening)")
    assert again is not None and again.equals(reasons)
