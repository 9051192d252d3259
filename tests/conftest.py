"""Fixtures several test files share."""

from __future__ import annotations

import pytest


@pytest.fixture()
def hours(tmp_path):
    """A workspace and the made-up hourly folders of ``tests/test_clustering_hourly_run.py``."""
    from store.sqlite import Store
    from tests.test_clustering_hourly_run import HOURS
    from tests.test_clustering_partial_run import _write

    folders = {name: _write(tmp_path, name, records) for name, records in HOURS.items()}
    store = Store(tmp_path / "ws.db")
    yield store, folders
    store.close()
