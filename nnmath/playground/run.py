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

__all__ = ["DEFAULT_EPOCHS", "MAX_EPOCHS", "Snapshot", "PlaygroundRun", "run_playground"]

MAX_EPOCHS = 100_000  # a bound on the work one command can ask for, far above any lecture's run
DEFAULT_EPOCHS = 500  # the lecture's run: the notes' link trains well within it


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

    def to_dict(self) -> dict[str, object]:
        """The run as plain JSON values: ``config``; ``train`` and ``test`` as ``[x, y, label]`` in
        the playground's order; the initial ``weights`` (per layer, destination, source) and
        ``biases``; ``epochs``, the losses of epochs 0..N; ``output_grid``, the output node over the
        100×100 grid after the last epoch, rows from the top; and the final parameters."""
        integral = self.config.problem == "classification"  # labels are ±1 there

        def points(rows: np.ndarray) -> list[list[float | int]]:
            return [[float(x), float(y), int(label) if integral else float(label)] for x, y, label in rows]

        return {
            "config": {**self.config.as_link_dict(), "features": list(self.config.features)},
            "link": self.config.link(),
            "node_ids": [list(ids) for ids in self.node_ids],
            "train": points(self.train),
            "test": points(self.test),
            "weights": [w.tolist() for w in self.initial_weights],
            "biases": [b.tolist() for b in self.initial_biases],
            "epochs": [
                {"epoch": e, "train_loss": float(tr), "test_loss": float(te)}
                for e, (tr, te) in enumerate(zip(self.train_loss, self.test_loss))
            ],
            "output_grid": self.final.grids[self.output_id].tolist(),
            "final_weights": [w.tolist() for w in self.final.weights],
            "final_biases": [b.tolist() for b in self.final.biases],
            "final_dead_links": [d.tolist() for d in self.final.dead],
        }


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
    # A learning rate too large for the data drives the weights to inf and NaN, as on the website:
    # the run goes on (the losses say so) without numpy's warnings.
    with np.errstate(over="ignore", invalid="ignore"):
        return _run(config, epochs, recorded)


def _run(config: PlaygroundConfig, epochs: int, recorded: tuple[int, ...]) -> PlaygroundRun:
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
