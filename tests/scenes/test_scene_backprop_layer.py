"""backprop-layer: the numbers on screen are nnmath's, beat by beat, for two sets of values; the
lecture's values give the book's printed gradients."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

import course
from scene_harness import dry_run, flat, texts


def expected_per_beat(values_file=None) -> dict[str, Counter]:
    q = {k: v.value for k, v in course.explain("backprop-layer", course.load_values(values_file)).quantities.items()}
    return {
        "shapes": texts(flat(q["X"], q["W"], q["dvalues"])),
        "dweights": texts(flat(q["Xᵀ"], q["dvalues"], q["dweights"])),
        "dbiases": texts(flat(q["dvalues"], q["dbiases"])),
        "dinputs": texts(flat(q["dvalues"], q["Wᵀ"], q["dinputs"])),
    }


@pytest.fixture
def other_values(tmp_path):
    """Two samples, two inputs, four neurons; a dvalues that is not constant down its columns."""
    path = tmp_path / "other.toml"
    path.write_text(
        "[backprop-layer]\n"
        "inputs = [[0.5, -1.0], [2.0, 0.25]]\n"
        "weights = [[1.0, -2.0, 0.5, 0.0], [3.0, 1.5, -1.0, 2.0]]\n"
        "biases = [0.0, 1.0, 2.0, 3.0]\n"
        "dvalues = [[0.1, -0.2, 0.3, 0.4], [1.0, 0.5, -0.5, 2.0]]\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("use_other", [False, True], ids=["lecture", "other"])
def test_numbers_on_screen_are_nnmaths(use_other, other_values):
    values_file = other_values if use_other else None
    scene = dry_run("backprop-layer", values=values_file)
    shown = {r.name: Counter(r.numbers) for r in scene.records}
    assert shown == expected_per_beat(values_file)


def test_the_books_printed_gradients():
    q = {k: v.value for k, v in course.explain("backprop-layer").quantities.items()}
    np.testing.assert_allclose(q["dinputs"], [[0.44, -0.38, -0.07, 1.37], [0.88, -0.76, -0.14, 2.74], [1.32, -1.14, -0.21, 4.11]], atol=1e-12)
    np.testing.assert_allclose(q["dweights"][:, 0], [0.5, 20.1, 10.9, 4.1], atol=1e-12)
    assert q["dbiases"].tolist() == [6.0, 6.0, 6.0]


def test_each_gradient_is_shaped_like_what_it_is_the_gradient_of(other_values):
    records = {r.name: r for r in dry_run("backprop-layer", values=other_values).records}
    assert "(2×2)·(2×4) → 2×4, the shape of W" in records["dweights"].caption
    assert "(2×4)·(4×2) → 2×2, the shape of X" in records["dinputs"].caption
    assert "2×4" in records["dweights"].texts and "2×2" in records["dinputs"].texts
    assert records["dbiases"].caption == "dbiases = the column sums of dvalues = [1.1, 0.3, -0.2, 2.4], one per neuron like b"
