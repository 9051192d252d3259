"""Keep freed memory in the process while a large fit runs (glibc only).

A fit at tens of thousands of articles allocates and frees gigabytes of
temporary arrays. glibc hands large blocks back to the kernel at once (mmap /
trim), and the next array faults fresh pages in again. On a virtual machine whose
host backs guest memory lazily, as this one does (Firecracker with a balloon
device: touching a fresh GB took 2-15 s, against 0.2 s for memory the process
already holds), those page faults were half of a 63k-article fit: 52 s of
system time against 52 s of computing. Inside :func:`keep_freed_memory` glibc
serves every allocation from its heap, with one arena for all threads, and
keeps what is freed for the next allocation; on exit the settings go back and
the unused memory is returned (``malloc_trim``). glibc fixes its arena limit
the first time a thread needs an arena, so threads started meanwhile keep
sharing the main heap afterwards.

numpy's request for transparent huge pages is switched off meanwhile too: with
the kernel's ``defrag=madvise`` setting each huge-page fault may compact memory
first (``compact_stall`` in /proc/vmstat grew during fits); at 63k articles the
fit spent 13-32 s in the kernel with huge pages and 7-9 s without.

Nothing here changes any result; elsewhere than on glibc it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

# mallopt parameters (glibc's malloc.h).
_M_TRIM_THRESHOLD = -1
_M_MMAP_MAX = -4
_M_ARENA_MAX = -8
# glibc's defaults, restored on exit.
_DEFAULT_TRIM_THRESHOLD = 128 * 1024
_DEFAULT_MMAP_MAX = 65536


@lru_cache(maxsize=1)
def _glibc():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
        return libc
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return None


_depth = 0  # nested uses keep the outermost settings


@contextmanager
def keep_freed_memory(enabled: bool = True) -> Iterator[bool]:
    """Within the block, glibc keeps freed memory for reuse; yields whether it applies."""
    global _depth
    libc = _glibc() if enabled else None
    if libc is None:
        yield False
        return
    global _hugepage_before
    if _depth == 0:
        libc.mallopt(_M_ARENA_MAX, 1)  # threads started inside share the main heap
        libc.mallopt(_M_MMAP_MAX, 0)  # large arrays from the heap, not their own mmap
        libc.mallopt(_M_TRIM_THRESHOLD, 2**31 - 1)  # never shrink the heap meanwhile
        _hugepage_before = _set_numpy_hugepage(False)
    _depth += 1
    try:
        yield True
    finally:
        _depth -= 1
        if _depth == 0:
            _set_numpy_hugepage(_hugepage_before)
            libc.mallopt(_M_TRIM_THRESHOLD, _DEFAULT_TRIM_THRESHOLD)
            libc.mallopt(_M_MMAP_MAX, _DEFAULT_MMAP_MAX)
            libc.mallopt(_M_ARENA_MAX, 0)  # 0: glibc's own limit again
            libc.malloc_trim(0)


_hugepage_before: bool | None = None


def _set_numpy_hugepage(enabled: bool | None) -> bool | None:
    """numpy asks the kernel for transparent huge pages for every array >= 4 MB; the
    previous setting is returned (None: this numpy has no such switch)."""
    if enabled is None:
        return None
    try:
        from numpy._core.multiarray import _set_madvise_hugepage
    except ImportError:
        return None
    return bool(_set_madvise_hugepage(enabled))


def start_forked_pool(workers: int):
    """A pool of ``workers`` forked processes that share this process's memory.

    Forked workers share the parent's pages until either side writes to one; the
    garbage collector writes to every object it examines, so a collection in a
    worker would copy most of the parent's Python objects (at 63k articles the
    process tree's memory grew by about a GB). The objects that exist now are
    frozen out of collections until :func:`stop_forked_pool`.
    """
    gc.freeze()
    libc = _glibc()
    if libc is not None:
        # Free heap memory this process keeps (keep_freed_memory) goes back first:
        # workers allocating from inherited free pages would copy each one.
        libc.malloc_trim(0)
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
