"""vector-matrix: the numbers on screen are nnmath's, beat by beat, for two sets of values."""

from __future__ import annotations

from collections import Counter

from course import explain, load_values
from scene_harness import dry_run, flat, texts, played_and_scripted
from values_files import OTHER, lecture_and_other, numbers_per_beat


def expected_per_beat(values_file=None) -> dict[str, Counter]:
    step = explain("vector-matrix", load_values(values_file)).step("np.dot(a, B)")
    operands = flat(step.inputs["a"], step.inputs["B"])
    cells = list(step.cells())
    expected = {"operands": texts(operands), "shapes": texts(operands)}
    filled: list[float] = []
    for cell in cells[:3]:  # every entry of a 1×3 result is worked in its own beat
        filled.append(cell.value)
        name = f"entry-{cell.index[0] + 1}"
        expected[name] = texts(operands + filled + flat(cell.left, cell.right, cell.products) + [cell.value])
    if len(cells) > 3:
        expected["entry-rest"] = texts(operands + [c.value for c in cells])
    expected["result"] = texts(operands + [c.value for c in cells])
    return expected


values_file = lecture_and_other(OTHER["vector-matrix"])


def test_numbers_on_screen_are_nnmaths(values_file):
    assert numbers_per_beat("vector-matrix", values_file) == expected_per_beat(values_file)
    # The beats played and their subtitles are the content module's script (known without manim).
    played, scripted = played_and_scripted("vector-matrix", values_file)
    assert played == scripted


def test_lecture_result_is_48_54_60():
    scene = dry_run("vector-matrix")
    assert Counter(scene.records[-1].numbers)["48"] == 1
    assert {"48", "54", "60"} <= set(scene.records[-1].numbers)
    assert scene.records[2].caption == "Entry [1]: row 1 · column 1 = 4 + 14 + 30 = 48"
    # The third entry is worked too, not only filled in.
    records = {r.name: r for r in scene.records}
    assert records["entry-3"].caption == "Entry [3]: row 1 · column 3 = 6 + 18 + 36 = 60"
    assert [r.name for r in scene.records] == ["operands", "shapes", "entry-1", "entry-2", "entry-3", "result"]
    assert "must be the same!" in records["shapes"].texts


def test_the_last_two_beats_are_different_pictures():
    # The result beat adds its takeaway; the entry beat before it has its term line.
    records = {r.name: r for r in dry_run("vector-matrix").records}
    assert records["entry-3"].numbers != records["result"].numbers
    assert "a · column j of B = entry j" in records["result"].texts
