"""transpose: the transpose: rows become columns, and a row vector becomes a column."""

from __future__ import annotations

from collections.abc import Mapping

from course.spec import SceneSpec
from nnmath.lecture import Explanation, Quantity, Section, shape_text
from nnmath.linalg import transpose_trace
from nnmath.values import MATRIX, VECTOR

__all__ = ["SCHEMA", "compute", "SPEC"]

SCHEMA = {"B": MATRIX, "a": VECTOR}


def compute(v: Mapping[str, object]) -> Explanation:
    matrix = transpose_trace(v["B"], name="B")
    vector = transpose_trace(v["a"], name="a")
    return Explanation(
        "transpose",
        "Transpose",
        (Section("rows become columns", (matrix,)), Section("a row vector becomes a column", (vector,))),
        {
            "shape B": Quantity(shape_text(v["B"])),
            "shape Bᵀ": Quantity(shape_text(matrix.output)),
            "shape aᵀ": Quantity(shape_text(vector.output)),
        },
    )


SPEC = SceneSpec(
    "transpose",
    "Transpose",
    "rows become columns; why a layer uses Wᵀ",
    compute,
    "scenes.transpose:Transpose",
    SCHEMA,
)
