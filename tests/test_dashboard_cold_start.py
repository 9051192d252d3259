"""What a restarted server's first page costs (the modules it loads, the worker's priority), its tab icon,
and a first start in a workspace folder that does not exist yet.

The time itself is measured by ``benchmarks/bench_dashboard.py`` (a real browser); these tests
check the causes found there, by what is loaded or called, never by a clock.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dashboard import worker
from data_paths import REPO_ROOT

# Stages and libraries the story list never uses: loading them made a new server's first page
# wait (the comparison stage, 0.3-0.4 s, came with the Aligned tab's module) or would (the
# clustering stage brings scikit-learn and SciPy, 1.2 s; the model's runtimes more).
NOT_FOR_THE_LIST = ("comparison", "clustering", "embeddings", "sklearn", "scipy", "torch",
                    "onnxruntime", "transformers", "altair")


def test_the_story_lists_modules_load_no_stage_it_does_not_show() -> None:
    code = ("import json, sys; import dashboard.app, dashboard.panels, dashboard.storylist; "
            "print(json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True,
                          check=True, timeout=120)
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    found = sorted(m for m in loaded if m.split(".")[0] in NOT_FOR_THE_LIST)
    assert not found, found


def test_the_story_views_modules_load_no_scikit_learn() -> None:
    """The first story opened after a server start loaded scikit-learn (1.2 s of imports on 2
    cores) for nothing: ``clustering/__init__`` imported the clusterer with the story dataclass,
    the rename control's label checks came with clustering.edits, which imported it too, and
    the story's articles were read by clustering.pipeline. What the story view imports (its
    dataclasses, the edit checks, its articles, the shared names, the comparison it reads) now
    loads none; the clusterer is still there on first use."""
    code = ("import json, sys; import dashboard.app, dashboard.actions, dashboard.explain; "
            "import clustering.model, clustering.edits, clustering.features, comparison.story, comparison.compare; "
            "from clustering.model import Story; from clustering.edits import clean_label, label_problem; "
            "from dashboard.workspace import story_articles; "
            "story_articles(type('S', (), {'articles': lambda self, ids: []})(), {'members': [], 'mentions': []}); "
            "loaded = sorted(sys.modules); from clustering import StoryClusterer, build_story, story_id_for; "
            "print(json.dumps([loaded, 'sklearn' in sys.modules]))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True,
                          check=True, timeout=120)
    loaded, later = json.loads(done.stdout.strip().splitlines()[-1])
    assert not [m for m in loaded if m.split(".")[0] == "sklearn"]
    assert later  # the package's names still lead to the clusterer


def test_the_page_icon_is_drawn_inline_not_fetched() -> None:
    """"◐" is neither an emoji nor a Material icon to Streamlit, so it was sent as an image
    address: the tab asked the server for /◐ and the page's HTML came back (no icon). A Material
    icon would be fetched from fonts.gstatic.com: the icon must come with the page."""
    from streamlit.commands.page_config import _get_favicon_string  # what set_page_config sends

    from dashboard.app import PAGE_ICON

    sent = _get_favicon_string(PAGE_ICON)
    assert sent.startswith(("data:image/", "emoji:")), sent[:80]


@pytest.mark.parametrize(("argv", "niced"), [(["--db", "x.db"], True), (["--db", "x.db", "--prepare"], False)])
def test_the_worker_process_yields_the_cores_to_the_server(monkeypatch, tmp_path, argv, niced) -> None:
    """The serving worker lowers its own priority (comparing ahead of time runs for minutes after
    a start, beside the server's pages); ``--prepare``, run in the foreground before the server
    starts, does not."""
    calls: list[int] = []
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(worker.os, "nice", lambda increment: calls.append(increment) or increment)
    monkeypatch.setattr(worker, "serve", lambda *a, **k: 0)
    monkeypatch.setattr(worker, "prepare", lambda db: 0)
    assert worker.main(argv) == 0
    assert calls == ([worker.WORKER_NICE] if niced else [])
    assert worker.WORKER_NICE > 0


def test_prepare_starts_in_a_workspace_folder_that_does_not_exist_yet(tmp_path, monkeypatch) -> None:
    """``scripts/run.sh`` first runs ``python -m dashboard.worker --prepare`` on data/parallax.db:
    on a fresh clone data/ does not exist, and the worker's lock file could not be opened there
    (FileNotFoundError, so run.sh stopped before the server). The workspace's build is the
    bootstrap job's own business (tested with the app): here it is only claimed."""
    from dashboard import jobs

    ran: list[str] = []
    monkeypatch.setattr(jobs, "run_job", lambda store, job, *a, **k: ran.append(job["kind"]))
    db = tmp_path / "data" / "parallax.db"
    assert worker.main(["--db", str(db), "--prepare"]) == 0
    assert ran == [jobs.BOOTSTRAP]
    assert not worker.worker_running(db)  # the lock was released


# pytest fixtures shared with the AppTest tests: a small real workspace (the default model).
from tests import test_dashboard_app as _app_tests  # noqa: E402

base_workspace = _app_tests.base_workspace

_EDITS_AND_REASONS = """
import importlib, json, sys
from dashboard import actions
from dashboard.app import WARMED_MODULES, warmed
from store import Store

print(json.dumps(warmed()))
for module in WARMED_MODULES:
    importlib.import_module(module)
print(json.dumps(warmed()))
before = set(sys.modules)
store = Store(sys.argv[1])
big, other = sorted(store.stories(), key=lambda s: -len(s["members"]))[:2]
members = [m["article_id"] for m in big["members"]]
actions.rename_story(store, big["id"], "A name of our own")
actions.move_article(store, other["members"][0]["article_id"], big["id"])
new = actions.split_story(store, big["id"], members[:1])
actions.merge_stories(store, [big["id"], new])
from clustering.explain import explain_stored_story
explain_stored_story(store, [m["article_id"] for m in store.story(big["id"])["members"]])
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def test_the_warm_up_loads_what_an_edit_and_the_models_reasons_load(base_workspace, tmp_path) -> None:
    """The first edit (rename, move, split, merge) and the "Why, according to the model" button
    loaded scikit-learn's and the explanation's modules themselves (1.2 s and more, in the
    journalist's click) although the warm-up had run: once WARMED_MODULES are loaded, they load
    no module of a stage or library more (the explanation's tree predictors, its vectors' reader,
    the change records were missing). Before the warm-up, ``warmed()`` says so (the spinners
    then say the code is being loaded)."""
    import shutil

    db = tmp_path / "parallax.db"
    shutil.copy(base_workspace, db)
    done = subprocess.run([sys.executable, "-c", _EDITS_AND_REASONS, str(db)], cwd=REPO_ROOT,
                          capture_output=True, text=True, check=True, timeout=600)
    before_warm_up, after_warm_up, loaded = (json.loads(line) for line in done.stdout.strip().splitlines()[-3:])
    assert (before_warm_up, after_warm_up) == (False, True)
    found = sorted(m for m in loaded if m.split(".")[0] in NOT_FOR_THE_LIST)
    assert not found, found


def test_the_spinners_say_when_the_models_code_is_loading() -> None:
    from dashboard.app import edit_spinner_label, reasons_spinner_label

    assert reasons_spinner_label(False).startswith("Loading the grouping model (the first time, a few seconds)")
    assert "Loading" not in reasons_spinner_label(True) and "scoring" in reasons_spinner_label(True)
    assert "loading the grouping code" in edit_spinner_label(False) and "loading" not in edit_spinner_label(True)
