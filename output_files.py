"""Output files replaced whole: a reader of ``--out`` never sees half a file.

A run writes each output file under a hidden temporary name in the same folder, then renames them
over the old files together at the end (``os.replace`` is atomic on one file system). A consumer
polling the folder (a newsroom's next job) therefore reads either the previous run's file or this
run's, never a cut one; a run killed while writing leaves the previous files whole (and, at worst,
a hidden ``.NAME.PID.tmp``) instead of a new stories.json beside an old or cut assignments.csv.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

# The blocks open in this thread, by real folder path: their ``stage``.
_open_blocks = threading.local()


@contextlib.contextmanager
def replaced_together(folder: str | os.PathLike) -> Iterator[Callable[[str], Path]]:
    """Yield ``stage(name)``: the temporary path to write ``folder/name`` to. On leaving the block
    every staged file replaces its target, one right after the other; on an error none does
    (the temporary files are removed), nor when a target is a folder. A rename failing part-way
    (an I/O error) leaves the files renamed before it and removes the other temporary files.
    A symlinked target stays a link: the file it names is replaced. A pipe or a device
    (``--out /dev/stdout``) is no file to replace: ``stage`` gives it, written in place.
    A block inside another on the same folder (in this thread) stages into the outer one: the
    Ray engine's Parquet files are renamed with the command's stories.json, not before it."""
    folder = Path(folder)
    key = os.path.realpath(folder)
    if key in _open_blocks.__dict__:
        yield _open_blocks.__dict__[key]
        return
    staged: dict[Path, Path] = {}  # temporary file -> the file it replaces

    def stage(name: str) -> Path:
        target = Path(os.path.realpath(folder / name))
        if target.exists() and not target.is_file() and not target.is_dir():
            return target
        tmp = target.parent / f".{target.name}.{os.getpid()}.tmp"
        staged[tmp] = target
        return tmp

    setattr(_open_blocks, key, stage)
    try:
        try:
            yield stage
        finally:
            delattr(_open_blocks, key)
        for tmp, target in staged.items():
            _sync(tmp)  # (the data reaches the disk before a name points at it)
            # A folder in a target's place cannot be replaced: found before the first rename,
            # so no old file is left beside a new one.
            if target.is_dir():
                raise IsADirectoryError(21, "Is a directory", str(target))
            if target.exists():  # (a restricted or group-shared output keeps its mode)
                shutil.copymode(target, tmp)
        for tmp in list(staged):
            os.replace(tmp, staged[tmp])
            del staged[tmp]
    except BaseException:
        # (Those not renamed yet: a rename failing part-way leaves no hidden file behind.)
        for tmp in staged:
            tmp.unlink(missing_ok=True)
        raise


def _sync(path: Path) -> None:
    if path.exists():
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_text_replacing(path: str | os.PathLike, text: str, encoding: str = "utf-8") -> None:
    """``path.write_text(text)``, replacing the file whole (:func:`replaced_together`)."""
    path = Path(path)
    with replaced_together(path.parent) as stage:
        stage(path.name).write_text(text, encoding=encoding)
