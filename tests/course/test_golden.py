"""The lecture's numbers: the notes' (corrected) and the book's, wherever SCENES.md names one."""

from __future__ import annotations

import math

import numpy as np
import pytest

from course import errata, explain, lecture
import nnmath


def test_book_single_neuron_is_2_3(lecture):
    e = explain("neuron", lecture)
    assert float(e.quantities["z"].value) == pytest.approx(2.3, abs=1e-12)
    assert float(e.quantities["output"].value) == pytest.approx(2.3, abs=1e-12)
    weighted = e.step("Σ xᵢwᵢ")
    np.testing.assert_allclose(weighted.intermediates["products"].ravel(), [0.2, 1.6, -1.5])


def test_dot_product_32_both_ways(lecture):
    e = explain("dot-product", lecture)
    assert float(e.quantities["a·b"].value) == 32
    assert float(e.quantities["b·a"].value) == 32
    step = e.step("np.dot(a, b)")
    assert step.intermediates["products"].ravel().tolist() == [4, 10, 18]
    assert step.intermediates["running_sum"].ravel().tolist() == [4, 14, 32]


def test_vector_matrix_48_54_60_with_products(lecture):
    step = explain("vector-matrix", lecture).step("np.dot(a, B)")
    assert step.output.tolist() == [48, 54, 60]
    assert [c.products.tolist() for c in step.cells()] == [[4, 14, 30], [5, 16, 33], [6, 18, 36]]
    assert [c.column for c in step.cells()] == [0, 1, 2]


def test_matrix_vector_is_32_50_68_not_69(lecture):
    e = explain("matrix-vector", lecture)
    product = e.step("np.dot(B, a)")
    assert product.output.tolist() == [32, 50, 68]
    assert product.cell(2).products.tolist() == [10, 22, 36]
    assert e.step("np.dot(a, B)").output.tolist() == [48, 54, 60]
    assert e.step("aᵀ").output.shape == (3, 1)
    [row] = e.errata
    assert (row.erratum.notes, row.computed) == ("69", "68")


def test_transpose_rows_become_columns(lecture):
    e = explain("transpose", lecture)
    bt = e.step("Bᵀ")
    # The lecture transposes the first layer's weights w₁ (3×4): the shape turns around to 4×3.
    assert bt.output.tolist() == [[0.2, 0.5, -0.26], [0.8, -0.91, -0.27], [-0.5, 0.26, 0.17], [1.0, -0.5, 0.87]]
    assert e.quantities["shape B"].value == "3×4" and e.quantities["shape Bᵀ"].value == "4×3"
    np.testing.assert_array_equal(bt.inputs["B"], lecture["layers"]["w1"])
    # entry (i, j) of Bᵀ came from entry (j, i) of B
    src = bt.intermediates["source_index"]
    B = bt.inputs["B"]
    for i, j in np.ndindex(bt.output.shape):
        assert bt.output[i, j] == B[tuple(src[i, j])]
        assert tuple(src[i, j]) == (j, i)


def test_matrix_matrix_entry_is_row_dot_row(lecture):
    e = explain("matrix-matrix", lecture)
    A = np.array(lecture["matrix-matrix"]["A"])
    B = np.array(lecture["matrix-matrix"]["B"])
    product = e.step("np.dot(A, Bᵀ)")
    np.testing.assert_array_equal(product.output, A @ B.T)
    for cell in product.cells():
        i, j = cell.index
        assert cell.left.tolist() == A[i].tolist()
        assert cell.right.tolist() == B[j].tolist()


def test_layers_book_weights(lecture):
    e = explain("layers", lecture)
    np.testing.assert_allclose(e.quantities["f1"].value[0], [6.3, 0.46, 3.69], atol=1e-12)
    X = np.array(lecture["layers"]["X"])
    v = lecture["layers"]
    f1 = X @ np.array(v["w1"]).T + v["b1"]
    np.testing.assert_allclose(e.quantities["output"].value, f1 @ np.array(v["w2"]).T + v["b2"], atol=1e-12)
    assert e.quantities["shape X"].value == "3×4"
    assert e.quantities["shape b1"].value == "(3,)"
    assert e.quantities["shape w2"].value == "3×3"


