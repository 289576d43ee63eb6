"""Values, and the statements that show them, as Python source: the bricks of the notebook's cells.

A values file's numbers reach a student's code as literals written here: ``2`` and ``0.2`` as
Python writes them, a matrix as ``np.array([...])`` one row per line, aligned as the book writes
them, long rows wrapped under their opening bracket. The cells themselves are
:mod:`nnanim.notebook.lecture1` and :mod:`nnanim.notebook.lecture2`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

__all__ = [
    "Values",
    "number_literal",
    "row_literal",
    "literal",
    "assign",
    "assign_list",
    "assignments",
    "print_call",
    "join_lines",
]

#: A scene's values table, by key, as :func:`course.load_values` gives it.
Values = Mapping[str, object]

# Whole numbers up to this size are written as Python ints (``[1, 2, 3]``, as the book does);
# larger ones as floats, so that no product of them can overflow numpy's int64.
_LARGEST_INT = 1e6
# Long literals wrap at about this many characters.
_WIDTH = 88


def number_literal(x: float) -> str:
    """A number as the shortest text that reads back as the same float.

    Parameters
    ----------
    x : float
        The number (a numpy scalar or 0-d array too).

    Returns
    -------
    str
        ``2``, ``0.2``, ``-0.91``, ``1e-07``: whole numbers below a million as ints, the rest as
        ``repr`` of the float.
    """
    value = float(x)
    if value.is_integer() and abs(value) < _LARGEST_INT:
        return str(int(value))
    return repr(value)


def row_literal(values: Sequence[float], indent: int) -> str:
    """A row of numbers as a Python list, wrapped under its opening bracket when it is long.

    Parameters
    ----------
    values : sequence of float
        The numbers, written by :func:`number_literal`.
    indent : int
        The column the opening bracket is at, so wrapped lines line up under it.

    Returns
    -------
    str
        ``[1, 2, 3]``, on several lines if it would pass the line width.
    """
    items = [number_literal(x) for x in values]
    lines, line = [], "["
    for i, item in enumerate(items):
        piece = item + (", " if i < len(items) - 1 else "]")
        if len(line) + len(piece) > _WIDTH - indent and line != "[":
            lines.append(line.rstrip())
            line = " "
        line += piece
    lines.append(line if items else "[]")
    return ("\n" + " " * indent).join(lines)


def literal(value: object, indent: int = 0) -> str:
    """A value as Python source.

    Parameters
    ----------
    value : object
        A name, a list of names, a number, or an array of numbers (any nesting numpy reads).
    indent : int, optional
        The column the literal starts at, so a matrix's rows line up.

    Returns
    -------
    str
        ``'setosa'``, ``['a', 'b']``, ``2``, or ``np.array([...])`` (a matrix one row per line,
        aligned as the book writes them).
    """
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, (tuple, list)) and all(isinstance(v, str) for v in value):
        return "[" + ", ".join(repr(v) for v in value) + "]"
    array = np.asarray(value, dtype=np.float64)
    if array.ndim == 0:
        return number_literal(array)
    opening = "np.array("
    if array.ndim == 1:
        return opening + row_literal(array, indent + len(opening)) + ")"
    inner = indent + len(opening) + 1
    rows = [row_literal(row, inner) for row in array]
    return opening + "[" + (",\n" + " " * inner).join(rows) + "])"


def assign(name: str, value: object) -> str:
    """``name = <literal>``, the literal aligned after the ``=`` (see :func:`literal`)."""
    return f"{name} = {literal(value, indent=len(name) + 3)}"


def assign_list(name: str, values: object) -> str:
    """``name = [1, 2.5]``: a Python list, for values a loop goes through one by one."""
    return f"{name} = {row_literal(np.ravel(np.asarray(values, dtype=np.float64)), len(name) + 3)}"


def assignments(v: Values, *names: str, rename: Mapping[str, str] | None = None) -> str:
    """One :func:`assign` line per key.

    Parameters
    ----------
    v : Values
        The scene's values table.
    *names : str
        The keys to write, in order.
    rename : mapping of str to str, optional
        The variable a key is written as, where it is not the key itself (``stack_x`` as ``x``).

    Returns
    -------
    str
        The assignments, one a line.
    """
    rename = rename or {}
    return "\n".join(assign(rename.get(n, n), v[n]) for n in names)


def print_call(label: str, expr: str, rows: bool = False) -> str:
    """``print("label =", expr)``; a matrix (``rows``) starts on the next line, so its rows align."""
    return f'print("{label} =", {expr}' + (', sep="\\n")' if rows else ")")


def join_lines(*lines: str) -> str:
    """The source of one cell: ``lines`` one after another."""
    return "\n".join(lines)
