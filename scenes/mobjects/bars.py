"""A bar chart of a vector: one bar per entry, its value above, its name below."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DOWN, UP, Line, Rectangle, Text, VGroup

from nnmath.display import shared_decimals
from scenes.mobjects.numbers import Num
from scenes.theme import Theme

__all__ = ["Bars"]


class Bars(VGroup):
    """Bars for the values nnmath computed (probabilities, logits, exponentials).

    Parameters
    ----------
    values : array of shape (k,)
    theme
    names : k labels under the bars (class names, zᵢ ...), optional
    scale_max : the value drawn at full ``max_height`` (default: the largest |value|), so that
        two charts can share one scale
    max_height, bar_width, gap : sizes in scene units
    color : fill colour (default ``theme.result``)
    digits : decimals of the value labels

    Attributes
    ----------
    bars : one :class:`Rectangle` per value (height 0 for a value of 0)
    values : one :class:`Num` per value
    names : one :class:`Text` per name
    baseline : the line at 0
    """

    def __init__(
        self,
        values: np.ndarray,
        theme: Theme,
        *,
        names: Sequence[str] | None = None,
        scale_max: float | None = None,
        max_height: float = 3.0,
        bar_width: float = 0.9,
        gap: float = 0.5,
        color: str | None = None,
        digits: int = 4,
        font_size: float | None = None,
    ) -> None:
        super().__init__()
        array = np.asarray(values, dtype=float).ravel()
        top = scale_max if scale_max is not None else float(np.max(np.abs(array))) or 1.0
        size = font_size or theme.label_size
        self.bars, self.values, self.names = VGroup(), VGroup(), VGroup()
        # The bars' values are one vector: one number of decimals (0.090 beside 0.245).
        decimals = shared_decimals(array, digits)
        for i, value in enumerate(array):
            height = max(abs(value) / top * max_height, 1e-3)
            bar = Rectangle(
                width=bar_width,
                height=height,
                stroke_width=0,
                fill_color=color or theme.result,
                fill_opacity=0.9,
            )
            x = i * (bar_width + gap)
            bar.move_to([x, height / 2 if value >= 0 else -height / 2, 0])
            label = Num(value, theme, font_size=size, digits=digits, decimals=decimals)
            label.next_to(bar, UP if value >= 0 else DOWN, buff=0.12)
            self.bars.add(bar)
            self.values.add(label)
            if names is not None:
                name = Text(names[i], font=theme.font, font_size=size, color=theme.muted)
                name.next_to([x, 0, 0], DOWN, buff=0.2 + (height if value < 0 else 0))
                self.names.add(name)
        width = len(array) * (bar_width + gap) - gap
        self.baseline = Line([-bar_width / 2 - 0.15, 0, 0], [width - bar_width / 2 + 0.15, 0, 0], color=theme.muted, stroke_width=2)
        self.add(self.baseline, self.bars, self.values, self.names)
