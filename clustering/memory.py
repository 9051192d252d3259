"""Forked worker processes for tokenizing large corpora (``StoryClusterer(n_jobs > 1)``).

Only the batch entry points ask for them (the CLI and benchmarks); the default
``n_jobs=1`` never forks, so a multi-threaded server (the dashboard) that calls the
clustering in its own process stays fork-free.
"""

from __future__ import annotations

import gc
import multiprocessing


def start_forked_pool(workers: int):
    """A pool of ``workers`` forked processes that share this process's memory.

    Forked workers share the parent's pages until either side writes to one; the
    garbage collector writes to every object it examines, so a collection in a
    worker would copy most of the parent's Python objects. The objects that exist
    now are frozen out of collections until :func:`stop_forked_pool`.
    """
    gc.freeze()
    try:
        return multiprocessing.get_context("fork").Pool(workers)
    except BaseException:
        gc.unfreeze()
        raise


def stop_forked_pool(pool, wait: bool = True) -> None:
    """End a pool from :func:`start_forked_pool` (``wait``: let its tasks finish)."""
    try:
        if wait:
            pool.close()
        else:
            pool.terminate()
        pool.join()
    finally:
        gc.unfreeze()
