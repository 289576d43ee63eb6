"""A dot product written out term by term: a₁·b₁ + a₂·b₂ + … = p₁ + p₂ + … = total."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, Text, VGroup

# sum_text and sum_line write a sum for a caption (manim-free, so content modules use them too);
# re-exported here. A product's line is nnmath.display.term_line: DotTerms draws its texts.
from nnmath.display import MAX_TERMS, TermLine, shown_indices, sum_line, sum_text, term_line
from scenes.mobjects.numbers import Num
from scenes.theme import Theme

__all__ = ["DotTerms", "MAX_TERMS", "sum_text", "sum_line"]


def _shown_terms(n: int) -> list[int | None]:
    """The terms written of ``n``: all, or the first ``MAX_TERMS - 2``, ``None`` (⋯) and the last
    (nnmath.display.shown_indices, the rule nnanim explain and the captions' sum_text use too)."""
    return shown_indices(n, MAX_TERMS)


def _row(parts: list) -> VGroup:
    """Lay ``parts`` left to right: snug inside parentheses, spaced elsewhere."""
    for previous, part in zip(parts, parts[1:]):
        tight = getattr(previous, "text", None) == "(" or getattr(part, "text", None) == ")"
        part.next_to(previous, RIGHT, buff=0.04 if tight else 0.14)
    return VGroup(*parts)


class DotTerms(VGroup):
    """Two lines: the factors with their colours, then the products and the sum.

    Parameters
    ----------
    left, right : arrays of shape (n,), the factors nnmath paired
    products : array of shape (n,), ``left * right`` as nnmath computed it
    total : the sum nnmath computed
    theme
    left_color, right_color : colours of the two vectors' entries (default: the theme's)
    line : how the numbers are written (:func:`nnmath.display.term_line`); by default the line of
        ``left`` and ``right`` as two vectors of their own. A scene that draws the operands and
        the result as matrices passes the line written beside them
        (:func:`nnmath.display.cell_line`), so a factor reads ``0.20`` where its matrix does.

    Attributes
    ----------
    lefts, rights, products : lists of :class:`Num` (``None`` where a term is elided)
    total : the :class:`Num` of the sum
    factor_line, product_line : the two lines, for animating one after the other
    signs : the two relation signs drawn, ``=`` or ``≈`` (``line.signs``)
    line : the :class:`~nnmath.display.TermLine` drawn
    """

    def __init__(
        self,
        left: np.ndarray,
        right: np.ndarray,
        products: np.ndarray,
        total: float,
        theme: Theme,
        *,
        left_color: str | None = None,
        right_color: str | None = None,
        font_size: float | None = None,
        digits: int = 4,
        line: TermLine | None = None,
    ) -> None:
        super().__init__()
        size = font_size or theme.number_size
        self.line = line = line or term_line(left, right, products, total, digits=digits)
        left_d, right_d, product_d, total_d = line.decimals
        n = len(products)
        shown = _shown_terms(n)

        def sign(symbol: str) -> Text:
            return Text(symbol, font=theme.font, font_size=size, color=theme.muted)

        self.lefts: list[Num | None] = [None] * n
        self.rights: list[Num | None] = [None] * n
        self.products: list[Num | None] = [None] * n
        factor_parts, product_parts = [], []

        def signed(num: Num, first: bool = False) -> list:
            # A negative factor, or a negative term after a "+", reads better in parentheses: 2·(−1).
            return [sign("("), num, sign(")")] if num.value < 0 and not first else [num]

        for k, i in enumerate(shown):
            if k:
                factor_parts.append(sign("+"))
                product_parts.append(sign("+"))
            if i is None:
                factor_parts.append(sign("⋯"))
                product_parts.append(sign("⋯"))
                continue
            a = Num(left[i], theme, color=left_color or theme.left, font_size=size, digits=digits, decimals=left_d)
            b = Num(right[i], theme, color=right_color or theme.right, font_size=size, digits=digits, decimals=right_d)
            p = Num(products[i], theme, color=theme.product, font_size=size, digits=digits, decimals=product_d)
            self.lefts[i], self.rights[i], self.products[i] = a, b, p
            factor_parts += [*signed(a, first=k == 0), sign("·"), *signed(b)]
            product_parts += signed(p, first=k == 0)
        self.total = Num(total, theme, color=theme.result, font_size=size, digits=digits, decimals=total_d)
        self.factor_line = _row(factor_parts)
        self.signs = line.signs
        self.equals_products = sign(self.signs[0])
        self.equals_total = sign(self.signs[1])
        self.product_line = _row([self.equals_products, *product_parts, self.equals_total, self.total])
        self.product_line.next_to(self.factor_line, DOWN, buff=0.3, aligned_edge=LEFT)
        self.product_line.shift(LEFT * (self.equals_products.width + 0.14))
        self.add(self.factor_line, self.product_line)
