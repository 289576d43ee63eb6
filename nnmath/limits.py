"""What the scenes can meaningfully draw: values beyond it are refused before anything is computed.

Most awkward values are shown, not refused (see ``docs/display-policy.md``): every number goes
through :func:`nnmath.display.format_number`, and matrices, vectors and dot products longer than
six entries are drawn elided with their true shape. A few values cannot be shown that way:

- one bar, row or table column per class: past :data:`MAX_CLASSES` the bars are slivers and the
  labels unreadable, and eliding a class would hide the probability the scene is about. Which keys
  count classes is the scene's to say (its content module's ``limits``, built with :func:`per_class`);
- a class name heads a table column: past :data:`MAX_NAME_LENGTH` characters it cannot fit
  beside the others, even wrapped;
- every numeric value is kept with each of its element-wise products for the scenes (a 100×100
  times 100×100 product keeps a million): past :data:`MAX_ENTRIES` numbers in one value the
  computation alone takes memory and minutes for entries no scene draws.

A scene may add its own limit (the mse scene's examples, one beat each) as a function of its table.
:func:`check_limits` raises :class:`LimitError` naming the table, the key, its size and the limit.
This module knows no scene: the course passes each table's own checks in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from nnmath.errors import InputError

__all__ = ["LimitError", "MAX_CLASSES", "MAX_ENTRIES", "MAX_NAME_LENGTH", "TableLimits", "check_limits", "count_last_axis", "per_class"]

#: Bars, rows or table columns per class a scene draws side by side.
MAX_CLASSES = 12
#: Numbers in one value (a 100×100 matrix).
MAX_ENTRIES = 10_000
#: Characters of a class name: it heads a table column beside up to eleven others (wrapped at
#: spaces onto two lines at most).
MAX_NAME_LENGTH = 24

_WHY_CLASSES = "the scene draws one bar or column per class and has room for at most"

#: A scene's own limits: given (part of) its table and its slug, raise :class:`LimitError`. It is
#: called with one key at a time as well as with the whole table, so it reads keys with ``get``.
TableLimits = Callable[[Mapping[str, object], str], None]


class LimitError(InputError):
    """A value nnmath can compute but no scene can meaningfully show; the message names the key."""


def count_last_axis(value: object) -> int:
    """Entries along the last axis: names in a list, numbers in a vector or in each matrix row."""
    if isinstance(value, (tuple, list)):
        return len(value)
    shape = np.shape(value)
    return int(shape[-1]) if shape else 1


def per_class(keys: Mapping[str, str]) -> TableLimits:
    """The limit of a table whose ``keys`` hold one entry per class along their last axis, at most
    :data:`MAX_CLASSES`; ``keys`` maps each key to what one entry is, for the message (``"z":
    "score"``)."""

    def check(table: Mapping[str, object], slug: str) -> None:
        for key, noun in keys.items():
            if key in table and (count := count_last_axis(table[key])) > MAX_CLASSES:
                raise LimitError(
                    f"[{slug}] {key} has {count} {noun}s per row: {_WHY_CLASSES} {MAX_CLASSES}; "
                    f"use at most {MAX_CLASSES} {noun}s"
                )

    return check


def check_limits(tables: Mapping[str, Mapping[str, object]], limits: Mapping[str, TableLimits] | None = None) -> None:
    """Refuse values past what the scenes can draw: see the module's docstring for each limit.

    Parameters
    ----------
    tables : checked values, one mapping of key to value per scene slug (arrays of any shape,
        tuples of names), as :func:`nnmath.values.load_values` builds them
    limits : each table's own limits by slug (:data:`TableLimits`), beyond those of every table

    Raises
    ------
    LimitError
        Naming ``[table] key``, its size, the limit and what to do.
    """
    for slug, table in tables.items():
        for key, value in table.items():
            where = f"[{slug}] {key}"
            if isinstance(value, np.ndarray) and value.size > MAX_ENTRIES:
                shape = "×".join(str(n) for n in value.shape)
                raise LimitError(
                    f"{where} is {shape}: {value.size} numbers, more than the {MAX_ENTRIES} a scene computes "
                    f"and elides to six per axis; use a smaller example (at most {MAX_ENTRIES} numbers, e.g. 100×100)"
                )
            if key == "classes" and isinstance(value, (tuple, list)):
                long = next((n for n in value if isinstance(n, str) and len(n) > MAX_NAME_LENGTH), None)
                if long is not None:
                    raise LimitError(
                        f"{where} holds {long!r}, {len(long)} characters: a class name heads a column beside the "
                        f"others and has room for at most {MAX_NAME_LENGTH}; use a shorter name"
                    )
        if limits and slug in limits:
            limits[slug](table, slug)
