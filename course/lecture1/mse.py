"""mse: mean squared error: one parabola per (true, predicted) pair, then the batch's mean."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from course.lecture1.common import CURVE_SAMPLES
from course.spec import BeatScript, Key, SceneSpec
from nnmath.display import format_number
from nnmath.errors import ShapeError
from nnmath.lecture import Explanation, Quantity, Section
from nnmath.limits import LimitError, count_last_axis
from nnmath.losses import mse_trace
from nnmath.trace import Step
from nnmath.values import VECTOR

__all__ = ["SCHEMA", "MAX_EXAMPLES", "DIGITS", "compute", "limits", "number", "operand", "examples", "batch", "script", "SPEC"]

SCHEMA = {
    "y_true": Key(VECTOR, "the true values; each (true, predicted) pair is one example with n = 1, one beat each"),
    "y_pred": Key(VECTOR, "the predictions, as many as `y_true`"),
}
#: The built-in values: the [mse] table of `nnanim values`.
VALUES = """
[mse]
# Each pair is one example with n = 1: the age example, then "if it was 22".
y_true = [26.0, 22.0]
y_pred = [21.0, 21.0]
"""

#: (true, predicted) pairs: the scene plays one beat each, so past a few the video is a list of
#: near-identical beats.
MAX_EXAMPLES = 6
#: Decimals of every number the scene shows, on screen and in the captions.
DIGITS = 4


def limits(table: Mapping[str, object], slug: str) -> None:
    """Refuse more (true, predicted) pairs than the scene plays: one beat each."""
    count = max(count_last_axis(table.get(key, ())) for key in ("y_true", "y_pred"))
    if count > MAX_EXAMPLES:
        raise LimitError(
            f"[{slug}] y_true has {count} examples: the scene plays one beat per (true, predicted) pair "
            f"and shows at most {MAX_EXAMPLES}; use at most {MAX_EXAMPLES} pairs"
        )


def compute(v: Mapping[str, object]) -> Explanation:
    if np.shape(v["y_true"]) != np.shape(v["y_pred"]):
        raise ShapeError(f"mse.y_true {np.shape(v['y_true'])} and mse.y_pred {np.shape(v['y_pred'])} need the same length")
    grid = _prediction_grid(v["y_true"], v["y_pred"])
    examples = tuple(mse_trace(t, p) for t, p in zip(v["y_true"], v["y_pred"]))
    curves = tuple(_squared_error_curve(float(t), grid) for t in v["y_true"])
    sections = tuple(
        Section(f"true {format_number(s.inputs['y_true'])}, predicted {format_number(s.inputs['y_pred'])}", (s, c))
        for s, c in zip(examples, curves)
    )
    quantities = {
        f"mse[{i}]": Quantity(s.output, f"({format_number(s.inputs['y_true'])} − {format_number(s.inputs['y_pred'])})²")
        for i, s in enumerate(examples)
    }
    if len(examples) > 1:
        # Every example as one batch: the mean of their squared errors, where n is no longer 1.
        batch = mse_trace(v["y_true"], v["y_pred"])
        sections += (Section("the batch of every example", (batch,)),)
        squares = " + ".join(format_number(x) for x in batch.intermediates["squared"])
        quantities["mse batch"] = Quantity(batch.output, f"({squares}) / {int(batch.intermediates['n'])}")
    return Explanation("mse", "Mean squared error", sections, quantities)


def _squared_error_curve(truth: float, grid: np.ndarray) -> Step:
    """(y − ŷ)² for every prediction ŷ of ``grid``: a parabola with its minimum at the truth."""
    curve = mse_trace(np.full_like(grid, truth), grid)
    return Step(
        op="squared_error_curve",
        label=f"({format_number(truth)} − ŷ)²",
        inputs={"y_true": np.array(truth), "y_pred": grid},
        output=curve.intermediates["squared"],
        parents=(curve,),
        note="the squared error for each prediction ŷ: a parabola with its minimum at the truth",
    )


def _prediction_grid(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    """One range of ŷ for every example's parabola, holding each truth and prediction with room on
    both sides: drawn on one pair of axes, a squared error of 25 and one of 1 look as different as
    they are."""
    values = np.concatenate([np.ravel(y_true), np.ravel(y_pred)])
    margin = max(2.0, float(np.max(np.abs(np.ravel(y_true) - np.ravel(y_pred)))))
    return np.linspace(float(values.min()) - margin, float(values.max()) + margin, CURVE_SAMPLES)


def number(value: object) -> str:
    return format_number(float(value), DIGITS)


def operand(value: object) -> str:
    """A number as written after a minus sign: negatives in parentheses, (−65 − (−48))², never
    (−65 − −48)²."""
    text = number(value)
    return f"({text})" if float(value) < 0 else text


def examples(e: Explanation) -> list[tuple[Step, Step]]:
    """Each example's MSE step and its squared-error curve, in order."""
    pairs = []
    for section in e.sections:
        if any(s.op == "squared_error_curve" for s in section.steps):
            loss = next(s for s in section.steps if s.op == "mse")
            curve = next(s for s in section.steps if s.op == "squared_error_curve")
            pairs.append((loss, curve))
    return pairs


def batch(e: Explanation) -> Step | None:
    """The MSE of every example as one batch; ``None`` with a single example."""
    batches = [s for s in e.steps if s.op == "mse" and int(s.intermediates["n"]) > 1]
    return batches[0] if batches else None


def script(e: Explanation) -> tuple[BeatScript, ...]:
    """The formula, one beat per example, the batch when there are several, the summary."""
    beats = [
        BeatScript("formula", "MSE = (1/n) Σ (y − ŷ)²: the loss for predicting a number, such as an age from height and weight")
    ]
    for i, (loss, curve) in enumerate(examples(e)):
        y, p = number(loss.inputs["y_true"]), number(loss.inputs["y_pred"])
        head = f"True {y}, predicted {p}" if i == 0 else f"If it was {y} (predicted {p})"
        beats.append(
            BeatScript(
                f"example-{i + 1}",
                f"{head}: MSE = (1/{number(loss.intermediates['n'])}) · ({y} − {operand(loss.inputs['y_pred'])})² "
                f"= {number(loss.output)}, a point on the parabola {curve.label}",
            )
        )
    b = batch(e)
    if b is not None:
        squares = " + ".join(number(x) for x in b.intermediates["squared"])
        beats.append(
            BeatScript(
                "batch",
                f"Both examples as one batch: n = {number(b.intermediates['n'])}, "
                f"MSE = ({squares}) / {number(b.intermediates['n'])} = {number(b.output)}, the mean of the squared errors",
            )
        )
    beats.append(
        BeatScript("summary", "MSE scores a number (regression): the further ŷ from y, the faster the loss grows; for classes, cross-entropy")
    )
    return tuple(beats)


SPEC = SceneSpec(
    "mse",
    "Mean squared error",
    "MSE = (1/n) Σ (y − ŷ)²: the age example",
    compute,
    "scenes.mse:MeanSquaredError",
    SCHEMA,
    script,
    limits=limits,
    values=VALUES,
    place=140,
)
