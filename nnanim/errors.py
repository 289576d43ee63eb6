"""Turning what goes wrong while writing files into one sentence that says what to do."""

from __future__ import annotations

import errno
import os

__all__ = ["describe_os_error", "advice_for"]

_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space, or choose a folder on another disk with --out DIR",
    errno.EDQUOT: "the disk quota is used up: free some space, or choose another folder with --out DIR",
    errno.EROFS: "the file system is read-only: choose a writable folder with --out DIR",
    errno.EACCES: "no permission to write there: make the folder writable (chmod u+w) or choose another with --out DIR",
    errno.EPERM: "the operation is not permitted there: choose another folder with --out DIR",
}


def advice_for(exc: OSError) -> str:
    """What to do about ``exc``: free space, another folder, permissions (only where they can help)."""
    if exc.errno == errno.EACCES and hasattr(os, "geteuid") and os.geteuid() == 0:
        # root writes through the mode bits: chmod cannot be the fix.
        return "the system refuses writing there: choose another folder with --out DIR"
    return _ADVICE.get(exc.errno or 0, "check the path and try again, or choose another folder with --out DIR")


def describe_os_error(exc: OSError) -> str:
    """``exc`` as ``what failed (which file): what to do``."""
    where = f" ({exc.filename})" if exc.filename else ""
    what = exc.strerror or str(exc)
    return f"{what}{where}; {advice_for(exc)}"
