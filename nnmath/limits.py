"""What the scenes can meaningfully draw: values beyond it are refused before anything is computed.

Most awkward values are shown, not refused (see ``docs/display-policy.md``): every number goes
through :func:`nnmath.display.format_number`, and matrices, vectors and dot products longer than
six entries are drawn elided with their true shape. A few values cannot be shown that way:

- one bar, row or table column per class (softmax, cross-entropy, one-hot, forward-pass): past
  :data:`MAX_CLASSES` the bars are slivers and the labels unreadable, and eliding a class would
  hide the probability the scene is about;
- a class name heads a table column: past :data:`MAX_NAME_LENGTH` characters it cannot fit
  beside the others, even wrapped;
- the mse scene plays one beat per (true, predicted) pair: past :data:`MAX_MSE_EXAMPLES` the video
  is a list of near-identical beats;
- every numeric value is kept with each of its element-wise products for the scenes (a 100×100
  times 100×100 product keeps a million): past :data:`MAX_ENTRIES` numbers in one value the
  computation alone takes memory and minutes for entries no scene draws.

:func:`check_limits` raises :class:`LimitError` naming the table, the key, its size and the limit.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from nnmath.errors import InputError

__all__ = ["LimitError", "MAX_CLASSES", "MAX_MSE_EXAMPLES", "MAX_ENTRIES", "MAX_NAME_LENGTH", "check_limits"]

#: Bars, rows or table columns per class a scene draws side by side.
MAX_CLASSES = 12
#: (true, predicted) pairs of the mse scene: one beat each.
MAX_MSE_EXAMPLES = 6
#: Numbers in one value (a 100×100 matrix).
MAX_ENTRIES = 10_000
#: Characters of a class name: it heads a table column beside up to eleven others (wrapped at
#: spaces onto two lines at most).
MAX_NAME_LENGTH = 24

# (table, key): what one entry along the last axis is, for the message.
_PER_CLASS = {
    ("softmax", "z"): "score",
    ("cross-entropy", "classes"): "class",
    ("cross-entropy", "predictions"): "class",
    ("cross-entropy", "targets"): "class",
    ("one-hot", "classes"): "class",
    ("forward-pass", "classes"): "class",
}
_WHY_CLASSES = "the scene draws one bar or column per class and has room for at most"


class LimitError(InputError):
    """A value nnmath can compute but no scene can meaningfully show; the message names the key."""


def _count_last_axis(value: object) -> int:
    """Entries along the last axis: names in a list, numbers in a vector or in each matrix row."""
    if isinstance(value, (tuple, list)):
        return len(value)
    shape = np.shape(value)
    return int(shape[-1]) if shape else 1


def check_limits(tables: Mapping[str, Mapping[str, object]]) -> None:
    """Refuse values past what the scenes can draw: see the module's docstring for each limit.

    Parameters
    ----------
    tables : checked values, one mapping of key to value per scene slug (arrays of any shape,
        tuples of names), as :func:`nnmath.values.load_values` builds them

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
            if (slug, key) in _PER_CLASS:
                count = _count_last_axis(value)
                if count > MAX_CLASSES:
                    noun = _PER_CLASS[slug, key]
                    raise LimitError(
                        f"{where} has {count} {noun}s per row: {_WHY_CLASSES} {MAX_CLASSES}; "
                        f"use at most {MAX_CLASSES} {noun}s"
                    )
    if "mse" in tables:
        count = max(_count_last_axis(tables["mse"].get(key, ())) for key in ("y_true", "y_pred"))
        if count > MAX_MSE_EXAMPLES:
            raise LimitError(
                f"[mse] y_true has {count} examples: the scene plays one beat per (true, predicted) pair "
                f"and shows at most {MAX_MSE_EXAMPLES}; use at most {MAX_MSE_EXAMPLES} pairs"
            )
