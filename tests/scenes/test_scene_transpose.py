"""transpose: the numbers on screen are nnmath's, beat by beat, for a square and a non-square B."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from course import explain, load_values
from scene_harness import dry_run, flat, texts, played_and_scripted


def _arrived(step, rows: set[int]) -> list[float]:
    """The entries of Bᵀ that came from the given rows of B, by nnmath's ``source_index``."""
    sources = step.intermediates["source_index"]
    return [float(step.output[i]) for i in np.ndindex(*step.output.shape) if int(sources[i][0]) in rows]


def expected_per_beat(values_file=None) -> dict[str, Counter]:
    explanation = explain("transpose", load_values(values_file))
    matrix, vector = explanation.step("Bᵀ"), explanation.step("aᵀ")
    B = flat(matrix.inputs["B"])
    rows = matrix.inputs["B"].shape[0]
    expected = {"matrix": texts(B)}
    for r in range(min(rows, 2)):
        expected[f"row-{r + 1}"] = texts(B + _arrived(matrix, set(range(r + 1))))
    if rows > 2:
        expected["rows-rest"] = texts(B + flat(matrix.output))
    expected["shape"] = texts(B + flat(matrix.output))
    expected["vector"] = texts(flat(vector.inputs["a"], vector.output))
    expected["layer"] = Counter()
    return expected


@pytest.fixture
def other_values(tmp_path):
    path = tmp_path / "other.toml"
    path.write_text(
        "[transpose]\nB = [[1, -2, 0.5, 3], [4, 5, -6, 7.25]]\na = [2, -1, 0, 3.5, 8]\n", encoding="utf-8"
    )
    return path


@pytest.mark.parametrize("use_other", [False, True], ids=["lecture", "other"])
def test_numbers_on_screen_are_nnmaths(use_other, other_values):
    values_file = other_values if use_other else None
    scene = dry_run("transpose", values=values_file)
    shown = {r.name: Counter(r.numbers) for r in scene.records}
    assert shown == expected_per_beat(values_file)
    # The beats played and their subtitles are the content module's script (known without manim).
    played, scripted = played_and_scripted("transpose", values_file)
    assert played == scripted


def test_lecture_rows_become_columns():
    records = {r.name: r for r in dry_run("transpose").records}
    assert list(records) == ["matrix", "row-1", "row-2", "rows-rest", "shape", "vector", "layer"]
    # w₁ of the layers scene; the caption writes the row as drawn, with the matrix's two decimals.
    assert records["row-1"].caption == "Row 1 of B (0.20, 0.80, -0.50, 1.00) becomes column 1 of Bᵀ"
    assert records["row-2"].caption == "Row 2 of B (0.50, -0.91, 0.26, -0.50) becomes column 2 of Bᵀ"
    assert records["shape"].caption == "(m×n)ᵀ is n×m: the 3×4 matrix B becomes the 4×3 matrix Bᵀ"
    assert records["vector"].caption == "A row vector becomes a column: a is 1×3, aᵀ is 3×1"
    assert {"1×3", "3×1"} <= set(records["vector"].texts)
    # The last beat draws the shapes: X (samples × inputs) · Wᵀ (inputs × neurons) → samples × neurons,
    # W being B read as a layer's weights (3 neurons × 4 inputs).
    layer = records["layer"]
    assert {"X", "Wᵀ", "np.dot(X, Wᵀ)", "2×4", "4×3", "2×3"} <= set(layer.texts)
    assert "inputs = inputs: must be the same!" in layer.texts
    assert "A layer stores one row of weights per neuron: W is 3×4, neurons × inputs" in layer.texts


def test_non_square_shape_turns_around(other_values):
    records = {r.name: r for r in dry_run("transpose", values=other_values).records}
    assert list(records) == ["matrix", "row-1", "row-2", "shape", "vector", "layer"]
    assert records["row-1"].caption == "Row 1 of B (1.00, -2.00, 0.50, 3.00) becomes column 1 of Bᵀ"  # 7.25 needs two
    assert records["shape"].caption == "(m×n)ᵀ is n×m: the 2×4 matrix B becomes the 4×2 matrix Bᵀ"
    assert Counter(records["shape"].texts)["2×4"] == 2 and Counter(records["shape"].texts)["4×2"] == 2
    assert records["vector"].caption == "A row vector becomes a column: a is 1×5, aᵀ is 5×1"
