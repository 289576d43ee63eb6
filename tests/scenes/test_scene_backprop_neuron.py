"""backprop-neuron: the numbers on screen are nnmath's, beat by beat, for two sets of values; the
book's numbers (dx = w, dw = x, db = 1, 6 → 5.985) are what the lecture's values give."""

from __future__ import annotations

from collections import Counter

import pytest

import course
from nnmath.display import subscripted
from scene_harness import dry_run, flat, texts
from values_files import OTHER, lecture_and_other, numbers_per_beat, values_file_fixture, write_values


def expected_per_beat(values_file=None) -> dict[str, Counter]:
    e = course.explain("backprop-neuron", course.load_values(values_file))
    q = {name: quantity.value for name, quantity in e.quantities.items()}
    step = e.step("np.dot(x, w)")
    x, w, b = step.inputs["x"], step.inputs["w"], e.step("Σ xᵢwᵢ + b").inputs["b"]
    graph = flat(x, w, b)
    forward = graph + flat(q["products"], q["z"], q["y"])
    relu = forward + flat(q["upstream"], q["dz"])
    sums = relu + flat(q["dproducts"], q["db"])
    products = sums + flat(q["dx"], q["dw"])
    gradients = flat(q["upstream"], q["dz"], q["dproducts"], q["db"], q["dx"], q["dw"])
    # after the step the boxes hold the new w and b, the stale forward values are gone, lr is shown twice
    stepped = flat(x, q["w_new"], q["b_new"]) + gradients + flat(q["learning_rate"], q["learning_rate"])
    again = stepped + flat(q["products_new"], q["z_new"], q["y"], q["y_new"])
    return {
        "graph": texts(graph),
        "forward": texts(forward),
        "relu": texts(relu),
        "sum": texts(sums),
        "products": texts(products),
        "step": texts(stepped),
        "again": texts(again),
    }


values_file = lecture_and_other(OTHER["backprop-neuron"])
other_values = values_file_fixture(OTHER["backprop-neuron"])


def test_numbers_on_screen_are_nnmaths(values_file):
    assert numbers_per_beat("backprop-neuron", values_file) == expected_per_beat(values_file)


def test_the_books_numbers():
    q = {k: v.value for k, v in course.explain("backprop-neuron").quantities.items()}
    assert q["dx"].tolist() == [-3.0, -1.0, 2.0]  # dx = w
    assert q["dw"].tolist() == [1.0, -2.0, 3.0]  # dw = x
    assert q["db"] == 1.0
    assert (q["y"], round(q["y_new"], 12)) == (6.0, 5.985)
    records = {r.name: r for r in dry_run("backprop-neuron").records}
    assert records["products"].caption == "A product's slope is the other factor: dx = dz·w = [-3, -1, 2] and dw = dz·x = [1, -2, 3]"
    assert records["again"].caption == "Forward again: the output goes from 6 to 5.985"
    assert {"6", "5.985"} <= set(records["again"].numbers)


def test_other_values_scale_the_gradients_by_the_upstream_gradient(other_values):
    records = {r.name: r for r in dry_run("backprop-neuron", values=other_values).records}
    assert "dx = dz·w = [4, -2]" in records["products"].caption  # 2 · w
    assert "dw = dz·x = [1, -3]" in records["products"].caption  # 2 · x
    assert "w = [1.9, -0.7], b = 0.05" in records["step"].caption


def test_a_negative_z_stops_the_gradient(tmp_path):
    path = write_values(tmp_path, OTHER["backprop-neuron"].replace("b = 0.25", "b = -5.0"))
    script = {line.name: line.caption for line in course.beat_script("backprop-neuron", course.load_values(path))}
    assert script["relu"] == "Backward from ∂L/∂y = 2: ReLU's slope at z = -2.5 is 0, so it stops it: dz = 0"
    assert script["again"] == "Forward again: the output goes from 0 to 0"


def test_too_many_inputs_are_refused(tmp_path):
    path = write_values(tmp_path, "[backprop-neuron]\nx = [1, 2, 3, 4, 5, 6]\nw = [1, 2, 3, 4, 5, 6]\n")
    with pytest.raises(ValueError, match="x has 6 inputs; the graph draws a row per input and has room for at most 5"):
        course.explain("backprop-neuron", course.load_values(path))


def test_inputs_weights_and_their_gradients_are_named_from_1_like_every_scene(values_file):
    # docs/display-policy.md: subscripts count from 1 (the book's code indexes x[0], the screen x₁)
    n = len(course.explain("backprop-neuron", course.load_values(values_file)).quantities["dx"].value)
    records = {r.name: r for r in dry_run("backprop-neuron", values=values_file).records}
    shown = " ".join(records["products"].texts)
    for i in range(1, n + 1):
        for name in (f"x{subscripted('', i)}", f"w{subscripted('', i)}", f"dx{subscripted('', i)}", f"dw{subscripted('', i)}"):
            assert name in shown, (name, shown)
    assert "₀" not in shown
