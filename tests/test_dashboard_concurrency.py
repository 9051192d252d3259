"""Several journalists on one workspace at once: nothing lost, nothing in two stories.

Each run copies a small real workspace and drives, at the same time:

* editing sessions over the library API (threads, each with its own stories):
  move an article into a story, split it off again, move it back;
* two AppTest sessions (the real app script) merging two stories each;
* an uploader queueing uploads and a desk queueing regroupings (recluster);
* the background worker running the queued jobs (a thread here; a process in
  the app).

An edit refused because its stories changed since they were read
(``StaleStoryError``, shown to the journalist in the app) is retried on the
fresh state, as the journalist would. At the end: every edit that reported
success is in force, every article is in exactly one story, the edit log has
every successful edit, and ``PRAGMA integrity_check`` says ok.

``PARALLAX_CONCURRENCY_RUNS=100`` repeats it 100 times (3 by default).
"""

from __future__ import annotations

import os
import random
import shutil
import threading
import time
import traceback
from pathlib import Path

import pytest

from dashboard import actions, jobs
from dashboard.workspace import DB_ENV, REPO_ROOT
from store import StaleStoryError, Store
from tests import test_dashboard_app as app_tests

pytestmark = pytest.mark.slow

RUNS = int(os.environ.get("PARALLAX_CONCURRENCY_RUNS", "3"))
DEMO = REPO_ROOT / "seeds" / "nbw-2021-07"
# Unrelated demo articles: more stories to edit (built into the workspace) ...
EXTRA = [
    "2021-07-04-菲律宾军机坠毁 45人丧生.md",
    "2021-07-07-花蓮地震規模5.4 最大震度4級.md",
    "2021-07-09-美国加州地震 规模5.9 – 法国国际广播电台 - RFI.md",
    "2021-07-06-周杰伦IG账号遭假冒 五月天阿信曾差点受骗.md",
    "2021-07-08-丹麦逾20公尺高沙堡矗立海滩 刷新金氏世界纪录 – 法国国际广播电台 - RFI.md",
    "2021-07-05-章子怡携两个女儿 冒雨捧场汪峰演唱会.md",
    "2021-07-07-亚马逊开源 Lumberyard，由 Linux 基金会托管.md",
    "2021-07-04-湖北荆门3.5级地震 当地网民指震感强烈.md",
]
# ... and what the uploader adds while the others edit: reports of the stories being
# edited (the Haiti assassination, the Taliban offensive), which join them.
UPLOADS = [
    "2021-07-07-友邦海地總統遇刺身亡 第一夫人重傷將送美治療.md",
    "2021-07-07-海地总统摩依士遇刺丧命 邻国封闭边界 – 法国国际广播电台 - RFI.md",
    "2021-07-06-塔利班在东北部攻势受阻.md",
    "2021-07-07-海地总统莫伊兹遇刺身亡的背景.md",
    "2021-07-05-迈阿密半壁危楼爆破轰塌了.md",
]
LIB_SESSIONS = 2
APP_SESSIONS = 2
RETRIES = 20


@pytest.fixture(scope="session")
def concurrent_base(tmp_path_factory) -> Path:
    from clustering import pipeline

    db = tmp_path_factory.mktemp("concurrency") / "base.db"
    inputs = [str(p) for p in app_tests.fixture_inputs()] + [str(DEMO / name) for name in EXTRA]
    with Store(db) as store:
        pipeline.run(inputs, store)
    return db


def _plan(store: Store) -> dict:
    """Disjoint stories per session: each edits only its own."""
    stories = sorted(store.stories(), key=lambda s: (-len(s["members"]), s["id"]))
    multi = [s for s in stories if len(s["members"]) >= 2]
    assert len(multi) >= LIB_SESSIONS, "the test workspace has too few multi-article stories"
    used: set[str] = set()
    moves = []
    for target in multi[:LIB_SESSIONS]:
        used.add(target["id"])
    for target in multi[:LIB_SESSIONS]:
        source = next(s for s in reversed(stories) if s["id"] not in used)
        used.add(source["id"])
        moves.append(
            {
                "article": source["members"][0]["article_id"],
                "anchor": target["members"][0]["article_id"],
            }
        )
    merges = []
    free = [s for s in stories if s["id"] not in used]
    for k in range(APP_SESSIONS):
        pair = free[2 * k : 2 * k + 2]
        assert len(pair) == 2, "the test workspace has too few stories"
        merges.append(
            {"a": [m["article_id"] for m in pair[0]["members"]],
             "b": [m["article_id"] for m in pair[1]["members"]]}
        )
    return {"moves": moves, "merges": merges}


