"""The shape rule of a product: (m×n)·(n×p) → m×p, with the inner dimensions to light up."""

from __future__ import annotations

from manim import RIGHT, Text, VGroup

from scenes.mobjects.numbers import ShapeText
from scenes.theme import Theme

__all__ = ["ShapeCheck"]


class ShapeCheck(VGroup):
    """``(1×3) · (3×3) → 1×3``: two shapes, their inner dimensions, and the result's shape.

    Parameters
    ----------
    left_shape, right_shape : the shapes in the lecture's two-dimensional view
    result_shape : the product's shape as nnmath computed it, or ``None`` when the inner
        dimensions differ (the arrow then leads to a ✗)

    Attributes
    ----------
    left, right : :class:`ShapeText` of the two shapes
    left_inner, right_inner : the digits of the inner dimensions (to highlight)
    result : :class:`ShapeText` of the result, or the ✗ mark
    """

    def __init__(
        self,
        left_shape: tuple[int, int],
        right_shape: tuple[int, int],
        result_shape: tuple[int, ...] | None,
        theme: Theme,
        *,
        left_color: str | None = None,
        right_color: str | None = None,
        font_size: float | None = None,
    ) -> None:
        super().__init__()
        size = font_size or theme.label_size
        self.left = ShapeText(left_shape, theme, color=left_color or theme.left, font_size=size)
        self.right = ShapeText(right_shape, theme, color=right_color or theme.right, font_size=size)
        # The inner dimensions are the last digits of the left shape and the first of the right.
        self.left_inner = self.left[-len(str(left_shape[-1])) :]
        self.right_inner = self.right[: len(str(right_shape[0]))]
        self.matches = result_shape is not None
        if self.matches:
            self.result = ShapeText(result_shape, theme, color=theme.result, font_size=size)
        else:
            self.result = Text("✗", font=theme.font, font_size=size, color=theme.wrong)
        self.arrow = Text("→", font=theme.font, font_size=size, color=theme.muted)
        self.dot = Text("·", font=theme.font, font_size=size, color=theme.muted)
        self.add(self.left, self.dot, self.right, self.arrow, self.result)
        self.arrange(RIGHT, buff=0.18)
