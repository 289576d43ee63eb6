"""softmax: the numbers on screen are nnmath's, beat by beat, for the lecture's values and others."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from course import explain, load_values
from scene_harness import dry_run, flat, texts


def expected_per_beat(values_file=None) -> dict[str, Counter]:
    explanation = explain("softmax", load_values(values_file))
    steps = [s for s in explanation.steps if s.label == "softmax(z)"]
    stable, raw = steps[0], (steps[1] if len(steps) > 1 else None)
    walk = raw or stable
    shift = explanation.step("z + shift")
    overflow = explanation.step("e^(z + shift)")
    big = explanation.step("softmax(z + shift)")
    batch = stable.inputs["z"].ndim == 2

    def row(array):  # the scene draws the first row of a batch
        return np.asarray(array)[0] if batch else np.asarray(array)

    z = flat(row(stable.inputs["z"]))
    exp = flat(row(walk.intermediates["exp"]))
    # Without the plain version, the e^z chart is e^(z − max) and names the max in its header.
    header = [] if raw is not None else flat(row(walk.intermediates["max"]))
    total = flat(row(walk.intermediates["sum"]))
    out = flat(row(walk.output))
    expected = {
        "scores": texts(z),
        "exponentiate": texts(z + exp + header),
        "sum": texts(z + exp + header + exp + total),
        # σ(z) takes e^z's place (the same bars, divided by the total): z, ÷ total, σ(z), Σ σ(z)ᵢ ≈ 1.
        "normalise": texts(z + total + out + out + flat(row(explanation.quantities["sum"].value))),
    }
    if raw is not None:
        expected["subtract-max"] = texts(
            z
            + flat(row(stable.intermediates["max"]), row(stable.intermediates["shifted"]), row(stable.intermediates["exp"]))
            + flat(row(stable.intermediates["sum"]), row(stable.output), row(raw.intermediates["sum"]))
        )
    overflowing = flat(row(shift.inputs["z"]), shift.inputs["shift"], row(shift.output), overflow.intermediates["limit"])
    expected["overflow"] = texts(overflowing)
    expected["stable"] = texts(
        overflowing + flat(row(big.intermediates["shifted"]), row(big.intermediates["max"]), row(big.output))
    )
    return expected


OTHER_VALUES = {
    "five": "[softmax]\nz = [-1.0, 0.5, 2.0, -2.5, 1.0]\n",
    "batch": "[softmax]\nz = [[1.0, -2.0, 0.5, 3.0], [0.0, 0.0, 0.0, 0.0]]\noverflow_shift = 750\n",
    "overflowing": "[softmax]\nz = [800.0, 801.0, 799.5]\n",
}


@pytest.mark.parametrize("name", [None, *OTHER_VALUES], ids=["lecture", *OTHER_VALUES])
def test_numbers_on_screen_are_nnmaths(name, tmp_path):
    values_file = None
    if name is not None:
        values_file = tmp_path / f"{name}.toml"
        values_file.write_text(OTHER_VALUES[name], encoding="utf-8")
    scene = dry_run("softmax", values=values_file)
    shown = {r.name: Counter(r.numbers) for r in scene.records}
    assert shown == expected_per_beat(values_file)


def test_lecture_probabilities_and_overflow():
    scene = dry_run("softmax")
    records = {r.name: r for r in scene.records}
    assert [r.name for r in scene.records] == [
        "scores", "exponentiate", "sum", "normalise", "subtract-max", "overflow", "stable",
    ]
    assert {"0.09", "0.2447", "0.6652", "30.1929", "1"} <= set(records["normalise"].numbers)
    assert {"-2", "-1", "0", "1.5032"} <= set(records["subtract-max"].numbers)
    assert {"1001", "1002", "1003", "709.7827"} <= set(records["overflow"].numbers)
    assert records["overflow"].texts.count("∞") == 3
    assert records["normalise"].caption == "Divide each by the sum: σ(z) = [0.090, 0.245, 0.665], and they add up to 1"


def test_a_batch_shows_its_first_row_and_says_so(tmp_path):
    values_file = tmp_path / "batch.toml"
    values_file.write_text(OTHER_VALUES["batch"], encoding="utf-8")
    scene = dry_run("softmax", values=values_file)
    assert "row 1" in scene.records[0].caption
    assert "(row 1 of the 2 rows of z)" in scene.records[0].texts
    # The shift of 750 overflows only where z + 750 > 709.78: every entry of row 1 here.
    assert scene.records[-1].texts.count("∞") == 4


def test_without_the_plain_version_the_walk_subtracts_max_first(tmp_path):
    values_file = tmp_path / "big.toml"
    values_file.write_text(OTHER_VALUES["overflowing"], encoding="utf-8")
    scene = dry_run("softmax", values=values_file)
    names = [r.name for r in scene.records]
    assert "subtract-max" not in names
    assert "max(z) = 801" in scene.records[1].caption


def test_sigma_takes_e_z_s_place_and_nothing_moves():
    """Dividing by one total keeps the bars' proportions: σ(z)'s bars are drawn exactly where
    e^z's stood, and z's chart stays where it was (positions fixed across beats)."""
    scene = dry_run("softmax")
    records = {r.name: r for r in scene.records}

    def bars(beat: str, colour: str) -> list[tuple[float, ...]]:
        return sorted(s.box for s in records[beat].shown if s.kind == "Rectangle" and s.colors == (colour.lower(),))

    theme = scene.theme
    e_z, sigma = bars("exponentiate", theme.product), bars("normalise", theme.result)
    assert len(e_z) == len(sigma) == 3
    np.testing.assert_allclose(sigma, e_z, atol=1e-6)
    np.testing.assert_allclose(bars("normalise", theme.input), bars("scores", theme.input), atol=1e-6)
