"""softmax: softmax: exponentiate, sum, normalise, and why subtracting max(z) changes nothing but the overflow."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from course.spec import BeatScript, Key, SceneSpec
from nnmath.activations import exp_overflow_trace, softmax_trace
from nnmath.display import format_array, format_number
from nnmath.errors import InputError
from nnmath.lecture import Explanation, Quantity, Section
from nnmath.limits import per_class
from nnmath.linalg import add_trace
from nnmath.trace import Step
from nnmath.values import BATCH, NUMBER

__all__ = ["SCHEMA", "compute", "Parts", "parts", "script", "SPEC"]

SCHEMA = {
    "z": Key(BATCH, "the scores; a matrix is one row of scores per sample"),
    "overflow_shift": Key(
        NUMBER,
        "added to z to show that e^z overflows while the softmax (after subtracting "
        "max(z)) does not change"
    ),
}
#: The built-in values: the [softmax] table of `nnanim values`.
VALUES = """
[softmax]
z = [1.0, 2.0, 3.0]
# Added to z to show why the book subtracts max(z): e^(z + 1000) overflows, the softmax does not change.
overflow_shift = 1000.0
"""

#: One bar per score.
LIMITS = per_class({"z": "score"})


def compute(v: Mapping[str, object]) -> Explanation:
    stable = softmax_trace(v["z"])
    sections = [Section("exponentiate, sum, normalise", (stable,))]
    try:
        raw = softmax_trace(v["z"], subtract_max=False)
        sections.append(Section("without subtracting max(z): the same result", (raw,)))
    except InputError:
        pass  # e^z overflows: only the stable version can be shown
    shifted = add_trace(v["z"], v["overflow_shift"], x_name="z", y_name="shift", label="z + shift")
    overflow = exp_overflow_trace(shifted.output, z_name="z + shift", parents=(shifted,))
    big = softmax_trace(shifted.output, z_name="z + shift", parents=(shifted,))
    sections.append(Section("why subtract max(z): e^z overflows", (shifted, overflow, big)))
    quantities = {"output": Quantity(stable.output, "e^{zᵢ − max z} / Σⱼ e^{zⱼ − max z}")}
    quantities["sum"] = Quantity(np.sum(stable.output, axis=-1), "Σ σ(z)ᵢ")
    quantities["exp limit"] = Quantity(overflow.intermediates["limit"], "ln(largest float64): e^x overflows above it")
    quantities["output of z + shift"] = Quantity(big.output, "the same probabilities: softmax ignores a shift")
    return Explanation("softmax", "Softmax", tuple(sections), quantities)


@dataclass(frozen=True)
class Parts:
    """The steps the scene walks through, as its captions and its drawing both read them."""

    stable: Step
    #: Softmax without subtracting max(z); ``None`` when e^z itself overflows for these values.
    raw: Step | None
    shift: Step
    overflow: Step
    big: Step
    #: z is a batch (rows of scores): the scene draws, and the captions quote, the first row.
    batch: bool

    @property
    def walk(self) -> Step:
        """The softmax the first beats walk through: without the shift when it computes."""
        return self.raw or self.stable

    def row(self, array: object) -> np.ndarray:
        """What the scene shows of a per-row array: all of it, or the first row of a batch."""
        return np.asarray(array)[0] if self.batch else np.asarray(array)


def parts(e: Explanation) -> Parts:
    steps = [s for s in e.steps if s.label == "softmax(z)"]
    return Parts(
        stable=steps[0],
        raw=steps[1] if len(steps) > 1 else None,
        shift=e.step("z + shift"),
        overflow=e.step("e^(z + shift)"),
        big=e.step("softmax(z + shift)"),
        batch=steps[0].inputs["z"].ndim == 2,
    )


def _vector(values: np.ndarray) -> str:
    """Numbers for a caption, with a typographic minus."""
    return format_array(values, 3).replace("-", "−")


def script(e: Explanation) -> tuple[BeatScript, ...]:
    """Scores, exponentials, their sum, the probabilities; subtracting max(z) when both versions
    compute; then a shift that makes e^x overflow, and the stable version that does not."""
    p = parts(e)
    z = _vector(p.row(p.stable.inputs["z"]))
    if p.batch:
        scores = f"Softmax works row by row; z has {p.stable.shapes['z'][0]} rows, and row 1 is z = {z}"
    else:
        scores = f"Softmax turns the scores z = {z} into probabilities: σ(z)ᵢ = e^zᵢ / Σⱼ e^zⱼ"
    exps = _vector(p.row(p.walk.intermediates["exp"]))
    if p.raw is None:
        top = _vector(p.row(p.walk.intermediates["max"]))
        exponentiate = f"e^z overflows for these scores, so subtract max(z) = {top} first: e^(z − {top}) = {exps}"
    else:
        exponentiate = f"Exponentiate each score: e^z = {exps}, all positive"
    out, total = _vector(p.row(p.walk.output)), _vector(p.row(e.quantities["sum"].value))
    beats = [
        BeatScript("scores", scores),
        BeatScript("exponentiate", exponentiate),
        BeatScript("sum", f"Add them up: Σⱼ e^zⱼ = {_vector(p.row(p.walk.intermediates['sum']))}"),
        BeatScript("normalise", f"Divide each by the sum: σ(z) = {out}, and they add up to {total}"),
    ]
    if p.raw is not None:
        top = _vector(p.row(p.stable.intermediates["max"]))
        stable_sum = _vector(p.row(p.stable.intermediates["sum"]))
        beats.append(
            BeatScript(
                "subtract-max",
                f"Subtract max(z) = {top} first: the exponentials sum to {stable_sum}, and σ(z) comes out the same",
            )
        )
    shift = _vector(p.shift.inputs["shift"])
    limit = format_number(p.overflow.intermediates["limit"], 2)
    if np.any(p.row(p.overflow.output) == 1):
        overflow = f"Why it matters: add {shift} to z and e^x overflows, since float64 ends at x = {limit}"
    else:
        overflow = f"Add {shift} to z: e^x stays finite below x = {limit}; larger scores would overflow"
    big_max, big_out = _vector(p.row(p.big.intermediates["max"])), _vector(p.row(p.big.output))
    beats += [
        BeatScript("overflow", overflow),
        BeatScript("stable", f"Subtracting max = {big_max} first keeps e^x finite: σ = {big_out}, the same probabilities"),
    ]
    return tuple(beats)


SPEC = SceneSpec(
    "softmax",
    "Softmax",
    "exponentiate, sum, normalise; subtracting max(z) changes nothing",
    compute,
    "scenes.softmax:Softmax",
    SCHEMA,
    script,
    limits=LIMITS,
    values=VALUES,
    place=100,
)
