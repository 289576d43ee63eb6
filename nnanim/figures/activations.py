"""The activation curves with their derivatives: each alone, and all on shared axes.

Curves, derivatives and the marked points are nnmath's samples from ``explain("activations")``:
the values' input range, sample count and stopping points. An activation the values do not list
is sampled by nnmath on the same grid.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from nnanim.figures.animate import Animation, frame_indices
from course import explain
from course.lecture1.activations import display_formula, display_name  # the scene's names and formulas
from nnanim.figures.common import backdrop, mark_point, number, section_steps
from nnanim.figures.style import curve_colors, new_figure
from nnmath.activations import ACTIVATIONS, activation_trace
from nnmath.trace import Step
from nnmath.values import LectureValues
from scenes.theme import Theme

__all__ = ["LECTURE_ACTIVATIONS", "display_name", "draw_activation", "draw_activations", "animate_activation", "animate_activations"]

#: The activations that get a figure of their own, in the lecture's order.
LECTURE_ACTIVATIONS = ("relu", "sigmoid", "step", "tanh")

#: A preview of a point travelling along a curve: this many frames, at this rate.
_POINT_FRAMES = 60
_POINT_FPS = 20
#: The shared axes show y in [−2.5, 2.5] at most: where the bounded activations differ.
_VIEW_LIMIT = 2.5
#: A change between neighbouring samples at least this large (and ten times the usual) is a jump.
_JUMP = 0.25
#: Points: the open and closed dots at a jump.
_DOT_SIZE = 11


def _formula(name: str) -> str:
    return display_formula(ACTIVATIONS[name].formula)


def _curves(values: LectureValues, names: Sequence[str] | None = None) -> tuple[list[Step], list[Step]]:
    """nnmath's curve and stopping-point steps for ``names`` (default: the values' functions)."""
    explanation = explain("activations", values)
    curves = {s.op: s for s in section_steps(explanation, "the curves")}
    stops = {s.op: s for s in section_steps(explanation, "points on the curves")}
    grid = next(iter(curves.values())).inputs["x"]
    points = next(iter(stops.values())).inputs["points"]
    names = list(curves) if names is None else list(names)
    # An activation the values leave out is sampled by nnmath on the same grid and points.
    return (
        [curves.get(n) or activation_trace(n, grid) for n in names],
        [stops.get(n) or activation_trace(n, points, x_name="points") for n in names],
    )


def _color(theme: Theme, name: str, values: LectureValues) -> str:
    """The curve's colour in the activations scene: by its place in the values' functions."""
    functions = list(values["activations"]["functions"])
    order = functions + [n for n in ACTIVATIONS if n not in functions]
    return curve_colors(theme)[order.index(name) % len(curve_colors(theme))]


def _setup_axes(ax: Axes, theme: Theme, *, ylabel: str) -> None:
    ax.axhline(0, color=theme.muted, linewidth=1.2, zorder=1)
    ax.axvline(0, color=theme.muted, linewidth=1.2, zorder=1)
    ax.set_xlabel("x")
    ax.set_ylabel(ylabel)


def _jumps(y: np.ndarray) -> list[int]:
    """Where nnmath's samples jump (the step, ReLU's derivative): between samples i and i + 1 whose
    difference dwarfs every ordinary change between neighbours. Geometry of the drawing only."""
    steps = np.abs(np.diff(y))
    ordinary = float(np.median(steps))
    return [int(i) for i in np.flatnonzero(steps > max(_JUMP, 10 * ordinary))]


def _plot_curve(ax: Axes, step: Step, color: str, *, derivative: bool, label: str, gid: str) -> None:
    """nnmath's samples as one line, broken where they jump; at a jump a closed dot marks the value
    the function takes there and an open dot the limit from the other side, as drawn by hand."""
    x = step.inputs["x"]
    y = step.intermediates["derivative"] if derivative else step.output
    jumps = _jumps(y)
    # A NaN between two samples breaks the line: no vertical stroke pretends the values in between.
    broken_x, broken_y = np.insert(x.astype(float), [i + 1 for i in jumps], np.nan), np.insert(y.astype(float), [i + 1 for i in jumps], np.nan)
    ax.plot(broken_x, broken_y, color=color, linestyle="--" if derivative else "-", linewidth=2.5 if derivative else 3.5, label=label, gid=gid)
    for i in jumps:
        # The jump is at the sample that continues its side's flat run: it holds the value there.
        at = i if i == 0 or abs(y[i] - y[i - 1]) <= abs(y[i + 1] - y[i]) / 10 else i + 1
        other = i + 1 if at == i else i
        size = _DOT_SIZE * (0.8 if derivative else 1.0)
        ax.plot([x[at]], [y[other]], "o", markersize=size, markerfacecolor=ax.get_facecolor(), markeredgecolor=color, markeredgewidth=2.5, zorder=4, gid=f"{gid}:open")
        ax.plot([x[at]], [y[at]], "o", markersize=size, color=color, zorder=4, gid=f"{gid}:closed")


def draw_activation(values: LectureValues, theme: Theme, *, name: str) -> Figure:
    """One activation and its derivative on the values' range, the values' points marked with f(x).

    Artists for tests: lines ``curve`` and ``derivative``; dots and labels ``point``.
    """
    [curve], [stops] = _curves(values, [name])
    color = _color(theme, name, values)
    figure, ax = new_figure()
    _setup_axes(ax, theme, ylabel="y")
    _plot_curve(ax, curve, color, derivative=False, label=f"{display_name(name)}(x)", gid="curve")
    _plot_curve(ax, curve, theme.muted, derivative=True, label="derivative", gid="derivative")
    for x, y in zip(stops.inputs["points"], stops.output):
        # Every activation rises: above-left of a point and below-right of it stay clear of the curve.
        offset = (14, -14) if x > 0 else (-10, 12)
        mark_point(ax, x, y, f"({number(x, 3)}, {number(y, 3)})", theme=theme, color=theme.left, offset=offset, gid="point")
    ax.set_title(f"{display_name(name)}:  {_formula(name)}", loc="left")
    ax.legend(loc="upper left")
    return figure


def draw_activations(values: LectureValues, theme: Theme) -> Figure:
    """Every activation of the values on shared axes: the curves left, their derivatives right.

    Artists for tests: on each axes one line per activation, ``gid`` ``curve:NAME`` / ``derivative:NAME``.
    """
    curves, _ = _curves(values)
    figure, (left, right) = new_figure(ncols=2, sharex=True)
    _setup_axes(left, theme, ylabel="f(x)")
    _setup_axes(right, theme, ylabel="f′(x)")
    for step in curves:
        color = _color(theme, step.op, values)
        _plot_curve(left, step, color, derivative=False, label=display_name(step.op), gid=f"curve:{step.op}")
        _plot_curve(right, step, color, derivative=True, label=display_name(step.op), gid=f"derivative:{step.op}")
    # An unbounded curve (ReLU, linear) would squash the others: the view stops at ±_VIEW_LIMIT.
    low, high = left.get_ylim()
    left.set_ylim(max(low, -_VIEW_LIMIT), min(high, _VIEW_LIMIT))
    left.set_title("activations", loc="left")
    right.set_title("their derivatives", loc="left")
    left.legend(loc="upper left")
    return figure


def animate_activation(values: LectureValues, theme: Theme, *, name: str) -> Animation:
    """A point travelling along the curve (and its derivative), x, f(x) and f′(x) read out."""
    figure = draw_activation(values, theme, name=name)
    [ax] = figure.axes
    [curve], _ = _curves(values, [name])
    x, y, slope = curve.inputs["x"], curve.output, curve.intermediates["derivative"]
    indices = frame_indices(len(x), _POINT_FRAMES)
    [dot] = ax.plot([], [], "o", color=theme.left, markersize=16, markeredgecolor=theme.background, markeredgewidth=2, zorder=7)
    [slope_dot] = ax.plot([], [], "o", color=theme.muted, markersize=11, zorder=7)
    readout = ax.text(0.98, 0.04, "", transform=ax.transAxes, ha="right", va="bottom", color=theme.text, bbox=backdrop(theme))

    def update(frame: int) -> list[object]:
        i = indices[frame]
        dot.set_data([x[i]], [y[i]])
        slope_dot.set_data([x[i]], [slope[i]])
        readout.set_text(f"x = {number(x[i], 2)}   y = {number(y[i], 3)}   slope = {number(slope[i], 3)}")
        return [dot, slope_dot, readout]

    update(0)
    return Animation(figure, len(indices), update, _POINT_FPS)


def animate_activations(values: LectureValues, theme: Theme) -> Animation:
    """A point travelling along every curve at once, on both panels."""
    figure = draw_activations(values, theme)
    left, right = figure.axes
    curves, _ = _curves(values)
    indices = frame_indices(len(curves[0].inputs["x"]), _POINT_FRAMES)
    dots = []
    for step in curves:
        color = _color(theme, step.op, values)
        for ax, y in ((left, step.output), (right, step.intermediates["derivative"])):
            [dot] = ax.plot([], [], "o", color=color, markersize=14, markeredgecolor=theme.background, markeredgewidth=2, zorder=5)
            dots.append((dot, step.inputs["x"], y))
    readout = left.text(0.98, 0.04, "", transform=left.transAxes, ha="right", va="bottom", bbox=backdrop(theme))

    def update(frame: int) -> list[object]:
        i = indices[frame]
        for dot, x, y in dots:
            dot.set_data([x[i]], [y[i]])
        readout.set_text(f"x = {number(dots[0][1][i], 2)}")
        return [*(d for d, _, _ in dots), readout]

    update(0)
    return Animation(figure, len(indices), update, _POINT_FPS)
