"""softmax-cce-gradient: the numbers on screen are nnmath's, beat by beat, for two sets of values;
the lecture's values give the book's printed gradients, the long way and the shortcut alike."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

import course
from nnmath.display import format_array
from scene_harness import dry_run, flat, texts


def expected_per_beat(values_file=None) -> dict[str, Counter]:
    q = {k: v.value for k, v in course.explain("softmax-cce-gradient", course.load_values(values_file)).quantities.items()}
    return {
        "jacobian": texts(flat(q["s"], q["jacobian"])),
        "cross-entropy": texts(flat(q["one_hot"], q["outputs"], q["samples"], q["dcce"])),
        "chain": texts(flat(q["dcce"], q["separate"])),
        "shortcut": texts(flat(q["separate"], q["difference"], q["samples"], q["combined"])),
    }


@pytest.fixture
def other_values(tmp_path):
    """Two samples of four classes, one-hot targets, the Jacobian of the second sample."""
    path = tmp_path / "other.toml"
    path.write_text(
        "[softmax-cce-gradient]\n"
        "outputs = [[0.1, 0.2, 0.3, 0.4], [0.25, 0.05, 0.6, 0.1]]\n"
        "targets = [3, 2]\nsample = 1\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("use_other", [False, True], ids=["lecture", "other"])
def test_numbers_on_screen_are_nnmaths(use_other, other_values):
    values_file = other_values if use_other else None
    scene = dry_run("softmax-cce-gradient", values=values_file)
    shown = {r.name: Counter(r.numbers) for r in scene.records}
    assert shown == expected_per_beat(values_file)


def test_the_books_printed_gradients_both_ways():
    q = {k: v.value for k, v in course.explain("softmax-cce-gradient").quantities.items()}
    book = [[-0.1, 0.03333333, 0.06666667], [0.03333333, -0.16666667, 0.13333333], [0.00666667, -0.03333333, 0.02666667]]
    np.testing.assert_allclose(q["combined"], book, atol=5e-9)
    np.testing.assert_allclose(q["separate"], book, atol=5e-9)
    assert q["largest_gap"] < 1e-15
    records = {r.name: r for r in dry_run("softmax-cce-gradient").records}
    assert Counter(records["shortcut"].numbers)["0.0333"] == 4  # both results show it twice
    assert records["cross-entropy"].caption.endswith("−1/0.7 ÷ 3 = -0.4762 for the first sample")


def test_other_values(other_values):
    records = {r.name: r for r in dry_run("softmax-cce-gradient", values=other_values).records}
    assert records["jacobian"].caption.startswith("softmax's Jacobian at sample 1, s = " + format_array(np.array([0.25, 0.05, 0.6, 0.1])))
    assert "4×4" in records["jacobian"].texts


@pytest.mark.parametrize(
    "table, message",
    [
        ("outputs = [[0.5, 0.5]]\ntargets = [0]\nsample = 1\n", "sample is 1, but outputs has 1 samples"),
        ("outputs = [[0.5, 0.5]]\ntargets = [0]\nsample = 9\n", "sample must be a whole number from 0 to 5"),
    ],
)
def test_bad_values_are_refused(tmp_path, table, message):
    path = tmp_path / "bad.toml"
    path.write_text("[softmax-cce-gradient]\n" + table, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        course.explain("softmax-cce-gradient", course.load_values(path))
