"""mse: the numbers on screen are nnmath's, beat by beat, for two sets of values."""

from __future__ import annotations

from collections import Counter

import pytest

from course import explain, load_values
from nnmath.display import format_number
from scene_harness import dry_run, flat
from scenes.mse import DIGITS

#: The scene writes every number with 4 decimals; the expectations are formatted the same way.
SHOWN_DIGITS = 4


def shown(*arrays) -> Counter:
    return Counter(format_number(v, SHOWN_DIGITS) for v in flat(*arrays))


def expected_per_beat(values_file=None) -> dict[str, Counter]:
    explanation = explain("mse", load_values(values_file))
    expected = {"formula": Counter()}
    summary = Counter()
    examples = [section for section in explanation.sections if any(s.op == "squared_error_curve" for s in section.steps)]
    for i, section in enumerate(examples):
        loss = next(s for s in section.steps if s.label == "MSE(y, ŷ)")
        y, p = loss.inputs["y_true"], loss.inputs["y_pred"]
        error, squared, n = loss.intermediates["errors"], loss.intermediates["squared"], loss.intermediates["n"]
        expected[f"example-{i + 1}"] = shown(
            [y, p],  # y = …, ŷ = …
            [y, p, error],  # y − ŷ = y − ŷ = error
            [error, squared],  # (y − ŷ)² = error² = squared
            [n, squared, loss.output],  # MSE = (1/n) · squared = output
            [p, squared],  # the point's label on the parabola
        )
        summary += shown([y, p, loss.output])
    if len(examples) > 1:
        batch = next(s for s in explanation.sections[-1].steps if s.op == "mse")
        expected["batch"] = shown(
            [[y, p, sq] for y, p, sq in zip(batch.inputs["y_true"], batch.inputs["y_pred"], batch.intermediates["squared"])],
            batch.intermediates["squared"],  # MSE = (25 + 1) / 2 = 13
            [batch.intermediates["n"], batch.output],
        )
    expected["summary"] = summary
    return expected


@pytest.fixture(scope="module")
def other_values(tmp_path_factory):
    """Three examples with decimals, one of them below zero (ŷ and the error in parentheses)."""
    path = tmp_path_factory.mktemp("values") / "other.toml"
    path.write_text("[mse]\ny_true = [3.5, 10.25, -2.0]\ny_pred = [2.75, 12.5, -1.4]\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def lecture_scene():
    return dry_run("mse")


@pytest.fixture(scope="module")
def other_scene(other_values):
    return dry_run("mse", values=other_values)


@pytest.mark.parametrize("use_other", [False, True], ids=["lecture", "other"])
def test_numbers_on_screen_are_nnmaths(use_other, request):
    values_file = request.getfixturevalue("other_values") if use_other else None
    scene = request.getfixturevalue("other_scene" if use_other else "lecture_scene")
    assert {r.name: Counter(r.numbers) for r in scene.records} == expected_per_beat(values_file)


def test_scene_writes_numbers_with_the_tested_digits():
    assert DIGITS == SHOWN_DIGITS


def test_lecture_key_values(lecture_scene):
    records = {r.name: r for r in lecture_scene.records}
    assert list(records) == ["formula", "example-1", "example-2", "batch", "summary"]
    # The notes: (26 − 21)² = 25, and "if it was 22", (22 − 21)² = 1.
    assert records["example-1"].caption.startswith("True 26, predicted 21: MSE = (1/1) · (26 − 21)² = 25")
    assert records["example-2"].caption.startswith("If it was 22 (predicted 21): MSE = (1/1) · (22 − 21)² = 1")
    assert Counter(records["example-1"].numbers)["25"] == 4
    assert Counter(records["summary"].numbers) == Counter({"21": 2, "26": 1, "25": 1, "22": 1, "1": 1})
    assert "regression" in records["summary"].caption
    # Both examples as one batch: n = 2, and the mean shows, (25 + 1) / 2 = 13.
    assert "MSE = (25 + 1) / 2 = 13" in records["batch"].caption
    assert "A batch: MSE is the mean, (25 + 1) / 2 = 13" in records["batch"].texts
    assert Counter(records["batch"].numbers)["13"] == 1 and Counter(records["batch"].numbers)["2"] == 1


def test_each_example_names_its_parabola(lecture_scene):
    labels = [s.label for s in explain("mse").steps if s.op == "squared_error_curve"]
    assert labels == ["(26 − ŷ)²", "(22 − ŷ)²"]
    for record, label in zip(lecture_scene.records[1:], labels):
        assert record.caption.endswith(f"a point on the parabola {label}")


def test_negative_values_are_bracketed(other_scene):
    example = next(r for r in other_scene.records if r.name == "example-3")
    assert {"-2", "-1.4", "-0.6", "0.36"} <= set(example.numbers)
    # y − ŷ = −2 − (−1.4): the parentheses are drawn as text around the number.
    assert example.texts.count("(") >= 2 and example.texts.count(")") >= 2
    # and written in the caption: (−2 − (−1.4))², never (−2 − −1.4)².
    assert "(-2 − (-1.4))²" in example.caption
    assert "− -" not in example.caption


def test_one_y_axis_for_every_example(lecture_scene):
    """The examples' plots share their axes, so a squared error of 25 stands 25 times higher than 1."""
    explanation = explain("mse")
    curves = [s for s in explanation.steps if s.op == "squared_error_curve"]
    assert all((c.inputs["y_pred"] == curves[0].inputs["y_pred"]).all() for c in curves)
    ticks = [[t for t in r.texts if t.isdigit()] for r in lecture_scene.records if r.name.startswith("example-")]
    assert ticks[0] == ticks[1] and "100" in ticks[0]
