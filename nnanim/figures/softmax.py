"""Softmax as bars: the scores z before, the probabilities σ(z) after, each bar labelled."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from course import explain
from nnanim.figures.common import number, section_steps
from nnanim.figures.style import new_figure, points
from nnmath.display import format_array, format_fixed, sum_sign
from nnmath.values import LectureValues
from scenes.theme import Theme

__all__ = ["draw_softmax"]

#: The bars of one sample share this much of each slot; samples of a batch split it.
_SLOT = 0.8


def _labels(row: np.ndarray, digits: int) -> list[str]:
    """A row's bar labels: one vector, so one number of decimals (0.0900 beside 0.2447)."""
    return [text.replace("-", "\u2212") for text in format_fixed(row, digits)]


def _bars(ax: Axes, rows: np.ndarray, colors: list[str], theme: Theme, *, gid: str, digits: int) -> None:
    """One group of bars per entry, one bar per sample (row), each labelled with its value."""
    samples, entries = rows.shape
    width = _SLOT / samples
    positions = np.arange(entries)
    for s, row in enumerate(rows):
        offset = (s - (samples - 1) / 2) * width  # centre the group on the entry's tick
        bars = ax.bar(positions + offset, row, width=width * 0.92, color=colors[s % len(colors)], gid=f"{gid}:{s}", zorder=3)
        # A batch puts several bars in a slot: shorter, smaller labels keep them apart.
        ax.bar_label(
            bars,
            labels=_labels(row, digits if samples == 1 else min(digits, 2)),
            padding=4,
            color=theme.text,
            fontsize=points(theme.caption_size if samples == 1 else theme.small_size),
        )
    ax.axhline(0, color=theme.muted, linewidth=1.2, zorder=2)
    ax.set_xticks(positions, [f"{i + 1}" for i in positions])
    ax.grid(axis="x", visible=False)
    ax.margins(y=0.15)


def draw_softmax(values: LectureValues, theme: Theme) -> Figure:
    """Left: z as bars; right: softmax(z) as bars, with the sum of each row.

    Artists for tests: bar containers ``z:s`` and ``softmax:s`` for each sample s (their
    rectangles' heights are the values), and the bar labels.
    """
    explanation = explain("softmax", values)
    [stable] = section_steps(explanation, "exponentiate, sum, normalise")
    z = np.atleast_2d(next(iter(stable.inputs.values())))
    probabilities = np.atleast_2d(stable.output)
    sums = np.atleast_1d(explanation.quantities["sum"].value)
    figure, (before, after) = new_figure(ncols=2)
    _bars(before, z, [theme.left, theme.bias, theme.muted], theme, gid="z", digits=3)
    _bars(after, probabilities, [theme.result, theme.bias, theme.muted], theme, gid="softmax", digits=4)
    after.set_ylim(0, max(1.0, float(probabilities.max()) * 1.15))
    before.set_title("before: scores z", loc="left")
    after.text(0.03, 0.97, r"$\sigma(z)_i = e^{z_i} \,/\, \sum_j\, e^{z_j}$", transform=after.transAxes, ha="left", va="top", fontsize=points(theme.label_size), gid="formula")
    if len(sums) == 1:
        # = only if the labels as written add up to the sum as written (0.0900 + 0.2447 + 0.6652 ≈ 1).
        sums_text = number(sums[0], 4)
        sign = sum_sign(_labels(probabilities[0], 4), sums_text)
    else:
        sums_text, sign = format_array(sums, 4), "="
    after.set_title(f"after: σ(z), sum {sign} {sums_text}", loc="left")
    before.set_xlabel("i")
    after.set_xlabel("i")
    before.set_ylabel("zᵢ")
    after.set_ylabel("σ(z)ᵢ")
    return figure
