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
the unused memory is returned (``malloc_trim``).

Nothing here changes any result; elsewhere than on glibc it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
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
    if _depth == 0:
        libc.mallopt(_M_ARENA_MAX, 1)  # threads started inside share the main heap
        libc.mallopt(_M_MMAP_MAX, 0)  # large arrays from the heap, not their own mmap
        libc.mallopt(_M_TRIM_THRESHOLD, 2**31 - 1)  # never shrink the heap meanwhile
    _depth += 1
    try:
        yield True
    finally:
        _depth -= 1
        if _depth == 0:
            libc.mallopt(_M_TRIM_THRESHOLD, _DEFAULT_TRIM_THRESHOLD)
            libc.mallopt(_M_MMAP_MAX, _DEFAULT_MMAP_MAX)
            libc.mallopt(_M_ARENA_MAX, 0)  # 0: glibc's own limit again
            libc.malloc_trim(0)
