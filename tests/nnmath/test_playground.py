"""nnmath.playground against the TensorFlow Playground's own numbers.

The golden files in tests/data/playground/ were written by the playground's TypeScript run under
node (see the README there): for each link, the data after the shuffle, the losses of every epoch,
the parameters and every node's grid at a few epochs, and where the generator stood afterwards.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from nnmath.playground import NOTES_LINK, SeedRandom, parse_link, run_playground
from nnmath.playground.link import ACTIVATIONS, CLASSIFICATION_DATASETS, REGRESSION_DATASETS
from nnmath.playground.network import grid_coordinates

DATA = Path(__file__).parents[1] / "data" / "playground"
GOLDEN = sorted(p.stem for p in DATA.glob("*.json") if p.stem != "seedrandom")
TOLERANCE = 1e-12  # the issue's bar; the runs agree to ~1e-13 at worst (1-ulp differences of V8's tanh/exp)
SUB = np.arange(0, 100, 11)  # the golden grids keep rows and columns 0, 11, …, 99


@cache
def golden(name: str) -> dict:
    return json.loads((DATA / f"{name}.json").read_text())


@cache
def computed(name: str):
    g = golden(name)
    return run_playground(parse_link(g["link"]).config, g["epochs"], [int(e) for e in g["snapshots"]])


def close(actual, expected) -> None:
    np.testing.assert_allclose(np.asarray(actual, dtype=float), np.asarray(expected, dtype=float), rtol=0, atol=TOLERANCE)


def test_seedrandom_hello():
    rng = SeedRandom("hello.")
    assert rng.random() == 0.9282578795792454
    assert rng.random() == 0.3752569768646784


def test_seedrandom_is_bit_for_bit_seedrandom_2_4_4():
    recorded = json.loads((DATA / "seedrandom.json").read_text())
    assert recorded["seedrandom_version"] == "2.4.4"
    assert len(recorded["draws"]) >= 5  # ASCII, unicode beyond the BMP, a seed longer than the 256-byte key
    for seed, draws in recorded["draws"].items():
        rng = SeedRandom(seed)
        assert [rng.random() for _ in draws] == draws, seed


def test_the_goldens_cover_what_the_issue_asks():
    configs = [parse_link(golden(name)["link"]).config for name in GOLDEN]
    assert len(configs) >= 5
    assert {c.data_name for c in configs} == set(CLASSIFICATION_DATASETS + REGRESSION_DATASETS)
    assert {c.activation for c in configs} == set(ACTIVATIONS)
    assert {"L1", "L2"} <= {c.regularization for c in configs if c.regularization_rate > 0}
    assert any(c.problem == "regression" for c in configs)
    assert any(c.network_shape == () for c in configs)
    assert any(set(c.features) - {"x", "y"} for c in configs)
    assert any(c.init_zero for c in configs)
    trainings = [(c, len(golden(n)["train"])) for c, n in zip(configs, GOLDEN)]
    assert any(size % c.batch_size for c, size in trainings), "no batch size leaves samples over"
    # dead links (the L1 rule) happen in the goldens, so the rule is tested, not just run
    assert any(np.any(np.concatenate([np.ravel(d) for d in golden(n)["snapshots"][str(golden(n)["epochs"])]["dead"]])) for n in GOLDEN)


@pytest.mark.parametrize("name", GOLDEN)
def test_data_after_the_shuffle(name):
    g, run = golden(name), computed(name)
    close(run.train, g["train"])
    close(run.test, g["test"])
    np.testing.assert_array_equal(run.train[:, 2], np.array(g["train"])[:, 2])  # labels exactly


@pytest.mark.parametrize("name", GOLDEN)
def test_random_draws_in_the_playgrounds_order(name):
    """After the data, the shuffle and the weights, the generator stands where the playground's does."""
    g, run = golden(name), computed(name)
    rng = SeedRandom(run.config.seed)
    for _ in range(run.draws):
        rng.random()
    assert rng.random() == g["next_random"]


@pytest.mark.parametrize("name", GOLDEN)
def test_the_network_and_its_initial_weights(name):
    g, run = golden(name), computed(name)
    assert [list(ids) for ids in run.node_ids] == g["node_ids"]
    first = g["snapshots"]["0"]
    for mine, theirs in zip(run.initial_weights, first["weights"], strict=True):
        np.testing.assert_array_equal(mine, np.array(theirs, dtype=float).reshape(mine.shape))
    for mine, theirs in zip(run.initial_biases, first["biases"], strict=True):
        np.testing.assert_array_equal(mine, theirs)


@pytest.mark.parametrize("name", GOLDEN)
def test_losses_at_every_epoch(name):
    g, run = golden(name), computed(name)
    losses = np.array(g["losses"])
    assert len(run.train_loss) == len(losses) == g["epochs"] + 1
    close(run.train_loss, losses[:, 0])
    close(run.test_loss, losses[:, 1])
    assert run.train_loss[-1] != run.train_loss[0]  # it trained


@pytest.mark.parametrize("name", GOLDEN)
def test_parameters_and_every_nodes_grid_at_the_recorded_epochs(name):
    g, run = golden(name), computed(name)
    for epoch, expected in g["snapshots"].items():
        snap = run.snapshots[int(epoch)]
        for mine, theirs in zip(snap.weights, expected["weights"], strict=True):
            close(mine, np.array(theirs, dtype=float).reshape(mine.shape))
        for mine, theirs in zip(snap.biases, expected["biases"], strict=True):
            close(mine, theirs)
        for mine, theirs in zip(snap.dead, expected["dead"], strict=True):
            np.testing.assert_array_equal(mine, np.array(theirs, dtype=bool).reshape(mine.shape))
        assert set(snap.grids) == set(expected["grids"])
        for node, grid in expected["grids"].items():
            close(snap.grids[node][np.ix_(SUB, SUB)], grid)


def test_the_notes_output_grid_whole():
    g, run = golden("notes"), computed("notes")
    close(run.final.grids[run.output_id], g["output_grid"])


def test_the_notes_golden_is_the_notes_link():
    assert parse_link(golden("notes")["link"]).config == parse_link(NOTES_LINK).config


def test_grid_orientation():
    """Column i is x = −6 + 12i/99, row j is y = 6 − 12j/99 (row 0 at the top)."""
    xs, ys = grid_coordinates()
    close(xs, -6 + 12 * np.arange(100) / 99)
    close(ys, 6 - 12 * np.arange(100) / 99)
    run = computed("notes")
    assert run.final.grids["x"][0, 99] == 6 and run.final.grids["y"][0, 99] == 6


@pytest.mark.parametrize("epochs", [-1, 1.5, "10", True, 100_001])
def test_bad_epochs_are_refused(epochs):
    with pytest.raises(ValueError, match="epochs"):
        run_playground(parse_link("").config, epochs)


def test_recorded_epochs_beyond_the_run_are_refused():
    with pytest.raises(ValueError, match="from 0 to 3"):
        run_playground(parse_link("").config, 3, [4])
