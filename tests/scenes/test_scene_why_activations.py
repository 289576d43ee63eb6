"""why-activations: the numbers on screen are nnmath's, beat by beat, for two sets of values."""

from __future__ import annotations

from collections import Counter

import pytest

import course
from course import explain, load_values
from nnmath.display import format_number
from scene_harness import dry_run, texts, played_and_scripted
from values_files import OTHER, lecture_and_other, values_file_fixture
from scenes.why_activations import WhyActivations


ERROR_DIGITS = 3

LECTURE_BEATS = ["target", "network", "pair-1", "pair-2", "pairs-3-5", "pairs-6-8", "fit", "no-relu", "closing"]
OTHER_BEATS = ["target", "network", "pair-1", "pair-2", "pairs-3-4", "fit", "no-relu", "closing"]


def _sections(values_file=None):
    explanation = explain("why-activations", load_values(values_file))
    return explanation, {s.heading: s.steps for s in explanation.sections}


def card_numbers(values_file, pair: int) -> Counter:
    """Pair ``pair`` (1-based): its area of effect, w and b of its two neurons, its output weight,
    and the slope of its ramp (what the two flips of sign add up to)."""
    _, sections = _sections(values_file)
    weights = sections["the weights"][0].intermediates
    i = pair - 1
    start, end = sections["pair by pair"][i].inputs["area_of_effect"]
    return texts(
        [
            start,
            end,
            weights["w1"][i, 0],
            weights["b1"][i],
            weights["w2"][i, i],
            weights["b2"][i],
            weights["w3"][0, i],
            weights["slopes"][i],
        ]
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
            # The line drawn without ReLU carries its own error, beside the best straight line's.
            expected[name] = error_numbers(values_file, "max error", "no-ReLU max error", "best line max error")
    return expected


other_values = values_file_fixture(OTHER["why-activations"])
values_file = lecture_and_other(OTHER["why-activations"])


def test_numbers_on_screen_are_nnmaths(values_file):
    beat_names = LECTURE_BEATS if values_file is None else OTHER_BEATS
    scene = dry_run("why-activations", values=values_file)
    assert [r.name for r in scene.records] == beat_names
    shown = {r.name: Counter(r.numbers) for r in scene.records}
    assert shown == expected_per_beat(values_file, beat_names)


def test_beats_and_captions_are_the_content_modules_script(values_file):
    """The scene plays its spec's script: the same beats in the same order, each with its caption."""
    played, scripted = played_and_scripted("why-activations", values_file)
    assert played == scripted


@pytest.mark.parametrize("pairs", [1, 3, 6])
def test_the_scripts_pair_beats_play_every_pair_once_in_order(pairs, tmp_path):
    """pair-1, pair-2 are worked out; the rest (pair-3 alone, or pairs-3-4 and pairs-5-6) play quickly."""
    path = tmp_path / "pairs.toml"
    path.write_text(f"[why-activations]\npairs = {pairs}\n", encoding="utf-8")
    names = [b.name for b in course.beat_script("why-activations", load_values(path)) if b.name.startswith("pair")]
    # Never set up: only which pairs each beat's method plays is asked.
    scene = object.__new__(WhyActivations)
    played: list[tuple[str, int]] = []
    scene._detailed_pair = lambda i: played.append(("worked", i))
    scene._fast_pairs = lambda group: played.extend(("quick", i) for i in group)
    for name in names:
        scene._beat_method(name)()
    assert [i for _, i in played] == list(range(pairs))
    assert [i for how, i in played if how == "worked"] == list(range(min(2, pairs)))


def test_lecture_key_values():
    scene = dry_run("why-activations")
    records = {r.name: r for r in scene.records}
    assert Counter(records["pair-1"].numbers) == Counter(["0", "0.125", "1", "0", "-1", "0.125", "-5.8521", "5.8521"])
    assert records["fit"].numbers == ("0.053",)
    # 0.953 is the least-squares line's error; the line drawn (the network without ReLU) has its own.
    assert set(records["no-relu"].numbers) == {"0.053", "0.96", "0.953"}
    assert "0.053" in records["fit"].caption and "0.96" in records["no-relu"].caption and "0.953" in records["no-relu"].caption
    assert "without ReLU" in records["no-relu"].texts and "best straight line" in records["no-relu"].texts
    assert records["network"].caption.startswith("A 1 → 8 → 8 → 1 ReLU network")
    assert "constructed, not trained" in records["network"].caption


def test_other_values_change_the_captions(other_values):
    scene = dry_run("why-activations", values=other_values)
    records = {r.name: r for r in scene.records}
    assert "from 0 to 2" in records["target"].caption
    assert records["network"].caption.startswith("A 1 → 4 → 4 → 1 ReLU network")
    assert "[0.5, 1]" in records["pair-2"].caption
    assert records["fit"].numbers == (error_numbers(other_values, "max error").most_common(1)[0][0],)


def test_the_line_without_relu_and_the_best_line_are_what_nnmath_computes():
    """The drawn line is the network with its ReLUs removed, and its error is measured on it; the
    best straight line is a different line with a (slightly) smaller error."""
    import numpy as np

    explanation = explain("why-activations")
    fit = explanation.objects["fit"]
    grid = np.linspace(0.0, 1.0, 2001)
    without = fit.predict(grid, relu=False)
    assert np.allclose(np.diff(without, 2), 0, atol=1e-9)  # a straight line
    assert explanation.quantities["no-ReLU max error"].value == np.max(np.abs(without - np.sin(2 * np.pi * grid)))
    best = fit.best_line(grid)
    assert explanation.quantities["best line max error"].value == np.max(np.abs(best - np.sin(2 * np.pi * grid)))
    assert explanation.quantities["best line max error"].value < explanation.quantities["no-ReLU max error"].value


def test_every_beat_has_its_own_headline():
    scene = dry_run("why-activations")
    headlines = [next(t for t in r.texts if t[0].isalpha() and len(t) > 30) for r in scene.records]
    assert len(set(headlines)) == len(headlines), headlines
