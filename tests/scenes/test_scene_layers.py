"""layers: the numbers on screen are nnmath's, beat by beat, for two sets of values; errata only where they differ."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from course import explain, load_values
from nnmath.display import cell_line, format_number
from nnmath.errors import ShapeError
from scene_harness import dry_run, flat, played_and_scripted
from values_files import OTHER, lecture_and_other, numbers_per_beat, values_file_fixture
from scenes import layers

#: The scene's matrices show three decimals; product_beats' term-by-term lines keep four.
DIGITS = 3


def shown(*arrays) -> Counter:
    return Counter(format_number(v, DIGITS) for v in flat(*arrays))


def expected_per_beat(values_file=None) -> dict[str, Counter]:
    ex = explain("layers", load_values(values_file))
    w1t, p1, f1 = (ex.step(s) for s in ("w1ᵀ", "np.dot(X, w1ᵀ)", "np.dot(X, w1ᵀ) + b1"))
    w2t, p2, out = (ex.step(s) for s in ("w2ᵀ", "np.dot(f1, w2ᵀ)", "np.dot(f1, w2ᵀ) + b2"))
    x, w1t_out, w2t_out = p1.inputs["X"], w1t.output, w2t.output
    b1, b2 = f1.inputs["b1"], out.inputs["b2"]
    samples = np.atleast_2d(f1.output).shape[0]
    expected = {
        "network": Counter(),
        "batch": shown(x),
        "weight-shapes": Counter(),
        "layer-2-shapes": Counter(),
        "w1-transpose": shown(w1t.inputs["w1"], w1t_out),
    }
    def worked(layer: int, step, left, right, detailed: int) -> None:
        cells = list(step.cells())
        filled: list[float] = []
        for cell in cells[:detailed]:
            filled.append(cell.value)
            name = f"layer-{layer}-" + "-".join(str(i + 1) for i in cell.index)
            # The term-by-term line is product_beats' DotTerms, at the matrices' decimals.
            terms = shown(cell.left, cell.right, cell.products, [cell.value])
            expected[name] = shown(left, right, filled) + terms
        if len(cells) > detailed:
            expected[f"layer-{layer}-rest"] = shown(left, right, step.output)

    worked(1, p1, x, w1t_out, detailed=2)
    expected["bias-1"] = shown(p1.output, b1, *[b1] * samples, f1.output)
    expected["layer-2"] = shown(f1.output, w2t_out)
    # One layer-2 entry is worked term by term too, in the room under the matrices.
    worked(2, p2, f1.output, w2t_out, detailed=1)
    expected["bias-2"] = shown(p2.output, b2, *[b2] * samples, out.output)
    expected["output"] = shown(out.output)
    return expected


other_values = values_file_fixture(OTHER["layers"])
values_file = lecture_and_other(OTHER["layers"])


@pytest.fixture
def notes_shape(tmp_path):
    """X with the 2×4 shape the notes wrote: these are no longer the lecture's values."""
    path = tmp_path / "two_samples.toml"
    path.write_text("[layers]\nX = [[1, 2, 3, 4], [5, 6, 7, 8]]\n", encoding="utf-8")
    return path


def test_digits_match_the_scene():
    assert layers.DIGITS == DIGITS


def test_numbers_on_screen_are_nnmaths(values_file):
    assert numbers_per_beat("layers", values_file) == expected_per_beat(values_file)


def test_beats_and_captions_are_the_content_modules_script(values_file):
    """The scene plays its spec's script: the same beats in the same order, each with its caption."""
    played, scripted = played_and_scripted("layers", values_file)
    assert played == scripted


def test_lecture_key_values():
    scene = dry_run("layers")
    records = {r.name: r for r in scene.records}
    assert records["bias-1"].caption == (
        "b₁ = [2.0, 3.0, 0.5] is added to every sample's row: f₁, row 1 = [6.30, 0.46, 3.69]"
    )
    assert {"6.3", "0.46", "3.69", "12.3", "-2.14", "5.73", "18.3", "-4.74", "7.77"} <= set(records["bias-1"].numbers)
    assert {"1.411", "-2.313", "-3.416"} <= set(records["output"].numbers)  # -2.3125: half away from zero
    # Each sum written as the matrices beside it write their numbers (w₁'s 0.20, so 1·0.20 = 0.20);
    # layer 2 at the matrices' three decimals too: 6.30·0.10 + 0.46·(-0.14) + 3.69·0.50 ≈ 0.630 + ….
    ex = explain("layers")
    for name, label, row in (("layer-1-1-1", "np.dot(X, w1ᵀ)", "sample 1"), ("layer-2-1-1", "np.dot(f1, w2ᵀ)", "row 1 of f₁")):
        step = ex.step(label)
        line = cell_line(step.cell(0, 0), step, digits=DIGITS)
        assert records[name].caption == f"Entry [1, 1]: {row} · neuron 1's weights = {line.sum_line()}"
    # The shapes come before any number is computed.
    names = [r.name for r in scene.records]
    assert names.index("weight-shapes") < names.index("layer-2-shapes") < names.index("w1-transpose")
    assert {"3×4", "4×3", "3×3", "(3,)"} <= set(records["weight-shapes"].texts)


