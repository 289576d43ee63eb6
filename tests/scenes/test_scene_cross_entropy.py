"""cross-entropy: the numbers on screen are nnmath's, beat by beat; the notes' errata are struck through."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from course import explain, load_values
from nnmath.display import format_number
from scene_harness import dry_run, flat
from nnmath.losses import CLIP
from scenes.cross_entropy import DIGITS


def texts(values) -> Counter:
    """Display texts at the scene's three decimals."""
    return Counter(format_number(v, DIGITS) for v in values)


def expected_per_beat(values_file=None) -> dict[str, Counter]:
    explanation = explain("cross-entropy", load_values(values_file))
    loss = explanation.step("CE(predictions, targets)")
    table, toward_zero, curve = [s for s in explanation.steps if s.label == "−ln(p)"]
    batch = loss.inputs["predictions"].ndim == 2

    def first(array):  # the scene draws the first sample of a batch
        return np.asarray(array)[0] if batch else np.asarray(array)

    def unclipped(values):  # a clipped end is written as the clip (text), not as a number
        return [v for v in np.ravel(values) if v not in (CLIP, 1 - CLIP)] if "clipped" in explanation.quantities else list(np.ravel(values))

    true = int(np.argmax(first(loss.inputs["targets"])))
    shown = flat(first(loss.inputs["predictions"]), first(loss.inputs["targets"]))
    clipped_row = unclipped(first(loss.intermediates["clipped"])) if "clipped" in explanation.quantities else []
    terms = shown + flat(clipped_row, first(loss.intermediates["log"]), first(loss.intermediates["terms"]))
    p = loss.intermediates["surviving"][0]
    survives = terms + flat(unclipped([p]), loss.intermediates["sample_losses"][0])
    if batch:
        survives += flat(loss.intermediates["sample_losses"], loss.output)
    beats = {"predictions": texts(shown), "terms": texts(terms), "survives": texts(survives)}
    network = next((s for s in explanation.steps if s.label == "CE of s₁ under the forward pass"), None)
    if network is not None:
        beats["network"] = texts(
            flat(network.inputs["features"], network.intermediates["probabilities"], network.inputs["targets"],
                 network.intermediates["surviving"], network.output)
        )
    table_rows = flat(table.inputs["p"], table.output)
    beats["why-minus"] = texts(flat(unclipped([p]), first(loss.intermediates["log"])[true], unclipped([p]), loss.intermediates["sample_losses"][0]))
    beats["why-log"] = texts(table_rows)
    # The moving point stops at the curve's first sample, the smallest p; then p ever closer to 0
    # (written with four decimals: 0.0001).
    beats["curve"] = (
        texts(table_rows + flat(curve.inputs["p"][0], curve.output[0], toward_zero.output))
        + Counter(format_number(v, 4) for v in toward_zero.inputs["p"])
    )
    return beats


FOUR_CLASSES = (
    '[cross-entropy]\nclasses = ["rose", "daisy", "tulip", "lily"]\n'
    "predictions = [0.1, 0.2, 0.3, 0.4]\ntargets = [0, 0, 0, 1]\n"
)
OTHER_VALUES = {
    "four-classes": FOUR_CLASSES + "table = [0.99, 0.3]\n",
    "batch": "[cross-entropy]\npredictions = [[0.7, 0.2, 0.1], [0.1, 0.5, 0.4]]\ntargets = [0, 1]\n",
    # Predictions of exactly 0 and 1 are clipped; −ln 1 in the table is 0.
    "clipped": "[cross-entropy]\npredictions = [[0, 0, 1]]\ntargets = [[0, 0, 1]]\ntable = [1, 0.5]\n",
}


def _write(tmp_path, name: str, text: str):
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", [None, *OTHER_VALUES], ids=["lecture", *OTHER_VALUES])
def test_numbers_on_screen_are_nnmaths(name, tmp_path):
    values_file = _write(tmp_path, name, OTHER_VALUES[name]) if name else None
    scene = dry_run("cross-entropy", values=values_file)
    shown = {r.name: Counter(r.numbers) for r in scene.records}
    assert shown == expected_per_beat(values_file)


def test_lecture_loss_table_and_errata():
    scene = dry_run("cross-entropy")
    records = {r.name: r for r in scene.records}
    assert {"0.6", "0.511"} <= set(records["survives"].numbers)
    assert Counter(records["survives"].numbers)["0"] == 4  # two false targets, two zero terms
    assert {"0.105", "0.693", "2.303"} <= set(records["why-log"].numbers)
    assert {"good ✓", "uncertain", "bad"} <= set(records["why-log"].texts)
    # The rose sample under the forward pass: its features, and its loss.
    assert {"10", "5"} <= set(records["network"].numbers) and "rose" in records["network"].texts
    loss = explain("cross-entropy").quantities["forward-pass loss"]
    assert format_number(loss.value, DIGITS) in records["network"].numbers
    # One log symbol: ln, never log, in what is drawn and said (−log₁₀ only where the notes used it).
    for record in scene.records:
        assert "log(" not in record.caption and not any("log(" in t for t in record.texts), record.name
    # The notes' values, struck through beside the computed ones.
    assert "0.22" in records["survives"].texts and "0.22" not in records["terms"].texts
    assert "2.202" in records["why-log"].texts and "2.202" in records["curve"].texts
    assert records["survives"].caption == (
        "Only the true class's term survives: −ln(0.6) = 0.511 (the notes' 0.22 is −log₁₀ 0.6)"
    )
    assert {"rose", "daisy", "tulip"} <= set(records["predictions"].texts)


@pytest.mark.parametrize("table", ["[0.99, 0.3]", "[0.99, 0.3, 0.1]"])
def test_errata_are_only_about_the_lectures_values(table, tmp_path):
    # The notes' 0.22 was about the lecture's prediction, not another one; their −log(0.1) = 2.202
    # is about p = 0.1 alone, so it is corrected exactly while 0.1 is in the table.
    scene = dry_run("cross-entropy", values=_write(tmp_path, "four", FOUR_CLASSES + f"table = {table}\n"))
    records = {r.name: r for r in scene.records}
    assert not any("0.22" in r.texts for r in scene.records)
    assert ("2.202" in records["why-log"].texts) == ("0.1" in table)
    assert {"lily", "0.4", "0.916"} <= set(records["survives"].texts + records["survives"].numbers)


def test_a_batch_shows_its_first_sample_and_the_mean(tmp_path):
    values_file = _write(tmp_path, "batch", OTHER_VALUES["batch"])
    scene = dry_run("cross-entropy", values=values_file)
    assert scene.records[0].caption.startswith("Sample 1 of 2:")
    loss = explain("cross-entropy", load_values(values_file)).step("CE(predictions, targets)")
    assert format_number(loss.output, DIGITS) in scene.records[2].numbers


def test_a_clipped_prediction_shows_the_clip_and_minus_ln_1_is_0(tmp_path):
    scene = dry_run("cross-entropy", values=_write(tmp_path, "clipped", OTHER_VALUES["clipped"]))
    records = {r.name: r for r in scene.records}
    # The clip is written out and said, never a silent "−ln 1 = 1e−07".
    assert {"1e−07", "1 − 1e−07", "clipped"} <= set(records["terms"].texts)
    assert "clipped to [1e−07, 1 − 1e−07]" in records["terms"].caption and "ln 0 = −∞" in records["terms"].caption
    assert "−ln(1 − 1e−07) = 1e−07" in records["survives"].caption
    assert "−ln(1) = 0" in records["why-log"].caption
    assert "1e-07" not in records["why-log"].numbers
