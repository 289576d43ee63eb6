"""Numbers and shapes on screen, each remembering the value it shows.

Tests collect these from a scene's mobjects to prove that what is on screen is what nnmath
computed: :attr:`Num.number_text` is nnmath's :func:`~nnmath.display.format_number` of the value.
"""

from __future__ import annotations

from manim import Text

from nnmath.display import format_decimals, format_number
from scenes.theme import Theme

__all__ = ["Num", "ShapeText", "MINUS"]

MINUS = "\u2212"  # a typographic minus: the hyphen is too short next to digits


class Num(Text):
    """A number, written with nnmath's display rounding.

    Parameters
    ----------
    value
        The number, as nnmath computed it.
    theme
        Supplies the font, and the colour and size unless given.
    digits
        Decimals kept (trailing zeros dropped).
    decimals
        Draw exactly this many decimals (trailing zeros kept), as an entry of a vector whose
        entries share their decimals (:func:`nnmath.display.format_fixed`).

    ``number_text`` is nnmath's :func:`~nnmath.display.format_number` of the value, what the
    tests compare; ``shown_text`` is what is drawn (``"0.090"`` for ``number_text`` ``"0.09"``).
    """

    def __init__(
        self,
        value: float,
        theme: Theme,
        *,
        color: str | None = None,
        font_size: float | None = None,
        digits: int = 4,
        decimals: int | None = None,
        **kwargs,
    ) -> None:
        self.value = float(value)
        self.number_text = format_number(self.value, digits)
        self.shown_text = self.number_text if decimals is None else format_decimals(self.value, decimals, digits)
        super().__init__(
            self.shown_text.replace("-", MINUS),
            font=theme.font,
            font_size=font_size or theme.number_size,
            color=color or theme.text,
            **kwargs,
        )


class ShapeText(Text):
    """A shape written the lecture's way, ``3×4`` (a 1-D vector of length n as ``1×n`` or ``n×1``).

    ``shape`` keeps the tuple it shows.
    """

    def __init__(self, shape: tuple[int, ...], theme: Theme, *, color: str | None = None, font_size: float | None = None, **kwargs) -> None:
        self.shape = tuple(int(n) for n in shape)
        super().__init__(
            "×".join(str(n) for n in self.shape),
            font=theme.font,
            font_size=font_size or theme.label_size,
            color=color or theme.muted,
            **kwargs,
        )
