"""transpose: the transpose: rows become columns, and a row vector becomes a column."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

import numpy as np

from course.spec import BeatScript, Key, SceneSpec
from nnmath.display import format_decimals, shared_decimals, shown_indices
from nnmath.lecture import Explanation, Quantity, Section, shape_text
from nnmath.linalg import transpose_trace
from nnmath.trace import Step
from nnmath.values import MATRIX, VECTOR

__all__ = ["SCHEMA", "compute", "script", "SPEC", "DETAILED_ROWS", "moves_by_source_row"]

SCHEMA = {
    "B": Key(MATRIX, "the matrix whose rows become columns"),
    "a": Key(VECTOR, "the row vector that becomes a column"),
}
#: The built-in values: the [transpose] table of `nnanim values`.
VALUES = """
[transpose]
# The first layer's weights w₁ of [layers] (3 neurons × 4 inputs): not square, so the shape rule
# (m×n)ᵀ = n×m shows, 3×4 → 4×3.
B = [[0.2, 0.8, -0.5, 1.0], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]]
a = [1, 2, 3]
"""

#: Rows of B that get a beat of their own; the rest move in one quick beat.
DETAILED_ROWS = 2
_LAYER_CAPTION = "W has one row per neuron: np.dot(X, Wᵀ) meets inputs with inputs, samples × neurons out"


def moves_by_source_row(step: Step) -> dict[int, list[tuple[tuple[int, int], tuple[int, int]]]]:
    """``{row of the input: [(input index, output index), ...]}`` from ``source_index``.

    ``source_index`` has shape (rows of the output, columns of the output, 2); a 1-D input is
    addressed in its 1×n row view.
    """
    sources = step.intermediates["source_index"]
    moves: dict[int, list[tuple[tuple[int, int], tuple[int, int]]]] = defaultdict(list)
    for index in np.ndindex(*step.output.shape):
        source = (int(sources[index][0]), int(sources[index][1]))
        moves[source[0]].append((source, (int(index[0]), int(index[1]))))
    return dict(sorted(moves.items()))


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


def _row_caption(step: Step, row: int, moves: list[tuple[tuple[int, int], tuple[int, int]]]) -> str:
    # The row as drawn: with the matrix's decimals (0.20, not 0.2, when another entry needs two).
    B = step.inputs["B"]
    rows, columns = (shown_indices(n) for n in step.shapes["B"])
    decimals = shared_decimals(B[[i for i in rows if i is not None]][:, [j for j in columns if j is not None]])
    numbers = "(" + ", ".join("…" if j is None else format_decimals(B[row, j], decimals) for j in columns) + ")"
    where = " and ".join(str(j + 1) for j in sorted({target[1] for _, target in moves}))
    return f"Row {row + 1} of B {numbers} becomes column {where} of Bᵀ"


def _shape_caption(e: Explanation) -> str:
    before, after = e.quantities["shape B"].text(), e.quantities["shape Bᵀ"].text()
    if before == after:
        return f"(m×n)ᵀ is n×m: a square {before} matrix stays {after}, but entry (i, j) moves to (j, i)"
    return f"(m×n)ᵀ is n×m: the {before} matrix B becomes the {after} matrix Bᵀ"


def script(e: Explanation) -> tuple[BeatScript, ...]:
    """The beats as words: B, its rows one by one (the rest together), the shape, a vector, a layer's Wᵀ."""
    matrix, vector = e.step("Bᵀ"), e.step("aᵀ")
    moves = moves_by_source_row(matrix)
    rows = list(moves)
    (m, n), (length,) = matrix.shapes["B"], vector.shapes["a"]
    beats = [BeatScript("matrix", f"B is {e.quantities['shape B'].text()}: {m} rows of {n} numbers")]
    beats += [BeatScript(f"row-{r + 1}", _row_caption(matrix, r, moves[r])) for r in rows[:DETAILED_ROWS]]
    if rows[DETAILED_ROWS:]:
        beats.append(BeatScript("rows-rest", "The other rows the same way: row i of B is column i of Bᵀ"))
    return (
        *beats,
        BeatScript("shape", _shape_caption(e)),
        BeatScript("vector", f"A row vector becomes a column: a is 1×{length}, aᵀ is {e.quantities['shape aᵀ'].text()}"),
        BeatScript("layer", _LAYER_CAPTION),
    )


SPEC = SceneSpec(
    "transpose",
    "Transpose",
    "rows become columns; why a layer uses Wᵀ",
    compute,
    "scenes.transpose:Transpose",
    SCHEMA,
    script,
    values=VALUES,
    place=50,
)
