"""How a computed number is written, on screen and in ``nnanim explain``.

One formatter for both, so the text a scene draws is exactly the text the tests expect
from nnmath's values. Policy (docs/display-policy.md):

- round to ``digits`` decimals the way a student does by hand: half away from zero, on the
  decimal value one reads (``2.675`` → ``2.68``, ``-4.3125`` → ``-4.313``), not on the binary
  float (which is 2.67499999… and would give ``2.67``);
- drop trailing zeros, never write ``-0``; numbers of 1e6 or more in magnitude, and non-zero ones
  below ``10**-digits``, switch to scientific notation with three significant digits so a
  twelve-digit value cannot overflow a matrix cell;
- within one displayed vector or matrix every entry has the same number of decimals
  (:func:`format_fixed`): ``0.090`` beside ``0.245``, never ``0.09`` beside ``0.245``;
- a written sum of rounded parts uses ``=`` only when the parts as shown add up exactly to the
  total as shown, else ``≈`` (:func:`sum_sign`);
- a product written out term by term (:func:`term_line`) writes each number as it is written
  where it is drawn: a factor with the decimals of the vector or matrix it comes from, the total
  with the result's, and the products as one vector (shared decimals) never with fewer decimals
  than their factors (``1·0.20 = 0.20``), so one beat never shows ``0.20`` in a matrix and ``0.2``
  beside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

__all__ = [
    "format_number",
    "format_array",
    "format_fixed",
    "format_decimals",
    "format_shape_x",
    "subscripted",
    "shared_decimals",
    "shown_value",
    "sum_sign",
    "product_sign",
    "relation_sign",
    "MAX_SHOWN",
    "MAX_TERMS",
    "shown_indices",
    "format_term",
    "sum_text",
    "sum_line",
    "vector_text",
    "drawn_decimals",
    "TermLine",
    "term_line",
    "cell_line",
    "term_text",
]

LARGE = 1e6


def _decimal(value: float) -> Decimal:
    # repr() is the shortest text that reads back as the same float: the decimal a person typed
    # (2.675), not the binary expansion (2.67499999999999982236431605997495353221893310546875).
    return Decimal(repr(float(value)))


def _is_scientific(x: float, digits: int) -> bool:
    return x != 0 and (abs(x) >= LARGE or abs(x) < 0.5 * 10.0**-digits)


def _scientific(x: float) -> str:
    exact = _decimal(x)
    exponent = exact.adjusted()
    mantissa = (exact.scaleb(-exponent)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if abs(mantissa) >= 10:  # 9.995e5 rounds up to 10.00e5 = 1.00e6
        mantissa, exponent = (mantissa / 10).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), exponent + 1
    text = f"{mantissa:f}".rstrip("0").rstrip(".")
    return f"{text}e{exponent:+03d}"


def _fixed(x: float, decimals: int) -> str:
    quantum = Decimal(1).scaleb(-decimals)
    rounded = _decimal(x).quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{rounded:f}"
    return text[1:] if rounded == 0 and text.startswith("-") else text


def format_number(value: float, digits: int = 4) -> str:
    """Format one number for display: at most ``digits`` decimals, rounded half away from zero.

    >>> format_number(48.0), format_number(0.09003057), format_number(-0.00001), format_number(2.675, 2)
    ('48', '0.09', '-1e-05', '2.68')
    """
    x = float(value)
    if _is_scientific(x, digits):
        return _scientific(x)
    text = _fixed(x, max(digits, 0))
    if abs(Decimal(text)) >= LARGE:  # 999999.99995 rounds up to a million
        return _scientific(float(Decimal(text)))
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def shared_decimals(values: Iterable[float], digits: int = 4) -> int:
    """The decimals one displayed vector needs: the most any of its entries needs, at most ``digits``.

    ``[0.09, 0.245]`` needs 3, ``[48, 54, 60]`` needs 0. Entries written in scientific notation
    do not count.
    """
    needed = 0
    for value in np.asarray(list(values) if not isinstance(values, np.ndarray) else values, dtype=float).ravel():
        text = format_number(value, digits)
        if "e" not in text and "." in text:
            needed = max(needed, len(text.split(".")[1]))
    return needed


def format_fixed(values: Iterable[float], digits: int = 4) -> list[str]:
    """Every entry of a displayed vector or matrix with the same number of decimals.

    >>> format_fixed([0.09, 0.245, 0.665])
    ['0.090', '0.245', '0.665']
    """
    array = np.asarray(list(values) if not isinstance(values, np.ndarray) else values, dtype=float).ravel()
    decimals = shared_decimals(array, digits)
    return [format_decimals(x, decimals, digits) for x in array]


def format_decimals(value: float, decimals: int, digits: int = 4) -> str:
    """``value`` with exactly ``decimals`` decimals (trailing zeros kept), as an entry of a vector
    whose :func:`shared_decimals` is ``decimals``; scientific notation as :func:`format_number`."""
    x = float(value)
    return format_number(x, digits) if _is_scientific(x, digits) else _fixed(x, decimals)


def shown_value(text: str) -> Decimal:
    """The exact decimal a displayed number stands for (``"−0.3"`` → ``Decimal("-0.3")``)."""
    return Decimal(text.strip().replace("\u2212", "-").strip("()"))


def relation_sign(exact_from_shown: Decimal, shown_result: str) -> str:
    """``=`` when the value computed from the shown parts is exactly the shown result, else ``≈``."""
    return "=" if exact_from_shown == shown_value(shown_result) else "≈"


def sum_sign(parts: Iterable[float | str], total: float | str, digits: int = 4) -> str:
    """``=`` or ``≈`` for a written sum ``parts[0] + parts[1] + … (sign) total``.

    Parts and total are numbers (formatted with ``digits``) or the texts already shown. A reader
    who adds the parts as written must get the total as written, or the line says ``≈``:
    ``0.333 + 0.333 + 0.333 ≈ 1``.
    """

    def text(v: float | str) -> str:
        return v if isinstance(v, str) else format_number(v, digits)

    return relation_sign(sum((shown_value(text(p)) for p in parts), Decimal(0)), text(total))


def product_sign(factors: Iterable[float | str], product: float | str, digits: int = 4) -> str:
    """``=`` or ``≈`` for a written product ``factors[0]·factors[1]·… (sign) product``, as :func:`sum_sign`."""

    def text(v: float | str) -> str:
        return v if isinstance(v, str) else format_number(v, digits)

    exact = Decimal(1)
    for factor in factors:
        exact *= shown_value(text(factor))
    return relation_sign(exact, text(product))


def format_array(values: np.ndarray, digits: int = 4) -> str:
    """Format a scalar, vector or matrix on one line, with :func:`format_fixed`'s shared decimals.

    ``[48, 54, 60]``, ``[[1, 2], [3, 4]]``, ``[0.090, 0.245, 0.665]``.
    """
    array = np.asarray(values, dtype=float)
    if array.ndim == 0:
        return format_number(array, digits)
    texts = iter(format_fixed(array, digits))

    def nest(a: np.ndarray) -> str:
        return "[" + ", ".join(next(texts) if a.ndim == 1 else nest(row) for row in a) + "]" if a.ndim else next(texts)

    return nest(array)


def format_shape_x(shape: tuple[int, ...]) -> str:
    """The lecture's way of writing a shape: ``(3, 4)`` -> ``"3×4"``, ``(3,)`` -> ``"3"``."""
    return "×".join(str(int(n)) for n in shape) if shape else "scalar"


