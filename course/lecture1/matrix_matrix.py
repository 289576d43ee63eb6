"""matrix-matrix: a matrix times a transposed matrix: entry (i, j) is row Aᵢ · row Bⱼ."""

from __future__ import annotations

from collections.abc import Mapping

from course.spec import SceneSpec
from nnmath.lecture import Explanation, Quantity, Section, entries, shape_text
from nnmath.linalg import dot_trace, transpose_trace
from nnmath.values import MATRIX

__all__ = ["SCHEMA", "compute", "SPEC"]

SCHEMA = {"A": MATRIX, "B": MATRIX}


def compute(v: Mapping[str, object]) -> Explanation:
    transposed = transpose_trace(v["B"], name="B")
    product = dot_trace(v["A"], transposed.output, a_name="A", b_name="Bᵀ", parents=(transposed,))
    return Explanation(
        "matrix-matrix",
        "A matrix times a matrix",
        (Section("transpose B", (transposed,)), Section("row Aᵢ · row Bⱼ", (product,))),
        {**entries(product), "shape output": Quantity(shape_text(product.output))},
    )


SPEC = SceneSpec(
    "matrix-matrix",
    "A matrix times a matrix",
    "np.dot(A, Bᵀ): entry (i, j) is row Aᵢ · row Bⱼ",
    compute,
    "scenes.matrix_matrix:MatrixMatrix",
    SCHEMA,
)
