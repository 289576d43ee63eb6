"""vector-matrix: the numbers on screen are nnmath's, beat by beat, for two sets of values."""

from __future__ import annotations

from collections import Counter

import pytest

from nnmath.lecture import explain
from nnmath.values import load_values
from scene_harness import dry_run, flat, texts


def expected_per_beat(values_file=None) -> dict[str, Counter]:
    step = explain("vector-matrix", load_values(values_file)).step("np.dot(a, B)")
    operands = flat(step.inputs["a"], step.inputs["B"])
    cells = list(step.cells())
    expected = {"operands": texts(operands), "shapes": texts(operands)}
    filled: list[float] = []
    for cell in cells[:2]:
        filled.append(cell.value)
        name = f"entry-{cell.index[0] + 1}"
        expected[name] = texts(operands + filled + flat(cell.left, cell.right, cell.products) + [cell.value])
    if len(cells) > 2:
        expected["entry-rest"] = texts(operands + [c.value for c in cells])
    expected["result"] = texts(operands + [c.value for c in cells])
    return expected


@pytest.fixture
def other_values(tmp_path):
    path = tmp_path / "other.toml"
    path.write_text("[vector-matrix]\na = [2, -1]\nB = [[1, 2.5, 3, 4], [0.5, 1, -2, 3]]\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("use_other", [False, True], ids=["lecture", "other"])
def test_numbers_on_screen_are_nnmaths(use_other, other_values):
    values_file = other_values if use_other else None
    scene = dry_run("vector-matrix", values=values_file)
    shown = {r.name: Counter(r.numbers) for r in scene.records}
    assert shown == expected_per_beat(values_file)


def test_lecture_result_is_48_54_60():
    scene = dry_run("vector-matrix")
    assert Counter(scene.records[-1].numbers)["48"] == 1
    assert {"48", "54", "60"} <= set(scene.records[-1].numbers)
    assert scene.records[2].caption == "Entry [1]: row 1 · column 1 = 4 + 14 + 30 = 48"