_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def subscripted(name: str, number: int) -> str:
    """A label with a subscript, as the lecture writes it: ``("C", 1)`` -> ``"C₁"``, ``("s", 12)`` -> ``"s₁₂"``."""
    return name + str(number).translate(_SUBSCRIPTS)


#: Rows, columns or terms of a sum past this are elided, on screen and in ``nnanim explain``.
MAX_SHOWN = 6


def shown_indices(n: int, max_shown: int = MAX_SHOWN) -> list[int | None]:
    """The indices written along one axis of length ``n``: all of them, or the first
    ``max_shown - 2``, ``None`` where the dots go, and the last (docs/display-policy.md)."""
    if n <= max_shown:
        return list(range(n))
    return [*range(max_shown - 2), None, n - 1]


#: A dot product written out longer than this shows its first terms, ``…`` and the last one: on
#: screen (:class:`scenes.mobjects.DotTerms`) and in its captions alike.
MAX_TERMS = 6


def format_term(value: float, digits: int = 4, *, first: bool = False) -> str:
    """A number in a written-out sum or product: a negative one after a sign is in parentheses,
    ``-14`` -> ``"(-14)"`` (``first``: the leading term, which needs none)."""
    return term_text(format_number(value, digits), first=first)


def sum_text(values: np.ndarray, digits: int = 4) -> str:
    """A sum's terms for a caption, elided as :class:`scenes.mobjects.DotTerms` draws them:
    ``"4 + (-14) + … + 30"``. ``values`` has shape (n,)."""
    return " + ".join(
        "…" if i is None else format_term(values[i], digits, first=k == 0)
        for k, i in enumerate(shown_indices(len(values), MAX_TERMS))
    )


