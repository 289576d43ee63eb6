"""forward-pass: the numbers on screen are nnmath's, beat by beat, for two sets of values."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from nnmath.display import format_number
from nnmath.lecture import explain
from nnmath.values import load_values
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

    expected = {
        "network": Counter(),
        # inputs in the neurons; the line dot + b1 = z1; z1 in the neurons
        "layer-1": shown(row(x), dot1, b1, z1, z1),
        # the line z1 → a1; a1 in the neurons
        "relu": shown(row(x), z1, a1, a1),
        "layer-2": shown(row(x), a1, dot2, b2, z2, z2),
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
    # The notes sketched [0.2, 0.6, 0.2]; the shipped weights give 0.19, 0.61, 0.21, daisy.
    assert Counter(records["softmax"].numbers)["0.61"] == 3
    assert {"0.19", "0.61", "0.21"} <= set(records["softmax"].numbers)
    assert "daisy" in records["predicted"].caption and "0.61" in records["predicted"].caption
    # f2 = 2·f1: the same class, sharper.
    assert {"20", "10", "0.9", "0.05"} <= set(records["samples"].numbers)
    assert "twice" in records["samples"].caption
    assert "rose 0.48" in records["layer-norm-softmax"].caption
    assert "prediction: daisy" in records["predicted"].texts


def test_relu_marks_the_neurons_it_switches_off(other_scene, lecture_scene):
    relu = next(r for r in other_scene.records if r.name == "relu")
    assert relu.caption.endswith("-1.3, -1.5, -0.2 become 0")
    assert "negative entries become 0" in relu.texts
    lecture = next(r for r in lecture_scene.records if r.name == "relu")
    assert "no entry is negative" in lecture.caption


def test_a_single_sample_has_no_comparison(tmp_path):
    path = tmp_path / "one.toml"
    path.write_text("[forward-pass]\nfeatures = [10.0, 5.0]\n", encoding="utf-8")
    scene = dry_run("forward-pass", values=path)
    names = [r.name for r in scene.records]
    assert "samples" not in names
    assert {r.name: Counter(r.numbers) for r in scene.records} == expected_per_beat(path)
