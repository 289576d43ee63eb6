"""vector-matrix: a vector times a matrix: a against each column of B."""

from __future__ import annotations

from collections.abc import Mapping

from course.products import product_script
from course.spec import BeatScript, Key, SceneSpec
from nnmath.display import vector_text
from nnmath.lecture import Explanation, Quantity, Section, entries, shape_text
from nnmath.linalg import dot_trace
from nnmath.values import MATRIX, VECTOR

__all__ = ["SCHEMA", "compute", "script", "SPEC", "DETAILED"]

SCHEMA = {
    "a": Key(VECTOR, "the vector of np.dot(a, B), as long as `B` has rows"),
    "B": Key(MATRIX, "the matrix; each output entry is a · a column of B"),
}
#: The built-in values: the [vector-matrix] table of `nnanim values`.
VALUES = """
[vector-matrix]
a = [1, 2, 3]
B = [[4, 5, 6], [7, 8, 9], [10, 11, 12]]
"""

#: Result entries worked term by term, each in its own beat: all three of the lecture's 1×3.
DETAILED = 3


def compute(v: Mapping[str, object]) -> Explanation:
    product = dot_trace(v["a"], v["B"], b_name="B")
    return Explanation(
        "vector-matrix",
        "A vector times a matrix",
        (Section("a against each column of B", (product,)),),
        {**entries(product), "shape output": Quantity(shape_text(product.output), "1×n · n×p -> p")},
    )


def script(e: Explanation) -> tuple[BeatScript, ...]:
    """The beats as words: the operands, their shapes, the entries one by one, the result."""
    step = e.step("np.dot(a, B)")
    n, (rows, cols) = len(step.inputs["a"]), step.inputs["B"].shape
    (m, inner), (inner2, p) = step.intermediates["left_view"].shape, step.intermediates["right_view"].shape
    return (
        BeatScript("operands", f"a is a 1×{n} row vector; B is a {rows}×{cols} matrix"),
        BeatScript("shapes", f"The inner dimensions must be the same: {inner} and {inner2}. The result is {m}×{p}: the outer ones."),
        *product_script(step, detailed=DETAILED),
        BeatScript("result", f"np.dot(a, B) = {vector_text(step.output)}: a against each column of B, one entry per column"),
    )


SPEC = SceneSpec(
    "vector-matrix",
    "A vector times a matrix",
    "np.dot(a, B): a against each column of B",
    compute,
    "scenes.vector_matrix:VectorMatrix",
    SCHEMA,
    script,
    values=VALUES,
    place=30,
)
