"""A whole playground run: the page's start-up (``generateData``, ``reset``) and then ``oneStep``
epoch after epoch, with the losses of every epoch and every node's heatmap at the recorded ones."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from nnmath.errors import InputError
from nnmath.playground.data import generate
from nnmath.playground.link import PlaygroundConfig
from nnmath.playground.network import ACTIVATIONS, GRID_DENSITY, Params, Trainer, build_params, feature_columns, forward, grid_inputs, square_loss
from nnmath.playground.seedrandom import SeedRandom

__all__ = ["MAX_EPOCHS", "Snapshot", "PlaygroundRun", "run_playground"]

MAX_EPOCHS = 100_000  # a bound on the work one command can ask for, far above any lecture's run


def _frozen(array: np.ndarray) -> np.ndarray:
    array = np.array(array, copy=True)
    array.setflags(write=False)
    return array


@dataclass(frozen=True)
class Snapshot:
    """The network after ``epoch`` epochs: its parameters and every node's output over the grid.

    ``grids`` maps a node's id (as the playground names them: the feature names — every feature
    the page shows, on or off — then ``"1"``, ``"2"``, … through the hidden layers to the output) to a 100×100 array whose row 0 is the top
    (y = 6) and column 0 the left (x = −6).
    """

    epoch: int
    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    dead: tuple[np.ndarray, ...]
    grids: Mapping[str, np.ndarray]


@dataclass(frozen=True)
class PlaygroundRun:
    """What the playground computes for a link over ``epochs`` epochs."""

    config: PlaygroundConfig
    node_ids: tuple[tuple[str, ...], ...]  # per layer, inputs first
    train: np.ndarray  # (n, 3): x, y, label in the playground's order after the shuffle
    test: np.ndarray
    initial_weights: tuple[np.ndarray, ...]  # per layer: (destination neurons, source neurons)
    initial_biases: tuple[np.ndarray, ...]
    train_loss: np.ndarray  # per epoch 0..epochs; epoch 0 is before training
    test_loss: np.ndarray
    snapshots: Mapping[int, Snapshot]
    draws: int  # numbers drawn from the generator: the data, the shuffle, the weights

    @property
    def epochs(self) -> int:
        return len(self.train_loss) - 1

    @property
    def output_id(self) -> str:
        return self.node_ids[-1][0]

    @property
    def final(self) -> Snapshot:
        return self.snapshots[self.epochs]


def _check_epochs(epochs: object, record: Iterable[object]) -> tuple[int, tuple[int, ...]]:
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or not 0 <= epochs <= MAX_EPOCHS:
        raise InputError(f"playground epochs: expected a whole number from 0 to {MAX_EPOCHS}, got {epochs!r}")
    wanted = set()
    for e in record:
        if isinstance(e, bool) or not isinstance(e, (int, np.integer)) or not 0 <= e <= epochs:
            raise InputError(f"playground recorded epochs: each must be a whole number from 0 to {epochs}, got {e!r}")
        wanted.add(int(e))
    wanted.add(int(epochs))  # the final state is always kept
    return int(epochs), tuple(sorted(wanted))


def run_playground(config: PlaygroundConfig, epochs: int, record: Iterable[int] = ()) -> PlaygroundRun:
    """Compute the playground's run of ``config`` for ``epochs`` epochs.

    The losses are kept for every epoch; the parameters and every node's 100×100 grid for the
    epochs in ``record`` and the last one.
    """
    epochs, recorded = _check_epochs(epochs, record)
    rng = SeedRandom(config.seed)
    regression = config.problem == "regression"
    train, test = generate(rng, config.data_name, regression, config.noise, config.perc_train_data)
    sizes = (len(config.features), *config.network_shape, 1)
    params = build_params(rng, sizes, config.init_zero)
    initial = params.copy()
    hidden = ACTIVATIONS[config.activation]
    output = ACTIVATIONS["linear" if regression else "tanh"]

    node_ids = [tuple(config.features)]
    next_id = 1
    for size in sizes[1:]:
        node_ids.append(tuple(str(k) for k in range(next_id, next_id + size)))
        next_id += size

    train_in = feature_columns(train[:, 0], train[:, 1], config.features)
    test_in = feature_columns(test[:, 0], test[:, 1], config.features)
    # The page draws a heatmap for every feature it shows, on or off; the network takes the ones on.
    shown = config.shown_features
    every_feature = grid_inputs(shown)
    input_grids = {f: _frozen(every_feature[:, k].reshape(GRID_DENSITY, GRID_DENSITY)) for k, f in enumerate(shown)}
    cells = every_feature[:, [shown.index(f) for f in config.features]]

    def snapshot(epoch: int) -> Snapshot:
        grids = dict(input_grids)
        outs = forward(params, cells, hidden, output)
        for ids, layer in zip(node_ids[1:], outs[1:]):
            for k, node in enumerate(ids):
                grids[node] = _frozen(layer[:, k].reshape(GRID_DENSITY, GRID_DENSITY))
        return Snapshot(
            epoch,
            tuple(_frozen(w) for w in params.weights),
            tuple(_frozen(b) for b in params.biases),
            tuple(_frozen(d) for d in params.dead),
            MappingProxyType(grids),
        )

    train_targets = np.ascontiguousarray(train[:, 2:3])
    trainer = Trainer(params, hidden, output, config.regularization, config.learning_rate, config.regularization_rate, config.batch_size)
    losses = np.empty((epochs + 1, 2))
    losses[0] = square_loss(params, train_in, train[:, 2], hidden, output), square_loss(params, test_in, test[:, 2], hidden, output)
    snapshots = {}
    wanted = set(recorded)
    if 0 in wanted:
        snapshots[0] = snapshot(0)
    for epoch in range(1, epochs + 1):
        trainer.epoch(train_in, train_targets)
        losses[epoch] = square_loss(params, train_in, train[:, 2], hidden, output), square_loss(params, test_in, test[:, 2], hidden, output)
        if epoch in wanted:
            snapshots[epoch] = snapshot(epoch)
    return PlaygroundRun(
        config,
        tuple(node_ids),
        _frozen(train),
        _frozen(test),
        tuple(_frozen(w) for w in initial.weights),
        tuple(_frozen(b) for b in initial.biases),
        _frozen(losses[:, 0]),
        _frozen(losses[:, 1]),
        MappingProxyType(snapshots),
        rng.draws,
    )
