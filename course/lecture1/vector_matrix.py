"""vector-matrix: a vector times a matrix: a against each column of B."""

from __future__ import annotations

from collections.abc import Mapping

from course.spec import SceneSpec
from nnmath.lecture import Explanation, Quantity, Section, entries, shape_text
from nnmath.linalg import dot_trace
from nnmath.values import MATRIX, VECTOR

__all__ = ["SCHEMA", "compute", "SPEC"]

SCHEMA = {"a": VECTOR, "B": MATRIX}


def compute(v: Mapping[str, object]) -> Explanation:
    product = dot_trace(v["a"], v["B"], b_name="B")
    return Explanation(
        "vector-matrix",
        "A vector times a matrix",
        (Section("a against each column of B", (product,)),),
        {**entries(product), "shape output": Quantity(shape_text(product.output), "1×n · n×p -> p")},
    )


SPEC = SceneSpec(
    "vector-matrix",
    "A vector times a matrix",
    "np.dot(a, B): a against each column of B",
    compute,
    "scenes.vector_matrix:VectorMatrix",
    SCHEMA,
)
