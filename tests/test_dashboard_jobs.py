"""The worker's jobs without Streamlit: comparison budgets, the worker lock, passwords, the store's job table."""

from __future__ import annotations

import dataclasses
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.model import Article
from dashboard import auth, jobs, worker
from store import StaleStoryError, Store

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "dashboard"))
import fake_store  # noqa: E402


def _article(i: int, outlet: str, chars: int = 50) -> Article:
    return Article(f"a{i}", outlet, f"title {i}", None, datetime(2021, 7, 5, tzinfo=UTC) + timedelta(hours=i),
                   "en", None, ["x" * chars])


def test_size_budget_takes_one_article_per_outlet_first_and_says_what_it_left_out() -> None:
    found = [_article(i, f"outlet {i % 3}") for i in range(30)]
    chosen, note = jobs.within_budget(found)
    assert len(chosen) == jobs.COMPARE_MAX_ARTICLES
    assert {a.outlet for a in chosen[:3]} == {"outlet 0", "outlet 1", "outlet 2"}
    assert note and f"compared {jobs.COMPARE_MAX_ARTICLES} of 30 articles" in note
    long = [_article(0, "A", jobs.COMPARE_MAX_CHARS * 3), _article(1, "B")]
    chosen, note = jobs.within_budget(long)
    assert len(chosen[0].text) <= jobs.COMPARE_MAX_CHARS and "first 20,000 characters" in note
    assert jobs.within_budget(long[1:])[1] is None


def test_time_budget_stops_the_comparison_process_and_the_page_is_told(tmp_path: Path) -> None:
    fake_store.build(tmp_path / "w.db")
    with Store(tmp_path / "w.db") as store:
        story = next(s for s in store.stories() if len(s["members"]) >= 2)
        runner = worker.CompareProcess()
        try:
            # A real (spawned) comparison process that cannot finish in the budget.
            result = jobs.run_compare(store, {"story_id": story["id"]}, lambda *_: None, runner, time_budget=0.01)
        finally:
            runner.stop()
        assert "time budget" in result["budget"]
        found = store.articles([m["article_id"] for m in story["members"]])
        cached = jobs.cached_comparison(store, story["id"], found)
        assert cached["findings"] == [] and "time budget" in cached["budget"]


def test_compare_job_caches_under_the_full_signature_when_within_budget(tmp_path: Path) -> None:
    import comparison

    fake_store.build(tmp_path / "w.db")
    with Store(tmp_path / "w.db") as store:
        story = next(s for s in store.stories() if len(s["members"]) >= 2)
        calls = []

        def runner(found, timeout):
            calls.append(len(found))
            return comparison.compare(found, use_dense=False).to_dict()

        jobs.run_compare(store, {"story_id": story["id"]}, lambda *_: None, runner)
        assert jobs.run_compare(store, {"story_id": story["id"]}, lambda *_: None, runner)["cached"]
        assert calls == [len(story["members"])]
        # The library's own cache (python -m comparison STORY_ID) finds it too.
        assert comparison.compare_story(store, story["id"], use_dense=False) is not None


