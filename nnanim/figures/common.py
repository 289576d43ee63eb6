"""Small drawing helpers shared by the figures: finding nnmath's steps, marking and labelling points."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.text import Annotation

from nnmath.display import format_number
from nnmath.lecture import Explanation
from nnmath.trace import Step
from scenes.theme import Theme

__all__ = ["section_steps", "mark_point", "backdrop", "number"]


def section_steps(explanation: Explanation, heading: str) -> tuple[Step, ...]:
    """The steps of the section of ``explanation`` headed ``heading``."""
    for section in explanation.sections:
        if section.heading == heading:
            return section.steps
    headings = [s.heading for s in explanation.sections]
    raise KeyError(f"{explanation.slug} has no section {heading!r}; it has {headings}")


def number(value: float, digits: int = 4) -> str:
    """nnmath's text for a number, with a typographic minus like the axes' tick labels."""
    return format_number(value, digits).replace("-", "\u2212")


def backdrop(theme: Theme) -> dict[str, object]:
    """A box in the background colour behind a label, so it stays legible where it crosses a line.

    A box rather than a stroked outline: matplotlib draws outlined text as paths, and vector
    figures must keep their text as text.
    """
    return {"boxstyle": "round,pad=0.15", "facecolor": theme.background, "edgecolor": "none", "alpha": 0.8}


def mark_point(
    ax: Axes,
    x: float,
    y: float,
    text: str,
    *,
    theme: Theme,
    color: str,
    offset: tuple[float, float] = (12, 12),
    gid: str | None = None,
    arrow: bool = False,
) -> tuple[Line2D, Annotation]:
    """A dot at (x, y) with ``text`` ``offset`` points away (left of it, centred above or right of
    it as the offset points), joined by an arrow if ``arrow``; both carry ``gid`` for tests."""
    [dot] = ax.plot([x], [y], "o", color=color, markeredgecolor=theme.background, markeredgewidth=2, zorder=5, gid=gid)
    label = ax.annotate(
        text,
        (x, y),
        xytext=offset,
        textcoords="offset points",
        color=color,
        ha="left" if offset[0] > 0 else "right" if offset[0] < 0 else "center",
        va="bottom" if offset[1] >= 0 else "top",
        bbox=backdrop(theme),
        zorder=6,
        gid=gid,
        arrowprops={"arrowstyle": "-", "color": color, "linewidth": 1.5, "shrinkA": 2, "shrinkB": 8} if arrow else None,
    )
    return dot, label
