"""relu-backward: ReLU's gradient is a mask — the gradient passes where z > 0 and stops elsewhere.

relu(z) = max(0, z) has slope 1 where z > 0 and 0 where z ≤ 0 (the book's choice at 0), so the
chain rule multiplies the arriving gradient, entry by entry, by that mask (the book's chapter 9
example).
"""

from __future__ import annotations

from collections.abc import Mapping

from course.spec import BeatScript, Key, SceneSpec
from nnmath.backward import relu_backward_trace
from nnmath.display import format_array, format_shape_x
from nnmath.lecture import Explanation, Quantity, Section
from nnmath.values import MATRIX

__all__ = ["SCHEMA", "compute", "script", "SPEC"]

SCHEMA = {
    "z": Key(MATRIX, "what ReLU was given, one row per sample"),
    "dvalues": Key(MATRIX, "the gradient arriving after ReLU, the same shape as `z`"),
}
#: The built-in values: the [relu-backward] table of `nnanim values --lecture 2`.
VALUES = """
# The book's ReLU example (chapter 9): z, what ReLU was given, and the gradient arriving after it.
[relu-backward]
z = [[1.0, 2.0, -3.0, -4.0], [2.0, -7.0, -1.0, 3.0], [-1.0, 2.0, 5.0, -1.0]]
dvalues = [[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0], [9.0, 10.0, 11.0, 12.0]]
"""


def compute(v: Mapping[str, object]) -> Explanation:
    step = relu_backward_trace(v["dvalues"], v["z"])
    return Explanation(
        "relu-backward",
        "ReLU backwards",
        (Section("the mask", (step,)),),
        {
            "z": Quantity(step.inputs["z"], "the values ReLU was given"),
            "dvalues": Quantity(step.inputs["dvalues"], "∂L/∂relu(z), arriving from after ReLU"),
            "mask": Quantity(step.intermediates["mask"], "1 where z > 0, else 0"),
            "drelu": Quantity(step.output, "dvalues ⊙ mask"),
        },
    )


def script(e: Explanation) -> tuple[BeatScript, ...]:
    q = {name: quantity.value for name, quantity in e.quantities.items()}
    passed, total = int(q["mask"].sum()), q["mask"].size
    return (
        BeatScript(
            "inputs",
            f"z, what ReLU was given, and dvalues, the gradient arriving from after it: both {format_shape_x(q['z'].shape)}",
        ),
        BeatScript("mask", f"ReLU's slope is 1 where z > 0 and 0 where z ≤ 0: {passed} of {total} entries pass"),
        BeatScript("result", f"drelu = dvalues ⊙ mask: the gradient where z > 0, zero elsewhere = {format_array(q['drelu'])}"),
    )


SPEC = SceneSpec(
    "relu-backward",
    "ReLU backwards",
    "the mask: the gradient passes only where z > 0",
    compute,
    "scenes.relu_backward:ReluBackward",
    SCHEMA,
    script,
    values=VALUES,
    place=30,
)
