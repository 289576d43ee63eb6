"""gradient-descent: the numbers on screen are nnmath's, beat by beat, for two sets of values."""

from __future__ import annotations

from collections import Counter


import course
from nnmath.display import format_number
from scene_harness import dry_run, flat, played_and_scripted
from values_files import OTHER, lecture_and_other, numbers_per_beat
from scenes.gradient_descent import DIGITS


def shown(*arrays) -> Counter:
    return Counter(format_number(v, DIGITS) for v in flat(*arrays))


def expected_per_beat(values_file=None) -> dict[str, Counter]:
    e = course.explain("gradient-descent", course.load_values(values_file))
    curve, tangent = e.sections[0].steps
    expected = {
        "the-loss": shown(tangent.inputs["w"], tangent.intermediates["loss"], tangent.intermediates["slope"]),
    }
    for k, section in enumerate(e.sections[1:-1]):
        run = section.steps[0]
        path, losses = run.intermediates["path"][:, 0], run.intermediates["losses"]
        steps = len(run.intermediates["gradients"])
        expected[f"rate-{k + 1}"] = shown(run.intermediates["learning_rates"][0], path[0], steps, path[-1], losses[-1])
    schedules = e.sections[-1].steps
    decay = shown(*(s.output for s in schedules), schedules[0].inputs["learning_rate"])
    for s in schedules:
        decay += shown(s.inputs["decay"], s.output)
    expected["decay"] = decay
    return expected


values_file = lecture_and_other(OTHER["gradient-descent"])


def test_every_beat_shows_exactly_nnmaths_numbers(values_file):
    # The beats in order, each with its numbers.
    assert list(numbers_per_beat("gradient-descent", values_file).items()) == list(expected_per_beat(values_file).items())


def test_captions_are_the_content_modules_script(values_file):
    played, scripted = played_and_scripted("gradient-descent", values_file)
    assert played == scripted


def test_the_lecture_runs_are_too_slow_about_right_and_too_large():
    e = course.explain("gradient-descent")
    verdicts = [e.quantities[f"run {k} verdict"].value for k in range(3)]
    assert verdicts == ["too slow", "converges", "diverges"]
    captions = [b.caption for b in course.beat_script("gradient-descent")]
    assert "too small" in captions[1] and "about right" in captions[2] and "too large" in captions[3]
    assert "w ≈ 1.278" in captions[1] and "w ≈ −5.574" in captions[3]


def test_nothing_leaves_the_frame_in_either_theme():
    for theme in ("dark", "light"):
        assert all(not r.outside for r in dry_run("gradient-descent", theme=theme).records)


def test_a_readout_line_sits_on_one_baseline():
    from scenes.base import _baseline

    lines = dry_run("gradient-descent")._readout_group  # the last beat's: "decay 0.01 → lr 0.091", …
    assert len(lines) >= 2
    for line in lines:
        baselines = [b for b in (_baseline(part) for part in line) if b is not None]
        assert len(baselines) == len(line) and max(baselines) - min(baselines) < 1e-6, [part.original_text for part in line]