def test_one_worker_per_workspace(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    assert not worker.worker_running(db)
    held = worker._try_lock(db, record_pid=True)
    try:
        assert worker.worker_running(db)
        assert worker._try_lock(db) is None
    finally:
        held.close()
    assert not worker.worker_running(db)


@settings(max_examples=10, deadline=None)
@given(st.text(min_size=8, max_size=30), st.text(min_size=1, max_size=30))
def test_password_hashes(password: str, other: str) -> None:
    encoded = auth.hash_password(password, iterations=1000)
    assert auth.verify_password(password, encoded)
    assert auth.verify_password(other, encoded) == (other == password)
    assert not auth.verify_password(password, "garbage")


@pytest.mark.parametrize("typed", [["secret-1", "secret-2"], ["", ""]])
def test_a_mistyped_password_leaves_stdout_empty(typed: list[str], monkeypatch, capsys) -> None:
    # The README reads stdout into the hash variable: a message there would become the "hash".
    answers = iter(typed)
    monkeypatch.setattr(auth.getpass, "getpass", lambda _prompt="": next(answers))
    assert auth.main() == 1
    out, err = capsys.readouterr()
    assert out == "" and "no hash made" in err


def test_a_password_typed_twice_prints_only_its_hash(monkeypatch, capsys) -> None:
    monkeypatch.setattr(auth.getpass, "getpass", lambda _prompt="": "secret-1")
    assert auth.main() == 0
    out, _ = capsys.readouterr()
    assert auth.verify_password("secret-1", out.strip()) and len(out.strip().splitlines()) == 1


def test_an_upload_the_worker_was_stopped_in_is_read_again_once_requeued(tmp_path: Path, monkeypatch) -> None:
    """SIGTERM mid-upload (a restart) deleted the files: the requeued job then said "no such
    file" and left the articles stored before the stop in no story."""
    from dashboard import actions

    text = "---\ntitle: Reservists at the border\noutlet: Wire\ndate: 2021-07-09\n---\n" + "Tajikistan mobilized reservists. " * 20
    grouped: list[list[str]] = []
    monkeypatch.setattr(jobs, "_group_uploaded", lambda store, ids: (grouped.append(ids), ([], "1 new story"))[1])

    def stopped(*args, **kwargs):
        raise SystemExit(0)  # what the worker's SIGTERM handler raises

    with Store(tmp_path / "ws.db") as store:
        job_id, _ = actions.queue_upload(store, [("a.md", text.encode())], tmp_path / "uploads")
        params = store.job(job_id)["params"]
        monkeypatch.setattr(jobs, "_embed", stopped)
        with pytest.raises(SystemExit):
            jobs.run_upload(store, params, lambda *_: None)
        assert [p.name for p in (tmp_path / "uploads").iterdir()] and store.count_articles() == 1
        monkeypatch.setattr(jobs, "_embed", lambda *args: None)
        result = jobs.run_upload(store, params, lambda *_: None)
    assert result["rejected"] == [] and len(grouped) == 1 and len(grouped[0]) == 1
    assert not list((tmp_path / "uploads").iterdir())


def test_an_unverified_address_opens_no_editor_role(monkeypatch) -> None:
    monkeypatch.setenv(auth.EDITORS_ENV, "Desk@Example.org, chief@example.org")
    assert auth.role_for_email("desk@example.org") == auth.EDITOR  # no claim sent: as before
    assert auth.role_for_email(" DESK@example.org", True) == auth.EDITOR
    assert auth.role_for_email("desk@example.org", False) == auth.VIEWER
    # Some providers send the claim as a string: "false" is no verification ("false" is not False).
    assert auth.role_for_email("desk@example.org", "false") == auth.VIEWER
    assert auth.role_for_email("desk@example.org", "FALSE") == auth.VIEWER
    assert auth.role_for_email("desk@example.org", "true") == auth.EDITOR
    assert auth.role_for_email("desk@example.org", 0) == auth.VIEWER
    assert auth.role_for_email("someone@example.org", True) == auth.VIEWER
    assert auth.role_for_email(None) == auth.VIEWER
    monkeypatch.delenv(auth.EDITORS_ENV)
    assert auth.role_for_email("anyone@example.org", False) == auth.EDITOR  # no list: all edit (README)


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_password_guessing_is_throttled_per_address_then_overall(monkeypatch) -> None:
    """Five wrong passwords a minute from one address; then even the right one is refused, and
    not checked (no PBKDF2 run for a guesser), until the oldest failure is a minute old."""
    monkeypatch.setenv(auth.EDITOR_HASH_ENV, auth.hash_password("right", iterations=1000))
    clock = _Clock()
    throttle = auth.LoginThrottle(per_client=5, overall=8, window_s=60, clock=clock)
    for _ in range(5):
        assert auth.login("wrong", "10.0.0.1", throttle) == (None, 0.0)
        clock.now += 1
    checked = []
    monkeypatch.setattr(auth, "role_for_password", lambda pw: checked.append(pw))
    role, wait = auth.login("right", "10.0.0.1", throttle)
    assert role is None and wait == pytest.approx(55) and checked == []
    monkeypatch.undo()
    monkeypatch.setenv(auth.EDITOR_HASH_ENV, auth.hash_password("right", iterations=1000))
    # Another address may still try; past the overall cap, nobody may.
    assert auth.login("right", "10.0.0.2", throttle) == (auth.EDITOR, 0.0)
    for _ in range(3):
        assert auth.login("wrong", "10.0.0.3", throttle) == (None, 0.0)
    assert auth.login("right", "10.0.0.4", throttle)[1] > 0
    clock.now += 60  # the first failures age out
    assert auth.login("right", "10.0.0.1", throttle) == (auth.EDITOR, 0.0)
    assert auth.login("wrong", "10.0.0.1", throttle) == (None, 0.0)  # (its old failures aged out)


def test_a_viewers_password_does_not_clear_the_count_of_guesses(monkeypatch) -> None:
    """Someone given the viewer's password logging in between guesses at the editor's was
    never throttled (a success forgot the address's failures)."""
    monkeypatch.setenv(auth.EDITOR_HASH_ENV, auth.hash_password("editor-secret", iterations=1000))
    monkeypatch.setenv(auth.VIEWER_HASH_ENV, auth.hash_password("viewer", iterations=1000))
    throttle = auth.LoginThrottle(per_client=5, overall=100, window_s=60, clock=_Clock())
    checked = 0
    for n in range(20):
        checked += auth.login(f"guess {n}", "10.0.0.9", throttle)[1] == 0
        if n % 4 == 3:
            assert auth.login("viewer", "10.0.0.9", throttle)[0] in (auth.VIEWER, None)
    assert checked == 5


def test_guesses_sent_together_are_throttled_as_one_by_one(monkeypatch) -> None:
    """Tries from many sessions at once all passed the check before any failure was recorded
    (each check a PBKDF2 run): now the check counts the try in the same locked step."""
    started = threading.Barrier(12)

    def slow_check(password: str) -> None:
        threading.Event().wait(0.05)  # (the time a PBKDF2 run takes)
        return None

    monkeypatch.setattr(auth, "role_for_password", slow_check)
    throttle = auth.LoginThrottle(per_client=5, overall=100, window_s=60)
    results: list[tuple[str | None, float]] = []

    def guess(n: int) -> None:
        started.wait()
        results.append(auth.login(f"guess {n}", "10.0.0.7", throttle))

    workers = [threading.Thread(target=guess, args=(n,)) for n in range(12)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert sum(wait == 0 for _, wait in results) == 5


def test_the_throttle_counts_failures_from_many_threads() -> None:
    throttle = auth.LoginThrottle(per_client=1000, overall=10_000, window_s=60)
    workers = [threading.Thread(target=lambda: [throttle.failed("a") for _ in range(200)]) for _ in range(8)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert len(throttle._failures["a"]) == 1600


def test_only_loopback_addresses_are_closed_to_the_network() -> None:
    for closed in ("127.0.0.1", "localhost", "::1", "[::1]", " 127.0.0.1 "):
        assert not auth.open_to_network(closed), closed
    for open_ in ("0.0.0.0", "192.168.1.20", "::", "", None):
        assert auth.open_to_network(open_), open_


def test_jobs_are_claimed_once_most_urgent_first(tmp_path: Path) -> None:
    with Store(tmp_path / "w.db") as store:
        low = store.enqueue_job("compare", {"story_id": "a"})
        high = store.enqueue_job("upload", {"files": []}, priority=5)
        assert store.enqueue_job("compare", {"story_id": "a"}, priority=9, unique=True) == low
        claimed: list[int] = []

        def claim() -> None:
            with Store(tmp_path / "w.db") as mine:
                while (job := mine.claim_job()) is not None:
                    claimed.append(job["id"])

        threads = [threading.Thread(target=claim) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(claimed) == sorted([low, high])  # each once
        assert store.requeue_running_jobs() == 2


def test_story_versions_refuse_stale_edits(tmp_path: Path) -> None:
    fake_store.build(tmp_path / "w.db")
    with Store(tmp_path / "w.db") as store:
        story = store.stories()[0]
        seen = store.story_versions([story["id"]])
        store.put_stories([dataclasses.replace(fake_store.STORIES[0]).to_dict()]
                          if fake_store.STORIES[0].id == story["id"] else [story])
        try:
            with store.transaction():
                store.check_story_versions(seen)
            raise AssertionError("a stale view was accepted")
        except StaleStoryError as exc:
            assert exc.story_ids == [story["id"]]
        # Replacing all stories with the same content keeps their versions.
        now = store.story_versions()
        store.replace_stories(store.stories())
        assert store.story_versions() == now
        assert store.integrity_check() == "ok"


def test_an_edit_naming_a_story_a_regrouping_removed_is_stale_not_an_error(tmp_path: Path) -> None:
    """The page's versions were read after a regrouping removed the target story (so the view
    does not list it): the click is still 'changed by someone else', to be redrawn, not a crash."""
    from dashboard import actions

    fake_store.build(tmp_path / "w.db")
    with Store(tmp_path / "w.db") as store:
        stories = store.stories()
        source, target = stories[0], stories[1]
        article = source["members"][0]["article_id"]
        seen = store.story_versions([source["id"]])  # the target went before the versions were read
        store.delete_stories([target["id"]])
        for edit in (
            lambda: actions.move_article(store, article, target["id"], seen),
            lambda: actions.merge_stories(store, [source["id"], target["id"]], seen),
            lambda: actions.split_story(store, target["id"], [article], seen),
        ):
            try:
                edit()
                raise AssertionError("an edit on a removed story was applied")
            except StaleStoryError as exc:
                assert exc.story_ids == [target["id"]]
        assert store.story_versions([source["id"]]) == seen  # nothing written


def test_guessing_from_many_addresses_does_not_lock_out_an_address_that_logged_in(monkeypatch) -> None:
    """Past the overall cap every address was refused: an attacker with a few addresses (or one
    IPv6 host's) locked the desk out. An address a password opened a role from in the last
    KNOWN_FOR_S keeps its own cap only; one that has not is refused as before."""
    monkeypatch.setenv(auth.EDITOR_HASH_ENV, auth.hash_password("right", iterations=1000))
    clock = _Clock()
    throttle = auth.LoginThrottle(per_client=5, overall=8, window_s=60, clock=clock, known_for_s=3600)
    assert auth.login("right", "10.1.1.5", throttle) == (auth.EDITOR, 0.0)  # a desk member, this morning
    clock.now += 600
    for n in range(40):
        auth.login("guess", f"198.51.100.{n}", throttle)
    assert auth.login("right", "10.1.1.5", throttle) == (auth.EDITOR, 0.0)
    assert auth.login("right", "10.1.1.6", throttle)[1] > 0  # never logged in: the overall cap
    for _ in range(5):  # the known address's own cap still holds
        assert auth.login("wrong", "10.1.1.5", throttle) == (None, 0.0)
    assert auth.login("right", "10.1.1.5", throttle)[1] > 0
    clock.now += 3600  # known no longer (and its failures aged out), the guessing goes on
    for n in range(40):
        auth.login("guess", f"198.51.100.{n}", throttle)
    assert auth.login("right", "10.1.1.5", throttle)[1] > 0


def test_one_ipv6_hosts_addresses_count_as_one(monkeypatch) -> None:
    """40 guesses from addresses of one /64 (one host's) were 30 checked and then the desk
    refused; now 5 are checked, as from one address, and another address may still try."""
    monkeypatch.setenv(auth.EDITOR_HASH_ENV, auth.hash_password("right", iterations=1000))
    throttle = auth.LoginThrottle(per_client=5, overall=30, window_s=60, clock=_Clock())
    checked = sum(auth.login("guess", auth.client_address(f"2001:db8:1:2::{n:x}", trusted=()), throttle)[1] == 0
                  for n in range(40))
    assert checked == 5
    assert auth.login("right", auth.client_address("2001:db8:1:3::1", trusted=()), throttle) == (auth.EDITOR, 0.0)
