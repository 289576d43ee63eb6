"""matrix-matrix: a matrix times a transposed matrix: entry (i, j) is row Aᵢ · row Bⱼ."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from course.products import product_script
from course.spec import BeatScript, Key, SceneSpec
from nnmath.display import cell_line, format_array, subscripted
from nnmath.lecture import Explanation, Quantity, Section, entries, shape_text
from nnmath.linalg import dot_trace, transpose_trace
from nnmath.trace import Cell, ProductStep
from nnmath.values import MATRIX

__all__ = ["SCHEMA", "compute", "script", "SPEC", "DETAILED"]

SCHEMA = {
    "A": Key(MATRIX, "the left matrix of np.dot(A, Bᵀ)"),
    "B": Key(MATRIX, "the right matrix, used transposed: its rows as long as A's"),
}
#: The built-in values: the [matrix-matrix] table of `nnanim values`.
VALUES = """
[matrix-matrix]
# The notes name A and B only symbolically; two small integer matrices. The scene computes np.dot(A, Bᵀ).
A = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
B = [[1, 0, -1], [2, 1, 0], [0, 3, 1]]
"""

#: Result entries worked term by term, each in its own beat; the rest fill in one.
DETAILED = 2
#: A result of more numbers than this is too long for one subtitle line: its shape and first row.
_WHOLE_RESULT = 12


def compute(v: Mapping[str, object]) -> Explanation:
    transposed = transpose_trace(v["B"], name="B")
    product = dot_trace(v["A"], transposed.output, a_name="A", b_name="Bᵀ", parents=(transposed,))
    return Explanation(
        "matrix-matrix",
        "A matrix times a matrix",
        (Section("transpose B", (transposed,)), Section("row Aᵢ · row Bⱼ", (product,))),
        {**entries(product), "shape output": Quantity(shape_text(product.output))},
    )


def _entry_caption(cell: Cell, product: ProductStep) -> str:
    """Which rows met, in the notes' names: row Aᵢ and row Bⱼ (column j of Bᵀ); the sum as drawn."""
    i, j = cell.row + 1, cell.column + 1
    sums = cell_line(cell, product).sum_line()
    return f"Entry [{i}, {j}] = row {subscripted('A', i)} · row {subscripted('B', j)} = {sums}"


def _result_caption(e: Explanation) -> str:
    output = e.quantities["output"]
    if np.size(output.value) <= _WHOLE_RESULT:
        return f"np.dot(A, Bᵀ) = {output.text(4)}"
    (m, p), first = np.shape(output.value), format_array(np.asarray(output.value)[0], 4)
    return f"np.dot(A, Bᵀ) is {m}×{p}, entry (i, j) = row Aᵢ · row Bⱼ; its first row is {first}"


def script(e: Explanation) -> tuple[BeatScript, ...]:
    """The beats as words: A and B, Bᵀ, the shapes, the pattern of rows, the entries, the result."""
    transposed, product = e.step("Bᵀ"), e.step("np.dot(A, Bᵀ)")
    (m, n), (p, n2) = product.inputs["A"].shape, transposed.inputs["B"].shape
    before, after = transposed.shapes["B"], transposed.shapes["output"]
    (lm, ln), (rn, rp) = (product.intermediates[k].shape for k in ("left_view", "right_view"))
    return (
        BeatScript("operands", f"A is {m}×{n} with rows A₁…{subscripted('A', m)}; B is {p}×{n2} with rows B₁…{subscripted('B', p)}"),
        BeatScript("transpose", f"Bᵀ: row Bⱼ of B becomes column j of Bᵀ ({before[0]}×{before[1]} → {after[0]}×{after[1]})"),
        BeatScript("shapes", f"({lm}×{ln})·({rn}×{rp}): the inner dimensions {ln} and {rn} match, so the result is {lm}×{rp}"),
        BeatScript("rows-meet-rows", "Entry (i, j) is row Aᵢ · row Bⱼ: [[A₁B₁, A₁B₂, …], [A₂B₁, …], …]"),
        *product_script(product, detailed=DETAILED, caption=lambda cell: _entry_caption(cell, product)),
        BeatScript("result", _result_caption(e)),
    )


SPEC = SceneSpec(
    "matrix-matrix",
    "A matrix times a matrix",
    "np.dot(A, Bᵀ): entry (i, j) is row Aᵢ · row Bⱼ",
    compute,
    "scenes.matrix_matrix:MatrixMatrix",
    SCHEMA,
    script,
    values=VALUES,
    place=60,
)
