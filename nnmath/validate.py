"""Turning what a caller passes into checked float64 arrays.

Policy, the same for every operation:

* anything numpy cannot read as real numbers (strings, None, objects, complex) is an
  :class:`InputError` naming the argument;
* NaN and infinity are rejected with an :class:`InputError` that names the argument and the
  index of the first bad entry: a lecture video cannot show them, and a NaN silently
  propagating through a forward pass hides the mistake that produced it;
* empty arrays are rejected: there is nothing to show;
* booleans are accepted as 0 and 1 (numpy's own rule).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from nnmath.errors import InputError, ShapeError

__all__ = ["as_array", "as_labels", "format_shape"]


def format_shape(shape: tuple[int, ...]) -> str:
    """``(3, 4)`` -> ``"(3, 4)"``, ``(3,)`` -> ``"(3,)"``."""
    return str(tuple(int(n) for n in shape))


def as_array(value: object, name: str, *, ndim: Iterable[int] = (0, 1, 2)) -> np.ndarray:
    """Return ``value`` as a finite, non-empty float64 array of an allowed rank.

    Parameters
    ----------
    value
        A number, a nested list of numbers or an array.
    name
        The argument's name, used in every error message.
    ndim
        The ranks allowed, e.g. ``(1, 2)`` for a vector or a matrix.

    Raises
    ------
    InputError
        Not numbers, empty, NaN or infinite.
    ShapeError
        A rank not in ``ndim``, or a ragged nested list.
    """
    allowed = tuple(ndim)
    if type(value) is np.ndarray and value.dtype == np.float64 and value.ndim in allowed and value.size:
        # Already numbers of the right kind (the hot path of a training loop): only finiteness to check.
        if np.isfinite(value).all():
            return value
    if isinstance(value, (str, bytes)):
        raise InputError(f"{name} must be numbers, got the text {value!r}")
    try:
        array = np.asarray(value)
    except ValueError:  # ragged nested lists
        raise ShapeError(f"{name} is ragged: its rows have different lengths") from None
    if array.dtype == object:
        bad = _first_non_number(value)
        if bad is not _NOTHING:
            raise InputError(f"{name} must be real numbers, got {type(bad).__name__} {bad!r}")
        try:  # Python ints beyond int64, Fractions, Decimals: numbers numpy stores as objects
            array = array.astype(np.float64)
        except (TypeError, ValueError, OverflowError):
            raise InputError(f"{name} must be real numbers that fit a float64") from None
    if array.dtype.kind in "US":
        # numpy turns a list with one text in it into texts all through ("<U21"): name the text.
        bad = _first_non_number(value)
        shown = f"the text {str(bad)!r}" if isinstance(bad, str) else "text"
        raise InputError(f"{name} must be real numbers, got {shown} among them")
    if array.dtype.kind not in "biuf":
        kind = "complex numbers" if array.dtype.kind == "c" else f"values of type {array.dtype}"
        raise InputError(f"{name} must be real numbers, got {kind}")
    if array.ndim not in allowed:
        raise ShapeError(
            f"{name} has shape {format_shape(array.shape)} (rank {array.ndim}); "
            f"expected rank {_or_list(allowed)}"
        )
    if array.size == 0:
        raise InputError(f"{name} is empty (shape {format_shape(array.shape)}): nothing to compute")
    array = array.astype(np.float64, copy=False)
    if not np.isfinite(array).all():
        finite = np.isfinite(array)
        index = tuple(int(i) for i in np.argwhere(~finite)[0])
        bad = array[index] if index else array
        where = f" at index {index if len(index) != 1 else index[0]}" if index else ""
        raise InputError(f"{name} holds {float(bad)}{where}: only finite numbers can be computed and shown")
    return array


def as_labels(value: object, name: str, *, n_classes: int) -> np.ndarray:
    """Return integer class labels in ``[0, n_classes)`` as an int64 array of rank 0 or 1."""
    array = as_array(value, name, ndim=(0, 1))
    if not np.all(array == np.round(array)):
        raise InputError(f"{name} must be whole-number class indices, got {array.tolist()}")
    out_of_range = (array < 0) | (array >= n_classes)
    if out_of_range.any():
        bad = array[out_of_range][0] if array.ndim else array
        raise InputError(f"{name} holds class {float(bad):g}, outside 0..{n_classes - 1} for {n_classes} classes")
    return array.astype(np.int64)


_NOTHING = object()


def _first_non_number(value: object) -> object:
    """The first item of a nested list that is not a real number, or ``_NOTHING``."""
    if isinstance(value, (list, tuple, np.ndarray)):
        for item in value:
            found = _first_non_number(item)
            if found is not _NOTHING:
                return found
        return _NOTHING
    if isinstance(value, (bool, int, float, np.integer, np.floating)):
        return _NOTHING
    return value


def _or_list(items: tuple[int, ...]) -> str:
    words = [str(i) for i in items]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
