"""The TensorFlow Playground's colours, for the scene and the matplotlib figure (no manim here).

The playground colours every value — a heatmap cell, a weight, a bias, a point's label — with one
d3 scale: −1 orange, 0 a light grey, +1 blue, clamped beyond. The light theme keeps the grey; on
the dark background a dark grey takes its place so that the heatmaps do not glare, and the ends stay
the playground's orange and blue.
"""

from __future__ import annotations

import numpy as np

from scenes.theme import Theme

__all__ = ["ORANGE", "BLUE", "middle", "rgb_array", "hex_color"]

ORANGE = "#f59322"  # playground.ts: colorScale range
BLUE = "#0877bd"
_MIDDLE = {"light": "#e8eaeb", "dark": "#3a404e"}


def middle(theme: Theme) -> str:
    """The colour of 0 in ``theme``."""
    return _MIDDLE.get(theme.name, _MIDDLE["light"])


def _rgb(color: str) -> np.ndarray:
    return np.array([int(color[k : k + 2], 16) for k in (1, 3, 5)], dtype=float)


def rgb_array(values: np.ndarray, theme: Theme) -> np.ndarray:
    """``values`` as RGB bytes (shape + (3,)), interpolated in RGB between the three stops as d3 does."""
    t = np.clip(np.asarray(values, dtype=float), -1.0, 1.0)[..., None]
    mid = _rgb(middle(theme))
    toward = np.where(t < 0, _rgb(ORANGE), _rgb(BLUE))
    return np.round(mid + (toward - mid) * np.abs(t)).astype(np.uint8)


def hex_color(value: float, theme: Theme) -> str:
    """One value's colour as ``#rrggbb`` (links, biases, points)."""
    r, g, b = rgb_array(np.array([value]), theme)[0]
    return f"#{r:02x}{g:02x}{b:02x}"
