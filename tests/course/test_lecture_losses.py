"""The one-hot and cross-entropy scenes' numbers: samples with their features, the loss under the
forward pass's own prediction, the clip made visible, −ln p exact, and the notes' verdicts."""

from __future__ import annotations

import math

import numpy as np
import pytest

from course import explain, load_values
import nnmath
from course.lecture1 import forward_pass
from course.lecture1.cross_entropy import verdict
from nnmath.losses import CLIP, clipped_text
from nnmath.values import ValuesError


def _values(tmp_path, text: str):
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return load_values(path)


def test_one_hot_gives_each_sample_its_features():
    e = explain("one-hot")
    assert e.quantities["s1 features"].value.tolist() == [10, 5]
    assert e.quantities["s2 features"].value.tolist() == [20, 10]
    assert "labelled rose" in e.quantities["s1 features"].how and "labelled tulip" in e.quantities["s2 features"].how
    assert e.step("samples").inputs["features"].tolist() == [[10, 5], [20, 10]]


def test_one_hot_features_must_match_the_labels(tmp_path):
    values = _values(tmp_path, '[one-hot]\nlabels = ["rose", "tulip", "daisy"]\n')
    with pytest.raises(nnmath.ShapeError, match="features has 2 rows but one-hot.labels names 3 samples"):
        explain("one-hot", values)


@pytest.mark.parametrize("slug", ["one-hot", "cross-entropy", "forward-pass"])
def test_a_class_named_twice_is_refused(tmp_path, slug):
    with pytest.raises(ValuesError, match=r"mine.toml:2: .*classes names 'rose' 2 times"):
        _values(tmp_path, f'[{slug}]\nclasses = ["rose", "rose", "tulip"]\n')


def test_a_class_name_too_long_for_a_column_is_refused(tmp_path):
    with pytest.raises(ValuesError, match=r"mine.toml:2: .*25 characters.*at most 24"):
        _values(tmp_path, '[one-hot]\nclasses = ["' + "r" * 25 + '", "daisy", "tulip"]\n')


def test_the_loss_of_the_rose_sample_under_the_forward_pass():
    e = explain("cross-entropy")
    lecture = load_values()
    # The forward pass's own prediction for s₁ = rose, [10, 5], computed here from its weights.
    features = np.asarray(lecture["one-hot"]["features"])[0]
    hidden = np.maximum(0, features @ np.asarray(lecture["forward-pass"]["w1"]).T + lecture["forward-pass"]["b1"])
    z = hidden @ np.asarray(lecture["forward-pass"]["w2"]).T + lecture["forward-pass"]["b2"]
    p = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    np.testing.assert_allclose(e.quantities["forward-pass probabilities"].value, p, rtol=1e-12)
    rose = list(lecture["forward-pass"]["classes"]).index("rose")
    assert float(e.quantities["forward-pass loss"].value) == pytest.approx(-math.log(p[rose]), rel=1e-12)
    assert e.objects["true class"] == "rose" and e.objects["sample"].tolist() == [10, 5]
    # The forward-pass scene shows the same probabilities for f1.
    np.testing.assert_allclose(explain("forward-pass").quantities["probabilities f1"].value, p, rtol=1e-12)


def test_the_forward_pass_loss_follows_the_forward_pass_values(tmp_path):
    values = _values(tmp_path, "[forward-pass]\nb2 = [3.0, 0.0, 0.0]\n")
    before = float(explain("cross-entropy").quantities["forward-pass loss"].value)
    after = float(explain("cross-entropy", values).quantities["forward-pass loss"].value)
    assert after < before  # a bias towards rose makes the rose sample's loss smaller
    layers = forward_pass.network(values["forward-pass"])
    assert len(layers) == 2


def test_minus_ln_of_1_is_0_and_of_0_is_refused(tmp_path):
    e = explain("cross-entropy", _values(tmp_path, "[cross-entropy]\ntable = [1.0, 0.5]\n"))
    assert e.quantities["-log 1"].text(3) == "0"
    with pytest.raises(nnmath.InputError, match="table holds 0: −ln 0 is infinite"):
        explain("cross-entropy", _values(tmp_path, "[cross-entropy]\ntable = [0.0, 1.0]\n"))


def test_a_clipped_prediction_is_named_with_the_clip(tmp_path):
    values = _values(tmp_path, "[cross-entropy]\npredictions = [[0.0, 0.0, 1.0]]\ntargets = [[0, 0, 1]]\n")
    e = explain("cross-entropy", values)
    clipped = e.quantities["clipped"]
    assert clipped.value.tolist() == [CLIP, CLIP, 1 - CLIP]
    assert "0 → 1e−07" in clipped.how and "1 → 1 − 1e−07" in clipped.how and "ln 0 = −∞" in clipped.how
    assert "clipped to [1e-07, 1 − 1e-07]" in e.step("CE(predictions, targets)").note
    assert clipped_text(1 - CLIP) == "1 − 1e−07" and clipped_text(CLIP) == "1e−07"
    assert "clipped" not in explain("cross-entropy").quantities  # the lecture's 0.2, 0.6, 0.2 are not


@pytest.mark.parametrize(("p", "word"), [(0.9, "good"), (0.75, "good"), (0.5, "uncertain"), (0.25, "bad"), (0.1, "bad")])
def test_the_notes_verdicts(p, word):
    assert verdict(p) == word


def test_the_notes_table_carries_their_verdicts_and_the_way_to_zero():
    e = explain("cross-entropy")
    assert e.objects["verdicts"] == ("good", "uncertain", "bad")
    toward_zero = [s for s in e.steps if s.label == "−ln(p)"][1]
    np.testing.assert_allclose(toward_zero.output, -np.log(toward_zero.inputs["p"]))
    assert np.all(np.diff(toward_zero.output) > 0)


def test_without_a_connection_to_the_forward_pass_the_beat_is_left_out(tmp_path):
    # s₁ is no longer one of the network's classes: nothing to connect, and nothing refused.
    values = _values(tmp_path, '[one-hot]\nclasses = ["cat", "dog"]\nlabels = ["dog", "cat"]\n')
    e = explain("cross-entropy", values)
    assert "forward-pass loss" not in e.quantities and "sample" not in e.objects
    assert [s.heading for s in e.sections] == ["only the true class survives", "why the log: −ln p"]
