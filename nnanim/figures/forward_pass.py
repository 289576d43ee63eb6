"""The flower network's predicted class over the (length, width) plane, with f1, f2, ... marked."""

from __future__ import annotations

from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from course import explain
from course.lecture1 import forward_pass
from nnanim.figures.common import mark_point, number
from nnanim.figures.style import class_colors, new_figure
from nnmath.values import LectureValues
from scenes.theme import Theme

__all__ = ["draw_regions", "tint"]

#: How much of a class's colour fills its region (the rest is background), so marks stay visible.
_REGION_TINT = 0.35
#: Each region reaches this far (in margin) past its edge, so neighbouring regions overlap by a
#: hair instead of leaving a seam of background where three of them meet.
_SEAM = 0.005


def tint(color: str, background: str, amount: float) -> tuple[float, float, float]:
    """``color`` mixed into ``background``: opaque, so a vector viewer shows no seams between cells."""
    return tuple(amount * c + (1 - amount) * b for c, b in zip(to_rgb(color), to_rgb(background)))


def draw_regions(values: LectureValues, theme: Theme) -> Figure:
    """Each point of the plane coloured by the class the network predicts there; samples marked
    with their predicted class and its probability.

    Artists for tests: filled contours ``region:CLASS`` (the points where nnmath predicts CLASS),
    dots and labels ``sample:i`` (i from 1).
    """
    classes = explain("forward-pass", values).objects["classes"]
    regions = forward_pass.regions(values["forward-pass"])
    colors = [class_colors(theme)[k % len(class_colors(theme))] for k in range(len(classes))]
    figure, ax = new_figure()
    for k, color in enumerate(colors):
        # The region where class k leads: its margin over the other classes is positive (margins
        # are at most 1, so the upper level holds every such point), and a hair beyond (_SEAM).
        ax.contourf(
            regions.xs,
            regions.ys,
            regions.margins[:, :, k],
            levels=[-_SEAM, 1.5],
            colors=[tint(color, theme.background, _REGION_TINT)],
            antialiased=True,
            zorder=0,
        ).set_gid(f"region:{classes[k]}")
    for i, (point, k, probabilities) in enumerate(
        zip(regions.samples, regions.sample_predicted, regions.sample_probabilities), start=1
    ):
        text = f"f{i} = ({number(point[0])}, {number(point[1])}): {classes[k]} {number(probabilities[k], 3)}"
        mark_point(ax, point[0], point[1], text, theme=theme, color=colors[k], offset=(-14, 12), gid=f"sample:{i}")
    ax.legend(
        # Each swatch is its region's colour exactly, edge included: a swatch outlined in the full
        # class colour would look like no region on the plot.
        handles=[
            Patch(facecolor=tint(c, theme.background, _REGION_TINT), edgecolor=tint(c, theme.background, _REGION_TINT), label=name)
            for c, name in zip(colors, classes)
        ],
        loc="upper left",
        # Framed in the background colour: over its own region a swatch would vanish.
        frameon=True,
        facecolor=theme.background,
        edgecolor=theme.muted,
        framealpha=1.0,
        title="predicted class",
        title_fontproperties={"size": "medium"},
        labelcolor=theme.text,
    ).get_title().set_color(theme.muted)
    ax.set_xlim(regions.xs[0], regions.xs[-1])
    ax.set_ylim(regions.ys[0], regions.ys[-1])
    ax.grid(False)
    ax.set_xlabel("length")
    ax.set_ylabel("width")
    ax.set_title("The class the network predicts", loc="left")
    return figure
