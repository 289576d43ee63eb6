"""The ``why-activations`` sine fit: the network's curve against sin(2πx), the line it draws
without ReLU, and below, what each neuron pair adds over its own segment."""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from course import explain
from nnanim.figures.animate import Animation
from nnanim.figures.common import number, section_steps
from nnanim.figures.style import new_figure, pair_colors, points
from nnmath.lecture import Explanation
from nnmath.values import LectureValues
from scenes.theme import Theme

__all__ = ["draw_sine_fit", "animate_sine_fit"]

#: The fit grows by one pair per frame, slowly enough to follow.
_PAIRS_FPS = 1.5
#: Up to this many pairs every knot is marked and every segment numbered; beyond, every k-th.
_MARKED_PAIRS = 16


@dataclass(frozen=True)
class _SineFitFigure:
    figure: Figure
    fit_line: Line2D
    pair_lines: list[tuple[Line2D, Line2D]]
    explanation: Explanation


def _build(values: LectureValues, theme: Theme) -> _SineFitFigure:
    explanation = explain("why-activations", values)
    [sine] = section_steps(explanation, "the target")
    [construction] = section_steps(explanation, "the weights")
    contributions = section_steps(explanation, "pair by pair")
    [fit] = section_steps(explanation, "the fit")
    [line] = section_steps(explanation, "without ReLU: a straight line")
    x = sine.inputs["x"]
    figure, (top, bottom) = new_figure(nrows=2, sharex=True, height_ratios=(3, 2))
    top.plot(x, sine.output, color=theme.muted, linestyle="--", linewidth=2.5, label="sin(2πx)", gid="target")
    [fit_line] = top.plot(x, fit.output[:, 0], color=theme.result, linewidth=3.5, label="with ReLU", gid="fit")
    # The line drawn is the network without its ReLUs: labelled with its own error, not the best line's.
    no_relu_error = explanation.quantities["no-ReLU max error"].value
    top.plot(x, line.output[:, 0], color=theme.wrong, linestyle=(0, (6, 4)), linewidth=2.5, label=f"without ReLU (max error {number(no_relu_error, 3)})", gid="line")
    knots, knot_values = construction.intermediates["knots"], construction.intermediates["knot_values"]
    if len(knots) <= _MARKED_PAIRS + 1:
        top.plot(knots, knot_values, "o", color=theme.result, markersize=8, gid="knots")
    max_error = explanation.quantities["max error"].value
    top.set_title(f"{len(contributions)} ReLU neuron pairs draw sin(2πx): max error {number(max_error, 3)}", loc="left")
    # Lower left: the sine is positive there and the line without ReLU near 0, so no curve passes.
    top.legend(loc="lower left")
    top.set_ylabel("y")
    top.margins(y=0.12)

    label_every = -(-len(contributions) // _MARKED_PAIRS)  # ceil: at most about _MARKED_PAIRS numbers
    colors = pair_colors(theme)
    pair_lines = []
    for i, step in enumerate(contributions):
        color = colors[i % len(colors)]
        start, end = step.inputs["area_of_effect"]
        if i % 2 == 0:  # alternate bands mark each pair's area of effect
            bottom.axvspan(start, end, color=theme.highlight, zorder=0, linewidth=0)
        if i % label_every == 0 or i == len(contributions) - 1:
            bottom.text((start + end) / 2, 1.0, f"{i + 1}", transform=bottom.get_xaxis_transform(), ha="center", va="bottom", color=color, fontsize=points(theme.small_size))
        # Thin where the pair only carries its step along, thick over its own segment where it ramps.
        [carried] = bottom.plot(step.inputs["x"], step.output, color=color, linewidth=1.5, alpha=0.6, gid=f"pair:{i + 1}")
        inside = (step.inputs["x"] >= start) & (step.inputs["x"] <= end)
        [ramp] = bottom.plot(step.inputs["x"][inside], step.output[inside], color=color, linewidth=4, gid=f"ramp:{i + 1}")
        pair_lines.append((carried, ramp))
    bottom.axhline(0, color=theme.muted, linewidth=1.2, zorder=1)
    bottom.grid(axis="x", visible=False)
    bottom.set_xlabel("x")
    bottom.set_ylabel("pair adds")
    bottom.set_xlim(x[0], x[-1])
    return _SineFitFigure(figure, fit_line, pair_lines, explanation)


def draw_sine_fit(values: LectureValues, theme: Theme) -> Figure:
    """The fit, the target, the line without ReLU, and each pair's contribution with its segment.

    Artists for tests: lines ``target``, ``fit``, ``line``, ``knots`` (top); ``pair:i`` (bottom,
    pair i's whole contribution) and ``ramp:i`` (the part over its own segment).
    """
    return _build(values, theme).figure


def animate_sine_fit(values: LectureValues, theme: Theme) -> Animation:
    """The fit growing pair by pair: frame 0 is the target alone, frame k has pairs 1 to k on."""
    built = _build(values, theme)
    partial_fits = section_steps(built.explanation, "the fit growing pair by pair")
    x = partial_fits[0].inputs["x"]

    def update(frame: int) -> list[Line2D]:
        if frame == 0:
            built.fit_line.set_data([], [])
        else:
            built.fit_line.set_data(x, partial_fits[frame - 1].output)
        for i, lines in enumerate(built.pair_lines):
            for line in lines:
                line.set_visible(i < frame)
        return [built.fit_line, *(line for lines in built.pair_lines for line in lines)]

    update(0)
    return Animation(built.figure, len(partial_fits) + 1, update, _PAIRS_FPS)
