"""matrix-vector: a matrix times a vector: each row of B against a, and why np.dot(B, a) is not np.dot(a, B)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from course.spec import SceneSpec
from nnmath.lecture import Explanation, Quantity, Section, entries
from nnmath.linalg import dot_trace, transpose_trace
from nnmath.values import MATRIX, VECTOR

__all__ = ["SCHEMA", "compute", "SPEC"]

SCHEMA = {"a": VECTOR, "B": MATRIX}


def compute(v: Mapping[str, object]) -> Explanation:
    column = transpose_trace(v["a"], name="a")
    product = dot_trace(v["B"], v["a"], a_name="B", b_name="a")
    sections = [Section("a as a column", (column,)), Section("each row of B against a", (product,))]
    quantities = dict(entries(product))
    (n,), (rows, cols) = np.shape(v["a"]), np.shape(v["B"])
    if rows == n:
        other = dot_trace(v["a"], v["B"], b_name="B")
        sections.append(Section("np.dot(B, a) ≠ np.dot(a, B)", (other,)))
        quantities.update(entries(other, "np.dot(a, B)"))
    else:
        # A B that is not square has np.dot(B, a) but no np.dot(a, B): the comparison shows why.
        quantities["np.dot(a, B)"] = Quantity(
            "no product", f"(1×{n}) · ({rows}×{cols}): the inner dimensions {n} and {rows} differ"
        )
    return Explanation("matrix-vector", "A matrix times a vector", tuple(sections), quantities)


SPEC = SceneSpec(
    "matrix-vector",
    "A matrix times a vector",
    "np.dot(B, a) ≠ np.dot(a, B): each row of B against a",
    compute,
    "scenes.matrix_vector:MatrixVector",
    SCHEMA,
)