def test_softmax_of_1_2_3(lecture):
    e = explain("softmax", lecture)
    np.testing.assert_allclose(e.quantities["output"].value, [0.0900, 0.2447, 0.6652], atol=5e-5)
    assert e.quantities["output"].text(4) == "[0.0900, 0.2447, 0.6652]"  # one vector, one number of decimals
    assert float(e.quantities["sum"].value) == pytest.approx(1.0, abs=1e-15)
    [stable], [raw], [shifted, overflow, big] = (s.steps for s in e.sections)
    np.testing.assert_allclose(stable.output, raw.output, atol=1e-15)
    assert stable.intermediates["shifted"].tolist() == [-2, -1, 0]
    assert shifted.output.tolist() == [1001, 1002, 1003]
    assert overflow.output.tolist() == [1, 1, 1]  # e^1001 is beyond float64
    assert e.quantities["exp limit"].text(2) == "709.78"
    np.testing.assert_allclose(big.output, stable.output, atol=1e-15)


def test_forward_pass_near_the_sketch_and_sharper_for_f2(lecture):
    e = explain("forward-pass", lecture)
    p1 = e.quantities["probabilities f1"].value
    p2 = e.quantities["probabilities f2"].value
    np.testing.assert_allclose(p1, [0.2, 0.6, 0.2], atol=0.02)
    assert e.quantities["predicted f1"].value == "daisy"
    assert e.quantities["predicted f2"].value == "daisy"
    assert p2[1] > p1[1]  # scaling the input sharpens the softmax
    ops = [s.op for s in e.sections[0].steps]
    assert ops == ["transpose", "matrix_matrix", "add", "relu", "transpose", "matrix_matrix", "add", "softmax"]
    assert "layer_norm" in [s.op for s in e.sections[1].steps]


def test_one_hot_rose_and_tulip(lecture):
    e = explain("one-hot", lecture)
    assert e.quantities["one-hot rose"].value.tolist() == [1, 0, 0]
    assert e.quantities["one-hot tulip"].value.tolist() == [0, 0, 1]


def test_cross_entropy_0_511_and_table(lecture):
    e = explain("cross-entropy", lecture)
    assert float(e.quantities["loss"].value) == pytest.approx(-math.log(0.6), abs=1e-12)
    assert e.quantities["loss"].text(3) == "0.511"
    loss = e.step("CE(predictions, targets)")
    assert loss.intermediates["terms"].tolist()[0] == 0 and loss.intermediates["terms"].tolist()[2] == 0
    assert e.quantities["-log 0.9"].text(3) == "0.105"
    assert e.quantities["-log 0.5"].text(3) == "0.693"
    assert e.quantities["-log 0.1"].text(3) == "2.303"


def test_mse_age_example(lecture):
    e = explain("mse", lecture)
    assert float(e.quantities["mse[0]"].value) == 25
    assert float(e.quantities["mse[1]"].value) == 1


def test_book_cross_entropy_batch():
    # The book, chapter 5: three samples, sparse targets.
    p = [[0.7, 0.1, 0.2], [0.1, 0.5, 0.4], [0.02, 0.9, 0.08]]
    assert nnmath.categorical_cross_entropy(p, [0, 1, 1]) == pytest.approx(0.38506088005216804, abs=1e-15)
    assert nnmath.categorical_cross_entropy(p, [[1, 0, 0], [0, 1, 0], [0, 1, 0]]) == pytest.approx(0.38506088005216804, abs=1e-15)
    assert nnmath.accuracy(p, [0, 1, 1]) == 1.0