def sum_line(values: np.ndarray, total: float, digits: int = 4) -> str:
    """``"4 + 10 + 18 = 32"`` for a caption: :func:`sum_text`, then ``=`` or ``≈`` and the total.

    ``≈`` when the terms as written do not add up to the total as written (``0.3333 + 0.3333 +
    0.3333 ≈ 1``), so a caption never claims an equality a reader cannot check.
    """
    return f"{sum_text(values, digits)} {sum_sign(np.ravel(values), total, digits)} {format_number(total, digits)}"


def vector_text(values: np.ndarray, digits: int = 4, *, brackets: str = "[]") -> str:
    """A vector of shape (n,) for a caption, elided as :class:`scenes.mobjects.MatrixMob` draws
    it, with its shared decimals: ``[1, 2, 3, 4, …, 50]``."""
    shown = shown_indices(len(values), MAX_SHOWN)
    fixed = format_fixed([values[i] for i in shown if i is not None], digits)
    texts = ("…" if i is None else fixed.pop(0) for i in shown)
    return brackets[0] + ", ".join(texts) + brackets[1]


def drawn_decimals(values: np.ndarray, digits: int = 4, max_shown: int = MAX_SHOWN) -> int:
    """The decimals every entry of a drawn vector or matrix is written with: :func:`shared_decimals`
    of the entries drawn (an elided row or column does not count), as ``MatrixMob`` draws it.
    A 1-D vector is one row (or column: the same entries); a scalar, itself."""
    array = np.asarray(values, dtype=float)
    if array.ndim == 0:
        return shared_decimals([float(array)], digits)
    if array.ndim == 1:
        array = array.reshape(1, -1)
    rows = [i for i in shown_indices(array.shape[0], max_shown) if i is not None]
    cols = [j for j in shown_indices(array.shape[1], max_shown) if j is not None]
    return shared_decimals(array[np.ix_(rows, cols)], digits)


@dataclass(frozen=True)
class TermLine:
    """One entry of a product written out: ``a₁·b₁ + … (s₁) p₁ + … (s₂) total``, as texts.

    ``lefts``, ``rights``, ``products`` are the texts of every term (an elided one as it would be
    written), plain (ASCII minus, no parentheses); ``shown`` the terms written, ``None`` where the
    dots go (:data:`MAX_TERMS`); ``decimals`` the decimals of the left factors, the right factors,
    the products and the total; ``signs`` the ``=`` or ``≈`` before the products and before the
    total (:func:`product_sign`, :func:`sum_sign` on the texts as written). Made by :func:`term_line`.
    """

    lefts: tuple[str, ...]
    rights: tuple[str, ...]
    products: tuple[str, ...]
    total: str
    shown: tuple[int | None, ...]
    decimals: tuple[int, int, int, int]
    signs: tuple[str, str]

    def written(self) -> list[str]:
        """Every number the line writes, in order: each shown term's two factors, then its
        products and the total (what a scene draws)."""
        terms = [i for i in self.shown if i is not None]
        return [t for i in terms for t in (self.lefts[i], self.rights[i])] + [self.products[i] for i in terms] + [self.total]

    def sum_text(self) -> str:
        """The products as a caption writes them: ``"0.20 + 1.60 + (-1.50) + 4.00"``, elided as drawn."""
        return " + ".join("…" if i is None else term_text(self.products[i], first=k == 0) for k, i in enumerate(self.shown))

    def sum_line(self) -> str:
        """``"0.20 + 1.60 + (-1.50) + 4.00 = 4.30"``: the products, the sign, the total as drawn."""
        return f"{self.sum_text()} {self.signs[1]} {self.total}"

    def factor_text(self, k: int, *, first: bool = False) -> str:
        """Term ``k`` as ``"1·0.20"`` (``"(-2)·0.50"`` after a sign; ``first``: the leading term)."""
        return f"{term_text(self.lefts[k], first=first)}·{term_text(self.rights[k])}"