def _retry(edit, conflicts: list) -> object:
    """Run an edit on fresh versions; a conflict is reported (here: counted) and retried."""
    for _ in range(RETRIES):
        try:
            return edit()
        except StaleStoryError:
            conflicts.append(1)
            time.sleep(random.uniform(0.0, 0.05))
    raise AssertionError("an edit conflicted on every retry")


def _library_session(
    db: Path, move: dict, log: list, conflicts: list, errors: list, busy: threading.Event
) -> None:
    """Move an article into a story, split it off, move it back (each as a journalist would:
    the story versions are read when the page is drawn, then the edit is made)."""
    try:
        with Store(db) as store:
            article, anchor = move["article"], move["anchor"]

            def move_in() -> str:
                target = store.story_of_article(anchor)
                source = store.story_of_article(article)
                seen = store.story_versions([target, source])
                time.sleep(random.uniform(0.0, 0.02))  # the journalist reads, then clicks
                return actions.move_article(store, article, target, seen)

            def split_off() -> str:
                story = store.story_of_article(article)
                seen = store.story_versions([story])
                time.sleep(random.uniform(0.0, 0.02))
                return actions.split_story(store, story, [article], seen)

            # Keep editing while uploads and regroupings run (at least two rounds).
            rounds = 0
            while rounds < 2 or not busy.is_set():
                for step in (move_in, split_off, move_in):
                    _retry(step, conflicts)
                    log.append(step.__name__)
                    time.sleep(random.uniform(0.0, 0.05))
                rounds += 1
    except Exception as exc:  # noqa: BLE001 - reported by the main thread
        errors.append(repr(exc) + "\n" + traceback.format_exc())


def _app_sessions(db: Path, merges: list[dict], log: list, conflicts: list, errors: list) -> None:
    """Journalists in the real app script, each merging two stories (retrying when told of
    a conflict). AppTest cannot run in two threads at once, so one thread drives the
    sessions step by step, interleaved: each session draws its page, then each clicks,
    so every click acts on a page drawn before the others' clicks and the other threads'
    work."""
    try:
        sessions = [{"at": app_tests.app(), "merge": m, "done": False, "tries": 0} for m in merges]
        while not all(s["done"] for s in sessions):
            pending = [s for s in sessions if not s["done"]]
            for s in pending:  # draw: open the first story, pick the second to merge with
                _draw_merge(db, s)
            for s in pending:  # click
                at = s["at"]
                at.button(key="do_merge").click().run()
                assert not at.exception, [e.value for e in at.exception]
                if [m.value for m in at.success] == ["Stories merged."]:
                    log.append("merge")
                    s["done"] = True
                    continue
                warned = [w.value for w in at.warning]
                assert any("changed by someone else" in w for w in warned), (
                    warned, [e.value for e in at.error], [m.value for m in at.markdown][:3])
                conflicts.append(1)
                s["tries"] += 1
                assert s["tries"] < RETRIES, "the merge conflicted on every retry"
    except Exception as exc:  # noqa: BLE001 - reported by the main thread
        errors.append(repr(exc) + "\n" + traceback.format_exc())


def _draw_merge(db: Path, session: dict) -> None:
    """Open the story holding the merge's first article and pick the one holding its second,
    as the journalist sees them: drawn again when a regrouping landed between finding the
    stories and drawing the page (the page then shows other stories under those ids)."""
    at = session["at"]
    for _ in range(RETRIES):
        with Store(db) as store, store.transaction():  # one consistent read
            a = store.story_of_article(session["merge"]["a"][0])
            b = store.story_of_article(session["merge"]["b"][0])
            expected = store.story_versions([a, b])
        if a == b:
            raise AssertionError("the stories to merge are already one")
        at.session_state["story_id"] = a
        at.run()
        at.selectbox(key="merge_with").select(b).run()
        assert not at.exception, [e.value for e in at.exception]
        shown = at.session_state["seen_versions"]
        if all(shown.get(sid) == version for sid, version in expected.items()):
            return  # the page showed exactly those stories
    raise AssertionError("the stories to merge changed on every draw")