def test_lecture_errata_are_shown_where_they_belong():
    scene = dry_run("layers")
    records = {r.name: r for r in scene.records}
    # X: the computed 3×4 and the notes' 2×4 beside it, struck.
    assert records["batch"].caption.endswith("(the notes wrote 2×4)")
    assert {"3×4", "2×4", "notes"} <= set(records["batch"].texts)
    # Biases: (3,) for b₁ and b₂, each beside the notes' 3×1.
    assert Counter(records["layer-2-shapes"].texts)["3×1"] == 2
    assert Counter(records["layer-2-shapes"].texts)["(3,)"] == 2
    assert "(the notes wrote 3×1)" in records["weight-shapes"].caption


def test_errata_are_not_shown_for_other_values(other_values):
    """The notes' 2×4 and 3×1 are about the lecture's numbers: other values get no corrections."""
    scene = dry_run("layers", values=other_values)
    for record in scene.records:
        assert "notes" not in record.caption, record.name
        assert "notes" not in record.texts, record.name
        assert "3×1" not in record.texts, record.name


def test_each_erratum_goes_with_the_numbers_it_is_about(notes_shape):
    """nnmath's errata apply per erratum (``Quantity.about``): the notes' 2×4 is about the lecture's
    X, so another X drops it; their 3×1 is about three biases whatever X is, so it stays."""
    records = {r.name: r for r in dry_run("layers", values=notes_shape).records}
    assert "(the notes wrote 2×4)" not in records["batch"].caption
    assert Counter(records["batch"].texts)["2×4"] == 1  # the shape label only, nothing struck
    assert "(the notes wrote 3×1)" in records["weight-shapes"].caption
    assert Counter(records["layer-2-shapes"].texts)["3×1"] == 2


def test_other_values_have_their_own_shapes(other_values):
    scene = dry_run("layers", values=other_values)
    records = {r.name: r for r in scene.records}
    assert records["weight-shapes"].caption.startswith(
        "What shape will the weights be? X 2×3 · w₁ᵀ 3×4 → 2×4, so w₁ is 4×3: one row per neuron; b₁ is (4,)"
    )
    assert records["layer-2-shapes"].caption == "Layer 2: f₁ 2×4 · w₂ᵀ 4×2 → 2×2, so w₂ is 2×4 and b₂ is (2,)"
    assert "2×2" in records["output"].texts


def test_weights_that_do_not_fit_the_batch_are_rejected_before_drawing(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[layers]\nw1 = [[0.2, 0.8, -0.5], [0.5, -0.91, 0.26], [-0.26, -0.27, 0.17]]\n", encoding="utf-8")
    with pytest.raises(ShapeError, match="inner dimensions"):
        dry_run("layers", values=path)


def test_the_matrices_of_both_layers_share_one_digit_size():
    """One text size for one role: an entry of layer 2's matrices is as large as one of layer 1's
    (the term line under them has its own size, fitted to the frame)."""
    from scenes.matrix_matrix import BAND_BOTTOM

    working = ("w1-transpose", "layer-1-", "bias-1", "layer-2", "bias-2")
    sizes: dict[str, set[float]] = {}
    for record in dry_run("layers").records:
        if record.name.startswith(working) and record.name != "layer-2-shapes":
            layer = "2" if "2" in record.name else "1"
            # In the band of matrices, not the term line under it.
            sizes.setdefault(layer, set()).update(round(s.px, 1) for s in record.shown if s.kind == "Num" and s.box[1] > BAND_BOTTOM - 0.2)
    assert set(sizes) == {"1", "2"}
    assert len(sizes["1"] | sizes["2"]) == 1, sizes
