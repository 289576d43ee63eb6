"""one-hot: the numbers on screen are nnmath's, beat by beat, for two sets of values."""

from __future__ import annotations

from collections import Counter

import pytest

from course import explain, load_values
from scene_harness import dry_run, flat, texts


def expected_per_beat(values_file=None) -> dict[str, Counter]:
    explanation = explain("one-hot", load_values(values_file))
    step = explanation.step("one_hot(labels)")
    features = flat(explanation.step("samples").inputs["features"])
    labels = flat(step.inputs["labels"])
    rows = flat(step.output)
    return {
        "classes": Counter(),
        "labels": texts(features + labels),
        "vectors": texts(features + labels + rows),
        "matrix": texts(features + labels + rows),
    }


@pytest.fixture
def other_values(tmp_path):
    path = tmp_path / "other.toml"
    path.write_text(
        '[one-hot]\nclasses = ["rose", "daisy", "tulip", "lily"]\nlabels = ["lily", "rose", "tulip"]\n'
        "features = [[3, 1], [10, 5], [20, 10]]\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("use_other", [False, True], ids=["lecture", "other"])
def test_numbers_on_screen_are_nnmaths(use_other, other_values):
    values_file = other_values if use_other else None
    scene = dry_run("one-hot", values=values_file)
    shown = {r.name: Counter(r.numbers) for r in scene.records}
    assert shown == expected_per_beat(values_file)


def test_lecture_rose_and_tulip():
    scene = dry_run("one-hot")
    records = {r.name: r for r in scene.records}
    assert {"rose", "daisy", "tulip", "C₁", "C₂", "C₃"} <= set(records["classes"].texts)
    # The notes' samples with their features: s₁ = rose with [10, 5], s₂ = tulip with [20, 10].
    assert Counter(records["labels"].numbers) == Counter({"10": 2, "5": 1, "20": 1, "0": 1, "2": 1})
    assert "s₁ = rose with [10, 5], s₂ = tulip with [20, 10]" in records["labels"].caption
    assert {"features", "label", "s₁:", "s₂:"} <= set(records["labels"].texts)
    assert Counter(records["vectors"].numbers) == Counter({"0": 5, "1": 2, "2": 1, "10": 2, "5": 1, "20": 1})
    assert records["vectors"].caption == (
        "A 1 in the label's column, 0 elsewhere: rose → [1, 0, 0], tulip → [0, 0, 1]"
    )
    assert "2×3" in records["matrix"].texts and "2×3" not in records["vectors"].texts


def test_other_values_name_every_sample(other_values):
    scene = dry_run("one-hot", values=other_values)
    texts_shown = scene.records[-1].texts
    assert {"lily", "3×4"} <= set(texts_shown)
    assert scene.records[1].caption.endswith("labels = [3, 0, 2]")


def test_long_class_names_never_overlap(tmp_path):
    path = tmp_path / "long.toml"
    path.write_text(
        '[one-hot]\nclasses = ["Rosa canina dog rose", "Bellis perennis", "Tulipa gesneriana"]\n'
        'labels = ["Rosa canina dog rose", "Tulipa gesneriana"]\n',
        encoding="utf-8",
    )
    scene = dry_run("one-hot", values=path)
    headers = [group[1] for group in scene.headers]
    boxes = sorted((h.get_left()[0], h.get_right()[0]) for h in headers)
    assert all(right < next_left for (_, right), (next_left, _) in zip(boxes, boxes[1:])), boxes
    # Wrapped at a space onto two lines: twice the height of the one-line C₁ above it.
    assert headers[0].height > 1.6 * scene.headers[0][0].height
