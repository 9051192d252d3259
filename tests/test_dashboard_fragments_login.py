"""The timed fragments (st.fragment with run_every) show nothing to a logged-out session.

Streamlit keeps a session's fragments registered when a run ends on the login form (after
"Log out"); a client that had logged in could still ask them to rerun and read the workspace's
counts and job progress. Each fragment opens with :func:`dashboard.panels.session_logged_in`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from dashboard import auth, jobs
from dashboard.workspace import DB_ENV, REPO_ROOT
from store import Store

TIMEOUT = 60


def _fragments_script() -> None:
    """Each of the dashboard's four timed fragments, on a workspace with work under way."""
    import os

    from dashboard import panels
    from store import Store

    store = Store(os.environ["PARALLAX_DB"])
    fingerprint = store.fingerprint()
    panels._workspace_counts(store, "parallax.db", fingerprint, 0)
    panels._active_jobs_live(store, fingerprint)
    panels._building_live(store)
    panels._comparison_live(store, int(os.environ["TEST_COMPARE_JOB"]))


@pytest.fixture()
def busy_workspace(tmp_path: Path, monkeypatch) -> Path:
    """An empty workspace being built, an upload and a comparison queued."""
    db = tmp_path / "parallax.db"
    with Store(db) as store:
        store.enqueue_job(jobs.BOOTSTRAP, {}, priority=100, unique=True)
        store.enqueue_job(jobs.UPLOAD, {"files": []}, priority=jobs.PRIORITY_UPLOAD)
        compare = store.enqueue_job(jobs.COMPARE, {"story_id": "s1"}, priority=jobs.PRIORITY_COMPARE)
    monkeypatch.setenv(DB_ENV, str(db))
    monkeypatch.setenv("TEST_COMPARE_JOB", str(compare))
    monkeypatch.setenv(auth.EDITOR_HASH_ENV, auth.hash_password("editor-pw", iterations=1000))
    return db


def _drawn(at) -> list[str]:
    """What the fragments drew: captions, infos and progress bars (their texts)."""
    return ([c.value for c in at.caption] + [i.value for i in at.info]
            + [p.proto.text for p in at.get("progress")])


def _run(role: str | None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_fragments_script, default_timeout=TIMEOUT)
    if role:
        at.session_state["role"] = role
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_logged_in_session_sees_the_four_fragments(busy_workspace) -> None:
    drawn = _drawn(_run(auth.VIEWER))
    assert any(d.startswith("Workspace `parallax.db`") for d in drawn), drawn
    assert any(d.startswith("First launch") for d in drawn), drawn
    assert any(jobs.KIND_LABELS[jobs.UPLOAD] in d for d in drawn), drawn
    assert any("compare the outlets" in d for d in drawn), drawn


def test_a_logged_out_session_s_fragments_render_nothing(busy_workspace) -> None:
    at = _run(None)  # a login is set and this session has none (logged out, or never in)
    assert _drawn(at) == []
    assert not at.markdown and not at.error


def test_without_a_login_set_every_session_sees_them(busy_workspace, monkeypatch) -> None:
    monkeypatch.delenv(auth.EDITOR_HASH_ENV)
    assert len(_drawn(_run(None))) >= 4


def _fragment_functions() -> list[ast.FunctionDef]:
    found = []
    for path in sorted((REPO_ROOT / "dashboard").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and any(
                "fragment" in ast.unparse(d) for d in node.decorator_list
            ):
                found.append(node)
    return found


def test_every_fragment_opens_with_the_login_check() -> None:
    """A fragment added later gets the same check (its first statement after the docstring)."""
    fragments = _fragment_functions()
    assert len(fragments) >= 4
    for fn in fragments:
        body = fn.body[1:] if isinstance(fn.body[0], ast.Expr) and isinstance(
            getattr(fn.body[0], "value", None), ast.Constant) else fn.body
        first = ast.unparse(body[0])
        assert first.startswith("if not session_logged_in():"), (fn.name, first)
