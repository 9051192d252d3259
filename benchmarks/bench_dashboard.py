"""Time to first render of the dashboard's story list and of the seed story view.

Four measurements, each in a fresh process (so no in-process cache helps):

* AppTest cold: an empty store -> the first script run builds the demo workspace
  from seeds/ and renders the story list; then the seed story is opened.
* AppTest warm: the same store, a new process: the list and the seed story.
* Browser cold / warm: the real ``streamlit run app.py`` in headless Chromium
  (Debian's /usr/bin/chromium; skipped with a message when it is missing):
  time from page load to the story table, and from ?story=<seed> to its facts.

    .venv/bin/python benchmarks/bench_dashboard.py [--keep DIR] [--no-browser]

Prints a table; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# The VOA seed: its story is the Tajikistan mobilization.
SEED_FILE = REPO / "seeds" / "001_bd7e773d7b869fe3.txt"
TIMEOUT = 900


def seed_story(db: Path) -> str | None:
    import articles
    from store import Store

    seed_id = next(a.id for a in articles.read_path(SEED_FILE) if isinstance(a, articles.Article))
    with Store(db) as store:
        return store.story_of_article(seed_id)


def apptest_child(db: Path) -> dict:
    """Runs in its own process: time the list, then the seed story, with AppTest."""
    os.environ["PARALLAX_DB"] = str(db)
    from streamlit.testing.v1 import AppTest

    result: dict = {}
    start = time.perf_counter()
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT).run()
    result["list_s"] = time.perf_counter() - start
    result["errors"] = [e.value for e in at.exception] + [e.value for e in at.error]
    story = seed_story(db)
    result["seed_story"] = story
    if story:
        at.toggle(key="multi_only").set_value(False).run()
        start = time.perf_counter()
        at.selectbox(key="story_picker").select(story).run()
        result["story_s"] = time.perf_counter() - start
        result["errors"] += [e.value for e in at.exception] + [e.value for e in at.error]
    return result


def browser_child(db: Path) -> dict:
    from playwright.sync_api import sync_playwright

    from dashboard.serve import CHROMIUM, CHROMIUM_ARGS, running_app

    result: dict = {}
    server_start = time.perf_counter()
    with running_app(db, timeout=120) as url, sync_playwright() as playwright:
        result["server_up_s"] = time.perf_counter() - server_start
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        start = time.perf_counter()
        page.goto(url)
        page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=TIMEOUT * 1000)
        result["list_s"] = time.perf_counter() - start
        story = seed_story(db)
        result["seed_story"] = story
        if story:
            start = time.perf_counter()
            page.goto(f"{url}/?story={story}")
            page.get_by_role("tab", name="Facts").wait_for(timeout=TIMEOUT * 1000)
            page.locator("[data-testid='stStatusWidget']").wait_for(
                state="hidden", timeout=TIMEOUT * 1000
            )
            result["story_s"] = time.perf_counter() - start
        browser.close()
    return result


def describe_seeds() -> None:
    """Say what the cold start can reuse: precomputed vectors of the default backend or not."""
    import numpy as np

    import embeddings
    from dashboard import workspace

    seeds = workspace.seeds_dir()
    default = embeddings.get_backend(None).name
    files = workspace.precomputed_embeddings(seeds)
    print(f"seeds: {seeds} ({len(workspace.seed_inputs(seeds))} files); default backend {default}")
    if not files:
        print("precomputed embeddings: none (the cold start embeds every article)")
    for npz in files:
        with np.load(npz, allow_pickle=False) as data:
            model, count = str(data["model"]), len(data["keys"])
        usable = "used" if model == default else "NOT used: made with another backend"
        print(f"precomputed embeddings: {npz.name}: {count} vectors of {model} ({usable})")


def run_child(kind: str, db: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT * 2,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or not lines:
        tail = (out.stderr or out.stdout).strip().splitlines()[-3:]
        return {"error": " | ".join(tail)}
    return json.loads(lines[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", choices=["apptest", "browser"])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--keep", type=Path, help="keep the stores in this folder")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    if args.child:
        child = apptest_child if args.child == "apptest" else browser_child
        print(json.dumps(child(args.db)))
        return 0

    describe_seeds()
    work = args.keep or Path(tempfile.mkdtemp(prefix="parallax-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, dict]] = []
    db = work / "apptest.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    rows.append(("AppTest cold (empty store -> demo)", run_child("apptest", db)))
    rows.append(("AppTest warm (same store, new process)", run_child("apptest", db)))

    from dashboard.serve import CHROMIUM

    if args.no_browser:
        print("browser timings: skipped (--no-browser)")
    elif not CHROMIUM.exists():
        print(f"browser timings: skipped ({CHROMIUM} is missing)")
    else:
        bdb = work / "browser.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(bdb) + suffix).unlink(missing_ok=True)
        rows.append(("Browser cold (empty store -> demo)", run_child("browser", bdb)))
        rows.append(("Browser warm (server restarted)", run_child("browser", bdb)))

    print(f"\n{'scenario':42} {'story list':>11} {'seed story':>11}")
    for name, r in rows:
        if "error" in r:
            print(f"{name:42} failed: {r['error']}")
            continue
        story = f"{r['story_s']:10.2f}s" if "story_s" in r else "  (no seed story)"
        print(f"{name:42} {r['list_s']:10.2f}s {story}")
        if r.get("errors"):
            print(f"{'':42} errors shown: {r['errors']}")
    print(f"\nstores in {work}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
