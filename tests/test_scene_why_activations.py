"""why-activations: the numbers on screen are nnmath's, beat by beat, for two sets of values."""

from __future__ import annotations

from collections import Counter

import pytest

from nnmath.display import format_number
from nnmath.lecture import explain
from nnmath.values import load_values
from scene_harness import dry_run, texts

ERROR_DIGITS = 3

LECTURE_BEATS = ["target", "network", "pair-1", "pair-2", "pairs-3-5", "pairs-6-8", "fit", "no-relu", "closing"]
OTHER_BEATS = ["target", "network", "pair-1", "pair-2", "pairs-3-4", "fit", "no-relu", "closing"]


def _sections(values_file=None):
    explanation = explain("why-activations", load_values(values_file))
    return explanation, {s.heading: s.steps for s in explanation.sections}


def card_numbers(values_file, pair: int) -> Counter:
    """Pair ``pair`` (1-based): its area of effect, then w and b of its two neurons and its output weight."""
    _, sections = _sections(values_file)
    weights = sections["the weights"][0].intermediates
    i = pair - 1
    start, end = sections["pair by pair"][i].inputs["area_of_effect"]
    return texts(
        [start, end, weights["w1"][i, 0], weights["b1"][i], weights["w2"][i, i], weights["b2"][i], weights["w3"][0, i]]
    )


def error_numbers(values_file, *names: str) -> Counter:
    explanation, _ = _sections(values_file)
    return Counter(format_number(explanation.quantities[n].value, ERROR_DIGITS) for n in names)


def expected_per_beat(values_file, beat_names: list[str]) -> dict[str, Counter]:
    expected: dict[str, Counter] = {}
    for name in beat_names:
        if name in ("target", "network"):
            expected[name] = Counter()
        elif name.startswith("pair"):
            # A beat of several pairs ends on the last one's card.
            expected[name] = card_numbers(values_file, int(name.split("-")[-1]))
        elif name == "fit":
            expected[name] = error_numbers(values_file, "max error")
        else:
            expected[name] = error_numbers(values_file, "max error", "best line max error")
    return expected


@pytest.fixture
def other_values(tmp_path):
    path = tmp_path / "other.toml"
    path.write_text("[why-activations]\npairs = 4\nx_min = 0.0\nx_max = 2.0\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("use_other", [False, True], ids=["lecture", "other"])
def test_numbers_on_screen_are_nnmaths(use_other, other_values):
    values_file = other_values if use_other else None
    beat_names = OTHER_BEATS if use_other else LECTURE_BEATS
    scene = dry_run("why-activations", values=values_file)
    assert [r.name for r in scene.records] == beat_names
    shown = {r.name: Counter(r.numbers) for r in scene.records}
    assert shown == expected_per_beat(values_file, beat_names)


def test_lecture_key_values():
    scene = dry_run("why-activations")
    records = {r.name: r for r in scene.records}
    assert Counter(records["pair-1"].numbers) == Counter(["0", "0.125", "1", "0", "-1", "0.125", "-5.8521"])
    assert records["fit"].numbers == ("0.053",)
    assert set(records["no-relu"].numbers) == {"0.053", "0.953"}
    assert "0.053" in records["fit"].caption and "0.953" in records["no-relu"].caption
    assert records["network"].caption.startswith("A 1 → 8 → 8 → 1 ReLU network")
    assert "constructed, not trained" in records["network"].caption


def test_other_values_change_the_captions(other_values):
    scene = dry_run("why-activations", values=other_values)
    records = {r.name: r for r in scene.records}
    assert "from 0 to 2" in records["target"].caption
    assert records["network"].caption.startswith("A 1 → 4 → 4 → 1 ReLU network")
    assert "[0.5, 1]" in records["pair-2"].caption
    assert records["fit"].numbers == (error_numbers(other_values, "max error").most_common(1)[0][0],)