def term_text(text: str, *, first: bool = False) -> str:
    """A number already written, as a term after a sign or a "·": in parentheses when negative
    (:func:`format_term`'s rule for a written text, e.g. a :class:`TermLine`'s total)."""
    return f"({text})" if text.startswith("-") and not first else text


def term_line(
    left: np.ndarray,
    right: np.ndarray,
    products: np.ndarray,
    total: float,
    *,
    digits: int = 4,
    left_of: np.ndarray | None = None,
    right_of: np.ndarray | None = None,
    total_of: np.ndarray | None = None,
) -> TermLine:
    """How a dot product ``sum(left * right) = total`` is written out, on screen and in captions.

    ``left_of``, ``right_of``, ``total_of``: the vectors or matrices drawn beside the line that the
    factors and the total are entries of (default: ``left`` and ``right`` themselves, as one vector
    each, and no drawn result). Each factor is written with its drawn vector's decimals
    (:func:`drawn_decimals`), the total with the drawn result's, and the products as one vector:
    the decimals the products need (at most ``digits``: ``0.46·(-0.14) ≈ -0.064`` at 3), and never
    fewer than their factors have (``1·0.20 = 0.20``, ``1.0·2.0 = 2.0``); a total drawn nowhere
    else takes the products' decimals. A number never gets fewer decimals than
    :func:`format_number` gives it, so no value is rounded more than its own text would be.
    """
    left, right, products = (np.asarray(a, dtype=float).ravel() for a in (left, right, products))
    shown = tuple(shown_indices(len(products), MAX_TERMS))
    written = [i for i in shown if i is not None]

    def decimals(of: np.ndarray, own: np.ndarray) -> int:
        return max(drawn_decimals(of, digits), shared_decimals(own[written], digits))

    left_d = decimals(left if left_of is None else left_of, left)
    right_d = decimals(right if right_of is None else right_of, right)
    product_d = max(left_d, right_d, shared_decimals(products[written], digits))
    total_d = max(product_d if total_of is None else drawn_decimals(total_of, digits), shared_decimals([total], digits))

    def texts(values: np.ndarray, d: int) -> tuple[str, ...]:
        # Elided terms too, rounded as if they were written: they count in the signs.
        return tuple(format_decimals(v, d, digits) for v in values)

    lefts, rights, products_texts = texts(left, left_d), texts(right, right_d), texts(products, product_d)
    total_text = format_decimals(total, total_d, digits)
    exact = all(product_sign([a, b], p) == "=" for a, b, p in zip(lefts, rights, products_texts))
    return TermLine(
        lefts=lefts,
        rights=rights,
        products=products_texts,
        total=total_text,
        shown=shown,
        decimals=(left_d, right_d, product_d, total_d),
        signs=("=" if exact else "≈", sum_sign(products_texts, total_text)),
    )


def cell_line(cell, step=None, *, digits: int = 4) -> TermLine:
    """:func:`term_line` of one entry of a product (an ``nnmath.trace.Cell``), beside its operands
    and its result as drawn: ``step``'s two-dimensional views and output (``ProductStep``); with no
    ``step``, beside the cell's own two vectors."""
    kwargs = {}
    if step is not None:
        kwargs = dict(
            left_of=step.intermediates["left_view"], right_of=step.intermediates["right_view"], total_of=step.output
        )
    return term_line(cell.left, cell.right, cell.products, cell.value, digits=digits, **kwargs)