def test_book_layer_dense_layout():
    # The book's Layer_Dense stores (inputs, neurons): the same layer as the lecture's transposed weights.
    X = [[1, 2, 3, 2.5], [2.0, 5.0, -1.0, 2.0], [-1.5, 2.7, 3.3, -0.8]]
    w = [[0.2, 0.8, -0.5, 1.0], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]]
    b = [2, 3, 0.5]
    lecture_layout = nnmath.dense(X, w, b)
    book_layout = nnmath.dense(X, np.array(w).T, [b], weights_layout="inputs_neurons")
    np.testing.assert_allclose(lecture_layout[0], [4.8, 1.21, 2.385], atol=1e-12)
    np.testing.assert_allclose(lecture_layout, book_layout, atol=1e-12)


def test_why_activations_fits_the_sine_and_a_line_cannot(lecture):
    e = explain("why-activations", lecture)
    fit = e.objects["fit"]
    assert fit.pairs == 8
    assert fit.w1.shape == (8, 1) and fit.w2.shape == (8, 8) and fit.w3.shape == (1, 8)
    assert e.quantities["max error"].value < 0.06
    assert e.quantities["best line max error"].value > 0.9
    [without_relu] = e.sections[-1].steps
    y = without_relu.output[:, 0]
    x = np.linspace(0, 1, len(y))
    # a straight line: constant slope
    slopes = np.diff(y) / np.diff(x)
    np.testing.assert_allclose(slopes, slopes[0], atol=1e-9)


def test_derivatives_secant_to_tangent(lecture):
    e = explain("derivatives", lecture)
    secant = e.step("d/dx x² at x = 1")
    slopes = secant.intermediates["slopes"]
    # f = x² at 1: slope of the secant is 2 + h
    np.testing.assert_allclose(slopes, 2 + np.array(lecture["derivatives"]["hs"]), atol=1e-12)
    assert float(e.quantities["slope"].value) == 2
    # y = (0.5·2 + 1)² with g = square: g′(2) = 4, so dy/dw = 4·x = 8, dy/dx = 4·w = 2, dy/db = 4
    # (relu′(2) = 1 hid the chain rule's product; issue 15)
    assert [float(e.quantities[k].value) for k in ("dy/dw", "dy/dx", "dy/db")] == [8.0, 2.0, 4.0]


def test_errata_every_row_of_scenes_md():
    rows = {(r.erratum.scene, r.erratum.notes): r.computed for r in errata()}
    assert rows == {
        ("matrix-vector", "69"): "68",
        ("layers", "2×4"): "3×4",
        ("layers", "3×1"): "(3,)",
        ("cross-entropy", "0.22"): "0.511",
        ("cross-entropy", "2.202"): "2.303",
    }
    assert all(r.differs for r in errata())


def test_notes_0_22_is_log10():
    step = nnmath.negative_log_trace(0.6)
    assert round(float(step.intermediates["negative_log10"]), 2) == 0.22


@pytest.mark.parametrize("slug", lecture(1).slugs)
def test_every_scene_computes_and_serialises(lecture, slug):
    import json

    e = explain(slug, lecture)
    assert e.sections and all(s.steps for s in e.sections)
    document = json.loads(json.dumps(e.to_dict()))
    assert document["slug"] == slug
    assert len(document["sections"]) == len(e.sections)


def test_errata_apply_only_to_the_lectures_own_values(tmp_path):
    from course import load_values

    [row] = explain("matrix-vector").errata
    assert row.applies and row.index == (2,)
    other = tmp_path / "other.toml"
    other.write_text("[matrix-vector]\na = [1, 2, 4]\n", encoding="utf-8")
    [row] = explain("matrix-vector", load_values(other)).errata
    assert not row.applies and row.computed == "80"
    short = tmp_path / "short.toml"
    short.write_text("[matrix-vector]\na = [1, 2]\nB = [[1, 2], [3, 4]]\n", encoding="utf-8")
    assert explain("matrix-vector", load_values(short)).errata == ()  # no third entry to correct


def test_layers_single_sample_is_one_sample(tmp_path):
    from course import load_values

    path = tmp_path / "one.toml"
    path.write_text("[layers]\nX = [1, 2, 3, 4]\n", encoding="utf-8")
    e = explain("layers", load_values(path))
    assert e.quantities["shape X"].how == "1 sample of 4 features"
    assert explain("layers").quantities["shape X"].how == "3 samples of 4 features"
