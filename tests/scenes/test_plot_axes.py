"""Every plot's y axis is labelled tick by tick, with no number missing, in every scene that draws one.

The rule is read from what a scene shows (its BeatRecords): the visible y axis lines and the
numbers written beside them. ``scenes.mobjects.CurvePlot`` writes 0 once where the axes cross; a
plot whose axes are moved to its edges must write it on the y axis too (why-activations' sine
read 0.5, −0.5 with no 0 between them).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import numpy as np
import pytest

from nnmath.display import format_number, shown_value
from scene_harness import dry_run

#: Every scene that draws a scenes.mobjects.CurvePlot (a test below checks that none is missing).
PLOT_SCENES = [
    "activations",
    "why-activations",
    "derivatives",
    "cross-entropy",
    "mse",
    "gradient-descent",
    "optimizers",
    "training",
]

# How far left of its axis a tick label's right edge may be (CurvePlot writes them 0.12 away).
_LABEL_REACH = 0.35
_TOLERANCE = 0.02


def _number(text: str) -> Decimal | None:
    try:
        return shown_value(text)
    except (InvalidOperation, ValueError):
        return None


def y_axis_labels(record) -> list[tuple[tuple[float, float, float, float], list[tuple[float, Decimal, str]]]]:
    """Each visible vertical axis of a beat's last frame, as (its box, its labels): every number
    written just left of it within its height, as (y of its centre, value, text), bottom to top."""
    numbers = [(s, _number(s.text)) for s in record.shown if s.kind == "Text" and s.text]
    numbers = [(s, v) for s, v in numbers if v is not None]
    axes = []
    for line in record.shown:
        left, bottom, right, top = line.box
        if line.kind != "NumberLine" or top - bottom < 5 * (right - left):
            continue
        x = (left + right) / 2
        labels = sorted(
            ((s.box[1] + s.box[3]) / 2, v, s.text)
            for s, v in numbers
            if x - _LABEL_REACH < s.box[2] < x and bottom - _TOLERANCE <= (s.box[1] + s.box[3]) / 2 <= top + _TOLERANCE
        )
        axes.append((line.box, labels))
    return axes


def ladder_problem(box, labels) -> str | None:
    """What is wrong with one y axis's labels, or None: each tick's number, in equal steps of value
    and of height, from one end of the axis to the other, written as ``format_number`` writes it."""
    if len(labels) < 2:
        return f"{len(labels)} label(s): {[t for _, _, t in labels]}"
    ys = np.array([y for y, _, _ in labels])
    values = [v for _, v, _ in labels]
    steps = {b - a for a, b in zip(values, values[1:])}
    if len(steps) != 1 or min(steps) <= 0:
        return f"labels {[t for _, _, t in labels]} are not one step apart"
    gaps = np.diff(ys)
    if np.ptp(gaps) > _TOLERANCE:
        return f"labels {[t for _, _, t in labels]} are not evenly spaced: {gaps.round(3).tolist()}"
    if ys[0] - box[1] > gaps[0] + _TOLERANCE or box[3] - ys[-1] > gaps[0] + _TOLERANCE:
        return f"labels {[t for _, _, t in labels]} stop short of the axis's end"
    for _, value, text in labels:
        if text != format_number(float(value), 3).replace("-", "−"):
            return f"label {text!r} is not written as format_number writes {value}"
    return None


@pytest.mark.parametrize("slug", PLOT_SCENES)
def test_every_y_axis_is_labelled_tick_by_tick(slug):
    scene = dry_run(slug)
    problems = []
    axes_seen = 0
    for record in scene.records:
        for box, labels in y_axis_labels(record):
            axes_seen += 1
            problem = ladder_problem(box, labels)
            if problem:
                problems.append(f"{record.name}: {problem}")
    assert axes_seen, f"{slug} shows no y axis"
    assert not problems, problems


def test_the_list_of_plot_scenes_is_complete():
    """A scene that starts drawing a CurvePlot is checked above too."""
    from pathlib import Path

    import scenes

    folder = Path(scenes.__file__).parent
    users = {p.stem for p in folder.glob("*.py") if "CurvePlot(" in p.read_text(encoding="utf-8")}
    assert users == {slug.replace("-", "_") for slug in PLOT_SCENES}


@pytest.mark.parametrize(
    "x_range, moves",
    [
        ((0.0, 1.0), ("axes_at_edges",)),  # why-activations: the axes cross at the left edge
        ((-5.0, 5.0), ("axes_at_edges",)),  # activations: they cross in the middle
        ((-5.0, 5.0), ("y_axis_at_left",)),
        ((-5.0, 5.0), ("x_axis_at_bottom",)),
        ((0.0, 1.0), ("x_axis_at_bottom", "y_axis_at_left")),
    ],
)
def test_zero_is_written_on_the_y_axis_once_the_axes_are_moved_apart(x_range, moves):
    from scenes.mobjects import CurvePlot
    from scenes.mobjects.plot import nice_ticks
    from scenes.theme import DARK

    plot = CurvePlot(DARK, x_range=x_range, y_range=(-1.5, 1.5))
    for move in moves:
        getattr(plot, move)()
    written = sorted(round(float(shown_value(t.text)), 9) for t in plot.y_tick_labels)
    assert written == sorted(round(float(v), 9) for v in nice_ticks(-1.5, 1.5))
    zero = [t for t in plot.y_tick_labels if t.text == "0"]
    assert len(zero) == 1 and abs(zero[0].get_y() - plot.axes.c2p(0, 0)[1]) < 1e-6
