"""The lecture's theme as matplotlib settings, so figures and videos look like one lecture.

Colours and the font come from :mod:`scenes.theme` (which never imports manim). Sizes are the
theme's manim font sizes scaled to points for a 16:9 figure the width of a slide, so a title,
a label and a caption keep the proportions they have in the videos and stay readable when
projected.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib
from matplotlib.figure import Figure

from scenes.theme import THEMES, Theme

__all__ = [
    "FIGURE_SIZE",
    "DPI",
    "POINTS_PER_MANIM_SIZE",
    "points",
    "rc_params",
    "themed",
    "new_figure",
    "curve_colors",
    "class_colors",
    "get_theme",
]

#: Inches: 16:9, the shape of a slide; 1280×720 pixels at :data:`DPI`.
FIGURE_SIZE = (12.8, 7.2)
DPI = 100
#: A manim font size of 40 (the theme's titles) becomes 31 pt on a 12.8-inch-wide figure: the
#: share of the width a title takes in a 16:9 video frame, 1.3 times over, because a figure is read
#: from the back of a room on a projected slide, with more detail than a video frame.
POINTS_PER_MANIM_SIZE = 0.78
#: Inches kept free around the axes and between them, so no title or label touches an edge.
LAYOUT_PAD = 0.2


def get_theme(name: str) -> Theme:
    """The theme called ``name`` (``dark`` or ``light``)."""
    return THEMES[name]


def points(manim_size: float) -> float:
    """A theme font size (manim units) in points."""
    return round(manim_size * POINTS_PER_MANIM_SIZE, 1)


def rc_params(theme: Theme) -> dict[str, object]:
    """matplotlib settings for ``theme``: colours, font, sizes, and deterministic vector output."""
    return {
        "figure.figsize": FIGURE_SIZE,
        "figure.dpi": DPI,
        "savefig.dpi": DPI,
        "figure.facecolor": theme.background,
        "savefig.facecolor": theme.background,
        "figure.constrained_layout.use": True,
        "figure.constrained_layout.h_pad": LAYOUT_PAD,
        "figure.constrained_layout.w_pad": LAYOUT_PAD,
        "axes.facecolor": theme.background,
        "axes.edgecolor": theme.muted,
        "axes.labelcolor": theme.text,
        "axes.titlecolor": theme.text,
        "axes.titlesize": points(theme.title_size),
        "axes.titleweight": "normal",
        "axes.labelsize": points(theme.label_size),
        "axes.linewidth": 1.2,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.axisbelow": True,
        "grid.color": theme.highlight,
        "grid.linewidth": 1.0,
        "xtick.color": theme.muted,
        "ytick.color": theme.muted,
        "xtick.labelcolor": theme.text,
        "ytick.labelcolor": theme.text,
        "xtick.labelsize": points(theme.caption_size),
        "ytick.labelsize": points(theme.caption_size),
        "legend.fontsize": points(theme.caption_size),
        "legend.frameon": False,
        "legend.labelcolor": theme.text,
        "text.color": theme.text,
        "font.family": "sans-serif",
        "font.sans-serif": [theme.font, "DejaVu Sans"],
        "font.size": points(theme.caption_size),
        "lines.linewidth": 3.0,
        "lines.markersize": 11,
        # The video's minus sign; DejaVu Sans has it.
        "axes.unicode_minus": True,
        # Vector output keeps text as text, and the same figure gives the same bytes.
        "svg.fonttype": "none",
        "svg.hashsalt": "nnanim",
        "pdf.fonttype": 42,
    }


@contextmanager
def themed(theme: Theme) -> Iterator[None]:
    """Build and save figures inside this block: the settings apply to both."""
    with matplotlib.rc_context(rc_params(theme)):
        yield


def new_figure(**subplots: object) -> tuple[Figure, object]:
    """A figure (no pyplot, so no global state) and its axes, as ``Figure.subplots(**subplots)``.

    Call it inside :func:`themed`.
    """
    figure = Figure()
    return figure, figure.subplots(**subplots)


def curve_colors(theme: Theme) -> list[str]:
    """The colours of the activation curves, in the order of the values' ``functions``.

    The same order as the activations scene: ``theme.left`` is the colour of x, so no curve takes it.
    """
    return [theme.right, theme.product, theme.bias, theme.result, theme.muted]


def class_colors(theme: Theme) -> list[str]:
    """One colour per class: the theme's rose, daisy and tulip, as in every scene (then cycling)."""
    return [theme.class_color(i) for i in range(3)]


def pair_colors(theme: Theme) -> list[str]:
    """Colours for the neuron pairs of the sine fit, cycling: none of them is the colour of the
    fit (``result``), of the line without ReLU (``wrong``) or of the target (``muted``), so a pair
    is never mistaken for one of those curves."""
    return [theme.left, theme.right, theme.product, theme.bias]
