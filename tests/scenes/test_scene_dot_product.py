"""dot-product: the numbers on screen are nnmath's, beat by beat, for two sets of values."""

from __future__ import annotations

from collections import Counter

import pytest

from course import explain, load_values
from scene_harness import dry_run, flat, texts, played_and_scripted


def expected_per_beat(values_file=None) -> dict[str, Counter]:
    explanation = explain("dot-product", load_values(values_file))
    ab, ba = explanation.step("np.dot(a, b)"), explanation.step("np.dot(b, a)")
    vectors = flat(ab.inputs["a"], ab.inputs["b"])
    cell_ab, cell_ba = ab.cell(), ba.cell()
    terms_ab = flat(cell_ab.left, cell_ab.right, cell_ab.products)
    terms_ba = flat(cell_ba.left, cell_ba.right, cell_ba.products) + [cell_ba.value]
    return {
        "vectors": texts(vectors),
        "lengths": texts(vectors),
        "terms": texts(vectors + terms_ab),
        # The line's total, and the result np.dot(a, b).
        "sum": texts(vectors + terms_ab + [cell_ab.value] + flat(ab.output)),
        # b·a written out under the swapped vectors; both results side by side.
        "order": texts(vectors + terms_ba + flat(ab.output, ba.output)),
    }


@pytest.fixture
def other_values(tmp_path):
    path = tmp_path / "other.toml"
    path.write_text("[dot-product]\na = [1.5, -2, 0.25, 3, -1.2]\nb = [2, 0.5, -4, -1.25, 10]\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("use_other", [False, True], ids=["lecture", "other"])
def test_numbers_on_screen_are_nnmaths(use_other, other_values):
    values_file = other_values if use_other else None
    scene = dry_run("dot-product", values=values_file)
    shown = {r.name: Counter(r.numbers) for r in scene.records}
    assert shown == expected_per_beat(values_file)
    # The beats played and their subtitles are the content module's script (known without manim).
    played, scripted = played_and_scripted("dot-product", values_file)
    assert played == scripted


@pytest.mark.parametrize("use_other", [False, True], ids=["lecture", "other"])
def test_lengths_are_the_steps_shapes(use_other, other_values):
    values_file = other_values if use_other else None
    step = explain("dot-product", load_values(values_file)).step("np.dot(a, b)")
    (n,) = step.shapes["a"]
    lengths = {r.name: r for r in dry_run("dot-product", values=values_file).records}["lengths"]
    assert Counter(lengths.texts)[str(n)] == 2  # "length n" beside each vector
    assert {f"1×{n}", f"{n}×1", "1×1"} <= set(lengths.texts)
    assert lengths.caption.startswith(f"The lengths must match: {n} and {n}")


def test_lecture_dot_product_is_32_both_ways():
    records = {r.name: r for r in dry_run("dot-product").records}
    assert {"4", "10", "18"} <= set(records["terms"].numbers)
    assert records["sum"].caption == "a·b = 4 + 10 + 18 = 32"
    assert Counter(records["order"].numbers)["32"] == 3  # b·a's total and both results
    # Without spaces: manim's Text.text drops them, original_text keeps them.
    assert {"np.dot(a,b)=", "np.dot(b,a)="} <= {t.replace(" ", "") for t in records["order"].texts}
    assert records["order"].caption == "np.dot(b, a) = 4·1 + 5·2 + 6·3 = 32: the order does not matter"
