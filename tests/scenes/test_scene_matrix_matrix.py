"""matrix-matrix: the numbers on screen are nnmath's, beat by beat, for two sets of values."""

from __future__ import annotations

from collections import Counter

import pytest

from course import explain, load_values
from nnmath.errors import ShapeError
from scene_harness import dry_run, flat, texts, played_and_scripted
from values_files import OTHER, lecture_and_other, numbers_per_beat, values_file_fixture


def expected_per_beat(values_file=None) -> dict[str, Counter]:
    explanation = explain("matrix-matrix", load_values(values_file))
    transposed, product = explanation.step("Bᵀ"), explanation.step("np.dot(A, Bᵀ)")
    a, b, bt = flat(product.inputs["A"]), flat(transposed.inputs["B"]), flat(transposed.output)
    cells = list(product.cells())
    expected = {
        "operands": texts(a + b),
        "transpose": texts(a + bt),  # B turned into Bᵀ where it stood
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


other_values = values_file_fixture(OTHER["matrix-matrix"])
values_file = lecture_and_other(OTHER["matrix-matrix"])


def test_numbers_on_screen_are_nnmaths(values_file):
    assert numbers_per_beat("matrix-matrix", values_file) == expected_per_beat(values_file)
    # The beats played and their subtitles are the content module's script (known without manim).
    played, scripted = played_and_scripted("matrix-matrix", values_file)
    assert played == scripted


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
    # The entry is one number: the rule says where row Bⱼ stands, not that the entry is a column.
    assert any("(row Bⱼ is column j of Bᵀ)" in t for t in records["result"].texts)
    assert not any("= column j of Bᵀ" in t for r in scene.records for t in r.texts)


def test_positions_are_fixed_across_beats_and_the_last_beat_is_new():
    scene = dry_run("matrix-matrix")
    records = scene.records
    # B became Bᵀ: nothing of it is left on screen, even hidden under Bᵀ.
    on_screen = {id(m) for top in scene.mobjects for m in top.get_family()}
    assert id(scene.B) not in on_screen and not any(id(n) in on_screen for n in scene.B.entries.values())
    # A never moves; Bᵀ, once made, stays where B stood.
    a_boxes = {s.box for r in records for s in r.shown if s.text == "A"}
    assert len(a_boxes) == 1
    b_box = {s.box for s in records[0].shown if s.text == "B"}
    bt_boxes = {s.box for r in records[1:] for s in r.shown if s.text == "Bᵀ"}
    assert len(bt_boxes) == 1
    (bx,), (btx,) = b_box, bt_boxes
    assert abs((bx[0] + bx[2]) / 2 - (btx[0] + btx[2]) / 2) < 0.05
    # The result beat names the result's rows and columns: a picture the beat before did not show.
    last, before = records[-1], records[-2]
    for name in ("A₁", "A₃", "B₁", "B₃"):  # beside A or over Bᵀ, and now beside or over the result
        assert Counter(last.texts)[name] == Counter(before.texts)[name] + 1, name


def test_a_mismatch_is_rejected_before_anything_is_drawn(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[matrix-matrix]\nA = [[1, 2, 3], [4, 5, 6]]\nB = [[1, 2], [3, 4]]\n", encoding="utf-8")
    with pytest.raises(ShapeError, match="matrix-matrix"):
        dry_run("matrix-matrix", values=path)
