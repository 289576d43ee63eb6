"""relu-backward: the numbers on screen are nnmath's, beat by beat, for two sets of values; the
lecture's values give the book's printed result."""

from __future__ import annotations

from collections import Counter

import pytest

import course
from nnmath.display import format_array
from scene_harness import dry_run, flat, texts


def expected_per_beat(values_file=None) -> dict[str, Counter]:
    q = {k: v.value for k, v in course.explain("relu-backward", course.load_values(values_file)).quantities.items()}
    return {
        "inputs": texts(flat(q["z"], q["dvalues"])),
        "mask": texts(flat(q["z"], q["dvalues"], q["mask"])),
        "result": texts(flat(q["z"], q["dvalues"], q["mask"], q["mask"], q["drelu"])),
    }


@pytest.fixture
def other_values(tmp_path):
    """A 2×3 batch with a z of exactly 0 (no gradient there: ReLU'(0) = 0, the book's choice)."""
    path = tmp_path / "other.toml"
    path.write_text(
        "[relu-backward]\nz = [[0.0, 0.5, -2.0], [3.0, -0.1, 1e-3]]\ndvalues = [[-1.5, 2.0, 4.0], [0.25, 7.0, -3.0]]\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("use_other", [False, True], ids=["lecture", "other"])
def test_numbers_on_screen_are_nnmaths(use_other, other_values):
    values_file = other_values if use_other else None
    scene = dry_run("relu-backward", values=values_file)
    shown = {r.name: Counter(r.numbers) for r in scene.records}
    assert shown == expected_per_beat(values_file)


def test_the_books_result_and_captions():
    q = {k: v.value for k, v in course.explain("relu-backward").quantities.items()}
    assert q["drelu"].tolist() == [[1, 2, 0, 0], [5, 0, 0, 8], [0, 10, 11, 0]]  # printed in chapter 9
    records = {r.name: r for r in dry_run("relu-backward").records}
    assert records["mask"].caption.endswith("6 of 12 entries pass")


def test_zero_stops_the_gradient(other_values):
    records = {r.name: r for r in dry_run("relu-backward", values=other_values).records}
    assert records["mask"].caption.endswith("3 of 6 entries pass")
    drelu = course.explain("relu-backward", course.load_values(other_values)).quantities["drelu"].value
    assert drelu.tolist() == [[0.0, 2.0, 0.0], [0.25, 0.0, -3.0]]  # z = 0 passes nothing
    assert records["result"].caption.endswith("= " + format_array(drelu))
