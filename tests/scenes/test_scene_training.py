"""training: the numbers on screen are nnmath's (the snapshot rows of nnmath.train), beat by beat,
for the book's run and a small other one; the regions drawn are nnmath.predict_grid's classes."""

from __future__ import annotations

import json
from collections import Counter

import numpy as np
import pytest
from click.testing import CliRunner

import course
import course.lecture2.training as content
from nnanim.cli import main
from nnmath.display import format_number
from scene_harness import dry_run
from values_files import OTHER, lecture_and_other, numbers_per_beat, values_file_fixture, write_values


def counters(row) -> Counter:
    """What the counters show for one snapshot row: epoch, loss, accuracy, learning rate."""
    return Counter(
        [format_number(row["epoch"], 0), format_number(row["loss"], 3), format_number(row["accuracy"], 3), format_number(row["learning_rate"], 5)]
    )


def expected_per_beat(values_file=None) -> dict[str, Counter]:
    rows = course.explain("training", course.load_values(values_file)).objects["snapshot_rows"]
    return {"data": counters(rows[0]), "training": counters(rows[-1]), "curves": counters(rows[-1])}


values_file = lecture_and_other(OTHER["training"])
other_values = values_file_fixture(OTHER["training"])


def test_numbers_on_screen_are_nnmaths(values_file):
    assert numbers_per_beat("training", values_file) == expected_per_beat(values_file)


def test_the_books_run():
    e = course.explain("training")
    q = {k: v.value for k, v in e.quantities.items()}
    # the book prints "epoch: 0, acc: 0.360, loss: 1.099" for this set-up
    assert (format_number(q["accuracy_start"], 3), format_number(q["loss_start"], 3)) == ("0.36", "1.099")
    assert q["accuracy_end"] > 0.9 and q["loss_end"] < 0.15
    assert len(e.objects["snapshot_epochs"]) == 100 and e.objects["snapshot_epochs"][-1] == 10000
    records = {r.name: r for r in dry_run("training").records}
    assert records["training"].caption.startswith("adam (lr 0.05, decay 5e-07) for 10000 epochs")


def test_regions_are_the_networks_predicted_classes(other_values):
    from nnmath.training import predict_grid

    e = course.explain("training", course.load_values(other_values))
    axis, kept = e.objects["axis"], e.objects["snapshot_epochs"]
    assert kept == (0, 10, 20, 30, 40)
    # the last snapshot's regions are what the trained layers predict on the grid
    from nnmath.spiral import spiral_model
    from nnmath.optimizers import SGD
    from nnmath.training import train

    X, y, layers = spiral_model(20, 2, 8, 3)
    trained = train(X, y, layers, SGD(learning_rate=0.5, decay=0.01), 40).layers
    np.testing.assert_array_equal(e.objects["regions"][-1], predict_grid(trained, axis, axis).argmax(axis=-1))


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_the_regions_drawn_are_the_last_snapshots_classes_in_the_themes_region_colours(theme, other_values):
    from scenes.training import _OVERLAP

    scene = dry_run("training", values=other_values, theme=theme)
    e = course.explain("training", course.load_values(other_values))
    classes = e.objects["regions"][-1]  # (rows, columns), row 0 at the bottom
    rows, columns = classes.shape
    tints = [scene.theme.region_color(k) for k in range(2)]
    others = set(scene.theme.palette().values()) - set(tints)
    assert len(set(tints)) == 2 and not set(tints) & others, "each class has its own region colour, not another colour of the theme"
    drawn = np.full(classes.shape, -1)
    left, bottom = scene.frame.get_left()[0], scene.frame.get_bottom()[1]
    cell = scene.frame.width / columns
    assert len(scene.regions) == 2
    for k, shape in enumerate(scene.regions):  # one path per class, a rectangle per run of cells
        assert shape.get_fill_color().to_hex().lower() == tints[k]
        for rectangle in shape.get_subpaths():
            (x0, y0), (x1, y1) = rectangle[:, :2].min(axis=0), rectangle[:, :2].max(axis=0)
            row = int(round((y0 - bottom) / cell + _OVERLAP))
            first, last = int(round((x0 - left) / cell + _OVERLAP)), int(round((x1 - left) / cell - _OVERLAP))
            assert (y1 - y0) / cell == pytest.approx(1 + 2 * _OVERLAP)
            assert (drawn[row, first:last] == -1).all(), f"cells of row {row} drawn twice"
            drawn[row, first:last] = k
    np.testing.assert_array_equal(drawn, classes)

def _refuse_training(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the spiral network was trained")

    monkeypatch.setattr(content, "train", refuse)


def test_listing_lecture_2_and_explaining_another_scene_do_not_train(monkeypatch, tmp_path):
    # values no other test trains with, so no kept run could answer in train's place
    path = write_values(tmp_path, OTHER["training"].replace("seed = 3", "seed = 4"))
    _refuse_training(monkeypatch)
    runner = CliRunner()
    listed = runner.invoke(main, ["list", "--lecture", "2", "--json", "--values", str(path)], catch_exceptions=False)
    assert listed.exit_code == 0, listed.output
    rows = {row["slug"]: row for row in json.loads(listed.output)}
    assert rows["training"]["beat_names"] == list(content.BEATS) and rows["training"]["beats"] == 3
    built_in = runner.invoke(main, ["list", "--lecture", "2", "--json"], catch_exceptions=False)
    assert built_in.exit_code == 0 and json.loads(built_in.output)[-1]["beat_names"] == list(content.BEATS)
    explained = runner.invoke(main, ["explain", "backprop-neuron", "--json", "--values", str(path)], catch_exceptions=False)
    assert explained.exit_code == 0 and json.loads(explained.output)["slug"] == "backprop-neuron"


def test_bad_training_values_fail_the_listing_without_training(monkeypatch, tmp_path):
    path = write_values(tmp_path, OTHER["training"].replace("learning_rate = 0.5", "learning_rate = -0.5"))
    _refuse_training(monkeypatch)
    result = CliRunner().invoke(main, ["list", "--lecture", "2", "--values", str(path)])
    assert result.exit_code != 0
    assert "training" in result.output and "learning_rate must be > 0" in result.output


def test_the_network_is_trained_at_the_first_use_of_its_numbers_and_once(monkeypatch, tmp_path):
    path = write_values(tmp_path, OTHER["training"].replace("seed = 3", "seed = 5"))
    trained = []
    real = content.train
    monkeypatch.setattr(content, "train", lambda *args, **kwargs: trained.append(1) or real(*args, **kwargs))
    e = course.explain("training", course.load_values(path))
    assert trained == []
    assert e.quantities["epochs"].value == 40 and len(trained) == 1
    again = course.explain("training", course.load_values(path))
    assert again.to_dict()["quantities"]["loss_end"]["value"] == e.quantities["loss_end"].value
    assert len(again.objects["snapshot_epochs"]) == 5 and len(trained) == 1


def test_the_specs_beat_names_are_the_scripts():
    assert tuple(beat.name for beat in course.beat_script("training")) == course.spec("training").beats == content.BEATS