def _uploader(db: Path, folder: Path, errors: list) -> None:
    try:
        with Store(db) as store:
            for name in UPLOADS:
                path = DEMO / name
                actions.queue_upload(store, [(path.name, path.read_bytes())], folder)
                time.sleep(random.uniform(0.0, 0.1))
    except Exception as exc:  # noqa: BLE001
        errors.append(repr(exc) + "\n" + traceback.format_exc())


def _desk(db: Path, errors: list) -> None:
    try:
        with Store(db) as store:
            for _ in range(3):
                time.sleep(random.uniform(0.05, 0.4))
                actions.queue_recluster(store)
    except Exception as exc:  # noqa: BLE001
        errors.append(repr(exc) + "\n" + traceback.format_exc())


def _worker(db: Path, stop: threading.Event, errors: list) -> None:
    try:
        with Store(db) as store:
            while not stop.is_set():
                if not jobs.drain(store, limit=1):
                    time.sleep(0.02)
            jobs.drain(store)
    except Exception as exc:  # noqa: BLE001
        errors.append(repr(exc) + "\n" + traceback.format_exc())


def _slow_clustering(monkeypatch) -> None:
    """Widen the race windows: the grouping takes a little longer, as on a large workspace,
    so edits land while a regrouping or an upload's grouping computes."""
    from clustering import pipeline

    class Slow(pipeline.StoryClusterer):
        def fit(self, *args, **kwargs):
            time.sleep(random.uniform(0.05, 0.3))
            return super().fit(*args, **kwargs)

        def partial_fit(self, *args, **kwargs):
            time.sleep(random.uniform(0.05, 0.3))
            return super().partial_fit(*args, **kwargs)

    monkeypatch.setattr(pipeline, "StoryClusterer", Slow)


def _wait_for_jobs(db: Path, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    with Store(db) as store:
        while store.jobs(active=True, limit=1) and time.monotonic() < deadline:
            time.sleep(0.05)


@pytest.mark.parametrize("run", range(RUNS))
def test_concurrent_sessions_lose_nothing(run, concurrent_base, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PARALLAX_WORKER", "off")
    _slow_clustering(monkeypatch)
    db = tmp_path / "parallax.db"
    shutil.copy(concurrent_base, db)
    monkeypatch.setenv(DB_ENV, str(db))
    with Store(db) as store:
        plan = _plan(store)
        before = store.count_articles()

    log: list = []
    conflicts: list = []
    errors: list = []
    stop = threading.Event()
    jobs_done = threading.Event()
    worker = threading.Thread(target=_worker, args=(db, stop, errors))
    sessions = [
        threading.Thread(target=_library_session, args=(db, m, log, conflicts, errors, jobs_done))
        for m in plan["moves"]
    ] + [
        threading.Thread(target=_app_sessions, args=(db, plan["merges"], log, conflicts, errors)),
        threading.Thread(target=_uploader, args=(db, tmp_path / "uploads", errors)),
        threading.Thread(target=_desk, args=(db, errors)),
    ]
    worker.start()
    for thread in sessions:
        thread.start()
    for thread in sessions[-2:]:  # the uploader and the desk have queued everything
        thread.join(timeout=600)
    _wait_for_jobs(db)
    jobs_done.set()  # the editors finish their round
    for thread in sessions:
        thread.join(timeout=600)
    stop.set()
    worker.join(timeout=600)
    assert not errors, errors
    print(f"run {run}: {len(conflicts)} conflict(s) shown and retried")
    assert not any(t.is_alive() for t in [*sessions, worker]), "a session did not finish"

    with Store(db) as store:
        assert store.integrity_check() == "ok"
        failed = [j for j in store.jobs(limit=100) if j["state"] != "done"]
        assert not failed, failed
        assert store.count_articles() == before + len(UPLOADS)
        # Every article in exactly one story.
        assert store.membership_problems() == {}
        # Every successful edit is logged ...
        assert len(store.edits()) == len(log) >= 6 * LIB_SESSIONS + APP_SESSIONS
        # ... and in force.
        for move in plan["moves"]:
            story = store.story_of_article(move["article"])
            assert story == store.story_of_article(move["anchor"]), "a manual move was undone"
            pinned = {m["article_id"]: m["pinned"] for m in store.story(story)["members"]}
            assert pinned[move["article"]] is True
        for merge in plan["merges"]:
            merged = {store.story_of_article(a) for a in merge["a"] + merge["b"]}
            assert len(merged) == 1, "a merge was undone"
    assert not list((tmp_path / "uploads").iterdir()), "uploads were not deleted after ingest"
