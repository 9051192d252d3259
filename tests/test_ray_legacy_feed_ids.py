"""Review (h37r): the Ray engine finds a feed item a store written before session 36 holds under
its title id, as the local ingest does (store.articles.ArticleTables.stored_id): before, its
import stored the item a second time under its guid id; so does the import of a Parquet folder
written elsewhere (engines.outputs.import_into_store). Made-up feeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from clustering.pipeline import load_stories
from store.sqlite import Store
from tests.test_engines import ray_engine  # noqa: F401 - the module's Ray fixture
from tests.test_ingest_feed_keys import feed, item
from tests.test_ingest_feed_time_keys import _read_as_before_item_keys
from tests.test_ingest_identity import write


@pytest.mark.slow
def test_the_ray_engine_gives_a_legacy_feed_item_its_stored_id(ray_engine, tmp_path: Path,  # noqa: F811
                                                                monkeypatch) -> None:
    blast = item("Blast kills 12 in made-up town", "A blast killed 12 people on Monday.", guid="urn:wire:1")
    path = write(tmp_path / "wire.xml", feed([blast]))
    _read_as_before_item_keys([path], tmp_path / "p.db", monkeypatch)
    with Store(tmp_path / "p.db") as store:
        (before,) = store.articles()
        write(path, feed([item("Made-up bridge reopens", "The bridge reopened on Monday.", guid="urn:wire:2"),
                          blast]), later_by_s=60)
        ray_engine.run([str(path)], store, model="lexical")
        titles = sorted(a.title for a in store.articles())
        assert titles == ["Blast kills 12 in made-up town", "Made-up bridge reopens"], titles
        assert store.article(before.id) is not None  # its id stays: stories and edits name it
        members = {i for s in load_stories(store) for i in s.article_ids}
        assert before.id in members and len(members) == 2


def test_a_parquet_import_gives_a_legacy_feed_item_its_stored_id(tmp_path: Path, monkeypatch) -> None:
    # A run written elsewhere (its Parquet folder), imported into a store written before session
    # 36: its feed item is the article stored under its title id (one lookup: articles.ingest.
    # as_stored), not a second copy; its story names that id. No Ray needed to write the folder.
    from datetime import UTC, datetime

    from articles import read_path
    from clustering.model import Member, Story
    from engines.outputs import Outputs, import_into_store, read_parquet, write_parquet

    blast = item("Blast kills 12 in made-up town", "A blast killed 12 people on Monday.", guid="urn:wire:1")
    path = write(tmp_path / "wire.xml", feed([blast]))
    _read_as_before_item_keys([path], tmp_path / "p.db", monkeypatch)
    (tmp_path / "elsewhere").mkdir()
    elsewhere = write(tmp_path / "elsewhere" / "wire.xml", feed([blast]))
    (read,) = [a for a in read_path(str(elsewhere)) if hasattr(a, "paragraphs")]
    assert read.former_ids  # (read now, it is known by its guid; its title id is the former one)
    when = datetime(2021, 3, 1, tzinfo=UTC)
    story = Story("s-elsewhere", read.title, when, when, [read.outlet], [Member(read.id, 1.0)])
    write_parquet(tmp_path / "out", Outputs([read], [story], comparisons={
        "s-elsewhere": ("sig", {"article_ids": [read.id], "findings": []})}))
    back = read_parquet(tmp_path / "out")
    assert back.articles[0].former_ids == read.former_ids
    with Store(tmp_path / "p.db") as store:
        (before,) = store.articles()
        assert before.id != read.id
        import_into_store(store, back)
        (after,) = store.articles()  # not stored twice
        assert after.id == before.id and f"{elsewhere}#1" in after.source_paths
        assert [s.article_ids for s in load_stories(store)] == [[before.id]]
