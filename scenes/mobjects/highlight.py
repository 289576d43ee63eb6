"""The filled, rounded box drawn behind whatever a beat points at (a row, a column, a pair, a bar)."""

from __future__ import annotations

from manim import Mobject, RoundedRectangle

from scenes.theme import Theme

__all__ = ["highlight_box"]


def highlight_box(
    target: Mobject,
    theme: Theme,
    *,
    pad_x: float = 0.18,
    pad_y: float = 0.14,
    corner_radius: float = 0.12,
    color: str | None = None,
    opacity: float = 0.9,
) -> RoundedRectangle:
    """A box in ``theme.highlight`` (or ``color``) behind ``target``, ``pad_x``/``pad_y`` larger than it."""
    box = RoundedRectangle(
        corner_radius=corner_radius,
        width=target.width + pad_x,
        height=target.height + pad_y,
        stroke_width=0,
        fill_color=color or theme.highlight,
        fill_opacity=opacity,
    ).move_to(target)
    box.set_z_index(-1)
    return box
