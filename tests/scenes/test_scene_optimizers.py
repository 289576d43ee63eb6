"""optimizers: the numbers on screen are nnmath's, beat by beat, for two sets of values."""

from __future__ import annotations

from collections import Counter

import numpy as np

import course
from course.lecture2.optimizers import OPTIMIZERS
from nnmath.display import format_number
from nnmath.optimizers import SGD, Adam, RMSprop
from scene_harness import dry_run, flat, played_and_scripted
from values_files import OTHER, lecture_and_other, numbers_per_beat, values_file_fixture
from scenes.optimizers import DIGITS


def shown(*arrays) -> Counter:
    return Counter(format_number(v, DIGITS) for v in flat(*arrays))


def expected_per_beat(values_file=None) -> dict[str, Counter]:
    e = course.explain("optimizers", course.load_values(values_file))
    runs = {s.heading: s.steps[0] for s in e.sections[1:]}
    start = runs["sgd"].intermediates["path"][0]
    expected = {"surface": shown(start, e.quantities["start loss"].value)}
    for key, _ in OPTIMIZERS:
        run = runs[key]
        expected[key] = shown(run.intermediates["learning_rates"][0], len(run.intermediates["gradients"]), e.quantities[f"{key} distance"].value)
    expected["compare"] = shown([e.quantities[f"{key} distance"].value for key, _ in OPTIMIZERS])
    return expected


other_values = values_file_fixture(OTHER["optimizers"])
values_file = lecture_and_other(OTHER["optimizers"])


def test_every_beat_shows_exactly_nnmaths_numbers(values_file):
    # The beats in order, each with its numbers.
    assert list(numbers_per_beat("optimizers", values_file).items()) == list(expected_per_beat(values_file).items())
    assert all(not r.outside for r in dry_run("optimizers", values=values_file).records)


def test_captions_are_the_content_modules_script(other_values):
    played, scripted = played_and_scripted("optimizers", other_values)
    assert played == scripted


def test_the_runs_use_the_books_optimizers_with_the_values_settings():
    """Each run is the optimizer's own update, step for step, from the same start."""
    e = course.explain("optimizers")
    v = course.load_values()["optimizers"]
    runs = {s.heading: s.steps[0] for s in e.sections[1:]}
    optimizers = {
        "sgd": SGD(1.0, 1e-3),
        "momentum": SGD(1.0, 1e-3, 0.9),
        "rmsprop": RMSprop(decay=1e-4),
        "adam": Adam(0.05, 5e-7),
    }
    for key, optimizer in optimizers.items():
        w = np.array(v["start"], dtype=float)
        for step in range(int(v["steps"])):
            optimizer.update([w], [2 * np.asarray(v["curvatures"]) * w])
            np.testing.assert_allclose(runs[key].intermediates["path"][step + 1], w, rtol=1e-12, atol=1e-15)
    ranked = [name for name in course.beat_script("optimizers")[-1].caption.split(": ", 1)[1].split(", ")]
    assert [r.split(" ")[0] for r in ranked] == ["SGD", "Adam", "SGD", "RMSprop"]
    assert ranked[0].startswith("SGD + momentum")


def test_contours_are_level_curves_of_the_surface():
    e = course.explain("optimizers")
    contours = e.sections[0].steps[0]
    loss = e.objects["loss"]
    for level, ring in zip(contours.inputs["levels"], contours.output):
        np.testing.assert_allclose(loss.value(ring), level, rtol=1e-12)
