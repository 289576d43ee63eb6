"""playground: what the scene shows — numbers, heatmaps, links, biases — is nnmath's run, beat by beat."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from course import explain, load_values
from nnmath.display import format_number
from nnmath.playground.network import GRID_DOMAIN, reduce_grid
from scene_harness import dry_run
from scenes.playground import LOSS_DIGITS

TICKS = [GRID_DOMAIN[0], sum(GRID_DOMAIN) / 2, GRID_DOMAIN[1]] * 2  # under the output and beside it

OTHER = """[playground]
link = "https://playground.tensorflow.org/#activation=relu&batchSize=7&dataset=xor&learningRate=0.1&networkShape=3&seed=other&percTrainData=70&x=true&y=true&xTimesY=true&noise=10"
epochs = 30
"""
NO_HIDDEN = """[playground]
link = "https://playground.tensorflow.org/#activation=linear&problem=regression&regDataset=reg-plane&networkShape=&seed=flat&learningRate=0.01"
epochs = 12
"""


@pytest.fixture(scope="module")
def values_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("values")
    files = {"lecture": None}
    for name, text in (("other", OTHER), ("no-hidden", NO_HIDDEN)):
        files[name] = folder / f"{name}.toml"
        files[name].write_text(text, encoding="utf-8")
    return files


def the_run(values_file):
    return explain("playground", load_values(values_file)).objects["run"]


def expected_numbers(values_file) -> dict[str, Counter]:
    run = the_run(values_file)

    def at(epoch: int) -> Counter:
        losses = [format_number(run.train_loss[epoch], LOSS_DIGITS), format_number(run.test_loss[epoch], LOSS_DIGITS)]
        return Counter([*losses, format_number(epoch), *(format_number(t) for t in TICKS)])

    return {
        "setup": Counter([format_number(len(run.train)), format_number(len(run.test))]),
        "before": at(0),
        "training": at(run.epochs),
        "after": at(run.epochs),
        "neurons": Counter(),
    }


@pytest.mark.parametrize("which", ["lecture", "other", "no-hidden"])
def test_numbers_on_screen_are_nnmaths(which, values_files):
    scene = dry_run("playground", values=values_files[which])
    shown = {r.name: Counter(r.numbers) for r in scene.records}
    assert shown == expected_numbers(values_files[which])


@pytest.mark.parametrize("which", ["lecture", "other", "no-hidden"])
def test_heatmaps_links_and_biases_are_the_runs(which, values_files):
    scene = dry_run("playground", values=values_files[which])
    run = the_run(values_files[which])
    for beat, snap in (("before", run.snapshots[0]), ("training", run.final), ("after", run.final)):
        shown = scene.shown[beat]
        assert shown["epoch"] == snap.epoch
        hidden = [node for ids in run.node_ids[1:-1] for node in ids]
        assert set(shown["maps"]) == {*hidden, run.output_id}
        for node in hidden:  # the page draws a neuron's map averaged over 10×10 blocks
            np.testing.assert_array_equal(shown["maps"][node], reduce_grid(snap.grids[node]))
        np.testing.assert_array_equal(shown["maps"][run.output_id], snap.grids[run.output_id])
        assert shown["links"] == [float(w) for layer in snap.weights for w in np.ravel(layer)]
        assert shown["biases"] == [float(b) for layer in snap.biases for b in layer]


def test_training_goes_through_the_recorded_epochs(values_files):
    scene = dry_run("playground")
    e = explain("playground", load_values())
    recorded = e.objects["recorded"]
    assert len(recorded) == 60 and recorded[0] == 0 and recorded[-1] == 500
    assert scene.epochs_shown == [epoch for epoch in recorded if epoch > 0]


def test_what_each_neuron_learned_is_its_whole_grid(values_files):
    scene = dry_run("playground")
    run = the_run(None)
    assert set(scene.neuron_maps) == {"1", "2", "3", "4", "5", "6", run.output_id}
    for node, grid in scene.neuron_maps.items():
        np.testing.assert_array_equal(grid, run.final.grids[node])


def test_captions_carry_nnmaths_numbers(values_files):
    scene = dry_run("playground")
    run = the_run(None)
    captions = {r.name: r.caption for r in scene.records}
    final = (format_number(run.train_loss[-1], LOSS_DIGITS), format_number(run.test_loss[-1], LOSS_DIGITS))
    assert captions["after"] == f"After 500 epochs: training loss {final[0]}, test loss {final[1]}"
    assert f"training loss {format_number(run.train_loss[0], LOSS_DIGITS)}" in captions["before"]
    assert "250 training and 250 test points" in captions["setup"]
    assert "tanh, learning rate 0.03, batch size 10" in captions["setup"]
    assert "shown at 60 of them" in captions["training"]


def test_the_configuration_is_on_screen(values_files):
    scene = dry_run("playground", values=values_files["other"])
    configuration = explain("playground", load_values(values_files["other"])).objects["configuration"]
    setup = next(r for r in scene.records if r.name == "setup")
    assert set(configuration.values()) <= set(setup.texts)
    assert set(configuration) <= set(setup.texts)
    before = next(r for r in scene.records if r.name == "before")
    assert any("relu · learning rate 0.1 · batch size 7" in t for t in before.texts)


def test_no_hidden_layer_says_so(values_files):
    scene = dry_run("playground", values=values_files["no-hidden"])
    neurons = next(r for r in scene.records if r.name == "neurons")
    assert neurons.caption.startswith("No hidden layer")
    assert set(scene.neuron_maps) == {the_run(values_files["no-hidden"]).output_id}
