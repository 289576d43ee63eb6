"""activations: the numbers on screen are nnmath's, beat by beat, for two sets of values."""

from __future__ import annotations

from collections import Counter

import pytest

import course
from course import explain, load_values
from course.lecture1.activations import curve_beat_names
from scene_harness import dry_run, flat, texts, played_and_scripted
from scenes.activations import Activations


def expected_per_beat(values_file=None) -> dict[str, Counter]:
    explanation = explain("activations", load_values(values_file))
    step = explanation.step
    expected: dict[str, Counter] = {}
    for stops in explanation.sections[1].steps:
        # The table of every stop, and the live x and f(x) left at the last stop.
        points, outputs = stops.inputs["points"], stops.output
        expected[stops.op] = texts(flat(points, outputs, points[-1:], outputs[-1:]))
    expected["side-by-side"] = Counter()

    def layer(dot: str, add: str, x: str, w: str, b: str) -> list[float]:
        product, added = step(dot), step(add)
        bias = added.inputs[b]
        return flat(product.inputs[x], product.inputs[w], bias, product.output, bias, added.output)

    layer_1 = layer("np.dot(X, w1ᵀ)", "np.dot(X, w1ᵀ) + b1", "X", "w1ᵀ", "b1")
    layer_2 = layer("np.dot(f1, w2ᵀ)", "np.dot(f1, w2ᵀ) + b2", "f1", "w2ᵀ", "b2")
    expected["layer-1"] = texts(layer_1)
    expected["layer-2"] = texts(layer_1 + layer_2)

    weights, carried, bias = step("np.dot(w2, w1)"), step("np.dot(w2, b1)"), step("np.dot(w2, b1) + b2")
    expected["combined"] = texts(
        flat(weights.inputs["w2"], weights.inputs["w1"], weights.output)
        + flat(carried.inputs["w2"], carried.inputs["b1"], bias.inputs["b2"], carried.output, bias.inputs["b2"], bias.output)
    )
    one = layer("np.dot(X, w2·w1ᵀ)", "np.dot(X, w2·w1ᵀ) + w2·b1 + b2", "X", "w2·w1ᵀ", "w2·b1 + b2")
    expected["same-output"] = texts(one + flat(step("linear(z2)").output))
    return expected


@pytest.fixture(scope="module")
def other_values(tmp_path_factory):
    """Three functions in another order, another x range and grid, an off-grid stop, a 2×3 batch."""
    path = tmp_path_factory.mktemp("values") / "other.toml"
    path.write_text(
        "[activations]\n"
        'functions = ["tanh", "relu", "sigmoid"]\n'
        "x_min = -3.0\nx_max = 4.0\nsamples = 71\n"
        "points = [-1.0, 0.5, 2.25, 3.3]\n"
        "stack_x = [[1.0, 2.0, 3.0], [0.0, -1.0, 2.0]]\n"
        "stack_w1 = [[1.0, 0.0, -1.0], [0.5, 0.5, 2.0]]\n"
        "stack_b1 = [0.1, -0.2]\n"
        "stack_w2 = [[1.0, 2.0], [0.0, -1.0], [0.5, 0.5]]\n"
        "stack_b2 = [0.0, 1.0, -1.0]\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("use_other", [False, True], ids=["lecture", "other"])
def test_numbers_on_screen_are_nnmaths(use_other, other_values):
    values_file = other_values if use_other else None
    scene = dry_run("activations", values=values_file)
    shown = {r.name: Counter(r.numbers) for r in scene.records}
    assert shown == expected_per_beat(values_file)


@pytest.mark.parametrize("use_other", [False, True], ids=["lecture", "other"])
def test_beats_and_captions_are_the_content_modules_script(use_other, other_values):
    """The scene plays its spec's script: the same beats in the same order, each with its caption."""
    values_file = other_values if use_other else None
    played, scripted = played_and_scripted("activations", values_file)
    assert played == scripted


def test_a_function_named_twice_is_played_by_its_own_beat():
    assert curve_beat_names(["relu", "tanh", "relu"]) == ["relu", "tanh", "relu-2"]
    # The scene finds each curve's play by the script's name (never set up: only the lookup is asked).
    scene = object.__new__(Activations)
    played = []
    scene.curve_plays = {"relu": lambda: played.append("relu"), "relu-2": lambda: played.append("relu-2")}
    scene._beat_method("relu-2")()
    scene._beat_method("relu")()
    assert played == ["relu-2", "relu"]


def test_beats_follow_the_functions_in_order(other_values):
    names = [r.name for r in dry_run("activations", values=other_values).records]
    assert names[:4] == ["tanh", "relu", "sigmoid", "side-by-side"]


def test_lecture_key_values():
    records = {r.name: r for r in dry_run("activations").records}
    assert records["relu"].caption == "ReLU, y = max(0, x): relu(-2) = 0, relu(0) = 0, relu(1.5) = 1.5"
    assert records["sigmoid"].numbers.count("0.8176") == 2  # the table and the live f(x) at x = 1.5
    assert {"0.1192", "0.5"} <= set(records["sigmoid"].numbers)
    assert "-0.964" in records["tanh"].numbers
    assert "4.75" in records["layer-2"].numbers
    assert {"2.5", "0.25"} <= set(records["combined"].numbers)
    # One layer and two layers give the same 4.75.
    assert records["same-output"].numbers.count("4.75") == 2
    assert "[[4.75]]" in records["same-output"].caption


def test_biases_keep_numpys_shape_and_every_beat_has_its_own_headline():
    """A bias is (n,), never 1×n or n×1, even drawn as a column; one takeaway line per beat."""
    records = {r.name: r for r in dry_run("activations").records}
    # b1 = [0.5, -1] is drawn as a column in np.dot(w2, b1), b2 = [0.25] as a row.
    assert "(2,)" in records["combined"].texts and "2×1" not in records["combined"].texts
    assert "(2,)" in records["layer-1"].texts and "(1,)" in records["layer-2"].texts
    headlines = {
        "relu": "ReLU passes a positive input and zeroes a negative one",
        "side-by-side": "4 activations: 4 ways to bend a straight line",
        "layer-2": "Layer 2 takes layer 1's output as its input",
        "same-output": "The same output: stacking linear layers adds nothing",
    }
    for name, line in headlines.items():
        assert line in records[name].texts, name
        assert all(line not in r.texts for other, r in records.items() if other != name)


def test_a_changing_readout_number_leaves_no_copy_behind():
    """The moving point's readout swaps its number for a fresh one; the old one is hidden too, as
    manim keeps drawing what was on screen when an animation began until it ends (otherwise
    "−5" stays overprinted under "−4.95" for the whole move)."""
    import numpy as np

    from scenes.activations import _LiveNumber
    from scenes.theme import DARK

    live = _LiveNumber("x =", -5.0, DARK, color=DARK.input, size=40)
    old = live.number
    live.show(-4.95)
    assert live.number is not old and live.number.number_text == "-4.95"
    assert old not in live.submobjects and live.number in live.submobjects
    drawn = [m for m in old.get_family() if m.has_points()]
    assert drawn and all(float(np.max(m.get_fill_opacity())) == 0 and float(np.max(m.get_stroke_opacity())) == 0 for m in drawn)
    unchanged = live.number
    live.show(-4.95)  # the same text: nothing to swap
    assert live.number is unchanged
