"""dot-product: the numbers on screen are nnmath's, beat by beat, for two sets of values."""

from __future__ import annotations

from collections import Counter

from course import explain, load_values
from scene_harness import dry_run, flat, texts, played_and_scripted
from values_files import OTHER, lecture_and_other, numbers_per_beat


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


values_file = lecture_and_other(OTHER["dot-product"])


def test_numbers_on_screen_are_nnmaths(values_file):
    assert numbers_per_beat("dot-product", values_file) == expected_per_beat(values_file)
    # The beats played and their subtitles are the content module's script (known without manim).
    played, scripted = played_and_scripted("dot-product", values_file)
    assert played == scripted


def test_lengths_are_the_steps_shapes(values_file):
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
