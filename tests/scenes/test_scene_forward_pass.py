"""forward-pass: the numbers on screen are nnmath's, beat by beat, for two sets of values."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from course import explain, load_values
from nnmath.display import format_number
from scene_harness import dry_run, flat
from scenes.forward_pass import DIGITS, MAX_PANELS

#: The scene writes every number with 2 decimals; the expectations are formatted the same way.
SHOWN_DIGITS = 2


def shown(*arrays) -> Counter:
    return Counter(format_number(v, SHOWN_DIGITS) for v in flat(*arrays))


def expected_per_beat(values_file=None) -> dict[str, Counter]:
    explanation = explain("forward-pass", load_values(values_file))
    plain = {s.label: s for s in explanation.sections[0].steps}
    normed = {s.label: s for s in explanation.sections[1].steps}

    def row(array, i=0):
        return np.atleast_2d(array)[i]

    def entry(array, i=0):
        return np.atleast_1d(array)[i]

    x = plain["np.dot(X, w1ᵀ)"].inputs["X"]
    dot1, b1 = row(plain["np.dot(X, w1ᵀ)"].output), plain["np.dot(X, w1ᵀ) + b1"].inputs["b1"]
    z1, a1 = row(plain["np.dot(X, w1ᵀ) + b1"].output), row(plain["relu(z1)"].output)
    dot2, b2 = row(plain["np.dot(f1, w2ᵀ)"].output), plain["np.dot(f1, w2ᵀ) + b2"].inputs["b2"]
    softmax = plain["softmax(z2)"]
    z2, p = row(softmax.inputs["z2"]), row(softmax.output)
    exp, total = row(softmax.intermediates["exp"]), entry(softmax.intermediates["sum"])
    norm = normed["layer_norm(a1)"]
    samples = np.atleast_2d(x).shape[0]

    w1, w2 = plain["w1ᵀ"].inputs["w1"], plain["w2ᵀ"].inputs["w2"]
    expected = {
        "network": Counter(),
        # inputs in the neurons; w1 beside the diagram; the line dot + b1 = z1; z1 in the neurons
        "layer-1": shown(row(x), w1, dot1, b1, z1, z1),
        # the line z1 → a1; a1 in the neurons
        "relu": shown(row(x), z1, a1, a1),
        "layer-2": shown(row(x), a1, w2, dot2, b2, z2, z2),
        # the line exp ÷ sum = p; p in the neurons and on the bars
        "softmax": shown(row(x), a1, exp, [total], p, p, p),
    }
    expected["predicted"] = expected["softmax"]
    if samples > 1:
        expected["samples"] = sum(
            (shown(row(x, i), row(softmax.inputs["z2"], i), row(softmax.output, i)) for i in range(min(samples, MAX_PANELS))),
            Counter(),
        )
    expected["layer-norm"] = shown(
        row(norm.inputs["a1"]),
        [entry(norm.intermediates["mean"]), entry(norm.intermediates["variance"])],
        row(norm.intermediates["normalised"]),
        norm.inputs["gamma"],
        norm.inputs["beta"],
        row(norm.output),
    )
    expected["layer-norm-softmax"] = shown(
        row(norm.output), z2, p, row(normed["softmax(z2)"].inputs["z2"]), row(normed["softmax(z2)"].output)
    )
    return expected


@pytest.fixture(scope="module")
def other_values(tmp_path_factory):
    """Three samples of three features, four hidden neurons (three switched off by ReLU), four classes."""
    path = tmp_path_factory.mktemp("values") / "other.toml"
    path.write_text(
        "[forward-pass]\n"
        'classes = ["rose", "daisy", "tulip", "iris"]\n'
        "features = [[1.5, -2.0, 0.5], [3.0, 1.0, -1.0], [0.2, 0.4, 2.0]]\n"
        "w1 = [[0.5, 1.0, -0.3], [-0.8, 0.2, 0.6], [1.2, -0.5, 0.1], [0.3, 0.4, 0.3]]\n"
        "b1 = [0.1, -0.2, 0.3, 0.0]\n"
        "w2 = [[0.6, -0.4, 0.2, 1.0], [-0.3, 0.8, 0.5, -0.2], [0.1, 0.1, -0.9, 0.4], [0.7, -0.6, 0.3, 0.2]]\n"
        "b2 = [0.05, -0.1, 0.2, 0.0]\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def lecture_scene():
    return dry_run("forward-pass")


@pytest.fixture(scope="module")
def other_scene(other_values):
    return dry_run("forward-pass", values=other_values)


@pytest.mark.parametrize("use_other", [False, True], ids=["lecture", "other"])
def test_numbers_on_screen_are_nnmaths(use_other, request):
    values_file = request.getfixturevalue("other_values") if use_other else None
    scene = request.getfixturevalue("other_scene" if use_other else "lecture_scene")
    shown_per_beat = {r.name: Counter(r.numbers) for r in scene.records}
    assert shown_per_beat == expected_per_beat(values_file)


def test_scene_writes_numbers_with_the_tested_digits():
    assert DIGITS == SHOWN_DIGITS


def test_lecture_key_values(lecture_scene):
    records = {r.name: r for r in lecture_scene.records}
    assert records["network"].caption == "X holds 2 samples of 2 features; w1 is 3×2, b1 (3,); w2 is 3×3, b2 (3,)"
    # The notes sketched [0.2, 0.6, 0.2]; the shipped weights give 0.21, 0.59, 0.21, daisy.
    assert Counter(records["softmax"].numbers)["0.59"] == 3
    assert {"0.21", "0.59"} <= set(records["softmax"].numbers)
    assert "daisy" in records["predicted"].caption and "0.59" in records["predicted"].caption
    # f2 = 2·f1: the same class, sharper.
    assert {"20", "10", "0.95"} <= set(records["samples"].numbers)
    assert "twice" in records["samples"].caption
    # With layer norm the rose sample is predicted rose: said in the caption and the headline.
    assert "rose 0.56" in records["layer-norm-softmax"].caption
    assert records["layer-norm-softmax"].caption.endswith("the prediction changes from daisy to rose")
    assert "With layer norm the prediction changes: daisy → rose" in records["layer-norm-softmax"].texts
    assert "prediction: daisy" in records["predicted"].texts


def test_the_weights_are_on_screen_where_they_are_used(lecture_scene):
    """w1 beside layer 1 and w2 beside layer 2, so every number of the lines below can be checked."""
    values = load_values()["forward-pass"]
    records = {r.name: r for r in lecture_scene.records}
    for beat, key in (("layer-1", "w1"), ("layer-2", "w2")):
        assert f"{key} =" in records[beat].texts
        assert shown(values[key]) <= Counter(records[beat].numbers)


def test_every_beat_has_its_own_headline(lecture_scene):
    """One takeaway line per beat, at the top, so a still reads as a slide on its own."""
    headlines = {
        "network": "A forward pass: 2 features → 3 neurons → 3 classes",
        "layer-1": "Layer 1: each neuron = its row of w1 · x + its bias",
        "relu": "ReLU: a neuron with a negative z1 outputs 0",
        "layer-2": "Layer 2: one score per class = its row of w2 · a1 + bias",
        "softmax": "Softmax: scores → probabilities that add up to 1",
        "predicted": "The prediction: the largest probability, daisy",
        "samples": "f₂ = 2·f₁: larger scores, a sharper softmax",
        "layer-norm": "Layer norm: a1 shifted to mean 0, scaled to variance 1",
        "layer-norm-softmax": "With layer norm the prediction changes: daisy → rose",
    }
    for record in lecture_scene.records:
        assert headlines[record.name] in record.texts
        assert not set(headlines.values()) - {headlines[record.name]} & set(record.texts), record.name


def test_relu_marks_the_neurons_it_switches_off(other_scene, lecture_scene):
    relu = next(r for r in other_scene.records if r.name == "relu")
    assert relu.caption.endswith("-1.3, -1.5, -0.2 become 0")
    assert "negative entries become 0" in relu.texts
    # The lecture's weights switch off f1's first hidden neuron too: ReLU visibly does something.
    lecture = next(r for r in lecture_scene.records if r.name == "relu")
    assert lecture.caption.endswith("-1.1 becomes 0")
    assert "ReLU: a neuron with a negative z1 outputs 0" in lecture.texts


@pytest.mark.parametrize("use_other", [False, True], ids=["lecture", "other"])
def test_the_layer_norm_verdict_follows_nnmath(use_other, request):
    values_file = request.getfixturevalue("other_values") if use_other else None
    scene = request.getfixturevalue("other_scene" if use_other else "lecture_scene")
    q = explain("forward-pass", load_values(values_file)).quantities
    before, after = q["predicted f1"].value, q["predicted f1 with layer norm"].value
    caption = next(r for r in scene.records if r.name == "layer-norm-softmax").caption
    assert caption.endswith(f"the prediction changes from {before} to {after}" if before != after else f"the prediction stays {before}")


def test_a_single_sample_has_no_comparison(tmp_path):
    path = tmp_path / "one.toml"
    path.write_text("[forward-pass]\nfeatures = [10.0, 5.0]\n", encoding="utf-8")
    scene = dry_run("forward-pass", values=path)
    names = [r.name for r in scene.records]
    assert "samples" not in names
    assert {r.name: Counter(r.numbers) for r in scene.records} == expected_per_beat(path)
