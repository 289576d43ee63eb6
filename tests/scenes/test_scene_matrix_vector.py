"""matrix-vector: the numbers on screen are nnmath's, beat by beat, for two sets of values."""

from __future__ import annotations

from collections import Counter

from course import explain, load_values
from scene_harness import dry_run, flat, texts, played_and_scripted
from values_files import OTHER, lecture_and_other, values_file_fixture
from scenes.theme import DARK


def expected_per_beat(values_file=None, *, erratum: bool) -> dict[str, Counter]:
    explanation = explain("matrix-vector", load_values(values_file))
    column = explanation.step("aᵀ")
    step = explanation.step("np.dot(B, a)")
    other = explanation.step("np.dot(a, B)")
    B, a_row, a_column = flat(step.inputs["B"]), flat(column.inputs["a"]), flat(column.output)
    operands = B + a_column
    cells = list(step.cells())
    everything = operands + [c.value for c in cells]
    expected = {
        "operands": texts(B + a_row),
        "transpose": texts(B + a_row + a_column),
        "shapes": texts(operands),
    }
    filled: list[float] = []
    for cell in cells[:2]:
        filled.append(cell.value)
        expected[f"entry-{cell.index[0] + 1}"] = texts(
            operands + filled + flat(cell.left, cell.right, cell.products) + [cell.value]
        )
    if len(cells) > 2:
        expected["entry-rest"] = texts(everything)
    if erratum:
        [row] = explanation.errata
        cell = step.cell(2)  # the notes' "third entry"
        expected["erratum"] = texts(
            everything + flat(cell.left, cell.right, cell.products) + [cell.value, float(row.erratum.notes)]
        )
    expected["compare"] = texts(flat(step.output, other.output))
    return expected


other_values = values_file_fixture(OTHER["matrix-vector"])
values_file = lecture_and_other(OTHER["matrix-vector"])


def test_numbers_on_screen_are_nnmaths(values_file):
    scene = dry_run("matrix-vector", values=values_file)
    shown = {r.name: Counter(r.numbers) for r in scene.records}
    assert shown == expected_per_beat(values_file, erratum=values_file is None)
    # The beats played and their subtitles are the content module's script (known without manim).
    played, scripted = played_and_scripted("matrix-vector", values_file)
    assert played == scripted


def test_lecture_values_give_32_50_68_and_48_54_60():
    scene = dry_run("matrix-vector")
    records = {r.name: r for r in scene.records}
    assert [r.name for r in scene.records] == [
        "operands", "transpose", "shapes", "entry-1", "entry-2", "entry-rest", "erratum", "compare"
    ]
    assert records["entry-1"].caption == "Entry [1]: row 1 · column 1 = 4 + 10 + 18 = 32"
    assert Counter(records["compare"].numbers) == Counter(["32", "50", "68", "48", "54", "60"])
    assert "≠" in records["compare"].texts
    assert records["transpose"].caption.startswith("Written as a column, aᵀ is 3×1")
    assert records["shapes"].caption.startswith("The inner dimensions match: 3 and 3. The result is 3×1")


def test_the_notes_69_is_marked_next_to_the_computed_68():
    record = next(r for r in dry_run("matrix-vector").records if r.name == "erratum")
    assert record.caption == "The notes wrote 69; 10·1 + 11·2 + 12·3 = 68"
    assert Counter(record.numbers)["69"] == 1
    assert Counter(record.numbers)["68"] == 2  # in the result, and at the end of the sum
    assert "notes" in record.texts
    # The beat's takeaway says it in words, with the same two numbers.
    assert "The notes wrote 69; recomputed, the entry is 68" in record.texts


def test_no_erratum_once_the_values_are_a_lecturers_own(other_values, tmp_path):
    assert "erratum" not in [r.name for r in dry_run("matrix-vector", values=other_values).records]
    # Even when only a changes and the third entry still differs from the notes' 69.
    only_a = tmp_path / "only_a.toml"
    only_a.write_text("[matrix-vector]\na = [1, 2, 4]\n", encoding="utf-8")
    [row] = explain("matrix-vector", load_values(only_a)).errata
    assert row.differs
    assert "erratum" not in [r.name for r in dry_run("matrix-vector", values=only_a).records]


def test_a_symmetric_B_gives_equal_orders(tmp_path):
    path = tmp_path / "symmetric.toml"
    path.write_text("[matrix-vector]\nB = [[2, 1, 0], [1, 3, 1], [0, 1, 4]]\n", encoding="utf-8")
    compare = dry_run("matrix-vector", values=path).records[-1]
    assert "≠" not in compare.texts and "=" in compare.texts
    assert compare.caption.startswith("Here np.dot(a, B) gives the same [4, 10, 14]")


def test_a_non_square_B_shows_why_np_dot_a_B_does_not_exist(tmp_path):
    path = tmp_path / "wide.toml"
    path.write_text("[matrix-vector]\na = [1, 2, 3]\nB = [[4, 5, 6], [7, 8, 9], [10, 11, 12], [1, 0, -1]]\n", encoding="utf-8")
    explanation = explain("matrix-vector", load_values(path))
    step = explanation.step("np.dot(B, a)")
    missing = explanation.quantities["np.dot(a, B)"]
    assert missing.value == "no product" and "(1×3) · (4×3): the inner dimensions 3 and 4 differ" == missing.how
    assert "np.dot(a, B)" not in [s.label for s in explanation.steps]
    records = {r.name: r for r in dry_run("matrix-vector", values=path).records}
    compare = records["compare"]
    assert Counter(compare.numbers) == texts(step.output)  # [32, 50, 68, 2]: only the product that exists
    assert {"✗", "differ: no product!", "1×3", "4×3"} <= set(compare.texts)
    assert compare.caption == "np.dot(a, B) does not exist here: (1×3) · (4×3): the inner dimensions 3 and 4 differ. The order matters"


def test_a_and_B_have_the_same_colours_as_in_vector_matrix():
    from scene_harness import dry_run_cached

    def colours(slug):
        found = {}
        for record in dry_run_cached(slug, "dark").records:
            for shown in record.shown:
                if shown.text in ("a =", "B ="):
                    found.setdefault(shown.text, set()).update(shown.colors)
        return found

    ours, theirs = colours("matrix-vector"), colours("vector-matrix")
    assert ours == theirs == {"a =": {DARK.input}, "B =": {DARK.weight}}
