"""Writing files so that readers see the old ones or the whole new ones, never a part or a mix."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["MixedFiles", "deferred_interrupts", "file_digest", "replace_together", "restore_handlers", "write_atomically"]

_INTERRUPTS = {signal.SIGINT, signal.SIGTERM}


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(temporary_path)``, then rename the temporary file to ``path``.

    The temporary file sits in ``path``'s folder (a rename there is atomic) and keeps ``path``'s
    extension, which Pillow reads to choose the format. On any error it is removed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.stem}.{uuid.uuid4().hex[:8]}.partial{path.suffix}")
    try:
        write(partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's content, hex."""
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


@contextmanager
def deferred_interrupts() -> Iterator[None]:
    """Hold SIGINT and SIGTERM until the block ends, then deliver them (a Ctrl-C during the block
    takes effect just after it). For short steps that must finish once begun, such as publishing a
    set of files. Outside the main thread there is nothing to hold: signals go to the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    # Blocking holds a signal sent to this thread. A process with other threads (a Dask client's, a
    # process pool's) may take it in one of them, and Python then runs its handler here all the
    # same: during the block that handler only notes the signal, which is sent again after it.
    held: list[int] = []
    handlers = {number: signal.signal(number, lambda number, frame: held.append(number)) for number in _INTERRUPTS}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTS)
    try:
        yield
    finally:
        # The mask first: a signal blocked for this thread comes in now, to the noting handler.
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        restore_handlers(list(handlers.items()))
        for number in held[:1]:
            signal.raise_signal(number)


def restore_handlers(handlers: list) -> None:
    """Put back each ``(signal, handler)``; one that raises at once (a Ctrl-C arriving meanwhile)
    does not keep the others from being put back."""
    if not handlers:
        return
    (number, handler), *rest = handlers
    try:
        signal.signal(number, signal.SIG_DFL if handler is None else handler)
    finally:
        restore_handlers(rest)


class MixedFiles(OSError):
    """Publishing failed and the old files could not all be put back: the destinations now hold a
    mix of old and new files (``mixed`` lists them)."""

    def __init__(self, error: BaseException, mixed: list[Path]) -> None:
        if isinstance(error, OSError):
            super().__init__(error.errno, error.strerror, error.filename)
        else:
            super().__init__(f"{type(error).__name__}: {error}")
        self.mixed = mixed


def replace_together(moves: list[tuple[Path, Path]], *, remove: list[Path] = (), aside: Path) -> None:
    """Move each ``source`` onto its ``destination`` and delete each of ``remove``: all or nothing.

    Each file (or folder) being replaced or removed is first renamed into ``aside`` — an empty
    folder on the same file system — and renamed back if any later step fails, so a failure
    (a full disk, an immutable file, no permission) leaves every destination as it was and
    raises the error. Only if putting an old file back fails too is :class:`MixedFiles` raised.
    Interrupts are held until the renames are done. Each rename is atomic; a power cut in the
    middle can still leave a mix, so readers that must know check contents (the render cache
    stores each file's digest). On success the old files are left in ``aside`` for the caller
    to delete.
    """
    steps: list[tuple[Path | None, Path]] = [*moves, *((None, path) for path in remove)]
    done: list[tuple[Path, Path | None, bool]] = []  # destination, its old file aside, new file placed
    created: list[Path] = []
    with deferred_interrupts():
        try:
            for number, (source, destination) in enumerate(steps):
                for folder in reversed([destination.parent, *destination.parent.parents]):
                    if not folder.exists():
                        folder.mkdir()
                        created.append(folder)
                old = None
                if os.path.lexists(destination):
                    old = aside / f"{number}-{destination.name}"
                    os.replace(destination, old)
                done.append((destination, old, False))
                if source is not None:
                    os.replace(source, destination)
                    done[-1] = (destination, old, True)
        except BaseException as error:
            mixed = _put_back(done, created)
            if mixed:
                raise MixedFiles(error, mixed) from error
            raise


def _put_back(done: list[tuple[Path, Path | None, bool]], created: list[Path]) -> list[Path]:
    """Undo the steps of :func:`replace_together` in reverse; return the destinations that could
    not be restored."""
    failed = []
    for destination, old, placed in reversed(done):
        try:
            if placed:
                _remove(destination)
            if old is not None:
                os.replace(old, destination)
        except OSError:
            failed.append(destination)
    for folder in reversed(created):
        try:
            folder.rmdir()
        except OSError:
            pass
    return failed


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
