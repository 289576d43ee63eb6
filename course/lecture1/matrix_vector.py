"""matrix-vector: a matrix times a vector: each row of B against a, and why np.dot(B, a) is not np.dot(a, B)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from course.products import product_script
from course.spec import BeatScript, Key, SceneSpec
from nnmath.display import format_shape_x
from nnmath.lecture import ErratumRow, Explanation, Quantity, Section, entries
from nnmath.linalg import dot_trace, transpose_trace
from nnmath.values import MATRIX, VECTOR

__all__ = ["SCHEMA", "compute", "script", "SPEC", "DETAILED", "erratum_to_show", "same_results"]

SCHEMA = {
    "a": Key(VECTOR, "the vector of np.dot(B, a), as long as `B` has columns"),
    "B": Key(MATRIX, "the matrix; each output entry is a row of B · a"),
}
#: The built-in values: the [matrix-vector] table of `nnanim values`.
VALUES = """
[matrix-vector]
a = [1, 2, 3]
B = [[4, 5, 6], [7, 8, 9], [10, 11, 12]]
"""

#: Result entries worked term by term, each in its own beat; the rest fill in one.
DETAILED = 2


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


def erratum_to_show(e: Explanation) -> ErratumRow | None:
    """The notes' wrong entry, when it applies.

    Only with the lecture's own values: once a lecturer changes B or a, what the notes wrote
    says nothing about the new numbers.
    """
    rows = [row for row in e.errata if row.differs and row.applies and row.index is not None]
    return rows[0] if rows else None


def same_results(e: Explanation) -> bool:
    """Whether the two orders show the same numbers (they do for a symmetric B)."""
    return e.quantities["output"].text(4) == e.quantities["np.dot(a, B)"].text(4)


def _compare_caption(e: Explanation) -> str:
    ours, theirs = e.quantities["output"].text(4), e.quantities["np.dot(a, B)"]
    if isinstance(theirs.value, str):
        return f"np.dot(a, B) does not exist here: {theirs.how}. The order matters"
    if same_results(e):
        return f"Here np.dot(a, B) gives the same {theirs.text(4)}; for most B the two orders differ"
    return f"np.dot(a, B) = {theirs.text(4)} takes a against the columns of B: not np.dot(B, a) = {ours}"


def script(e: Explanation) -> tuple[BeatScript, ...]:
    """The beats as words: the operands, a as a column, the shapes, the entries, the notes'
    erratum (with the lecture's values), and the other order."""
    column, step = e.step("aᵀ"), e.step("np.dot(B, a)")
    n = step.shapes["a"][0]
    (m, inner), (inner2, p) = step.intermediates["left_view"].shape, step.intermediates["right_view"].shape
    beats = [
        BeatScript("operands", f"B is a {format_shape_x(step.shapes['B'])} matrix; a is a vector of {n} numbers, a 1×{n} row"),
        BeatScript(
            "transpose", f"Written as a column, aᵀ is {format_shape_x(column.output.shape)}: each row of B can now meet it"
        ),
        BeatScript("shapes", f"The inner dimensions match: {inner} and {inner2}. The result is {m}×{p}, one entry per row of B."),
        *product_script(step, detailed=DETAILED),
    ]
    erratum = erratum_to_show(e)
    if erratum is not None:
        beats.append(BeatScript("erratum", f"The notes wrote {erratum.erratum.notes}; {erratum.how} = {erratum.computed}"))
    beats.append(BeatScript("compare", _compare_caption(e)))
    return tuple(beats)


SPEC = SceneSpec(
    "matrix-vector",
    "A matrix times a vector",
    "np.dot(B, a) ≠ np.dot(a, B): each row of B against a",
    compute,
    "scenes.matrix_vector:MatrixVector",
    SCHEMA,
    script,
    values=VALUES,
    place=40,
)
