"""matrix-matrix: the numbers on screen are nnmath's, beat by beat, for two sets of values."""

from __future__ import annotations

from collections import Counter

import pytest

from nnmath.errors import ShapeError
from nnmath.lecture import explain
from nnmath.values import load_values
from scene_harness import dry_run, flat, texts


def expected_per_beat(values_file=None) -> dict[str, Counter]:
    explanation = explain("matrix-matrix", load_values(values_file))
    transposed, product = explanation.step("Bᵀ"), explanation.step("np.dot(A, Bᵀ)")
    a, b, bt = flat(product.inputs["A"]), flat(transposed.inputs["B"]), flat(transposed.output)
    cells = list(product.cells())
    expected = {
        "operands": texts(a + b),
        "transpose": texts(a + b + bt),
        "shapes": texts(a + bt),
        "rows-meet-rows": texts(a + bt),
    }
    filled: list[float] = []
    for cell in cells[:2]:
        filled.append(cell.value)
        name = "entry-" + "-".join(str(i + 1) for i in cell.index)
        expected[name] = texts(a + bt + filled + flat(cell.left, cell.right, cell.products) + [cell.value])
    if len(cells) > 2:
        expected["entry-rest"] = texts(a + bt + [c.value for c in cells])
    expected["result"] = texts(a + bt + [c.value for c in cells])
    return expected


@pytest.fixture
def other_values(tmp_path):
    """A 2×3 and B 4×3 with decimals and negatives: Bᵀ is 3×4, the result 2×4."""
    path = tmp_path / "other.toml"
    path.write_text(
        "[matrix-matrix]\n"
        "A = [[1.5, -2, 0.25], [-1, 3, 2]]\n"
        "B = [[2, 0.5, -1], [-0.5, 1, 4], [1, 1, 1], [0, -2, 0.75]]\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("use_other", [False, True], ids=["lecture", "other"])
def test_numbers_on_screen_are_nnmaths(use_other, other_values):
    values_file = other_values if use_other else None
    scene = dry_run("matrix-matrix", values=values_file)
    shown = {r.name: Counter(r.numbers) for r in scene.records}
    assert shown == expected_per_beat(values_file)


def test_other_values_have_their_own_shapes(other_values):
    scene = dry_run("matrix-matrix", values=other_values)
    assert scene.result.shape == (2, 4)
    assert scene.Bt.shape == (3, 4)
    shapes = next(r for r in scene.records if r.name == "shapes")
    assert shapes.caption == "(2×3)·(3×4): the inner dimensions 3 and 3 match, so the result is 2×4"
    assert {"2×3", "3×4", "2×4"} <= set(shapes.texts)


def test_lecture_result_and_captions():
    scene = dry_run("matrix-matrix")
    records = {r.name: r for r in scene.records}
    assert records["entry-1-1"].caption == "Entry [1, 1] = row A₁ · row B₁ = 1 + 0 + (-3) = -2"
    assert records["entry-1-2"].caption == "Entry [1, 2] = row A₁ · row B₂ = 2 + 2 + 0 = 4"
    assert records["result"].caption == "np.dot(A, Bᵀ) = [[-2, 4, 9], [-2, 13, 21], [-2, 22, 33]]"
    assert Counter(records["result"].numbers)["-2"] == 3
    assert {"13", "21", "22", "33"} <= set(records["result"].numbers)
    # The rows of A and of B are named, and Bᵀ's columns carry the names of B's rows.
    assert {"A₁", "A₂", "A₃", "B₁", "B₂", "B₃", "Bᵀ"} <= set(records["shapes"].texts)
    assert {"A₁", "B₁"} <= set(records["rows-meet-rows"].texts)


def test_a_mismatch_is_rejected_before_anything_is_drawn(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[matrix-matrix]\nA = [[1, 2, 3], [4, 5, 6]]\nB = [[1, 2], [3, 4]]\n", encoding="utf-8")
    with pytest.raises(ShapeError, match="matrix-matrix"):
        dry_run("matrix-matrix", values=path)
