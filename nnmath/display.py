"""How a computed number is written, on screen and in ``nnanim explain``.

One formatter for both, so the text a scene draws is exactly the text the tests expect
from nnmath's values. Policy: round to ``digits`` decimals, drop trailing zeros, never
write ``-0``; numbers of 1e6 or more in magnitude, and non-zero ones below ``10**-digits``,
switch to scientific notation with three significant digits so a twelve-digit value cannot
overflow a matrix cell.
"""

from __future__ import annotations

import numpy as np

__all__ = ["format_number", "format_array", "format_shape_x", "MAX_SHOWN", "shown_indices"]

LARGE = 1e6


def format_number(value: float, digits: int = 4) -> str:
    """Format one number for display.

    >>> format_number(48.0), format_number(0.09003057), format_number(-0.00001)
    ('48', '0.09', '-1e-05')
    """
    x = float(value)
    if x != 0 and (abs(x) >= LARGE or abs(x) < 0.5 * 10.0**-digits):
        mantissa, exponent = f"{x:.2e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa}e{int(exponent):+03d}"
    text = f"{x:.{digits}f}".rstrip("0").rstrip(".") if digits > 0 else f"{x:.0f}"
    return "0" if text in ("-0", "") else text


def format_array(values: np.ndarray, digits: int = 4) -> str:
    """Format a scalar, vector or matrix on one line: ``[48, 54, 60]``, ``[[1, 2], [3, 4]]``."""
    array = np.asarray(values)
    if array.ndim == 0:
        return format_number(array, digits)
    return "[" + ", ".join(format_array(row, digits) for row in array) + "]"


def format_shape_x(shape: tuple[int, ...]) -> str:
    """The lecture's way of writing a shape: ``(3, 4)`` -> ``"3×4"``, ``(3,)`` -> ``"3"``."""
    return "×".join(str(int(n)) for n in shape) if shape else "scalar"


#: Rows, columns or terms of a sum past this are elided, on screen and in ``nnanim explain``.
MAX_SHOWN = 6


def shown_indices(n: int, max_shown: int = MAX_SHOWN) -> list[int | None]:
    """The indices written along one axis of length ``n``: all of them, or the first
    ``max_shown - 2``, ``None`` where the dots go, and the last (docs/display-policy.md)."""
    if n <= max_shown:
        return list(range(n))
    return [*range(max_shown - 2), None, n - 1]
